"""Pictures of funding: totals by funder and by year as server-drawn bar charts (``core.charts``).

Each chart draws only what may be added up (one-off and multi-year sums, exact or "about"), the
same figures as the comparable column of the table beside it; yearly sums, bounds, expected
matched funding and amounts counted inside larger awards stay in the table with their reason.
Awards whose source names no funder are never drawn as a funder, and undated awards never as a
year: both are counted in the tables and said so in the chart's description.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.safestring import SafeString

from core.charts import Bar, bar_chart
from core.money import pounds_as_written
from funding.models import FundingAward
from funding.totals import (
    AwardTotals,
    FunderTotals,
    LeftOutAward,
    YearTotals,
    database_totals,
    database_totals_by_year,
    reason_left_out,
)

NOT_INCLUDED = (
    "Yearly sums, bounds, expected matched funding and amounts counted inside larger awards are not included."
)


def _comparable(totals: AwardTotals) -> str:
    """The comparable total as a chart labels it: "about £30 million", or "nothing added up"."""
    if not totals.comparable_count:
        return "nothing added up"
    return ("about " if totals.is_approximate else "") + pounds_as_written(totals.comparable_total)


def funder_chart(totals: Sequence[FunderTotals], *, chart_id: str = "funder-chart") -> SafeString | str:
    """The bar chart of comparable totals by funder (no query); awards with no funder stated draw no bar."""
    bars = [
        Bar(t.funder_name, t.comparable_total, _comparable(t))
        for t in totals
        if t.comparable_total and t.funder_is_stated
    ]
    if not bars:
        return ""
    return bar_chart(
        bars,
        title="Comparable funding by funder",
        description=f"Totals of one-off and multi-year awards, exact or approximate, by funder. {NOT_INCLUDED}",
        chart_id=chart_id,
    )


def year_chart(totals: Sequence[YearTotals], *, chart_id: str = "year-chart") -> SafeString | str:
    """The bar chart of comparable totals by year announced, oldest first (no query).

    Every dated year with an award has a bar, an empty one when none of its sums can be added up,
    so a gap in the money is not mistaken for a gap in the record. Undated awards draw no bar; the
    description counts them. An empty string when no year has a comparable total.
    """
    dated = [t for t in totals if t.year is not None]
    if not any(t.comparable_total for t in dated):
        return ""
    undated = sum(t.award_count for t in totals if t.year is None)
    description = (
        f"Totals of one-off and multi-year awards, exact or approximate, by the year announced. {NOT_INCLUDED}"
    )
    if undated:
        description += f" Not drawn: {undated:,} award{'s' if undated != 1 else ''} with no date stated."
    return bar_chart(
        [Bar(str(t.year), t.comparable_total, _comparable(t)) for t in dated],
        title="Comparable funding by year announced",
        description=description,
        chart_id=chart_id,
    )


@dataclass(frozen=True)
class FundingPictures:
    """Funding by year (and by funder) of one set of awards: the charts and the totals their tables show."""

    id_prefix: str
    year_totals: list[YearTotals]
    year_chart: SafeString | str
    funder_totals: list[FunderTotals]
    funder_chart: SafeString | str


def left_out_of(awards: Sequence[FundingAward]) -> list[LeftOutAward]:
    """The awards among ``awards`` that no total adds up, each with its reason (no query)."""
    return [LeftOutAward(award, reason) for award in awards if (reason := reason_left_out(award)) is not None]


def funding_pictures(
    awards: QuerySet, *, id_prefix: str, shown: Sequence[FundingAward] = (), by_funder: bool = False
) -> FundingPictures:
    """The pictures of ``awards`` for a record's page: one query by year, and one more ``by_funder``.

    ``shown`` are awards the page has already fetched (its list); those no total adds up are named
    in the tables with their reason, the others only counted.
    """
    left_out = left_out_of(shown)
    year_totals = database_totals_by_year(awards, left_out=left_out)
    funder_totals = database_totals(awards, left_out_shown=0).by_funder if by_funder else []
    return FundingPictures(
        id_prefix=id_prefix,
        year_totals=year_totals,
        year_chart=year_chart(year_totals, chart_id=f"{id_prefix}-year-chart"),
        funder_totals=funder_totals,
        funder_chart=funder_chart(funder_totals, chart_id=f"{id_prefix}-funder-chart"),
    )
