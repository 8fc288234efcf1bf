"""The one FilterSet of each model in this app, used by the HTML lists and the API alike."""

import django_filters

from core.filters import CatalogueFilterSet, OrderingFilter, SearchFilter
from organisations.models import Organisation, OrganisationKind, Person


class OrganisationFilterSet(CatalogueFilterSet):
    """Filters of the organisation list: kind, parent, text (matching aliases too)."""

    q = SearchFilter(help_text="Words in the name, acronym, any alias or the description.")
    search = SearchFilter(help_text="Same as q.")
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    parent = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), to_field_name="slug")
    top_level = django_filters.BooleanFilter(field_name="parent", lookup_expr="isnull", label="Top level only")
    ordering = OrderingFilter(fields=(("name", "name"), ("acronym", "acronym"), ("kind", "kind")))

    class Meta:
        model = Organisation
        fields = ["q", "search", "kind", "parent", "top_level"]


class PersonFilterSet(CatalogueFilterSet):
    """Filters of the people list."""

    q = SearchFilter(help_text="Words in the name, a role title or the description.")
    search = SearchFilter(help_text="Same as q.")
    organisation = django_filters.ModelChoiceFilter(
        field_name="roles__organisation", queryset=Organisation.objects.all(), to_field_name="slug", distinct=True
    )
    ordering = OrderingFilter(fields=(("name", "name"),))

    class Meta:
        model = Person
        fields = ["q", "search", "organisation"]
