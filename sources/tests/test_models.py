"""Citations: quotes within bounds, pointing at real records and fields, and disputes."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisations.tests.factories import OrganisationFactory
from sources.models import QUOTE_MAX_LENGTH, Citation
from sources.tests.factories import CitationFactory

pytestmark = pytest.mark.django_db


def test_a_quote_longer_than_the_limit_is_refused_by_the_database():
    citation = CitationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.filter(pk=citation.pk).update(quote="x" * (QUOTE_MAX_LENGTH + 1))


def test_an_empty_quote_is_refused():
    citation = CitationFactory()
    citation.quote = ""
    with pytest.raises(ValidationError):
        citation.full_clean()


def test_a_citation_of_an_unknown_field_is_refused():
    citation = CitationFactory(field_name="colour")
    with pytest.raises(ValidationError, match="no field 'colour'"):
        citation.full_clean()


def test_a_citation_of_a_partial_date_field_is_accepted():
    CitationFactory(field_name="founded", claimed_value="April 2019").full_clean()


def test_a_citation_of_a_missing_record_is_refused():
    citation = CitationFactory()
    citation.object_id = 999_999
    with pytest.raises(ValidationError, match="no organisation with id 999999"):
        citation.full_clean()


def test_differing_claims_about_one_field_make_it_disputed():
    organisation = OrganisationFactory()
    april = CitationFactory(record=organisation, field_name="founded", claimed_value="April 2019")
    july = CitationFactory(record=organisation, field_name="founded", claimed_value="July 2019")
    CitationFactory(record=organisation, field_name="name", claimed_value="NHSX")
    CitationFactory(record=organisation, field_name="name", claimed_value="NHSX")

    assert set(Citation.objects.disputed()) == {april, july}
    assert set(organisation.disputed_fields()) == {"founded"}


def test_agreeing_claims_are_not_a_dispute():
    organisation = OrganisationFactory()
    CitationFactory(record=organisation, field_name="founded", claimed_value="April 2019")
    CitationFactory(record=organisation, field_name="founded", claimed_value="April 2019")
    assert not Citation.objects.disputed().exists()
    assert organisation.disputed_fields() == {}


def test_deleting_a_record_deletes_its_citations_and_keeps_them_in_history():
    citation = CitationFactory()
    organisation = citation.record
    organisation.delete()
    assert not Citation.objects.filter(pk=citation.pk).exists()
    assert Citation.history.filter(id=citation.pk, history_type="-").exists()
