"""Public pages of funding awards: the filtered table with totals by funder, and one award."""

from __future__ import annotations

from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.facets import FilteredListMixin
from core.history import LastChangedMixin
from core.time_budget import BudgetSpent
from funding.charts import funder_chart, year_chart
from funding.facets import AWARD_FACETS
from funding.filters import FundingAwardFilterSet
from funding.models import FundingAward
from funding.totals import database_totals, database_totals_by_year, summarise

# Funders in the totals table and chart, largest first; a filter by funder shows any other.
FUNDERS_SHOWN = 30


class FundingAwardListView(FilteredListMixin, ListView):
    """Awards filtered, sorted and paginated, with totals by funder of every award the filters keep.

    Eleven queries a page (count, page, the sums by funder, the largest awards left out of them,
    the sums by year, and one per facet), plus one per funder or stream filter set in the query string (to check
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
    facets = AWARD_FACETS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        overall, by_funder, by_year = summarise([]), [], []
        totals_shown = by_year_shown = self.filter_is_valid
        if self.filter_is_valid:
            # Within the time the facets left: past it the page answers and says totals are not shown.
            # Totals over every award are read from the kept sums, a few thousand rows at most: they
            # need no budget, and a slow facet must not hide them.
            run = self.time_budget.run if not self.object_list.is_every_award() else (lambda totals: totals())
            try:
                totals = run(lambda: database_totals(self.object_list))
                overall, by_funder = totals.overall, totals.by_funder
            except BudgetSpent:
                totals_shown = False
            else:
                try:
                    by_year = run(lambda: database_totals_by_year(self.object_list, left_out=overall.left_out))
                except BudgetSpent:
                    by_year_shown = False
        shown = by_funder[:FUNDERS_SHOWN]
        context.update(
            funder_totals=shown,
            other_funders=len(by_funder) - len(shown),
            overall=overall,
            funder_chart=funder_chart(shown),
            year_totals=by_year,
            year_chart=year_chart(by_year, chart_id="funding-year-chart"),
            undated_awards=sum(t.award_count for t in by_year if t.year is None),
            totals_not_shown=self.filter_is_valid and not totals_shown,
            year_totals_not_shown=totals_shown and not by_year_shown,
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
