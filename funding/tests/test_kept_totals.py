"""Totals kept over every award (``funding.kept_totals``) equal a fresh sum after every write; pages read them."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import GroupTotal
from funding.kept_totals import BY_FUNDER, BY_YEAR, FUNDER_FIELDS
from funding.models import FundingAward
from funding.tests.factories import FundingAwardFactory
from funding.totals import database_totals, database_totals_by_year
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _shape(rows, fields):
    cent = Decimal("0.01")
    shaped = [
        (tuple(row[field] for field in fields), row["total_category"], Decimal(row["amount"] or 0).quantize(cent),
         row["awards"], row["approximate"])
        for row in rows
    ]
    return sorted(shaped, key=repr)  # keys may be None (undated, no funder organisation)


def assert_totals_fresh():
    """The kept rows hold exactly what summing every award now gives, by funder and by year."""
    kept_funders = [
        {"funder_id": row.key, "funder_description": row.text, "total_category": row.category, "amount": row.amount,
         "awards": row.rows, "approximate": row.approximate}
        for row in GroupTotal.objects.filter(total=BY_FUNDER)
    ]
    kept_years = [
        {"announced_year": row.key, "total_category": row.category, "amount": row.amount, "awards": row.rows,
         "approximate": row.approximate}
        for row in GroupTotal.objects.filter(total=BY_YEAR)
    ]
    awards = FundingAward.objects.all()
    assert _shape(kept_funders, FUNDER_FIELDS) == _shape(awards._sums_by(*FUNDER_FIELDS), FUNDER_FIELDS)
    assert _shape(kept_years, ["announced_year"]) == _shape(awards._sums_by("announced_year"), ["announced_year"])


def test_creating_editing_and_deleting_awards_keeps_the_totals(build_catalogue):
    build_catalogue(copies=2)
    award = FundingAwardFactory(announced_year=2021, amount_gbp=Decimal("1000000"), amount_qualifier="exact")
    assert_totals_fresh()

    award.amount_gbp, award.amount_qualifier = Decimal("2500000.50"), "approximately"
    award.save()
    assert_totals_fresh()

    award.funder, award.announced_year = OrganisationFactory(), 2019  # moves between two funders and two years
    award.save()
    assert_totals_fresh()

    award.funder, award.funder_description = None, "industry"  # a funder named only in words
    award.save()
    assert_totals_fresh()

    award.amount_qualifier = "more_than"  # now left out of the totals, as a lower bound
    award.save()
    assert_totals_fresh()

    award.delete()
    assert_totals_fresh()


def test_an_award_counted_inside_another_moves_to_its_category():
    whole = FundingAwardFactory(amount_gbp=Decimal("250000000"), amount_qualifier="exact")
    part = FundingAwardFactory(funder=whole.funder, amount_gbp=Decimal("140000000"), amount_qualifier="exact")

    part.part_of = whole
    part.save()

    assert_totals_fresh()
    assert GroupTotal.objects.filter(total=BY_FUNDER, key=whole.funder_id, category="part_of").exists()


def _summary(totals):
    return (
        totals.overall.comparable_total,
        totals.overall.per_year_total,
        [(funder.funder_name, funder.comparable_total, funder.per_year_total, funder.award_count)
         for funder in totals.by_funder],
        [(item.award.pk, item.reason) for item in totals.overall.left_out],
    )


def test_totals_over_every_award_read_the_kept_sums_and_equal_summing_them(build_catalogue):
    build_catalogue(copies=3)
    FundingAwardFactory(funder=None, funder_description="industry", amount_qualifier="up_to")
    every_award, same_awards = FundingAward.objects.all(), FundingAward.objects.filter(pk__isnull=False)

    assert _summary(database_totals(every_award)) == _summary(database_totals(same_awards))
    kept_years = database_totals_by_year(every_award)
    summed_years = database_totals_by_year(same_awards)
    assert [(t.year, t.comparable_total, t.award_count) for t in kept_years] == [
        (t.year, t.comparable_total, t.award_count) for t in summed_years
    ]


def test_the_unfiltered_funding_page_shows_the_kept_totals_and_a_filtered_one_sums(client):
    award = FundingAwardFactory(amount_gbp=Decimal("1000000"), amount_qualifier="exact")
    GroupTotal.objects.filter(total=BY_FUNDER, key=award.funder_id, category="comparable").update(
        amount=Decimal("7000000")  # wrong on purpose: shows which the page read
    )

    unfiltered = client.get(reverse("funding:award-list"))
    filtered = client.get(reverse("funding:award-list"), {"funder": award.funder.slug})

    assert unfiltered.context["overall"].comparable_total == Decimal("7000000")
    assert filtered.context["overall"].comparable_total == Decimal("1000000")
