"""Site-wide views: home, timeline, discrepancies, search, error pages, robots.txt, health check."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import DatabaseError, connection
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from core.partial_dates import PartialDate
from core.search import MAX_QUERY_LENGTH, QueryTooLong, search_catalogue
from funding.models import FundingAward
from funding.totals import database_totals
from funding.views import funder_chart
from organisations.models import Organisation, Person, Role
from programmes.models import Event, Mission, Programme
from sources.models import Citation, Source
from sources.views import group_by_record, with_records

HOME_LARGEST_AWARDS = 5
# The home page charts the largest funders; /funding/ has them all.
HOME_FUNDERS = 15


class HomeView(TemplateView):
    """What the catalogue covers and where to start (ten queries, whatever the size of the catalogue).

    Funding totals come from ``funding.totals``, which never adds up incomparable sums: yearly
    sums are kept apart from one-off ones, and bounds, expected matched funding and amounts
    counted inside a larger award are left out with the reason.
    """

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        counts = [
            ("Organisations", Organisation.objects.count(), reverse("organisations:organisation-list")),
            ("Programmes", Programme.objects.count(), reverse("programmes:programme-list")),
            ("Missions", Mission.objects.count(), reverse("programmes:mission-list")),
            ("Funding awards", FundingAward.objects.count(), reverse("funding:award-list")),
            ("People", Person.objects.count(), reverse("organisations:person-list")),
            ("Events", Event.objects.count(), reverse("core:timeline")),
            ("Sources", Source.objects.count(), reverse("sources:source-list")),
        ]
        largest = FundingAward.objects.for_listing().filter(part_of=None, is_expected_match=False)
        funding = database_totals(FundingAward.objects.all(), left_out_shown=0)
        by_funder = funding.by_funder
        disputed = Citation.objects.disputed().values("content_type", "object_id", "field_name").distinct().count()
        return super().get_context_data(
            counts=counts,
            largest_awards=largest[:HOME_LARGEST_AWARDS],
            totals=funding.overall,
            funder_totals=[row for row in by_funder if row.comparable_total or row.per_year_total][:HOME_FUNDERS],
            funder_chart=funder_chart(by_funder[:HOME_FUNDERS]),
            disputed_fields=disputed,
            **kwargs,
        )


@dataclass
class TimelineEntry:
    """One dated fact: what happened, to which record, when, and the claims where sources differ."""

    date: PartialDate
    what: str
    title: str
    url: str | None
    kind: str
    claims: list[Citation] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        return (self.date.year, self.date.month or 0, self.date.day or 0, self.title.casefold(), self.what)


def _base_field_name(name: str) -> str:
    for suffix in ("_year", "_month", "_day", "_qualifier"):
        name = name.removesuffix(suffix)
    return name


def timeline_entries() -> list[TimelineEntry]:
    """Every dated fact in the catalogue, in date order (seven queries, whatever the number of rows).

    Events, programmes announced, started and targeted, organisations founded, funding
    announced, roles started, ended and stated, and sources published. A date whose sources
    disagree carries each rival claim.
    """
    claims: dict[tuple, list[Citation]] = defaultdict(list)
    for citation in Citation.objects.disputed().for_display():
        key = (citation.content_type.model_class(), citation.object_id, _base_field_name(citation.field_name))
        claims[key].append(citation)

    entries: list[TimelineEntry] = []

    def add(record, date_field: str, what: str, title: str, url: str | None, kind: str) -> None:
        date = getattr(record, date_field)
        if date is not None:
            key = (type(record), record.pk, date_field)
            entries.append(TimelineEntry(date, what, title, url, kind, claims.get(key, [])))

    for event in Event.objects.filter(date_year__isnull=False):
        add(event, "date", event.get_kind_display(), event.name, event.get_absolute_url(), "Event")
    dated_programmes = Programme.objects.filter(
        Q(announced_year__isnull=False) | Q(started_year__isnull=False) | Q(target_year__isnull=False)
    )
    for programme in dated_programmes:
        url = programme.get_absolute_url()
        add(programme, "announced", "Announced", programme.name, url, "Programme")
        add(programme, "started", "Started", programme.name, url, "Programme")
        add(programme, "target", "Target date", programme.name, url, "Programme")
    for organisation in Organisation.objects.filter(founded_year__isnull=False):
        add(organisation, "founded", "Founded", str(organisation), organisation.get_absolute_url(), "Organisation")
    for award in FundingAward.objects.for_listing().filter(announced_year__isnull=False):
        title = f"{award.title}: {award.display_amount} from {award.funder_name}"
        add(award, "announced", "Funding announced", title, award.get_absolute_url(), "Funding award")
    dated_roles = Role.objects.select_related("person", "organisation").filter(
        Q(started_year__isnull=False) | Q(ended_year__isnull=False) | Q(as_of_year__isnull=False)
    )
    for role in dated_roles:
        title = f"{role.person}, {role.title}, {role.organisation.name}"
        url = role.person.get_absolute_url()
        add(role, "started", "Took up role", title, url, "Role")
        add(role, "ended", "Left role", title, url, "Role")
        add(role, "as_of", "In role", title, url, "Role")
    for source in Source.objects.filter(published_year__isnull=False):
        add(source, "published", "Published", source.title, source.get_absolute_url(), "Source")
    return sorted(entries, key=lambda entry: entry.sort_key)


class TimelineView(TemplateView):
    """Every dated fact in order, partial dates as written, disputed dates with each claim."""

    template_name = "core/timeline.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(entries=timeline_entries(), **kwargs)


class DiscrepanciesView(TemplateView):
    """Every field whose sources disagree, by record, with each claim, source and quote.

    Two queries (the disputed citations with their sources, and the content types) plus one
    per kind of record disputed.
    """

    template_name = "core/discrepancies.html"

    def get_context_data(self, **kwargs):
        citations = list(with_records(Citation.objects.disputed()))
        groups = group_by_record(citations)
        return super().get_context_data(
            groups=groups,
            record_count=sum(len(group.records) for group in groups),
            **kwargs,
        )


class SearchView(TemplateView):
    """Search across every kind of record; an empty query explains, an over-long one gets a 400."""

    template_name = "core/search.html"

    def get(self, request, *args, **kwargs):
        query = request.GET.get("q", "")
        context = self.get_context_data(query=query.strip(), max_length=MAX_QUERY_LENGTH, **kwargs)
        try:
            context["groups"] = search_catalogue(query)
        except QueryTooLong as exc:
            context.update(error=str(exc), errors=[(str(exc), "#search-q")], groups=[], query="")
            return self.render_to_response(context, status=400)
        context["total"] = sum(group.total for group in context["groups"])
        return self.render_to_response(context)


def page_not_found(request, exception=None):
    """The 404 page, in the site's style."""
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page, in the site's style; rendered without a database query."""
    return render(request, "500.html", status=500)


@require_GET
def robots_txt(request):
    """Allow crawling of the public pages, not of the admin or the API; point at the sitemap."""
    sitemap = request.build_absolute_uri(reverse("core:sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /api/", f"Sitemap: {sitemap}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")


@require_GET
def healthz(request):
    """200 when the database answers, 503 when it does not (one query)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok"})
