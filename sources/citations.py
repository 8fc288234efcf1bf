"""Citations as pages show them: prefetching them, grouping them by record and field, linking records.

Every helper here costs no query when the record's ``citations`` were prefetched with
:func:`cited` (or the citations came through :func:`with_records`); each says what it costs
otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, Prefetch, QuerySet, prefetch_related_objects

from core.apps import catalogue_models
from core.partial_dates import partial_date_columns, partial_date_name
from sources.models import Citation, CitedModel, ClaimStatus, FieldClaims


def citable_field_choices(model) -> list[tuple[str, str]]:
    """The fields of ``model`` a citation can support: its editable fields, partial dates as one."""
    partial_dates = set(getattr(model, "_partial_date_names", ()))
    partial_columns = {column for name in partial_dates for column in partial_date_columns(name)}
    choices = [("", "The record as a whole")]
    for model_field in model._meta.get_fields():
        name = model_field.name
        if not getattr(model_field, "editable", False) or model_field.auto_created or name in partial_columns:
            continue
        if getattr(model_field, "concrete", False) or model_field.many_to_many:
            choices.append((name, str(getattr(model_field, "verbose_name", name)).capitalize()))
    choices += [(name, name.replace("_", " ").capitalize()) for name in sorted(partial_dates)]
    return choices


def cited_kinds() -> dict[str, type[CitedModel]]:
    """Every kind of record a claim can cite, by model name ("programme", "fundingaward"), lowest layer first."""
    return {model._meta.model_name: model for model in catalogue_models() if issubclass(model, CitedModel)}


def cited(lookup: str = "citations") -> Prefetch:
    """The prefetch of a record's citations with their sources, as every page and the API show them (one query)."""
    return Prefetch(lookup, queryset=Citation.objects.for_display())


def cited_record_querysets() -> list[QuerySet]:
    """Querysets for ``GenericPrefetch("record", ...)`` that join in what :func:`record_link` reads.

    One per cited model that declares related rows to join (``CitedModel.cited_select_related``
    or its ``page_owners``). With them, prefetching the records of any number of citations costs
    one query per content type cited, and linking them costs none.
    """
    querysets = []
    for model in apps.get_models():
        if issubclass(model, CitedModel):
            related = model.cited_select_related or model.page_owners
            if related:
                querysets.append(model._default_manager.select_related(*related))
    return querysets


def with_records(citations: QuerySet) -> QuerySet:
    """Citations with their source, content type and cited record (one query, plus one per content type)."""
    return citations.select_related("source", "content_type").prefetch_related(
        GenericPrefetch("record", cited_record_querysets())
    )


def attach_records(citations: list) -> list:
    """The same citations with their cited records fetched (one query per content type): for a page of citations."""
    prefetch_related_objects(citations, GenericPrefetch("record", cited_record_querysets()))
    return citations


@dataclass(frozen=True)
class RecordLink:
    """How to name a cited record and where to send a reader for it."""

    label: str
    url: str | None


def record_link(record: Model | None) -> RecordLink:
    """The record's own page, else the page of the record it belongs to (an alias's organisation).

    Costs no query when the record came through :func:`with_records`.
    """
    if record is None:
        return RecordLink("A record since deleted", None)
    if hasattr(record, "get_absolute_url"):
        return RecordLink(str(record), record.get_absolute_url())
    for name in getattr(record, "page_owners", ()):
        owner = getattr(record, name, None)
        if owner is not None and hasattr(owner, "get_absolute_url"):
            return RecordLink(str(record), owner.get_absolute_url())
    return RecordLink(str(record), None)


def field_label(model: type[Model] | None, name: str) -> str:
    """A field's name as a reader would say it: "founded", "amount (GBP)"; "" for the whole record."""
    if not name:
        return ""
    base = partial_date_name(name, model)
    if model is not None:
        if base != name or base in getattr(model, "_partial_date_names", ()):
            return base.replace("_", " ")
        try:
            return str(model._meta.get_field(name).verbose_name)
        except FieldDoesNotExist:
            pass
    return name.replace("_", " ")


@dataclass
class FieldCitations:
    """The citations of one field of a record (``name`` is ``""`` for the record as a whole)."""

    name: str
    label: str
    citations: list[Citation]

    @property
    def claims(self) -> FieldClaims:
        """What the claims amount to: agreed, disputed, decided or changed over time (no query)."""
        return FieldClaims(self.name, self.citations)

    @property
    def status(self) -> str:
        """The :class:`~sources.models.ClaimStatus` of the field; ``agreed`` for the record as a whole."""
        return self.claims.status if self.name else ClaimStatus.AGREED

    @property
    def is_disputed(self) -> bool:
        """True when the claims of this field disagree, or another source's claim does.

        ``is_disputed`` set on a citation (as the source page does) marks a rival outside the list.
        """
        if any(getattr(citation, "is_disputed", False) for citation in self.citations):
            return True
        return bool(self.name) and self.claims.is_disputed


@dataclass
class CitedRecord:
    """One record with the citations of it shown on a page."""

    model: type[Model] | None
    kind: str
    link: RecordLink
    citations: list[Citation] = field(default_factory=list)

    @property
    def fields(self) -> list[FieldCitations]:
        """Citations by field, the record as a whole first, then in field order. No query."""
        grouped: dict[str, list[Citation]] = defaultdict(list)
        for citation in self.citations:
            grouped[citation.field_name].append(citation)
        return [FieldCitations(name, field_label(self.model, name), grouped[name]) for name in sorted(grouped)]


@dataclass
class RecordKindGroup:
    """The cited records of one model, e.g. every organisation a source supports."""

    label: str
    records: list[CitedRecord] = field(default_factory=list)
    key: str = ""
    """The kind's model name ("programme"), as ``?kind=`` on a source's page names it."""

    @property
    def citation_count(self) -> int:
        return sum(len(record.citations) for record in self.records)


def group_by_record(citations: list[Citation]) -> list[RecordKindGroup]:
    """Citations grouped by kind of record (in label order), then by record (in name order). No query."""
    records: dict[tuple[int, int], CitedRecord] = {}
    model_names: dict[int, str] = {}
    for citation in citations:
        key = (citation.content_type_id, citation.object_id)
        model_names[citation.content_type_id] = citation.content_type.model
        if key not in records:
            model = citation.content_type.model_class()
            kind = model._meta.verbose_name_plural.capitalize() if model else citation.content_type.model
            records[key] = CitedRecord(model, kind, record_link(citation.record))
        records[key].citations.append(citation)
    groups: dict[str, RecordKindGroup] = {}
    for key, record in sorted(records.items(), key=lambda item: (item[1].kind, item[1].link.label.casefold())):
        model_name = model_names[key[0]]
        groups.setdefault(record.kind, RecordKindGroup(record.kind, key=model_name)).records.append(record)
    return list(groups.values())


def field_citations(record: Model | None, name: str) -> list[Citation]:
    """The citations of one field of ``record`` (``announced`` also matches ``announced_year``)."""
    if record is None:
        return []
    model = type(record)
    return [c for c in record.citations.all() if c.field_name and partial_date_name(c.field_name, model) == name]


def whole_record_citations(record: Model | None) -> list[Citation]:
    """The citations of ``record`` that name no field: they support the record as a whole."""
    if record is None:
        return []
    return [c for c in record.citations.all() if not c.field_name]


def claims_differ(citations: list[Citation]) -> bool:
    """True when the claims of one field disagree at the same time (decided or not): see ``FieldClaims``."""
    return FieldClaims("", citations).is_disputed
