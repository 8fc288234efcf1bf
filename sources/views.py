"""Public pages of sources, and the helpers that link any cited record to its page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Model, QuerySet
from django.urls import reverse
from django.views.generic import DetailView, ListView

from sources.filters import SourceFilterSet
from sources.models import Citation, Source, SourceKind

# Records with no page of their own link to the page of the record they belong to.
_OWNER_ATTRIBUTES = ("programme", "person", "organisation", "subject", "part_of")


def cited_record_querysets() -> list[QuerySet]:
    """Querysets for ``GenericPrefetch("record", ...)`` that join in what :func:`record_link` reads.

    With them, prefetching the records of any number of citations costs one query per content
    type cited, and linking them costs none.
    """
    from organisations.models import OrganisationAlias, OrganisationRelationship, Role
    from programmes.models import Metric, ProgrammeAlias, ProgrammeOrganisation

    return [
        OrganisationAlias.objects.select_related("organisation"),
        OrganisationRelationship.objects.select_related("subject", "object"),
        Role.objects.select_related("person", "organisation"),
        ProgrammeAlias.objects.select_related("programme"),
        ProgrammeOrganisation.objects.select_related("programme", "organisation"),
        Metric.objects.select_related("programme", "organisation"),
    ]


def with_records(citations: QuerySet) -> QuerySet:
    """Citations with their source, content type and cited record (one query, plus one per content type)."""
    return citations.select_related("source", "content_type").prefetch_related(
        GenericPrefetch("record", cited_record_querysets())
    )


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
    for name in _OWNER_ATTRIBUTES:
        owner = getattr(record, name, None)
        if owner is not None and hasattr(owner, "get_absolute_url"):
            return RecordLink(str(record), owner.get_absolute_url())
    return RecordLink(str(record), None)


def field_label(model: type[Model] | None, name: str) -> str:
    """A field's name as a reader would say it: "founded", "amount (GBP)"; "" for the whole record."""
    if not name:
        return ""
    base = name
    for suffix in ("_year", "_month", "_day", "_qualifier"):
        base = base.removesuffix(suffix)
    if model is not None:
        if base in getattr(model, "_partial_date_names", ()):
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
    def is_disputed(self) -> bool:
        """True when the citations claim different values, or another source's claim differs.

        ``is_disputed`` set on a citation (as the source page does) marks a rival outside the list.
        """
        if any(getattr(citation, "is_disputed", False) for citation in self.citations):
            return True
        return len({c.claimed_value for c in self.citations if c.claimed_value}) > 1


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


def cited_fields(record: Model) -> list[FieldCitations]:
    """The record's citations by field (see :class:`CitedRecord`); no query when ``citations`` was prefetched."""
    return CitedRecord(type(record), "", RecordLink(str(record), None), list(record.citations.all())).fields


@dataclass
class RecordKindGroup:
    """The cited records of one model, e.g. every organisation a source supports."""

    label: str
    records: list[CitedRecord] = field(default_factory=list)


def group_by_record(citations: list[Citation]) -> list[RecordKindGroup]:
    """Citations grouped by kind of record (in label order), then by record (in name order). No query."""
    records: dict[tuple[int, int], CitedRecord] = {}
    for citation in citations:
        key = (citation.content_type_id, citation.object_id)
        if key not in records:
            model = citation.content_type.model_class()
            kind = model._meta.verbose_name_plural.capitalize() if model else citation.content_type.model
            records[key] = CitedRecord(model, kind, record_link(citation.record))
        records[key].citations.append(citation)
    groups: dict[str, RecordKindGroup] = {}
    for record in sorted(records.values(), key=lambda r: (r.kind, r.link.label.casefold())):
        groups.setdefault(record.kind, RecordKindGroup(record.kind)).records.append(record)
    return list(groups.values())


class SourceListView(ListView):
    """Every source document, with how many facts each supports, filtered by kind and text, 50 a page.

    Two queries (the count and the page).

    Filters as ``core.mixins.FilteredListMixin`` does (an invalid value answers 400 with the
    form's messages); that mixin is not used here because its template tags import this module.
    """

    template_name = "sources/source_list.html"
    context_object_name = "sources"
    paginate_by = 50

    def get_queryset(self):
        # Meta.ordering does not apply to a query with GROUP BY; pages need a stable order.
        queryset = Source.objects.annotate(citation_count=Count("citations")).order_by("title", "pk")
        self.filterset = SourceFilterSet(self.request.GET or None, queryset=queryset, request=self.request)
        self.filter_is_valid = not self.filterset.is_bound or self.filterset.is_valid()
        return self.filterset.qs if self.filter_is_valid else queryset.none()

    def render_to_response(self, context, **response_kwargs):
        if not self.filter_is_valid:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        filtered = self.filterset.is_bound and any(
            self.request.GET.get(name) for name in self.filterset.filters if name != "ordering"
        )
        return super().get_context_data(
            filter=self.filterset, is_filtered=filtered, kind_choices=SourceKind.choices, **kwargs
        )


class SourceDetailView(DetailView):
    """One source and every fact it supports, grouped by record.

    Three queries (the source, its citations, which of them are disputed) plus one per
    content type cited.
    """

    model = Source
    template_name = "sources/source_detail.html"
    context_object_name = "source"

    def get_context_data(self, **kwargs):
        citations = list(with_records(self.object.citations.all()))
        disputed = set(Citation.objects.disputed().filter(source=self.object).values_list("pk", flat=True))
        for citation in citations:
            citation.is_disputed = citation.pk in disputed
        groups = group_by_record(citations)
        return super().get_context_data(
            citation_groups=groups,
            citation_count=len(citations),
            record_count=sum(len(group.records) for group in groups),
            breadcrumbs=[("Sources", reverse("sources:source-list"))],
            **kwargs,
        )
