"""Public pages of sources: the list, and each source with every fact it supports."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Paginator
from django.db.models import Count
from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.facets import FilteredListMixin
from core.history import LastChangedMixin
from sources.citations import group_by_record, with_records
from sources.filters import SourceFilterSet
from sources.models import Citation, Source, SourceKind
from sources.quotes import SourceText

# A document with more quotes than this shows each kind of record folded (a <details> per kind)
# until a reader opens it or picks one kind, so a long document's page starts as a contents list.
UNFOLDED_QUOTES = 30


class SourceListView(FilteredListMixin, ListView):
    """Every source document, with how many facts each supports, filtered by kind and text, 50 a page.

    Two queries (the count and the page); an invalid filter answers 400 with the form's messages.
    """

    api_list_url_name = "api:source-list"

    # Meta.ordering does not apply to a query with GROUP BY; pages need a stable order.
    queryset = Source.objects.without_text().annotate(citation_count=Count("citations")).order_by("title", "pk")
    filterset_class = SourceFilterSet
    # A page of fifty sources needs no keyset: Django's paginator counts and slices the annotated query.
    paginator_class = Paginator
    template_name = "sources/source_list.html"
    context_object_name = "sources"
    paginate_by = 50

    def get_context_data(self, **kwargs):
        return super().get_context_data(kind_choices=SourceKind.choices, **kwargs)


@dataclass(frozen=True)
class KindEntry:
    """A kind of record in a source page's contents: how many claims of it, and the link filtering to it."""

    key: str
    label: str
    count: int
    url: str
    selected: bool


class SourceDetailView(LastChangedMixin, DetailView):
    """One source and every passage cited from it, in context, grouped by kind of record and record.

    ``?kind=programme`` shows one kind of record; the contents list every kind with its count.
    Four queries (the source, the count of claims by kind, the claims shown, which of them are
    disputed) plus one per kind of record shown. An unknown kind answers 400.
    """

    model = Source
    template_name = "sources/source_detail.html"
    context_object_name = "source"

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        counts = (
            self.object.citations.order_by()
            .values_list("content_type__app_label", "content_type__model")
            .annotate(total=Count("pk"))
        )
        self.kind_counts = {model: (app_label, total) for app_label, model, total in counts}
        self.kind = request.GET.get("kind", "")
        if self.kind and self.kind not in self.kind_counts:
            context = self.get_context_data(object=self.object, kind_error=True)
            return self.render_to_response(context, status=400)
        return self.render_to_response(self.get_context_data(object=self.object))

    def contents(self) -> list[KindEntry]:
        page = self.object.get_absolute_url()
        entries = []
        for model_name, (app_label, total) in self.kind_counts.items():
            model = apps.get_model(app_label, model_name)
            label = model._meta.verbose_name_plural.capitalize()
            url = f"{page}?{urlencode({'kind': model_name})}"
            entries.append(KindEntry(model_name, label, total, url, model_name == self.kind))
        return sorted(entries, key=lambda entry: entry.label)

    def get_context_data(self, kind_error: bool = False, **kwargs):
        citations = self.object.citations.all()
        if self.kind:
            citations = citations.filter(content_type__model=self.kind)
        citations = [] if kind_error else list(with_records(citations))
        disputed = set(Citation.objects.disputed().filter(source=self.object).values_list("pk", flat=True))
        text = SourceText(self.object.text)
        for citation in citations:
            citation.is_disputed = citation.pk in disputed
            citation.passage = text.find(citation.quote)
        groups = group_by_record(citations)
        return super().get_context_data(
            citation_groups=groups,
            citation_count=len(citations),
            fold_groups=not self.kind and len(citations) > UNFOLDED_QUOTES,
            total_count=sum(total for _, total in self.kind_counts.values()),
            record_count=sum(len(group.records) for group in groups),
            contents=self.contents(),
            kind=self.kind,
            kind_error=kind_error,
            breadcrumbs=[("Sources", reverse("sources:source-list"))],
            **kwargs,
        )
