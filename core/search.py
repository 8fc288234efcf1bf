"""Forgiving search over every searchable kind of record, the same on SQLite and PostgreSQL.

Each searchable model registers what its search document holds (:func:`register_document`:
its names, its text, and the related rows whose changes alter it, such as aliases). The
documents live in one table, ``core.SearchDocument``, as searchable words
(``core.search_words``: case folded, word endings cut, hyphens and spacing forgiven, amounts as
one word), kept current by signals on every save and delete and rebuilt by
``manage.py refresh_search_index``.

A query is read with the same words. Each query word becomes a *term* with its alternatives:
itself, its parts or joined form, a split into two known words ("hdruk" → "hdr uk"), two query
words joined ("HDR UK" → "hdruk"), and known words within a small edit of a misspelt one
("artifical" → "artificial"). A record matches when any term matches; records matching more
terms rank first, then those matching more terms in their names, then those whose names hold
the whole query.

On SQLite an FTS5 index over the documents' words finds the candidates; on PostgreSQL
a full-text GIN index over the same words finds them. Each record is joined to its own
document (:class:`DocumentLink`) and ranked from that row, in the same query, with the same SQL
expression on both, so both databases return the same records in the same order.
"""

from __future__ import annotations

import difflib
import itertools
from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.management.color import no_style
from django.db import connections, transaction
from django.db.models import (
    DO_NOTHING,
    BooleanField,
    Case,
    Count,
    F,
    ForeignObject,
    Func,
    Model,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression, RawSQL
from django.db.models.lookups import Exact
from django.db.models.signals import post_delete, post_save
from django.db.models.sql.where import AND, WhereNode

from core import search_indexes
from core.models import SearchDocument, SearchWord
from core.search_words import STOP_WORDS, document, names_document, word_groups, words

FTS_TABLE = "core_searchdocument_fts"
# A misspelt word is corrected to known words at least this similar (difflib's ratio)...
CORRECTION_CUTOFF = 0.8
# ... and "Did you mean" offers, when nothing matched, known words at least this similar.
SUGGESTION_CUTOFF = 0.7
MIN_CORRECTED_LENGTH = 4
MAX_SPLIT_LENGTH = 6
TERM_WEIGHT, NAME_WEIGHT, PHRASE_WEIGHT = 1000, 100, 10
BATCH = 500
DOCUMENT_FIELDS = ("model", "object_id", "names", "body")


@dataclass(frozen=True)
class RelatedText:
    """Rows of another model whose text is part of a record's document (a programme's aliases' names).

    ``key`` is the attribute naming the record (``programme_id``), ``field`` the text read, and
    ``attribute`` what the record's row calls the list of them (``aliases``), in the related
    model's default order, as ``programme.aliases.all()`` would give them.
    """

    model: type[Model]
    key: str
    field: str
    attribute: str


@dataclass(frozen=True)
class DocumentSpec:
    """What one model's search documents hold.

    ``names(row)`` and ``texts(row)`` list its names (name, acronym, aliases) and other text,
    reading a row of the record's ``fields`` (and ``pk``) plus, for each of ``related``, its
    list of texts. Rows rather than model instances: a rebuild reads hundreds of thousands.
    Changes to ``related`` rows alter the record's document.
    """

    model: type[Model]
    fields: Sequence[str]
    names: Callable[[Any], Iterable[str]]
    texts: Callable[[Any], Iterable[str]]
    related: Sequence[RelatedText] = ()

    @cached_property
    def row(self) -> type:
        """The named tuple ``names`` and ``texts`` read."""
        return namedtuple(f"{self.model.__name__}Row", ["pk", *self.fields, *(r.attribute for r in self.related)])


_specs: dict[str, DocumentSpec] = {}

# The name of the relation from each searchable record to its document (:class:`DocumentLink`).
LINK = "search_document"


class DocumentLink(ForeignObject):
    """A searchable record's document, as a relation a query can join (``record.search_document``).

    No column and no migration: the document's ``object_id`` holds the record's key and its
    ``model`` the record's label (the join's extra condition), as a ``GenericRelation`` joins
    on a content type. Search joins each record to its document once, so the rank is read from
    the joined row instead of a subquery per matching record. A private field, as
    ``GenericRelation`` is: migrations do not see it.
    """

    requires_unique_target = False  # (model, object_id) is unique; object_id alone is not
    # Flagged as GenericRelation is, so that what reads a record's fields (``_meta.fields``,
    # django-simple-history's copy of a saved record, forms, serializers) passes it by.
    many_to_one, one_to_many = False, True

    def __init__(self, model: type[Model]):
        super().__init__(
            SearchDocument, on_delete=DO_NOTHING, from_fields=[model._meta.pk.name], to_fields=["object_id"],
            related_name="+", null=True, editable=False, serialize=False,
        )

    def contribute_to_class(self, cls, name, **kwargs):
        kwargs["private_only"] = True
        super().contribute_to_class(cls, name, **kwargs)

    def get_joining_fields(self, reverse_join=False):
        return ()  # the whole ON clause is get_extra_restriction's

    def get_extra_restriction(self, alias, related_alias):
        # Join.as_sql passes the document's alias first. "object_id + 0": PostgreSQL must not
        # merge-join the records with the (model, object_id) B-tree's order, parsing every body
        # of the kind on the way; object_id's statistics span every kind, so it expected such a
        # merge to stop early (84 ms against 28 for the organisations matching "health").
        kind, key = SearchDocument._meta.get_field("model"), SearchDocument._meta.get_field("object_id")
        same_key = CombinedExpression(key.get_col(alias), "+", Value(0), output_field=key)
        return WhereNode(
            [
                kind.get_lookup("exact")(kind.get_col(alias), label(self.model)),
                Exact(same_key, self.model._meta.pk.get_col(related_alias)),
            ],
            connector=AND,
        )


def label(model: type[Model]) -> str:
    """The key of ``model``'s documents."""
    return model._meta.label_lower


def register_document(spec: DocumentSpec) -> None:
    """Make ``spec.model``'s records searchable, and keep their documents current on every write."""
    _specs[label(spec.model)] = spec
    if not any(field.name == LINK for field in spec.model._meta.private_fields):
        DocumentLink(spec.model).contribute_to_class(spec.model, LINK)
    uid = f"search_document_{label(spec.model)}"
    post_save.connect(_record_saved, sender=spec.model, dispatch_uid=f"{uid}_save", weak=False)
    post_delete.connect(_record_deleted, sender=spec.model, dispatch_uid=f"{uid}_delete", weak=False)
    for related in spec.related:

        def refresh_owner(sender, instance, using=None, raw=False, _model=spec.model, _attr=related.key, **kwargs):
            if not raw and getattr(instance, _attr, None) is not None:
                refresh_documents(_model, [getattr(instance, _attr)], using=using)

        rid = f"{uid}_{label(related.model)}"
        post_save.connect(refresh_owner, sender=related.model, dispatch_uid=f"{rid}_save", weak=False)
        post_delete.connect(refresh_owner, sender=related.model, dispatch_uid=f"{rid}_delete", weak=False)


def searchable_models() -> list[type[Model]]:
    """Every model with registered search documents."""
    return [spec.model for spec in _specs.values()]


def _record_saved(sender, instance, using=None, raw=False, **kwargs):
    if not raw:  # loaddata's rows: load_catalogue rebuilds the index once at the end
        refresh_documents(sender, [instance.pk], using=using)


def _record_deleted(sender, instance, using=None, **kwargs):
    SearchDocument.objects.using(using).filter(model=label(sender), object_id=instance.pk).delete()


# Building documents ---------------------------------------------------------------------------


def _rows(spec: DocumentSpec, using: str, pks: list[int] | None) -> Iterator[Any]:
    """The rows ``spec`` builds documents from, by ``pk``: one query for the records, one per related model."""
    records = spec.model._default_manager.using(using).order_by("pk").values_list("pk", *spec.fields)
    related = [_related_texts(r, using, pks) for r in spec.related]
    if pks is not None:
        records = records.filter(pk__in=pks)
    for values in records.iterator(chunk_size=BATCH):
        yield spec.row(*values, *(texts.get(values[0], []) for texts in related))


def _related_texts(related: RelatedText, using: str, pks: list[int] | None) -> dict[int, list[str]]:
    rows = related.model._default_manager.using(using)
    if pks is not None:
        rows = rows.filter(**{f"{related.key}__in": pks})
    # The default order (what the record's related manager gives), then the key for a stable tie order.
    ordering = [*related.model._meta.ordering, "pk"]
    grouped = defaultdict(list)
    for key, text in rows.order_by(*ordering).values_list(related.key, related.field).iterator(chunk_size=2000):
        grouped[key].append(text)
    return grouped


def _build_document(spec: DocumentSpec, row: Any) -> tuple[str, str]:
    """The ``names`` and ``body`` of the document of ``row`` (a row of ``spec.row``)."""
    names = [name for name in spec.names(row) if name]
    texts = [text for text in spec.texts(row) if text]
    return names_document(*names), document(*names, *texts)


def _documents(spec: DocumentSpec, using: str, pks: list[int] | None = None) -> Iterator[list[tuple]]:
    """Batches of ``(model, object_id, names, body)`` of ``spec``'s records (those of ``pks``, or all)."""
    key = label(spec.model)
    for batch in _batches(_rows(spec, using, pks), BATCH):
        yield [(key, row.pk, *_build_document(spec, row)) for row in batch]


def _insert_documents(connection, documents: list[tuple]) -> None:
    """One multi-row ``INSERT`` of ``(model, object_id, names, body)`` rows (the ORM's costs more than the words)."""
    meta = SearchDocument._meta
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(name).column) for name in DOCUMENT_FIELDS)
    rows_per_statement = (connection.features.max_query_params or BATCH * 4) // len(DOCUMENT_FIELDS)
    with connection.cursor() as cursor:
        for rows in _batches(documents, min(BATCH, rows_per_statement)):
            values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
            sql = f"INSERT INTO {quote(meta.db_table)} ({columns}) VALUES {values}"  # noqa: S608 - names, not input
            cursor.execute(sql, [value for row in rows for value in row])


def _batches(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _body_words(documents: Iterable[tuple]) -> set[str]:
    return {word for *_, body in documents for word in body.split() if 1 < len(word) <= 100}


def _add_words(found: set[str], using: str) -> None:
    SearchWord.objects.using(using).bulk_create(
        [SearchWord(word=word) for word in sorted(found)], batch_size=BATCH, ignore_conflicts=True
    )


def refresh_documents(model: type[Model], pks: Iterable[int] | None = None, using: str | None = None) -> int:
    """Rewrite the search documents of ``model``'s records (those of ``pks``, or all); return how many.

    Documents of records that no longer exist are removed. Costs a delete, one read of the
    records and one per related model, one insert per :data:`BATCH` records, plus the new words.
    """
    spec = _specs[label(model)]
    using = using or "default"
    documents = SearchDocument.objects.using(using).filter(model=label(model))
    if pks is not None:
        pks = list(pks)
        documents = documents.filter(object_id__in=pks)
    written = 0
    with transaction.atomic(using=using):
        documents.delete()
        for batch in _documents(spec, using, pks):
            _insert_documents(connections[using], batch)
            _add_words(_body_words(batch), using)
            written += len(batch)
    return written


def rebuild(using: str = "default") -> dict[str, int]:
    """Rebuild every search document and the word list from the records (``refresh_search_index``).

    Empties both tables and writes them afresh with the documents' indexes set aside, then
    builds those once (``search_indexes``): updating them row by row cost more than the rest.
    """
    connection = connections[using]
    table = SearchDocument._meta.db_table
    counts = {}
    found: set[str] = set()
    with transaction.atomic(using=using):
        with search_indexes.set_aside(connection, table):
            with connection.cursor() as cursor:
                for statement in connection.ops.sql_flush(no_style(), [table, SearchWord._meta.db_table]):
                    cursor.execute(statement)
            for spec in _specs.values():
                counts[label(spec.model)] = 0
                for batch in _documents(spec, using):
                    _insert_documents(connection, batch)
                    found |= _body_words(batch)
                    counts[label(spec.model)] += len(batch)
            _add_words(found, using)
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")  # noqa: S608
    return counts


# Reading a query ----------------------------------------------------------------------------


@dataclass
class Term:
    """One query word: what it was written as, and the searchable strings any of which matches it."""

    written: str
    alternatives: list[str] = field(default_factory=list)
    correction: str = ""

    def add(self, *alternatives: str) -> None:
        for alternative in alternatives:
            if alternative and alternative not in self.alternatives:
                self.alternatives.append(alternative)


@dataclass
class ParsedQuery:
    """A query read for search: its terms, and the whole query as a phrase of searchable words."""

    terms: list[Term]
    phrase: str
    written: str = ""

    def __bool__(self) -> bool:
        return bool(self.terms)


def _known(candidates: Iterable[str], using: str) -> set[str]:
    wanted = sorted(set(candidates))
    if not wanted:
        return set()
    return set(SearchWord.objects.using(using).filter(word__in=wanted).values_list("word", flat=True))


def _close_words(word: str, cutoff: float, using: str) -> list[str]:
    """Known words within a small edit of ``word``, best first (they share its first letter)."""
    first = word[0]
    nearby = SearchWord.objects.using(using).filter(word__gte=first, word__lt=chr(ord(first) + 1))
    lengths = range(len(word) - 2, len(word) + 3)
    candidates = [candidate for candidate in nearby.values_list("word", flat=True) if len(candidate) in lengths]
    return difflib.get_close_matches(word, candidates, n=2, cutoff=cutoff)


def parse(query: str, using: str = "default", cutoff: float = CORRECTION_CUTOFF) -> ParsedQuery:
    """Read ``query`` into terms with their alternatives (a few indexed queries of the word list)."""
    groups = word_groups(query)
    kept = [group for group in groups if group[0] not in STOP_WORDS] or groups
    if not kept:
        return ParsedQuery([], "", query or "")
    singles = [group[0] for group in kept]
    splits = {word: [(word[:i], word[i:]) for i in range(2, len(word) - 1)] for word in singles if word.isalnum()}
    pairs = [a + b for a, b in itertools.pairwise(singles)]
    known = _known([*singles, *pairs, *(part for parts in splits.values() for pair in parts for part in pair)], using)
    terms: list[Term] = []
    index = 0
    while index < len(kept):
        group = kept[index]
        word = group[0]
        following = kept[index + 1][0] if index + 1 < len(kept) else None
        if following is not None and len(group) == 1 and word + following in known:
            # "HDR UK" is also searched as the one word its name is known by ("hdruk").
            term = Term(f"{word} {following}")
            term.add(word + following, f"{word} {following}")
            terms.append(term)
            index += 2
            continue
        term = Term(word)
        term.add(word)
        if len(group) > 1:
            term.add(" ".join(group[1:]))
        if word not in known or len(word) <= MAX_SPLIT_LENGTH:
            # "HDRUK" is also "HDR UK": two known words run together (kept short: "national" is not "nation al").
            term.add(*(f"{a} {b}" for a, b in splits.get(word, []) if a in known and b in known))
        if word not in known and word.isalpha() and len(word) >= MIN_CORRECTED_LENGTH:
            close = _close_words(word, cutoff, using)
            term.add(*close)
            term.correction = close[0] if close else ""
        terms.append(term)
        index += 1
    phrase = " ".join(words(" ".join(" ".join(group[1:] or group[:1]) for group in kept)))
    return ParsedQuery(terms, phrase, query)


def suggestion(query: str, using: str = "default") -> str:
    """``query`` with each misspelt word replaced by the nearest known word ("" when none is misspelt)."""
    parsed = parse(query, using, cutoff=SUGGESTION_CUTOFF)
    corrected = [term.correction or term.written for term in parsed.terms]
    if not any(term.correction for term in parsed.terms):
        return ""
    return " ".join(corrected)


# Matching and ranking -----------------------------------------------------------------------


def _pattern(alternative: str) -> str:
    # Short words and numbers must match whole ("ai" is not "aim"); longer ones match a word's start.
    whole = len(alternative) <= 3 or any(character.isdigit() for character in alternative) or " " in alternative
    return f" {alternative} " if whole else f" {alternative}"


def _any(field_name: str, term: Term) -> Q:
    condition = Q()
    for alternative in term.alternatives:
        condition |= Q(**{f"{field_name}__contains": _pattern(alternative)})
    return condition


def _fts_expression(parsed: ParsedQuery) -> str:
    """The FTS5 query matching what :func:`_pattern` matches: ``"word"`` whole, ``"word" *`` a word's start."""
    phrases = set()
    for term in parsed.terms:
        for alternative in term.alternatives:
            pattern = _pattern(alternative)
            quoted = '"' + alternative.replace('"', '""') + '"'
            phrases.add(quoted if pattern.endswith(" ") else f"{quoted} *")
    return "body : (" + " OR ".join(sorted(phrases)) + ")"


def score(parsed: ParsedQuery, prefix: str = ""):
    """The rank of a document: terms matched, then terms matched in names, then the whole query in names.

    ``prefix`` is the path to the document's fields (``search_document__`` from a record).
    """
    parts = []
    body, names = f"{prefix}body", f"{prefix}names"
    for term in parsed.terms:
        if len(parsed.terms) > 1:  # every match matches a lone term: no need to test it again
            parts.append(Case(When(_any(body, term), then=Value(TERM_WEIGHT)), default=Value(0)))
        parts.append(Case(When(_any(names, term), then=Value(NAME_WEIGHT)), default=Value(0)))
    if len(parsed.terms) > 1 and parsed.phrase:
        phrase = Q(**{f"{names}__contains": f" {parsed.phrase} "})
        parts.append(Case(When(phrase, then=Value(PHRASE_WEIGHT)), default=Value(0)))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def _tsquery(parsed: ParsedQuery) -> str:
    """The PostgreSQL ``tsquery`` matching what :func:`_pattern` matches (``word``, ``word:*``, ``hdr <-> uk``)."""
    options = set()
    for term in parsed.terms:
        for alternative in term.alternatives:
            tokens = [token for token in alternative.split() if token.isalnum()]
            if not tokens:
                continue
            whole = _pattern(alternative).endswith(" ")
            options.add(" <-> ".join(tokens) if whole else f"{tokens[0]}:*")
    return " | ".join(sorted(options))


class _WordsMatch(Func):
    """``to_tsvector('simple', <body>) @@ to_tsquery('simple', %s)``, as the GIN index of migration 0005 serves it.

    (The two arguments are joined by the operator: the words to find stay a query parameter.)
    """

    template = "to_tsvector('simple', %(expressions)s)"
    arg_joiner = ") @@ to_tsquery('simple', "
    output_field = BooleanField()


def matches(parsed: ParsedQuery, using: str, prefix: str = "") -> Q | None:
    """The condition on a document (its fields at ``prefix``) that it matches any term of ``parsed``.

    FTS5 on SQLite, the full-text GIN index on PostgreSQL; None when nothing can match.
    """
    if connections[using].vendor == "sqlite":
        fts = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608 - a constant name
        return Q(**{f"{prefix}id__in": RawSQL(fts, [_fts_expression(parsed)])})  # noqa: S611 - a parameter
    tsquery = _tsquery(parsed)
    if not tsquery:
        return None
    return Q(_WordsMatch(F(f"{prefix}body"), Value(tsquery)))


def totals(parsed: ParsedQuery, models: Iterable[type[Model]], using: str = "default") -> dict[type[Model], int]:
    """How many records of each of ``models`` match ``parsed``, in one query of the documents.

    One ``GROUP BY model`` over the matching documents instead of a count per kind: each
    record has exactly one document, kept in step in the writing transaction, so a kind's
    matching documents are its matching records (as ``search()`` finds them, unfiltered).
    """
    models = list(models)
    condition = matches(parsed, using) if parsed else None
    if condition is None or not models:
        return dict.fromkeys(models, 0)
    counted = dict(
        SearchDocument.objects.using(using)
        .filter(condition)
        .values_list("model")
        .annotate(total=Count("id"))
        .order_by()
        .values_list("model", "total")
    )
    return {model: counted.get(label(model), 0) for model in models}


def search(queryset: QuerySet, query: str | ParsedQuery) -> QuerySet:
    """``queryset`` narrowed to the records matching ``query``, annotated ``search_rank``, best first.

    The one search of every kind: /search/, /api/search/, each list's ``q`` and the API's
    ``?search=`` all call it through the model's ``QuerySet.search()``. One query, plus a few
    indexed reads of the word list to read the query (none when given a :class:`ParsedQuery`,
    which is how the search page reads a query once for every kind). Each record is joined to
    its document (:class:`DocumentLink`), which is matched and ranked in the same row.
    """
    parsed = query if isinstance(query, ParsedQuery) else parse(query, queryset.db)
    if not parsed:
        return queryset.none() if parsed.written.strip() else queryset
    condition = matches(parsed, queryset.db, prefix=f"{LINK}__")
    if condition is None:
        return queryset.none()
    rank = score(parsed, prefix=f"{LINK}__")
    # Filtered after the rank is annotated: the rank's OR conditions make the join an outer one,
    # and a filter requiring the document (isnull=False) makes it inner again, so the database
    # can start from the matching documents.
    return (
        queryset.annotate(search_rank=rank)
        .filter(condition, **{f"{LINK}__isnull": False})
        .order_by("-search_rank", "pk")
    )
