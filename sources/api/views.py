"""The API's source endpoints."""

from django.db.models import Prefetch

from core.api.views import CatalogueViewSet
from sources.api.serializers import SourceListSerializer, SourceSerializer
from sources.filters import SourceFilterSet
from sources.models import Citation, Source


def _quotes():
    return Prefetch("citations", queryset=Citation.objects.select_related("content_type"))


class SourceViewSet(CatalogueViewSet):
    """Source documents the catalogue quotes. Two queries a list page (three with citations); two a detail."""

    queryset = Source.objects.prefetch_related(_quotes())
    list_queryset = Source.objects.all()
    serializer_class = SourceSerializer
    list_serializer_class = SourceListSerializer
    filterset_class = SourceFilterSet
    expansion_prefetches = {"citations": [_quotes()]}
