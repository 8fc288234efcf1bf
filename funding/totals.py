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

from django.db import models

from core.models import AmountQualifier
from funding.models import FundingAward, FundingPeriod


class LeftOut(models.TextChoices):
    """Why an award is not added to a total."""

    PART_OF = "part_of", "Counted inside a larger award"
    EXPECTED_MATCH = "expected_match", "Matched funding expected from others, not an award made"
    LOWER_BOUND = "lower_bound", "A lower bound (“more than” or “at least”): the real sum is not known"
    UPPER_BOUND = "upper_bound", "An upper bound (“up to”): the real sum is not known"


ADDABLE_QUALIFIERS = frozenset({AmountQualifier.EXACT, AmountQualifier.APPROXIMATELY})


def reason_left_out(award: FundingAward) -> LeftOut | None:
    """Why ``award`` cannot be added to a total, or None when it can (no query)."""
    if award.part_of_id is not None:
        return LeftOut.PART_OF
    if award.is_expected_match:
        return LeftOut.EXPECTED_MATCH
    if award.amount_qualifier in (AmountQualifier.MORE_THAN, AmountQualifier.AT_LEAST):
        return LeftOut.LOWER_BOUND
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
    """Sums of a set of awards, kept apart by kind, and the awards no sum includes."""

    comparable_total: Decimal = Decimal(0)
    comparable_awards: list[FundingAward] = field(default_factory=list)
    per_year_total: Decimal = Decimal(0)
    per_year_awards: list[FundingAward] = field(default_factory=list)
    left_out: list[LeftOutAward] = field(default_factory=list)

    def add(self, award: FundingAward) -> None:
        reason = reason_left_out(award)
        if reason is not None:
            self.left_out.append(LeftOutAward(award, reason))
        elif award.period == FundingPeriod.PER_YEAR:
            self.per_year_total += award.amount_gbp
            self.per_year_awards.append(award)
        else:
            self.comparable_total += award.amount_gbp
            self.comparable_awards.append(award)

    @property
    def is_approximate(self) -> bool:
        """True when the comparable total includes an "about" figure."""
        return any(a.amount_qualifier == AmountQualifier.APPROXIMATELY for a in self.comparable_awards)

    @property
    def per_year_is_approximate(self) -> bool:
        return any(a.amount_qualifier == AmountQualifier.APPROXIMATELY for a in self.per_year_awards)

    @property
    def includes(self) -> str:
        """What the comparable total adds up, in words: "2 one-off or multi-year awards (1 approximate)"."""
        count = len(self.comparable_awards)
        text = f"{count} one-off or multi-year award{'s' if count != 1 else ''}"
        approximate = sum(a.amount_qualifier == AmountQualifier.APPROXIMATELY for a in self.comparable_awards)
        if approximate:
            text += f" ({approximate} of them approximate)"
        return text

    @property
    def per_year_includes(self) -> str:
        count = len(self.per_year_awards)
        return f"{count} yearly award{'s' if count != 1 else ''}"

    @property
    def award_count(self) -> int:
        return len(self.comparable_awards) + len(self.per_year_awards) + len(self.left_out)


@dataclass
class FunderTotals(AwardTotals):
    """The totals of one funder (an organisation, or a funder as a source describes it)."""

    funder_name: str = ""
    funder_url: str | None = None


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
        key = award.funder_id if award.funder_id is not None else f"described:{award.funder_description}"
        if key not in by_funder:
            by_funder[key] = FunderTotals(
                funder_name=award.funder_name,
                funder_url=award.funder.get_absolute_url() if award.funder is not None else None,
            )
        by_funder[key].add(award)
    return sorted(by_funder.values(), key=lambda t: (-t.comparable_total, -t.per_year_total, t.funder_name.casefold()))
