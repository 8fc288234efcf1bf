"""Site-wide views: home, timeline, discrepancies, search, open data, error pages, robots.txt, health check."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.db import DatabaseError, connection
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.generic import ListView, TemplateView

from catalogue.changes import CHANGES_PAGE_SIZE, change_kinds, change_rows, describe_changes
from catalogue.downloads import DATA_PACKAGE_FILE, DOWNLOAD_FILES, GRANTS_FILE, published_downloads, site_url
from catalogue.search import MAX_QUERY_LENGTH, QueryTooLong, did_you_mean, search_catalogue
from catalogue.timeline import TIMELINE_PAGE_SIZE, dated_facts, timeline_entries, timeline_picture
from core.models import CatalogueRevision
from funding.charts import funder_chart
from funding.models import FundingAward
from funding.totals import database_totals
from organisations.models import Organisation, Person
from programmes.models import Event, Mission, Programme
from sources.citations import attach_records, group_by_record
from sources.models import Citation, ClaimStatus, Source, group_by_field

HOME_LARGEST_AWARDS = 5
# Records a page of /discrepancies/ lists (each with every claim of its differing fields).
DISCREPANCIES_PAGE_SIZE = 50
# The home page charts the largest funders; /funding/ has them all.
HOME_FUNDERS = 15


class HomeView(TemplateView):
    """What the catalogue covers, where to start and when it last changed (eleven queries, whatever its size).

    Funding totals come from ``funding.totals``, which never adds up incomparable sums: yearly
    sums are kept apart from one-off ones, and bounds, expected matched funding and amounts
    counted inside a larger award are left out with the reason.
    """

    template_name = "catalogue/home.html"

    def get_context_data(self, **kwargs):
        counts = [
            ("Organisations", Organisation.objects.count(), reverse("organisations:organisation-list")),
            ("Programmes", Programme.objects.count(), reverse("programmes:programme-list")),
            ("Missions", Mission.objects.count(), reverse("programmes:mission-list")),
            ("Funding awards", FundingAward.objects.count(), reverse("funding:award-list")),
            ("People", Person.objects.count(), reverse("organisations:person-list")),
            ("Events", Event.objects.count(), reverse("catalogue:timeline")),
            ("Sources", Source.objects.count(), reverse("sources:source-list")),
        ]
        largest = FundingAward.objects.for_listing().filter(part_of=None, is_expected_match=False)
        funding = database_totals(FundingAward.objects.all(), left_out_shown=0)
        funders = [row for row in funding.by_funder if row.comparable_total or row.per_year_total][:HOME_FUNDERS]
        # Narrowed first to records with a field of differing values, as /discrepancies/ is: one grouped
        # pass instead of an EXISTS lookup per claim of every record.
        disputed = (
            Citation.objects.of_differing_fields().disputed()
            .values("content_type", "object_id", "field_name").distinct().count()
        )
        return super().get_context_data(
            counts=counts,
            largest_awards=largest[:HOME_LARGEST_AWARDS],
            totals=funding.overall,
            funder_totals=funders,
            funder_chart=funder_chart(funders),
            disputed_fields=disputed,
            catalogue_changed_at=CatalogueRevision.current()[1],
            **kwargs,
        )


class TimelineView(ListView):
    """Every dated fact in order, partial dates as written, disputed dates with each claim.

    Paged by the database (``dated_facts``): a count, a page of keys, then each record kind's
    rows and the claims (``timeline_entries``).
    """

    template_name = "catalogue/timeline.html"
    paginate_by = TIMELINE_PAGE_SIZE
    context_object_name = "facts"

    def get_queryset(self):
        return dated_facts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = timeline_entries(context["page_obj"].object_list)
        context["timeline_chart"] = timeline_picture(context["entries"])
        return context


class DiscrepanciesView(TemplateView):
    """Where claims differ, in three groups: disputes (rival claims, none preferred), decided
    disputes (one claim preferred, with the reason) and changes over time, each by record with
    every claim, its source and quote; paged, ``DISCREPANCIES_PAGE_SIZE`` records a page.

    One query for the claims with their sources and content types, then one per kind of record
    on the page, whatever the number of claims. Records are paged in the groups' order (disputes
    first), within a group by kind of record and when each was added; each page lists its
    records by kind and name.
    """

    template_name = "catalogue/discrepancies.html"

    def get_context_data(self, **kwargs):
        claims = (
            (Citation.objects.disputed() | Citation.objects.changes())
            .of_differing_fields()
            .select_related("source", "content_type")
        )
        by_status: dict[str, dict[tuple[int, int], list[Citation]]] = {status: {} for status in ClaimStatus}
        for field_claims in group_by_field(claims):
            first = field_claims.claims[0]
            record_claims = by_status[field_claims.status].setdefault((first.content_type_id, first.object_id), [])
            record_claims.extend(field_claims.claims)
        listed = (ClaimStatus.DISPUTED, ClaimStatus.DECIDED, ClaimStatus.CHANGED)
        records = [(status, key) for status in listed for key in sorted(by_status[status])]
        page = Paginator(records, DISCREPANCIES_PAGE_SIZE).get_page(self.request.GET.get("page"))
        on_page: dict[str, list[Citation]] = {status: [] for status in listed}
        for status, key in page.object_list:
            on_page[status].extend(by_status[status][key])
        attach_records([claim for status_claims in on_page.values() for claim in status_claims])
        return super().get_context_data(
            groups=group_by_record(on_page[ClaimStatus.DISPUTED]),
            decided_groups=group_by_record(on_page[ClaimStatus.DECIDED]),
            change_groups=group_by_record(on_page[ClaimStatus.CHANGED]),
            record_count=len(by_status[ClaimStatus.DISPUTED]),
            decided_count=len(by_status[ClaimStatus.DECIDED]),
            change_count=len(by_status[ClaimStatus.CHANGED]),
            page_obj=page,
            **kwargs,
        )


class SearchView(TemplateView):
    """Search across every kind of record; an empty query explains, an over-long one gets a 400."""

    template_name = "catalogue/search.html"

    def get(self, request, *args, **kwargs):
        query = request.GET.get("q", "")
        context = self.get_context_data(query=query.strip(), max_length=MAX_QUERY_LENGTH, **kwargs)
        try:
            context["groups"] = search_catalogue(query)
        except QueryTooLong as exc:
            context.update(error=str(exc), errors=[(str(exc), "#search-q")], groups=[], query="")
            return self.render_to_response(context, status=400)
        context["total"] = sum(group.total for group in context["groups"])
        context["did_you_mean"] = did_you_mean(query) if query.strip() and not context["groups"] else ""
        return self.render_to_response(context)


class ChangesView(ListView):
    """Recent edits, newest first, filtered by kind of record; an unknown kind is a 400, a page past the end a 404.

    Two queries (the count and the page) plus two per kind of record on the page (``catalogue.changes``).
    """

    template_name = "catalogue/changes.html"
    paginate_by = CHANGES_PAGE_SIZE
    context_object_name = "rows"

    def get(self, request, *args, **kwargs):
        self.kind = request.GET.get("kind", "")
        if self.kind and self.kind not in change_kinds():
            message = "Choose a kind of record from the list."
            self.object_list = []
            context = self.filter_context(error=message, errors=[(message, "#changes-kind")], kind="")
            return self.render_to_response(context, status=400)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return change_rows(self.kind or None)

    def filter_context(self, **kwargs) -> dict:
        kinds = [(name, str(model._meta.verbose_name_plural).capitalize()) for name, model in change_kinds().items()]
        return {"kinds": kinds, "kind": self.kind, "show_editors": settings.CATALOGUE_SHOW_EDITORS, **kwargs}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(self.filter_context(changes=describe_changes(context["page_obj"].object_list)))
        return context


class DataView(TemplateView):
    """What the dataset holds, its licence and sources, and its downloads (see ``catalogue.downloads``).

    One query while the downloads of the current revision are saved; the first request after a
    write builds them (one query per table).
    """

    template_name = "catalogue/data.html"

    def get_context_data(self, **kwargs):
        downloads = published_downloads(site_url(self.request))
        summary = downloads.summary
        return super().get_context_data(
            summary=summary,
            changed_at=downloads.changed_at,
            licence=settings.CATALOGUE_DATA_LICENCE,
            data_package=(DATA_PACKAGE_FILE, summary["sizes"][DATA_PACKAGE_FILE]),
            grants_file=(GRANTS_FILE, summary["sizes"][GRANTS_FILE]),
            **kwargs,
        )


@require_GET
def data_download(request, filename: str):
    """One of the open-data files of the current revision, as an attachment (one query once it is saved)."""
    if filename not in DOWNLOAD_FILES:
        raise Http404("No such download.")
    downloads = published_downloads(site_url(request))
    return FileResponse(
        downloads.open(filename), as_attachment=True, filename=filename, content_type=DOWNLOAD_FILES[filename]
    )


class ServicePageView(TemplateView):
    """A page about the service itself (accessibility, privacy, licence): text only, no query."""


class LicenceView(ServicePageView):
    """The data licence, as the open-data package declares it (``CATALOGUE_DATA_LICENCE``): no query."""

    template_name = "catalogue/licence.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(licence=settings.CATALOGUE_DATA_LICENCE, **kwargs)


class AboutView(TemplateView):
    """About the catalogue and its method, with when the catalogue last changed (one query)."""

    template_name = "catalogue/about.html"

    def get_context_data(self, **kwargs):
        _, changed_at = CatalogueRevision.current()
        return super().get_context_data(catalogue_changed_at=changed_at, **kwargs)


def page_not_found(request, exception=None):
    """The 404 page, in the site's style."""
    return render(request, "404.html", status=404)


def server_error(request):
    """The 500 page, in the site's style; rendered without a database query."""
    return render(request, "500.html", status=500)


@require_GET
def robots_txt(request):
    """Allow crawling of the public pages, not of the admin or the API; point at the sitemap."""
    sitemap = request.build_absolute_uri(reverse("catalogue:sitemap"))
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
