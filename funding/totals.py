"""Totals of funding awards that never add up what is not comparable.

Sources state amounts as "£250 million", "more than £1 billion a year", "up to £36 million" or
"£20 million, to be matched by industry". Adding those together would mislead, so an award is
either *added* to a total of its kind, or *left out* with the reason:

- one-off sums and sums over a number of years (exact or "about") make the ``comparable_total``;
- exact or "about" sums per year make a separate ``per_year_total`` (a yearly figure added to a
  one-off sum means nothing);
- lower bounds ("more than", "at least"), upper bounds ("up to"), matched funding only expected
  from others (``is_expected_match``) and amounts counted inside a larger award (``part_of``)
  are listed apart, each with its reason.

The functions here take awards already fetched (``FundingAward.objects.for_listing()``) and make
no query of their own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from core.models import AmountQualifier
from core.money import NOT_STATED
from core.reversing import url_for
from funding.models import (
    ADDABLE_QUALIFIERS,
    LOWER_BOUND_QUALIFIERS,
    FundingAward,
    FundingPeriod,
    LeftOut,
    TotalCategory,
)

__all__ = [
    "LeftOut",
    "YearTotals",
    "database_totals",
    "database_totals_by_year",
    "reason_left_out",
    "summarise",
    "totals_by_funder",
]


# How many left-out awards a page built from database totals lists by name; the rest are counted.
LEFT_OUT_SHOWN = 50


def reason_left_out(award: FundingAward) -> LeftOut | None:
    """Why ``award`` cannot be added to a total, or None when it can (no query)."""
    if award.part_of_id is not None:
        return LeftOut.PART_OF
    if award.is_expected_match:
        return LeftOut.EXPECTED_MATCH
    if award.amount_qualifier in LOWER_BOUND_QUALIFIERS:
        return LeftOut.LOWER_BOUND
    if award.amount_qualifier == AmountQualifier.NOT_STATED:
        return LeftOut.BOUND_NOT_STATED
    if award.amount_qualifier not in ADDABLE_QUALIFIERS:
        return LeftOut.UPPER_BOUND
    return None


@dataclass(frozen=True)
class LeftOutAward:
    """An award a total leaves out, and why."""

    award: FundingAward
    reason: LeftOut

    @property
    def reason_text(self) -> str:
        if self.reason == LeftOut.PART_OF and self.award.part_of is not None:
            return f"Counted inside “{self.award.part_of.title}”"
        return self.reason.label


@dataclass
class AwardTotals:
    """Sums of a set of awards, kept apart by kind, and the awards no sum includes.

    Counts are kept rather than the awards themselves, so a total over 200,000 awards computed
    in the database (``database_totals``) and one over a programme's three awards (``summarise``)
    look the same to a template. ``left_out`` may list fewer awards than ``left_out_count``.
    """

    comparable_total: Decimal = Decimal(0)
    comparable_count: int = 0
    comparable_approximate: int = 0
    per_year_total: Decimal = Decimal(0)
    per_year_count: int = 0
    per_year_approximate: int = 0
    left_out: list[LeftOutAward] = field(default_factory=list)
    left_out_count: int = 0

    def add(self, award: FundingAward) -> None:
        reason = reason_left_out(award)
        approximate = int(award.amount_qualifier == AmountQualifier.APPROXIMATELY)
        if reason is not None:
            self.left_out.append(LeftOutAward(award, reason))
            self.left_out_count += 1
        elif award.period == FundingPeriod.PER_YEAR:
            self.add_sum(TotalCategory.PER_YEAR, award.amount_gbp, 1, approximate)
        else:
            self.add_sum(TotalCategory.COMPARABLE, award.amount_gbp, 1, approximate)

    def add_sum(self, category: str, amount: Decimal, count: int, approximate: int) -> None:
        """Add ``count`` awards of one category worth ``amount`` in all (left-out ones are only counted)."""
        if category == TotalCategory.COMPARABLE:
            self.comparable_total += amount
            self.comparable_count += count
            self.comparable_approximate += approximate
        elif category == TotalCategory.PER_YEAR:
            self.per_year_total += amount
            self.per_year_count += count
            self.per_year_approximate += approximate
        else:
            self.left_out_count += count

    @property
    def is_approximate(self) -> bool:
        """True when the comparable total includes an "about" figure."""
        return self.comparable_approximate > 0

    @property
    def per_year_is_approximate(self) -> bool:
        return self.per_year_approximate > 0

    @property
    def includes(self) -> str:
        """What the comparable total adds up, in words: "2 one-off or multi-year awards (1 approximate)"."""
        count = self.comparable_count
        text = f"{count:,} one-off or multi-year award{'s' if count != 1 else ''}"
        if self.comparable_approximate:
            text += f" ({self.comparable_approximate:,} of them approximate)"
        return text

    @property
    def per_year_includes(self) -> str:
        count = self.per_year_count
        return f"{count:,} yearly award{'s' if count != 1 else ''}"

    @property
    def left_out_not_listed(self) -> int:
        """How many left-out awards ``left_out`` does not list (only database totals cut the list)."""
        return self.left_out_count - len(self.left_out)

    @property
    def award_count(self) -> int:
        return self.comparable_count + self.per_year_count + self.left_out_count


@dataclass
class FunderTotals(AwardTotals):
    """The totals of one funder (an organisation, or a funder as a source describes it)."""

    funder_name: str = ""
    funder_url: str | None = None
    funder_is_stated: bool = True
    """False for the awards whose source names no funder: listed in tables, never drawn as a funder."""


def _funder_key(funder_id: int | None, funder_description: str) -> object:
    """Awards from one funder organisation, or from one funder named only in words, go together."""
    return funder_id if funder_id is not None else f"described:{funder_description}"


def _funder_order(totals: FunderTotals) -> tuple:
    return (-totals.comparable_total, -totals.per_year_total, totals.funder_name.casefold())


def summarise(awards: Iterable[FundingAward]) -> AwardTotals:
    """The totals of ``awards`` taken together (no query)."""
    totals = AwardTotals()
    for award in awards:
        totals.add(award)
    return totals


def totals_by_funder(awards: Iterable[FundingAward]) -> list[FunderTotals]:
    """Totals per funder, largest comparable total first, then by name (no query with ``for_listing()``)."""
    by_funder: dict[object, FunderTotals] = {}
    for award in awards:
        key = _funder_key(award.funder_id, award.funder_description)
        if key not in by_funder:
            by_funder[key] = FunderTotals(
                funder_name=award.funder_name,
                funder_url=award.funder.get_absolute_url() if award.funder is not None else None,
                funder_is_stated=award.funder_is_stated,
            )
        by_funder[key].add(award)
    return sorted(by_funder.values(), key=_funder_order)


@dataclass
class DatabaseTotals:
    """What :func:`database_totals` returns: the overall totals and the totals of each funder."""

    overall: AwardTotals
    by_funder: list[FunderTotals]


def database_totals(awards: QuerySet, *, left_out_shown: int = LEFT_OUT_SHOWN) -> DatabaseTotals:
    """The totals of every award in ``awards``, summed by the database: two queries, whatever their number.

    One aggregate query gives each funder's sums and counts by category; a second fetches the
    ``left_out_shown`` largest awards that no total includes, so each can be listed with its reason.
    The sums match :func:`summarise` and :func:`totals_by_funder` over the same awards.
    """
    overall = AwardTotals()
    by_funder: dict[object, FunderTotals] = {}
    for row in awards.sums_by_funder_and_category():
        key = _funder_key(row["funder_id"], row["funder_description"])
        if key not in by_funder:
            if row["funder_id"] is not None:
                name = row["funder__name"]
                # url_for: the route reversed once, not once for each of thousands of funders.
                url = url_for("organisations:organisation-detail", slug=row["funder__slug"])
            else:
                name, url = row["funder_description"] or NOT_STATED, None
            by_funder[key] = FunderTotals(
                funder_name=name, funder_url=url, funder_is_stated=row["funder_id"] is not None or name != NOT_STATED
            )
        for totals in (overall, by_funder[key]):
            totals.add_sum(row["total_category"], row["amount"] or Decimal(0), row["awards"], row["approximate"])
    if left_out_shown:
        for award in awards.for_listing().left_out_of_totals().order_by("-amount_gbp", "title", "pk")[:left_out_shown]:
            item = LeftOutAward(award, LeftOut(reason_left_out(award)))
            overall.left_out.append(item)
            by_funder[_funder_key(award.funder_id, award.funder_description)].left_out.append(item)
    return DatabaseTotals(overall=overall, by_funder=sorted(by_funder.values(), key=_funder_order))


@dataclass
class YearTotals(AwardTotals):
    """The totals of the awards announced in one year; ``year`` is None for awards no source dates."""

    year: int | None = None

    @property
    def label(self) -> str:
        return str(self.year) if self.year is not None else f"Date {NOT_STATED.lower()}"


def database_totals_by_year(awards: QuerySet, *, left_out: Iterable[LeftOutAward] = ()) -> list[YearTotals]:
    """The totals of ``awards`` by year announced, summed by the database: one query, whatever their number.

    Years come in order, the undated awards last, each counted but never placed in a year. The
    awards no total includes are counted in their year; ``left_out`` (awards already fetched, such
    as ``database_totals(...).overall.left_out``) are listed in their year with their reason, at
    no further query. The sums of each year match :func:`summarise` over that year's awards.
    """
    by_year: dict[int | None, YearTotals] = {}
    for row in awards.sums_by_year_and_category():
        year = row["announced_year"]
        totals = by_year.setdefault(year, YearTotals(year=year))
        totals.add_sum(row["total_category"], row["amount"] or Decimal(0), row["awards"], row["approximate"])
    for item in left_out:
        if item.award.announced_year in by_year:
            by_year[item.award.announced_year].left_out.append(item)
    return sorted(by_year.values(), key=lambda totals: (totals.year is None, totals.year or 0))
