"""Public pages of funding awards: the filtered table with totals by funder, and one award."""

from __future__ import annotations

from django.db.models.functions import Coalesce
from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.charts import Bar, bar_chart
from core.facets import Facet, FilteredListMixin
from core.history import LastChangedMixin
from core.money import pounds_as_written
from core.time_budget import BudgetSpent
from funding.filters import FundingAwardFilterSet
from funding.models import FundingAward
from funding.totals import FunderTotals, database_totals, summarise

# Funders in the totals table and chart, largest first; a filter by funder shows any other.
FUNDERS_SHOWN = 30


def _about(approximate: bool) -> str:
    return "about " if approximate else ""


def funder_chart(totals: list[FunderTotals]):
    """The SVG bar chart of comparable totals by funder (no query); awards with no funder stated draw no bar."""
    bars = [
        Bar(t.funder_name, t.comparable_total, _about(t.is_approximate) + pounds_as_written(t.comparable_total))
        for t in totals
        if t.comparable_total and t.funder_is_stated
    ]
    if not bars:
        return ""
    return bar_chart(
        bars,
        title="Comparable funding by funder",
        description=(
            "Totals of one-off and multi-year awards, exact or approximate, by funder. Yearly sums, "
            "bounds, expected matched funding and amounts counted inside larger awards are not included."
        ),
        chart_id="funder-chart",
    )


class FundingAwardListView(FilteredListMixin, ListView):
    """Awards filtered, sorted and paginated, with totals by funder of every award the filters keep.

    Ten queries a page (count, page, the sums by funder, the largest awards left out of them,
    and one per facet), plus one per funder or stream filter set in the query string (to check
    its slug), whatever the number of awards.
    """

    api_list_url_name = "api:fundingaward-list"

    queryset = FundingAward.objects.for_listing()
    filterset_class = FundingAwardFilterSet
    paginate_by = 50
    template_name = "funding/award_list.html"
    context_object_name = "awards"
    filter_labels = {
        "q": "Search",
        "funder": "Funder",
        "recipient": "Recipient",
        "stream": "Funding stream",
        "year": "Year announced",
        "qualifier": "How the amount is stated",
        "period": "Period",
        "amount_min": "At least (£)",
        "amount_max": "At most (£)",
        "expected_match": "Matched funding expected",
    }
    facets = (
        Facet("funder", "funder__slug", "funder__name", distinct=False),
        Facet(
            "recipient",
            Coalesce("recipient_programme__slug", "recipient_organisation__slug"),
            Coalesce("recipient_programme__name", "recipient_organisation__name"),
            distinct=False,
        ),
        Facet("stream", "stream__slug", "stream__name", distinct=False),
        Facet("year", "announced_year", "announced_year", distinct=False),
        Facet("qualifier", "amount_qualifier", distinct=False),
        Facet("period", "period", distinct=False),
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overall, by_funder, totals_shown = summarise([]), [], self.filter_is_valid
        if self.filter_is_valid:
            # Within the time the facets left: past it the page answers and says totals are not shown.
            try:
                totals = self.time_budget.run(lambda: database_totals(self.object_list))
                overall, by_funder = totals.overall, totals.by_funder
            except BudgetSpent:
                totals_shown = False
        shown = by_funder[:FUNDERS_SHOWN]
        context.update(
            funder_totals=shown,
            other_funders=len(by_funder) - len(shown),
            overall=overall,
            funder_chart=funder_chart(shown),
            totals_not_shown=self.filter_is_valid and not totals_shown,
        )
        return context


class FundingAwardDetailView(LastChangedMixin, DetailView):
    """One award with funder, recipient, stream, the award it is part of, its parts and citations (four queries)."""

    queryset = FundingAward.objects.for_detail()
    template_name = "funding/award_detail.html"
    context_object_name = "award"

    def get_context_data(self, **kwargs):
        award = self.object
        parts = list(award.parts.all())
        return super().get_context_data(
            breadcrumbs=[("Funding", reverse("funding:award-list"))],
            parts=parts,
            parts_totals=summarise(parts),
            disputed=award.disputed_fields(),
            **kwargs,
        )
