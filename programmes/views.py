"""Public pages of programmes, missions and events.

Each view states the queries it makes; the tests pin those numbers with few and with many rows.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django.urls import reverse
from django.utils.encoding import force_str
from django.views.generic import DetailView, ListView

from core.facets import FilteredListMixin, PagedListMixin
from core.history import LastChangedMixin
from core.query_strings import value_links
from funding.models import FundingAward
from funding.totals import summarise
from programmes.facets import PROGRAMME_FACETS
from programmes.filters import ProgrammeFilterSet
from programmes.models import Event, Mission, MissionKind, Programme, ProgrammeRole, leads_among
from sources.citations import cited


def programme_page_queryset():
    """Programmes with everything one's page shows: ``for_detail()``, the citations of every row the
    page shows, and the funding received.

    Fifteen queries for one programme, whatever the number of roles, aliases, metrics, events,
    awards and citations: one per relation and one per relation's citations. (The awards are
    funding's records, which programmes' models do not import: hence here, in the page's view.)
    """
    return Programme.objects.for_detail().prefetch_related(
        cited("organisation_roles__citations"),
        cited("relationships_as_subject__citations"),
        cited("aliases__citations"),
        cited("metrics__citations"),
        Prefetch("funding_awards", queryset=FundingAward.objects.for_listing()),
        cited("funding_awards__citations"),
    )


class ProgrammeListView(FilteredListMixin, ListView):
    """Programmes filtered, searched, sorted and paginated, with a count beside each filter option.

    Nine queries a page (count, page, organisation roles, topics, and one per facet), plus one per
    organisation, mission or topic filter set in the query string (to check its slug).
    """

    api_list_url_name = "api:programme-list"

    queryset = Programme.objects.for_table()
    filterset_class = ProgrammeFilterSet
    paginate_by = 25
    template_name = "programmes/programme_list.html"
    context_object_name = "programmes"
    filter_labels = {
        "q": "Search",
        "organisation": "Organisation",
        "role": "Role",
        "mission": "Mission",
        "kind": "Kind",
        "status": "Status",
        "topic": "Topic",
        "parent": "Part of",
        "year_min": "Announced from",
        "year_max": "Announced until",
    }
    facets = PROGRAMME_FACETS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Each row's topics as (topic, link filtering by it): the query string is encoded once a
        # page and each topic's link once, where {% querystring %} per cell copied it every time.
        # Each lead organisation as (its acronym or name, its page): computed here once a row, where
        # the template's lookups through ``leads`` and the organisation cost several times as much.
        # Kind and status labels from one dict each a page (get_FOO_display() builds it per call).
        kinds, statuses = (dict(Programme._meta.get_field(name).flatchoices) for name in ("kind", "status"))
        link, links = value_links(self.request.GET, "topic"), {}
        for programme in context["programmes"]:
            programme.kind_label = force_str(kinds.get(programme.kind, programme.kind), strings_only=True)
            programme.status_label = force_str(statuses.get(programme.status, programme.status), strings_only=True)
            programme.topic_links = []
            for topic in programme.table_topics:
                if topic.slug not in links:
                    links[topic.slug] = link(topic.slug)
                programme.topic_links.append((topic, links[topic.slug]))
            programme.lead_links = [
                (organisation.acronym or organisation.name, organisation.get_absolute_url())
                for organisation in leads_among(programme.table_roles)
            ]
        return context


class ProgrammeDetailView(LastChangedMixin, DetailView):
    """One programme with every fact linked to its citations (fourteen queries; see ``programme_page_queryset``)."""

    queryset = programme_page_queryset()
    template_name = "programmes/programme_detail.html"
    context_object_name = "programme"

    def get_context_data(self, **kwargs):
        programme = self.object
        roles = list(programme.organisation_roles.all())
        awards = list(programme.funding_awards.all())
        trail = [("Programmes", reverse("programmes:programme-list"))]
        if programme.parent is not None:
            trail.append((programme.parent.name, programme.parent.get_absolute_url()))
        return super().get_context_data(
            breadcrumbs=trail,
            lead_roles=[role for role in roles if role.role == ProgrammeRole.LEAD],
            other_roles=[role for role in roles if role.role != ProgrammeRole.LEAD],
            funders=[role for role in roles if role.role == ProgrammeRole.FUNDER],
            # Every organisation recorded for the programme, whatever its role, each once.
            organisations=list({role.organisation_id: role.organisation for role in roles}.values()),
            awards=awards,
            funding=summarise(awards),
            disputed=programme.disputed_fields(),
            **kwargs,
        )


class MissionListView(PagedListMixin, ListView):
    """Every mission, work programme and ambition, grouped by organisation in stated order, paged.

    Three queries a page (how many missions, the page of them, how many programmes aim at each
    of them), two more beyond the first page (the page's keys; how many of the first
    organisation's missions precede the page, so that a list running on from the previous page
    says so and numbers on).
    """

    # (organisation, kind, order) is unique (mission_unique_order): the order is total, so stable across pages.
    queryset = Mission.objects.for_listing().order_by("organisation__name", "organisation_id", "kind", "order")
    paginate_by = 50
    template_name = "programmes/mission_list.html"
    context_object_name = "missions"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(kinds=MissionKind, **kwargs)
        missions = context["missions"] = list(context["missions"])
        counts = Mission.objects.filter(pk__in=[mission.pk for mission in missions]).programme_counts()
        for mission in missions:
            mission.programme_count = counts.get(mission.pk, 0)
        page = context["page_obj"]
        context["continued"] = None
        if missions and page.has_previous():
            context["continued"] = Mission.objects.before(missions[0])
        return context


class MissionDetailView(LastChangedMixin, DetailView):
    """One mission with the organisations it belongs to, the programmes aiming at it and its citations
    (six queries)."""

    queryset = Mission.objects.for_listing().prefetch_related(
        "other_organisations",
        Prefetch("programmes", queryset=Programme.objects.for_listing()),
        cited(),
    )
    template_name = "programmes/mission_detail.html"
    context_object_name = "mission"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[("Missions", reverse("programmes:mission-list"))],
            disputed=self.object.disputed_fields(),
            **kwargs,
        )


class EventDetailView(LastChangedMixin, DetailView):
    """One event with who took part and its citations (five queries)."""

    queryset = Event.objects.for_listing().prefetch_related(
        cited()
    )
    template_name = "programmes/event_detail.html"
    context_object_name = "event"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[("Timeline", reverse("catalogue:timeline"))],
            disputed=self.object.disputed_fields(),
            **kwargs,
        )
