"""Funding by year: the database sums each year's awards as ``summarise`` does, undated awards apart."""

from decimal import Decimal

import pytest

from core.models import AmountQualifier
from funding.models import FundingAward, FundingPeriod, LeftOut
from funding.tests.factories import FundingAwardFactory
from funding.totals import database_totals, database_totals_by_year, summarise

pytestmark = pytest.mark.django_db


def make_awards():
    whole = FundingAwardFactory(title="AI Award", amount_gbp=Decimal(140_000_000), announced_year=2019)
    FundingAwardFactory(title="Wave 1", amount_gbp=Decimal(20_000_000), announced_year=2019, part_of=whole)
    FundingAwardFactory(
        amount_gbp=Decimal(10_000_000), amount_qualifier=AmountQualifier.APPROXIMATELY, announced_year=2019
    )
    FundingAwardFactory(amount_gbp=Decimal(2_000_000), period=FundingPeriod.PER_YEAR, announced_year=2019)
    FundingAwardFactory(
        title="Lower bound",
        amount_gbp=Decimal(1_000_000_000),
        amount_qualifier=AmountQualifier.MORE_THAN,
        announced_year=2021,
    )
    FundingAwardFactory(amount_gbp=Decimal(5_000_000), announced_year=None, announced_month=None, announced_day=None)
    FundingAwardFactory(amount_gbp=Decimal(3_000_000), announced_year=2018, announced_month=5)


def test_it_sums_each_year_apart_oldest_first_and_undated_last():
    make_awards()

    years = database_totals_by_year(FundingAward.objects.all())

    assert [(t.label, t.comparable_total, t.per_year_total, t.left_out_count) for t in years] == [
        ("2018", Decimal(3_000_000), 0, 0),
        ("2019", Decimal(150_000_000), Decimal(2_000_000), 1),
        ("2021", 0, 0, 1),
        ("Date not stated", Decimal(5_000_000), 0, 0),
    ]
    assert years[1].is_approximate
    assert years[1].award_count == 4


def test_it_agrees_with_the_totals_added_up_in_python():
    make_awards()

    for totals in database_totals_by_year(FundingAward.objects.all()):
        expected = summarise(FundingAward.objects.filter(announced_year=totals.year).for_listing())
        assert (totals.comparable_total, totals.comparable_count, totals.comparable_approximate) == (
            expected.comparable_total,
            expected.comparable_count,
            expected.comparable_approximate,
        )
        assert (totals.per_year_total, totals.per_year_count, totals.left_out_count) == (
            expected.per_year_total,
            expected.per_year_count,
            expected.left_out_count,
        )


def test_it_lists_the_left_out_awards_it_is_given_in_their_year_with_the_reason():
    make_awards()
    awards = FundingAward.objects.all()

    years = {t.year: t for t in database_totals_by_year(awards, left_out=database_totals(awards).overall.left_out)}

    assert [(item.award.title, item.reason) for item in years[2019].left_out] == [("Wave 1", LeftOut.PART_OF)]
    assert years[2019].left_out[0].reason_text == "Counted inside “AI Award”"
    assert [(item.award.display_amount, item.reason) for item in years[2021].left_out] == [
        ("more than £1 billion", LeftOut.LOWER_BOUND)
    ]
    assert years[2018].left_out == []


def test_it_costs_one_query_however_many_awards(django_assert_num_queries):
    make_awards()
    FundingAwardFactory.create_batch(20, announced_year=2022)

    with django_assert_num_queries(1):
        years = database_totals_by_year(FundingAward.objects.all())

    assert years[-2].comparable_count == 20


def test_no_awards_give_no_years(django_assert_num_queries):
    assert database_totals_by_year(FundingAward.objects.all()) == []
