"""The API's funding endpoints, and the awards as a 360Giving data package."""

from django.db.models import Prefetch
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from core.api.views import CatalogueViewSet
from funding.api.serializers import (
    FundingAwardListSerializer,
    FundingAwardSerializer,
    FundingStreamListSerializer,
    FundingStreamSerializer,
    as_360giving_package,
)
from funding.filters import FundingAwardFilterSet, FundingStreamFilterSet
from funding.models import FundingAward, FundingStream
from sources.citations import cited

_360GIVING_RESPONSE = {
    "type": "object",
    "required": ["grants", "excluded"],
    "properties": {
        "grants": {
            "type": "array",
            "items": {"type": "object", "additionalProperties": True},
            "description": "Grants in the 360Giving Data Standard's JSON shape.",
        },
        "excluded": {
            "type": "array",
            "description": "Awards left out because they cannot make a valid 360Giving grant, and why.",
            "items": {
                "type": "object",
                "properties": {
                    "id": {"type": "integer"},
                    "url": {"type": "string", "format": "uri"},
                    "reasons": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}


class FundingAwardViewSet(CatalogueViewSet):
    """Funding awards, addressed by id: exact amounts with qualifier and period."""

    lookup_field = "pk"
    queryset = FundingAward.objects.for_detail()
    list_queryset = FundingAward.objects.for_listing()
    serializer_class = FundingAwardSerializer
    list_serializer_class = FundingAwardListSerializer
    filterset_class = FundingAwardFilterSet
    expansion_prefetches = {"citations": [cited()]}

    @extend_schema(
        operation_id="funding_awards_360giving",
        responses={200: OpenApiResponse(_360GIVING_RESPONSE, description="A 360Giving data package.")},
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="360giving",
        url_name="360giving",
        renderer_classes=[JSONRenderer, BrowsableAPIRenderer],
        pagination_class=None,
    )
    def threesixtygiving(self, request):
        """Awards (filtered like the list) as a 360Giving data package. Two queries.

        Awards that cannot make a valid grant (no named funder, no recipient organisation, a
        date not known to the day, matched funding only expected) are listed under
        ``excluded`` with the reasons rather than published with invented values.
        """
        awards = self.filter_queryset(FundingAward.objects.all())
        return Response(as_360giving_package(awards, request.build_absolute_uri))


class FundingStreamViewSet(CatalogueViewSet):
    """Named pots of money awards come from."""

    queryset = FundingStream.objects.for_listing().prefetch_related(
        "children", Prefetch("awards", queryset=FundingAward.objects.order_by("-amount_gbp", "pk")), cited()
    )
    list_queryset = FundingStream.objects.for_listing()
    serializer_class = FundingStreamSerializer
    list_serializer_class = FundingStreamListSerializer
    filterset_class = FundingStreamFilterSet
    expansion_prefetches = {"citations": [cited()]}
