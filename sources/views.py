"""Public pages of sources: the list, and each source with every fact it supports."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count
from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.facets import FilteredListMixin
from core.history import LastChangedMixin
from sources.citations import group_by_record, with_records
from sources.filters import SourceFilterSet
from sources.models import Citation, Source, SourceKind


class SourceListView(FilteredListMixin, ListView):
    """Every source document, with how many facts each supports, filtered by kind and text, 50 a page.

    Two queries (the count and the page); an invalid filter answers 400 with the form's messages.
    """

    api_list_url_name = "api:source-list"

    # Meta.ordering does not apply to a query with GROUP BY; pages need a stable order.
    queryset = Source.objects.annotate(citation_count=Count("citations")).order_by("title", "pk")
    filterset_class = SourceFilterSet
    # A page of fifty sources needs no keyset: Django's paginator counts and slices the annotated query.
    paginator_class = Paginator
    template_name = "sources/source_list.html"
    context_object_name = "sources"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind_choices=SourceKind.choices, **kwargs)


class SourceDetailView(LastChangedMixin, DetailView):
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
