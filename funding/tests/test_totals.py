"""Totals never add up what is not comparable."""

from decimal import Decimal

import pytest

from core.models import AmountQualifier
from funding.models import FundingAward, FundingPeriod
from funding.tests.factories import FundingAwardFactory
from funding.totals import LeftOut, reason_left_out, summarise, totals_by_funder
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def awards():
    return list(FundingAward.objects.for_listing())


def test_it_adds_one_off_and_multi_year_sums_given_exactly_or_approximately():
    funder = OrganisationFactory()
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("250000000"))
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("140000000"), period=FundingPeriod.OVER_YEARS, period_years=3)
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("10000000"), amount_qualifier=AmountQualifier.APPROXIMATELY)

    (total,) = totals_by_funder(awards())

    assert total.comparable_total == Decimal("400000000")
    assert total.is_approximate
    assert total.includes == "3 one-off or multi-year awards (1 of them approximate)"
    assert total.left_out == []


def test_it_keeps_yearly_sums_apart_from_one_off_sums():
    funder = OrganisationFactory()
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("1000000"))
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("200000"), period=FundingPeriod.PER_YEAR)

    (total,) = totals_by_funder(awards())

    assert total.comparable_total == Decimal("1000000")
    assert total.per_year_total == Decimal("200000")
    assert total.per_year_includes == "1 yearly award"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"amount_qualifier": AmountQualifier.MORE_THAN, "period": FundingPeriod.PER_YEAR}, LeftOut.LOWER_BOUND),
        ({"amount_qualifier": AmountQualifier.AT_LEAST}, LeftOut.LOWER_BOUND),
        ({"amount_qualifier": AmountQualifier.UP_TO}, LeftOut.UPPER_BOUND),
        ({"is_expected_match": True}, LeftOut.EXPECTED_MATCH),
    ],
)
def test_it_leaves_out_bounds_and_expected_matched_funding_with_the_reason(changes, reason):
    funder = OrganisationFactory()
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("5000000"))
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("1000000000"), **changes)

    (total,) = totals_by_funder(awards())

    assert total.comparable_total == Decimal("5000000")
    assert total.per_year_total == Decimal("0")
    assert [item.reason for item in total.left_out] == [reason]


def test_it_leaves_out_an_amount_counted_inside_a_larger_award_and_names_it():
    funder = OrganisationFactory()
    lab = FundingAwardFactory(funder=funder, title="NHS AI Lab", amount_gbp=Decimal("250000000"))
    FundingAwardFactory(funder=funder, title="AI Award", amount_gbp=Decimal("140000000"), part_of=lab)

    (total,) = totals_by_funder(awards())

    assert total.comparable_total == Decimal("250000000")
    (item,) = total.left_out
    assert item.reason == LeftOut.PART_OF
    assert item.reason_text == "Counted inside “NHS AI Lab”"


def test_it_agrees_with_the_comparable_queryset():
    funder = OrganisationFactory()
    counted = FundingAwardFactory(funder=funder)
    FundingAwardFactory(funder=funder, is_expected_match=True)
    FundingAwardFactory(funder=funder, amount_qualifier=AmountQualifier.MORE_THAN)
    FundingAwardFactory(funder=funder, part_of=counted)

    addable = {award.pk for award in awards() if reason_left_out(award) is None}

    assert addable == set(FundingAward.objects.comparable().values_list("pk", flat=True))


def test_it_totals_by_funder_largest_first_and_by_stated_funder_when_there_is_no_organisation():
    small, large = OrganisationFactory(name="Small funder"), OrganisationFactory(name="Large funder")
    FundingAwardFactory(funder=small, amount_gbp=Decimal("1"))
    FundingAwardFactory(funder=large, amount_gbp=Decimal("100"))
    FundingAwardFactory(funder=None, funder_description="industry", amount_gbp=Decimal("50"))

    totals = totals_by_funder(awards())

    assert [(t.funder_name, t.comparable_total) for t in totals] == [
        ("Large funder", Decimal("100")),
        ("industry", Decimal("50")),
        ("Small funder", Decimal("1")),
    ]
    assert totals[0].funder_url == large.get_absolute_url()
    assert totals[1].funder_url is None


def test_it_makes_no_query_of_its_own(django_assert_num_queries):
    FundingAwardFactory(part_of=FundingAwardFactory())
    fetched = awards()
    with django_assert_num_queries(0):
        totals_by_funder(fetched)
        summarise(fetched).left_out[0].reason_text  # noqa: B018
