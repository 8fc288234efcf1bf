"""The one FilterSet of each model in this app, used by the HTML lists and the API alike."""

import django_filters
from django.db.models import Q

from core.filters import CatalogueFilterSet, OrderingFilter, SearchFilter, YearFilter
from organisations.models import Organisation
from programmes.models import (
    Event,
    EventKind,
    Metric,
    Mission,
    MissionKind,
    Programme,
    ProgrammeKind,
    ProgrammeRole,
    ProgrammeStatus,
    Topic,
)


class ProgrammeFilterSet(CatalogueFilterSet):
    """Filters of the programme list: organisation, mission, kind, status, topic, years, text."""

    q = SearchFilter(help_text="Words in the name, any alias, the summary or the description.")
    search = SearchFilter(help_text="Same as q.")
    organisation = django_filters.ModelChoiceFilter(
        field_name="organisation_roles__organisation",
        queryset=Organisation.objects.all(),
        to_field_name="slug",
        distinct=True,
        help_text="Slug of an organisation in any role (lead, partner, host, ...).",
    )
    role = django_filters.ChoiceFilter(
        field_name="organisation_roles__role",
        choices=ProgrammeRole.choices,
        distinct=True,
        help_text="With organisation: only that role.",
        method="filter_role",
    )
    mission = django_filters.ModelChoiceFilter(
        field_name="missions", queryset=Mission.objects.all(), to_field_name="slug", distinct=True
    )
    kind = django_filters.ChoiceFilter(choices=ProgrammeKind.choices)
    status = django_filters.ChoiceFilter(choices=ProgrammeStatus.choices)
    topic = django_filters.ModelChoiceFilter(
        field_name="topics", queryset=Topic.objects.all(), to_field_name="slug", distinct=True
    )
    parent = django_filters.ModelChoiceFilter(queryset=Programme.objects.all(), to_field_name="slug")
    year_min = YearFilter(field_name="announced_year", lookup_expr="gte", label="Announced from (year)")
    year_max = YearFilter(field_name="announced_year", lookup_expr="lte", label="Announced until (year)")
    ordering = OrderingFilter(
        fields=(("name", "name"), ("announced_year", "announced"), ("kind", "kind"), ("status", "status")),
        help_text="name, announced, kind or status; prefix with - for descending.",
    )

    class Meta:
        model = Programme
        fields = ["q", "search", "organisation", "role", "mission", "kind", "status", "topic", "parent"]
        ranges = [("year_min", "year_max")]

    def filter_role(self, queryset, name, value):
        """Restrict to the role, for the chosen organisation when there is one."""
        organisation = self.form.cleaned_data.get("organisation")
        condition = Q(organisation_roles__role=value)
        if organisation is not None:
            condition &= Q(organisation_roles__organisation=organisation)
        return queryset.filter(condition).distinct()


class MissionFilterSet(CatalogueFilterSet):
    """Filters of the mission list."""

    q = SearchFilter(help_text="Words in the title or statement.")
    search = SearchFilter(help_text="Same as q.")
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), to_field_name="slug")
    kind = django_filters.ChoiceFilter(choices=MissionKind.choices)
    ordering = OrderingFilter(fields=(("order", "order"), ("title", "title")))

    class Meta:
        model = Mission
        fields = ["q", "search", "organisation", "kind"]


class MetricFilterSet(CatalogueFilterSet):
    """Filters of the metric list."""

    q = SearchFilter(help_text="Words in the name, unit, period or description.")
    search = SearchFilter(help_text="Same as q.")
    programme = django_filters.ModelChoiceFilter(queryset=Programme.objects.all(), to_field_name="slug")
    organisation = django_filters.ModelChoiceFilter(queryset=Organisation.objects.all(), to_field_name="slug")
    ordering = OrderingFilter(fields=(("name", "name"), ("value", "value"), ("as_of_year", "as_of")))

    class Meta:
        model = Metric
        fields = ["q", "search", "programme", "organisation"]


class EventFilterSet(CatalogueFilterSet):
    """Filters of the event list and the timeline."""

    q = SearchFilter(help_text="Words in the name, location or description.")
    search = SearchFilter(help_text="Same as q.")
    kind = django_filters.ChoiceFilter(choices=EventKind.choices)
    year = YearFilter(field_name="date_year")
    organisation = django_filters.ModelChoiceFilter(
        field_name="organisations", queryset=Organisation.objects.all(), to_field_name="slug", distinct=True
    )
    programme = django_filters.ModelChoiceFilter(
        field_name="programmes", queryset=Programme.objects.all(), to_field_name="slug", distinct=True
    )
    ordering = OrderingFilter(fields=(("date_year", "date"), ("name", "name")))

    class Meta:
        model = Event
        fields = ["q", "search", "kind", "year", "organisation", "programme"]
