"""Factories of organisations, aliases, relationships, people and roles."""

import factory
from factory.django import DjangoModelFactory

from organisations.models import (
    AliasBase,
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    OrganisationRelationship,
    Person,
    RelationshipKind,
    Role,
)


class OrganisationFactory(DjangoModelFactory):
    """A national NHS body founded in April 2019, with no parent unless one is given."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"NHS Test Body {n}")
    acronym = factory.Sequence(lambda n: f"NTB{n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.NHS_BODY
    parent = None
    description = "A body that takes part in digital programmes."
    location = "Leeds"
    founded_year = 2019
    founded_month = 4
    website = factory.Sequence(lambda n: f"https://example.org/organisations/{n}")


class OrganisationAliasFactory(DjangoModelFactory):
    class Meta:
        model = OrganisationAlias

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Former Test Body {n}")
    kind = AliasBase.Kind.FORMER


class OrganisationRelationshipFactory(DjangoModelFactory):
    """A "subject runs object" tie between two new organisations unless they are given."""

    class Meta:
        model = OrganisationRelationship

    subject = factory.SubFactory(OrganisationFactory)
    kind = RelationshipKind.RUNS
    object = factory.SubFactory(OrganisationFactory)
    description = ""


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Alex Example {n}")
    honorific = ""
    slug = factory.Sequence(lambda n: f"person-{n}")
    description = "Named in the sources."


class RoleFactory(DjangoModelFactory):
    """A chief executive's role, started January 2020, not stated to have ended."""

    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Chief Executive {n}")
    started_year = 2020
    started_month = 1
