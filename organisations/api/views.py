"""The API's organisation and people endpoints."""


from core.api.views import CatalogueViewSet
from organisations.api.serializers import (
    OrganisationListSerializer,
    OrganisationSerializer,
    PersonListSerializer,
    PersonSerializer,
)
from organisations.filters import OrganisationFilterSet, PersonFilterSet
from organisations.models import Organisation, Person
from sources.citations import cited


class OrganisationViewSet(CatalogueViewSet):
    """Organisations: NHS bodies, units, regulators, universities, funders."""

    queryset = Organisation.objects.for_detail().prefetch_related("programmes")
    list_queryset = Organisation.objects.for_listing()
    serializer_class = OrganisationSerializer
    list_serializer_class = OrganisationListSerializer
    filterset_class = OrganisationFilterSet
    expansion_prefetches = {"aliases": ["aliases"], "citations": [cited()]}


class PersonViewSet(CatalogueViewSet):
    """People the sources name, with their roles."""

    queryset = Person.objects.for_listing().prefetch_related("events", cited())
    list_queryset = Person.objects.for_listing()
    serializer_class = PersonSerializer
    list_serializer_class = PersonListSerializer
    filterset_class = PersonFilterSet
    expansion_prefetches = {"citations": [cited()]}
