"""Free-text search that ranks: PostgreSQL full-text search with a fallback for SQLite.

On PostgreSQL, records with a ``search_vector`` column (programmes, organisations) are
matched against a weighted vector (name and aliases over summary over description) kept in
the row and indexed with GIN, ranked with ``ts_rank`` plus trigram similarity of the name,
so misspellings ("Acelerated Access") still find the record. Highlighted snippets come from
``ts_headline``. On SQLite the same calls match case-insensitive substrings (names, aliases,
text) and rank name matches first, so the site behaves the same, if less cleverly.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import Case, Expression, F, FloatField, Q, QuerySet, TextField, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.utils.safestring import SafeString, mark_safe

SEARCH_CONFIG = "english"
# Below this word similarity a misspelt name is more likely another word than a typo.
TRIGRAM_THRESHOLD = 0.45
# Control characters cannot occur in stored text, so they mark highlights unambiguously.
_MARK_START, _MARK_STOP = "\x02", "\x03"


def is_postgres(queryset: QuerySet) -> bool:
    """True when the queryset's database is PostgreSQL."""
    return connections[queryset.db].vendor == "postgresql"


def weighted_vector(*weighted: tuple[str | Expression, str]) -> SearchVector:
    """A search vector over ``(field or expression, weight)`` pairs; weights run from "A" (highest) to "D"."""
    vectors = [
        SearchVector(Coalesce(field, Value(""), output_field=TextField()), weight=weight, config=SEARCH_CONFIG)
        for field, weight in weighted
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def ranked(
    queryset: QuerySet,
    query: str,
    *,
    name_fields: Sequence[str],
    text_fields: Sequence[str] = (),
    also: Callable[[str], QuerySet] | None = None,
) -> QuerySet:
    """Filter ``queryset`` to records matching ``query`` and annotate ``search_rank``, best first.

    One query. On PostgreSQL the match is the row's ``search_vector`` or a trigram-similar
    name; elsewhere a case-insensitive substring of a name or ``text_fields``, name matches
    ranked first. ``also(query)`` gives the keys of further matches ranked as names (an alias's
    owner: ``Alias.objects.filter(name__icontains=query).values("owner_id")``).
    """
    query = query.strip()
    if not query:
        return queryset
    alias_match = Q(pk__in=also(query)) if also is not None else None
    fallback = _any_contains(text_fields, query)
    if is_postgres(queryset):
        search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        similarities = [TrigramWordSimilarity(Value(query), field) for field in name_fields]
        similarity = similarities[0] if len(similarities) == 1 else Greatest(*similarities)
        # A UNION of one indexed lookup per way of matching: OR-ed in one WHERE, they made
        # PostgreSQL scan the whole table instead of using each GIN index.
        everything = queryset.model._default_manager.order_by()
        matching = everything.filter(search_vector=search_query).values("pk")
        for field in name_fields:
            matching = matching.union(everything.filter(**{f"{field}__trigram_word_similar": query}).values("pk"))
        if alias_match is not None:
            matching = matching.union(everything.filter(alias_match).values("pk"))
        return (
            queryset.filter(pk__in=matching)
            .annotate(search_rank=SearchRank(F("search_vector"), search_query) + similarity)
            .order_by("-search_rank", "pk")
        )
    name_match = Q()
    for field in name_fields:
        name_match |= Q(**{f"{field}__icontains": query})
    if alias_match is not None:
        name_match |= alias_match
    return (
        queryset.filter(fallback | name_match)
        .annotate(
            search_rank=Case(When(name_match, then=Value(1.0)), default=Value(0.5), output_field=FloatField())
        )
        .order_by("-search_rank", "pk")
    )


def _any_contains(fields: Sequence[str], query: str) -> Q:
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__icontains": query})
    return condition


def containing(
    queryset: QuerySet, query: str, fields: Sequence[str], also: Callable[[str], QuerySet] | None = None
) -> QuerySet:
    """Rows where any of ``fields`` contains ``query``, ignoring case (one query): every plain ``search()``.

    ``also(query)`` gives the keys of further matching rows, found through a related table (a
    person by a role's title: ``Role.objects.filter(title__icontains=query).values("person_id")``).
    On PostgreSQL a UNION of one lookup per field, so each field's trigram index
    (``core/migrations/0001``) serves it; an OR of them scans the table. Elsewhere an OR.
    """
    query = query.strip()
    if not query:
        return queryset
    if not is_postgres(queryset):
        condition = _any_contains(fields, query)
        if also is not None:
            condition |= Q(pk__in=also(query))
        return queryset.filter(condition)
    everything = queryset.model._default_manager.order_by()
    lookups = [everything.filter(**{f"{field}__icontains": query}).values("pk") for field in fields]
    if also is not None:
        lookups.append(also(query))
    return queryset.filter(pk__in=lookups[0].union(*lookups[1:]))


def with_headline(queryset: QuerySet, query: str, field: str) -> QuerySet:
    """Annotate ``search_headline``: ``field`` cut around the matches, with control marks on PostgreSQL.

    Turn it into HTML with :func:`highlight`, which escapes the text first.
    """
    query = query.strip()
    if not query or not is_postgres(queryset):
        return queryset.annotate(search_headline=F(field))
    return queryset.annotate(
        search_headline=SearchHeadline(
            field,
            SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG),
            config=SEARCH_CONFIG,
            start_sel=_MARK_START,
            stop_sel=_MARK_STOP,
            max_words=30,
            min_words=12,
        )
    )


def highlight(text: str, query: str = "") -> SafeString:
    """Escape ``text`` and wrap the matched words in ``<mark>``.

    Uses PostgreSQL's marks when present; otherwise marks each case-insensitive occurrence of
    the query's words (the SQLite fallback). Stored text is always escaped: it may hold HTML.
    """
    text = text or ""
    if _MARK_START in text:
        escaped = html.escape(text)
        return mark_safe(escaped.replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>"))  # noqa: S308
    words = sorted({word for word in query.split() if len(word) > 1}, key=len, reverse=True)
    if not words:
        return mark_safe(html.escape(text))  # noqa: S308
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(html.escape(text[position : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    pieces.append(html.escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308


def refresh_search_vectors(queryset: QuerySet, vector: SearchVector) -> int:
    """Recompute ``search_vector`` for the rows of ``queryset`` in one UPDATE (PostgreSQL only)."""
    if not is_postgres(queryset):
        return 0
    return queryset.order_by().update(search_vector=vector)
