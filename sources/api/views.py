"""The API's source endpoints."""

from django.db.models import Prefetch

from core.api.views import CatalogueViewSet
from sources.api.serializers import ClaimSerializer, SourceListSerializer, SourceSerializer
from sources.citations import with_records
from sources.filters import ClaimFilterSet, SourceFilterSet
from sources.models import Citation, Source


def _quotes():
    return Prefetch("citations", queryset=Citation.objects.select_related("content_type"))


class SourceViewSet(CatalogueViewSet):
    """Source documents the catalogue quotes. Two queries a list page (three with citations); two a detail.

    A detail carries the document's text (read-only); a list never loads it.
    """

    queryset = Source.objects.prefetch_related(_quotes())
    list_queryset = Source.objects.without_text()  # the text is on the detail only
    serializer_class = SourceSerializer
    list_serializer_class = SourceListSerializer
    filterset_class = SourceFilterSet
    expansion_prefetches = {"citations": [_quotes()]}


class ClaimViewSet(CatalogueViewSet):
    """Claims, addressed by id: read by anyone; written by active staff holding the citation permissions.

    A write names the record by kind and id (or slug) and the field by name; the quote must be in
    the source's text. Two queries a list page, plus one per kind of record on it.
    """

    lookup_field = "pk"
    lookup_value_regex = r"[0-9]+"
    queryset = with_records(Citation.objects.defer("source__text")).order_by("pk")
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
