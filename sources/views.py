"""Public pages of sources: the list, and each source with every fact it supports."""

from __future__ import annotations

from django.db.models import Count
from django.urls import reverse
from django.views.generic import DetailView, ListView

from sources.citations import group_by_record, with_records
from sources.filters import SourceFilterSet
from sources.models import Citation, Source, SourceKind


class SourceListView(ListView):
    """Every source document, with how many facts each supports, filtered by kind and text, 50 a page.

    Two queries (the count and the page).

    Filters as ``core.facets.FilteredListMixin`` does (an invalid value answers 400 with the
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
