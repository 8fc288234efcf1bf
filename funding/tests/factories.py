"""Factories of funding streams and awards."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from core.models import AmountQualifier
from funding.models import FundingAward, FundingPeriod, FundingStream
from organisations.models import OrganisationKind
from organisations.tests.factories import OrganisationFactory
from programmes.tests.factories import ProgrammeFactory


class FundingStreamFactory(DjangoModelFactory):
    class Meta:
        model = FundingStream

    name = factory.Sequence(lambda n: f"Challenge Fund {n}")
    slug = factory.Sequence(lambda n: f"funding-stream-{n}")
    parent = None
    administered_by = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.FUNDER)
    description = ""


class FundingAwardFactory(DjangoModelFactory):
    """£1,000,000 once, from a funder organisation to a programme, announced in 2020."""

    class Meta:
        model = FundingAward

    title = factory.Sequence(lambda n: f"Award {n}")
    description = ""
    amount_gbp = Decimal("1000000.00")
    amount_qualifier = AmountQualifier.EXACT
    period = FundingPeriod.ONE_OFF
    period_years = None
    funder = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.FUNDER)
    funder_description = ""
    recipient_programme = factory.SubFactory(ProgrammeFactory)
    recipient_organisation = None
    stream = None
    part_of = None
    is_expected_match = False
    announced_year = 2020
