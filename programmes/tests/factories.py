"""Factories of topics, programmes, aliases, programme organisations, missions, metrics and events."""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from organisations.models import AliasBase
from organisations.tests.factories import OrganisationFactory
from programmes.models import (
    Event,
    EventKind,
    Metric,
    Mission,
    MissionKind,
    Programme,
    ProgrammeAlias,
    ProgrammeKind,
    ProgrammeOrganisation,
    ProgrammeRelationKind,
    ProgrammeRelationship,
    ProgrammeRole,
    ProgrammeStatus,
    Topic,
)


class TopicFactory(DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class ProgrammeFactory(DjangoModelFactory):
    """An active programme announced in June 2019 with a target of "by 2024".

    ``ProgrammeFactory(topics=[...], missions=[...])`` sets the many-to-many fields.
    """

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Digital Programme {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    kind = ProgrammeKind.PROGRAMME
    status = ProgrammeStatus.ACTIVE
    summary = "A programme that brings digital services to patients."
    description = ""
    location = ""
    announced_year = 2019
    announced_month = 6
    target_year = 2024
    target_qualifier = "by"
    parent = None

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create and extracted:
            self.topics.set(extracted)

    @factory.post_generation
    def missions(self, create, extracted, **kwargs):
        if create and extracted:
            self.missions.set(extracted)


class ProgrammeAliasFactory(DjangoModelFactory):
    class Meta:
        model = ProgrammeAlias

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Programme Nickname {n}")
    kind = AliasBase.Kind.INFORMAL


class ProgrammeRelationshipFactory(DjangoModelFactory):
    """A programme building on another, both new unless given."""

    class Meta:
        model = ProgrammeRelationship

    subject = factory.SubFactory(ProgrammeFactory)
    kind = ProgrammeRelationKind.BUILDS_ON
    object = factory.SubFactory(ProgrammeFactory)
    description = ""


class ProgrammeOrganisationFactory(DjangoModelFactory):
    """An organisation leading a programme."""

    class Meta:
        model = ProgrammeOrganisation

    programme = factory.SubFactory(ProgrammeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ProgrammeRole.LEAD
    note = ""


class MissionFactory(DjangoModelFactory):
    class Meta:
        model = Mission

    organisation = factory.SubFactory(OrganisationFactory)
    kind = MissionKind.MISSION
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Mission {n}")
    slug = factory.Sequence(lambda n: f"mission-{n}")
    statement = "Make the NHS easier to use."


class MetricFactory(DjangoModelFactory):
    """A figure about a programme: "1,900,000 logins" as of March 2021."""

    class Meta:
        model = Metric

    name = factory.Sequence(lambda n: f"App logins {n}")
    slug = factory.Sequence(lambda n: f"metric-{n}")
    programme = factory.SubFactory(ProgrammeFactory)
    organisation = None
    value = Decimal("1900000")
    unit = "logins"
    period = "the last six months"
    as_of_year = 2021
    as_of_month = 3


class EventFactory(DjangoModelFactory):
    """A launch on 21 January 2020.

    ``EventFactory(organisations=[...], programmes=[...], people=[...])`` sets who took part.
    """

    class Meta:
        model = Event
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Launch {n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    kind = EventKind.LAUNCH
    date_year = 2020
    date_month = 1
    date_day = 21
    location = "London"
    description = ""

    @factory.post_generation
    def organisations(self, create, extracted, **kwargs):
        if create and extracted:
            self.organisations.set(extracted)

    @factory.post_generation
    def programmes(self, create, extracted, **kwargs):
        if create and extracted:
            self.programmes.set(extracted)

    @factory.post_generation
    def people(self, create, extracted, **kwargs):
        if create and extracted:
            self.people.set(extracted)
