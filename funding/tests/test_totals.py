"""Totals never add up what is not comparable."""

from decimal import Decimal

import pytest

from core.models import AmountQualifier
from funding.models import FundingAward, FundingPeriod
from funding.tests.factories import FundingAwardFactory
from funding.totals import LeftOut, database_totals, reason_left_out, summarise, totals_by_funder
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


def _mixed_awards():
    """Awards of every category from two funders and a funder named only in words."""
    big, small = OrganisationFactory(name="Big"), OrganisationFactory(name="Small")
    whole = FundingAwardFactory(funder=big, amount_gbp=Decimal("250000000"))
    FundingAwardFactory(funder=big, amount_gbp=Decimal("140000000"), part_of=whole)
    FundingAwardFactory(funder=big, amount_gbp=Decimal("9.50"), amount_qualifier=AmountQualifier.APPROXIMATELY)
    FundingAwardFactory(funder=big, amount_gbp=Decimal("7"), amount_qualifier=AmountQualifier.MORE_THAN)
    FundingAwardFactory(funder=big, amount_gbp=Decimal("8"), amount_qualifier=AmountQualifier.UP_TO)
    FundingAwardFactory(funder=small, amount_gbp=Decimal("11"), period=FundingPeriod.PER_YEAR)
    FundingAwardFactory(funder=small, amount_gbp=Decimal("30"), period=FundingPeriod.OVER_YEARS, period_years=3)
    FundingAwardFactory(funder=None, funder_description="industry", amount_gbp=Decimal("5"), is_expected_match=True)


def _shape(totals) -> tuple:
    return (
        totals.comparable_total, totals.comparable_count, totals.comparable_approximate,
        totals.per_year_total, totals.per_year_count, totals.per_year_approximate, totals.left_out_count,
        sorted((item.award.pk, item.reason) for item in totals.left_out),
    )


def test_database_totals_match_the_totals_added_up_in_python():
    _mixed_awards()

    computed = database_totals(FundingAward.objects.all())

    assert _shape(computed.overall) == _shape(summarise(awards()))
    expected = totals_by_funder(awards())
    assert [t.funder_name for t in computed.by_funder] == [t.funder_name for t in expected]
    assert [_shape(t) for t in computed.by_funder] == [_shape(t) for t in expected]
    assert [t.funder_url for t in computed.by_funder] == [t.funder_url for t in expected]


def test_database_totals_list_only_the_largest_left_out_awards_and_count_the_rest():
    _mixed_awards()

    computed = database_totals(FundingAward.objects.all(), left_out_shown=2)

    assert computed.overall.left_out_count == 4
    assert [item.award.amount_gbp for item in computed.overall.left_out] == [Decimal("140000000"), Decimal("8")]
    assert computed.overall.left_out_not_listed == 2


def test_database_totals_cost_two_queries_however_many_awards(django_assert_num_queries):
    _mixed_awards()
    _mixed_awards()

    with django_assert_num_queries(2):
        database_totals(FundingAward.objects.all())
