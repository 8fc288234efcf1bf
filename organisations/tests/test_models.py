"""Organisations: hierarchy rules, constraints and partial dates."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from core.partial_dates import DateQualifier, PartialDate
from organisations.models import Organisation, OrganisationRelationship, RelationshipKind
from organisations.tests.factories import OrganisationAliasFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_to_be_its_own_parent():
    organisation = OrganisationFactory()
    organisation.parent = organisation
    with pytest.raises(ValidationError, match="own ancestor"):
        organisation.full_clean()


def test_it_refuses_a_descendant_as_parent():
    grandparent = OrganisationFactory()
    parent = OrganisationFactory(parent=grandparent)
    child = OrganisationFactory(parent=parent)
    grandparent.parent = child
    with pytest.raises(ValidationError) as caught:
        grandparent.full_clean()
    assert caught.value.message_dict["parent"] == ["An organisation cannot be its own ancestor."]


def test_the_database_refuses_a_self_parent_even_without_validation():
    organisation = OrganisationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(parent=organisation)


def test_slugs_are_unique():
    OrganisationFactory(slug="nhsx")
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationFactory(slug="nhsx")


def test_the_founding_date_keeps_its_precision():
    organisation = OrganisationFactory(founded_year=2019, founded_month=4, founded_day=None)
    organisation.refresh_from_db()
    assert organisation.founded == PartialDate(2019, 4)
    assert str(organisation.founded) == "April 2019"


def test_a_partial_date_can_be_set_as_one_value():
    organisation = OrganisationFactory()
    organisation.founded = PartialDate(2024, qualifier=DateQualifier.BY)
    organisation.save()
    organisation.refresh_from_db()
    assert str(organisation.founded) == "by 2024"


def test_a_day_without_a_month_is_refused_by_the_database():
    organisation = OrganisationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.filter(pk=organisation.pk).update(founded_year=2019, founded_month=None, founded_day=3)


def test_an_impossible_day_is_refused_with_a_clear_message():
    organisation = OrganisationFactory(founded_year=2019, founded_month=2, founded_day=30)
    with pytest.raises(ValidationError, match="February 2019 has no day 30"):
        organisation.full_clean()


def test_search_finds_an_organisation_by_alias():
    organisation = OrganisationFactory(name="Health and Social Care Information Centre")
    OrganisationAliasFactory(organisation=organisation, name="HSCIC")
    OrganisationFactory(name="Someone else")
    assert list(Organisation.objects.search("hscic")) == [organisation]


def test_a_relationship_cannot_point_at_itself():
    organisation = OrganisationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        OrganisationRelationship.objects.create(subject=organisation, kind=RelationshipKind.RUNS, object=organisation)


def test_ancestors_are_listed_nearest_first():
    top = OrganisationFactory()
    middle = OrganisationFactory(parent=top)
    bottom = OrganisationFactory(parent=middle)
    assert bottom.ancestors() == [middle, top]
