"""Funding awards: amounts, periods and the awards they are counted inside."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.models import AmountQualifier
from funding.models import FundingAward, FundingPeriod
from funding.tests.factories import FundingAwardFactory

pytestmark = pytest.mark.django_db


def test_a_negative_amount_is_refused_by_validation_and_by_the_database():
    award = FundingAwardFactory()
    award.amount_gbp = Decimal("-1")
    with pytest.raises(ValidationError) as caught:
        award.full_clean()
    assert "amount_gbp" in caught.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        FundingAward.objects.filter(pk=award.pk).update(amount_gbp=Decimal("-1"))


def test_an_award_may_name_no_recipient_when_no_source_does():
    award = FundingAwardFactory(recipient_programme=None, recipient_organisation=None)

    award.full_clean()
    award.refresh_from_db()
    assert award.recipient is None


def test_over_years_needs_the_number_of_years():
    award = FundingAwardFactory.build(period=FundingPeriod.OVER_YEARS, period_years=None)
    award.funder.save()
    award.recipient_programme.save()
    award.funder_id, award.recipient_programme_id = award.funder.pk, award.recipient_programme.pk
    with pytest.raises(ValidationError, match="number of years"):
        award.full_clean()


def test_the_amount_reads_as_a_person_would_say_it():
    award = FundingAwardFactory(
        amount_gbp=Decimal("1000000000"), amount_qualifier=AmountQualifier.MORE_THAN, period=FundingPeriod.PER_YEAR
    )
    assert award.display_amount == "more than £1 billion a year"
    assert award.exact_amount == "more than £1,000,000,000 a year"
    assert award.exact_amount_differs
    award = FundingAwardFactory(amount_gbp=Decimal("140000000"), period=FundingPeriod.OVER_YEARS, period_years=3)
    assert award.display_amount == "£140 million over 3 years"


@pytest.mark.parametrize(
    ("amount", "as_written"),
    [
        ("250000000", "£250 million"),
        ("37000000", "£37 million"),
        ("2500000", "£2.5 million"),
        ("1250000000", "£1.25 billion"),
        ("1234567", "£1,234,567"),
        ("140000000.50", "£140,000,000.50"),
        ("40500", "£40,500"),
    ],
)
def test_a_round_sum_is_written_in_words_and_any_other_exactly(amount, as_written):
    award = FundingAwardFactory(amount_gbp=Decimal(amount))

    assert award.display_amount == as_written
    assert award.exact_amount_differs == ("million" in as_written or "billion" in as_written)


def test_an_award_with_no_funder_says_not_stated_and_no_from():
    award = FundingAwardFactory(funder=None, funder_description="", amount_gbp=Decimal("3000000"))

    assert award.funder_name == "Not stated"
    assert not award.funder_is_stated
    assert award.summary == "£3 million"


def test_an_award_cannot_be_counted_inside_itself():
    outer = FundingAwardFactory()
    inner = FundingAwardFactory(part_of=outer)
    outer.part_of = inner
    with pytest.raises(ValidationError, match="inside itself"):
        outer.full_clean()


def test_only_comparable_awards_are_summed():
    given = FundingAwardFactory()
    FundingAwardFactory(is_expected_match=True)
    FundingAwardFactory(part_of=given)
    FundingAwardFactory(amount_qualifier=AmountQualifier.MORE_THAN)
    assert list(FundingAward.objects.comparable()) == [given]
