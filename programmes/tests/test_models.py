"""Programmes, missions, metrics and events: constraints, querysets and display."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.models import AmountQualifier
from organisations.tests.factories import OrganisationFactory
from programmes.models import Event, Metric, Programme, ProgrammeRole
from programmes.tests.factories import (
    EventFactory,
    MetricFactory,
    MissionFactory,
    ProgrammeAliasFactory,
    ProgrammeFactory,
    ProgrammeOrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_a_programme_cannot_be_its_own_ancestor():
    parent = ProgrammeFactory()
    child = ProgrammeFactory(parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError, match="own ancestor"):
        parent.full_clean()


def test_missions_of_one_organisation_cannot_share_a_position():
    mission = MissionFactory(order=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        MissionFactory(organisation=mission.organisation, kind=mission.kind, order=1)


def test_a_metric_must_describe_something():
    metric = MetricFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Metric.objects.filter(pk=metric.pk).update(programme=None, organisation=None)


def test_a_metric_reads_with_its_qualifier():
    metric = MetricFactory(value=Decimal("107000"), qualifier=AmountQualifier.MORE_THAN, unit="appointments")
    assert metric.display_value == "more than 107,000 appointments"
    assert MetricFactory(value=Decimal("1.9"), unit="million logins").display_value == "1.9 million logins"


def test_leads_and_partners_come_from_the_role_table():
    programme = ProgrammeFactory()
    lead = ProgrammeOrganisationFactory(programme=programme, role=ProgrammeRole.LEAD).organisation
    partner = ProgrammeOrganisationFactory(programme=programme, role=ProgrammeRole.PARTNER).organisation
    assert programme.leads() == [lead]
    assert programme.partners() == [partner]
    assert list(Programme.objects.led_by(lead)) == [programme]


def test_search_finds_a_programme_by_alias_before_those_matching_fewer_words():
    programme = ProgrammeFactory(name="Digital Innovation Hubs", summary="Hubs.")
    ProgrammeAliasFactory(programme=programme, name="Digital Innovation Hub Programme")
    other = ProgrammeFactory(name="Another")  # its summary says "programme", not "hub"
    assert list(Programme.objects.search("hub programme")) == [programme, other]


def test_listing_costs_the_same_queries_for_one_or_many_programmes(django_assert_num_queries):
    organisation = OrganisationFactory()
    for _ in range(8):
        ProgrammeOrganisationFactory(organisation=organisation, programme=ProgrammeFactory())
    with django_assert_num_queries(3):
        for programme in Programme.objects.for_listing():
            programme.leads()
            list(programme.topics.all())


def test_events_run_in_date_order_with_undated_ones_last():
    undated = EventFactory(date_year=None, date_month=None, date_day=None)
    january = EventFactory(date_year=2020, date_month=1, date_day=21)
    year_only = EventFactory(date_year=2019, date_month=None, date_day=None)
    assert list(Event.objects.chronological()) == [year_only, january, undated]
