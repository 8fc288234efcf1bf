"""The API's programme, mission, metric and event endpoints."""

from django.db.models import Prefetch

from core.api.views import CatalogueViewSet
from programmes.api.serializers import (
    EventListSerializer,
    EventSerializer,
    MetricListSerializer,
    MetricSerializer,
    MissionListSerializer,
    MissionSerializer,
    ProgrammeListSerializer,
    ProgrammeSerializer,
)
from programmes.filters import EventFilterSet, MetricFilterSet, MissionFilterSet, ProgrammeFilterSet
from programmes.models import Event, Metric, Mission, Programme, ProgrammeOrganisation
from sources.citations import cited


class ProgrammeViewSet(CatalogueViewSet):
    """Programmes, initiatives, centres, challenges, services and strategies."""

    queryset = Programme.objects.for_detail().prefetch_related("funding_awards")
    list_queryset = Programme.objects.select_related("parent")
    serializer_class = ProgrammeSerializer
    list_serializer_class = ProgrammeListSerializer
    filterset_class = ProgrammeFilterSet
    expansion_prefetches = {
        "organisations": [
            Prefetch("organisation_roles", queryset=ProgrammeOrganisation.objects.select_related("organisation"))
        ],
        "missions": ["missions"],
        "topics": ["topics"],
        "citations": [cited()],
    }


class MissionViewSet(CatalogueViewSet):
    """Organisations' stated missions, work programmes and ambitions."""

    queryset = Mission.objects.for_listing().prefetch_related("programmes", "other_organisations", cited())
    list_queryset = Mission.objects.for_listing()
    serializer_class = MissionSerializer
    list_serializer_class = MissionListSerializer
    filterset_class = MissionFilterSet
    expansion_prefetches = {"programmes": ["programmes"], "citations": [cited()]}


class MetricViewSet(CatalogueViewSet):
    """Reported figures of programmes and organisations."""

    queryset = Metric.objects.for_listing().prefetch_related(cited())
    list_queryset = Metric.objects.for_listing()
    serializer_class = MetricSerializer
    list_serializer_class = MetricListSerializer
    filterset_class = MetricFilterSet
    expansion_prefetches = {"citations": [cited()]}


class EventViewSet(CatalogueViewSet):
    """Dated happenings: launches, announcements, roundtables, conferences."""

    queryset = Event.objects.for_listing().prefetch_related(cited())
    list_queryset = Event.objects.all()
    serializer_class = EventSerializer
    list_serializer_class = EventListSerializer
    filterset_class = EventFilterSet
    expansion_prefetches = {
        "organisations": ["organisations"],
        "programmes": ["programmes"],
        "people": ["people"],
        "citations": [cited()],
    }
