"""Site-wide views: home, timeline, discrepancies, search, error pages, robots.txt, health check."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, connection
from django.db.models import F, Model, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import ListView, TemplateView

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
        funders = [row for row in funding.by_funder if row.comparable_total or row.per_year_total][:HOME_FUNDERS]
        disputed = Citation.objects.disputed().values("content_type", "object_id", "field_name").distinct().count()
        return super().get_context_data(
            counts=counts,
            largest_awards=largest[:HOME_LARGEST_AWARDS],
            totals=funding.overall,
            funder_totals=funders,
            funder_chart=funder_chart(funders),
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


@dataclass(frozen=True)
class DatedField:
    """A partial-date field that puts its records on the timeline."""

    model: type[Model]
    field: str
    what: str | None
    """What the date marks ("Founded"); None for events, which say it with their kind."""
    kind: str
    order_by: str
    """The lookup that orders facts of the same date, as the record's title starts."""


TIMELINE_FIELDS = (
    DatedField(Event, "date", None, "Event", "name"),
    DatedField(Programme, "announced", "Announced", "Programme", "name"),
    DatedField(Programme, "started", "Started", "Programme", "name"),
    DatedField(Programme, "target", "Target date", "Programme", "name"),
    DatedField(Organisation, "founded", "Founded", "Organisation", "name"),
    DatedField(FundingAward, "announced", "Funding announced", "Funding award", "title"),
    DatedField(Role, "started", "Took up role", "Role", "person__name"),
    DatedField(Role, "ended", "Left role", "Role", "person__name"),
    DatedField(Role, "as_of", "In role", "Role", "person__name"),
    DatedField(Source, "published", "Published", "Source", "title"),
)
TIMELINE_PAGE_SIZE = 200


def dated_facts() -> QuerySet:
    """Every dated fact as ``(field index, pk, year, month, day, title)`` rows, in date order.

    One UNION ALL over ``TIMELINE_FIELDS``, ordered and paged by the database, so a page of the
    timeline costs the same whether the catalogue dates fifty facts or half a million. Months
    and days a source does not give sort first within their year or month.
    """
    branches = [
        spec.model._default_manager.filter(**{f"{spec.field}_year__isnull": False})
        .order_by()
        .annotate(
            timeline_field=Value(index),
            sort_year=F(f"{spec.field}_year"),
            sort_month=Coalesce(f"{spec.field}_month", Value(0)),
            sort_day=Coalesce(f"{spec.field}_day", Value(0)),
            sort_title=Lower(spec.order_by),
        )
        .values_list("timeline_field", "pk", "sort_year", "sort_month", "sort_day", "sort_title")
        for index, spec in enumerate(TIMELINE_FIELDS)
    ]
    return branches[0].union(*branches[1:], all=True).order_by(
        "sort_year", "sort_month", "sort_day", "sort_title", "timeline_field", "pk"
    )


def _timeline_records(model: type[Model], keys: set) -> dict:
    queryset = model._default_manager.filter(pk__in=keys)
    if model is FundingAward:
        queryset = queryset.select_related("funder")
    elif model is Role:
        queryset = queryset.select_related("person", "organisation")
    return queryset.in_bulk()


def timeline_entries(rows=None) -> list[TimelineEntry]:
    """The facts of ``rows`` (from :func:`dated_facts`; all of them when None), with their records and claims.

    One query per kind of record on the page and one for the claims of disputed dates: at most
    eight, whatever the size of the catalogue.
    """
    rows = list(dated_facts() if rows is None else rows)
    keys: dict[type[Model], set] = defaultdict(set)
    for index, key, *_ in rows:
        keys[TIMELINE_FIELDS[index].model].add(key)
    records = {model: _timeline_records(model, model_keys) for model, model_keys in keys.items()}

    claims: dict[tuple, list[Citation]] = defaultdict(list)
    if keys:
        on_page = Q()
        for model, model_keys in keys.items():
            on_page |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=model_keys)
        for citation in Citation.objects.disputed().for_display().filter(on_page):
            key = (citation.content_type.model_class(), citation.object_id, _base_field_name(citation.field_name))
            claims[key].append(citation)

    entries = []
    for index, key, *_ in rows:
        spec = TIMELINE_FIELDS[index]
        record = records[spec.model][key]
        what = record.get_kind_display() if isinstance(record, Event) else spec.what
        url = (record.person if isinstance(record, Role) else record).get_absolute_url()
        title = _describe(record)
        date = getattr(record, spec.field)
        entries.append(TimelineEntry(date, what, title, url, spec.kind, claims.get((spec.model, key, spec.field), [])))
    return entries


def _describe(record) -> str:
    if isinstance(record, FundingAward):
        return f"{record.title}: {record.display_amount} from {record.funder_name}"
    if isinstance(record, Role):
        return f"{record.person}, {record.title}, {record.organisation.name}"
    if isinstance(record, Source):
        return record.title
    return str(record) if isinstance(record, Organisation) else record.name


class TimelineView(ListView):
    """Every dated fact in order, partial dates as written, disputed dates with each claim.

    Paged by the database (``dated_facts``): a count, a page of keys, then each record kind's
    rows and the claims (``timeline_entries``).
    """

    template_name = "core/timeline.html"
    paginate_by = TIMELINE_PAGE_SIZE
    context_object_name = "facts"

    def get_queryset(self):
        return dated_facts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = timeline_entries(context["page_obj"].object_list)
        return context


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
