"""The discrepancies page: every field whose sources disagree, by record, claim by claim."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.tests.factories import OrganisationAliasFactory, OrganisationFactory
from programmes.tests.factories import EventFactory
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

# The disputed citations with their sources and content types, then one query per kind of
# record disputed (organisations and events here).
DISCREPANCIES_QUERIES = 3


def test_it_lists_each_claim_with_its_source_and_quote_linking_to_the_record(client):
    nhsx = OrganisationFactory(name="NHSX", acronym="", slug="nhsx")
    overview, news = SourceFactory(title="NHSX overview"), SourceFactory(title="NHSX news")
    CitationFactory(record=nhsx, source=overview, field_name="founded", claimed_value="April 2019", quote="In April.")
    CitationFactory(record=nhsx, source=news, field_name="founded", claimed_value="July 2019", quote="In July.")

    response = client.get(reverse("catalogue:discrepancies"))

    assert response.status_code == 200
    [group] = response.context["groups"]
    assert group.label == "Organisations"
    [record] = group.records
    assert record.link.url == "/organisations/nhsx/"
    [field] = record.fields
    assert field.label == "founded"
    assert field.is_disputed
    for text in ["April 2019", "July 2019", "In April.", "In July.", "NHSX overview", "NHSX news"]:
        assert text in response.text
    assert 'href="/organisations/nhsx/"' in response.text


def test_it_leaves_out_agreeing_and_whole_record_citations(client):
    organisation = OrganisationFactory()
    CitationFactory(record=organisation, field_name="founded", claimed_value="2019")
    CitationFactory(record=organisation, field_name="founded", claimed_value="2019")
    CitationFactory(record=organisation)

    response = client.get(reverse("catalogue:discrepancies"))

    assert response.context["groups"] == []
    assert "No sources disagree" in response.text


def test_a_disputed_alias_links_to_its_organisation(client):
    organisation = OrganisationFactory(slug="nhs-digital")
    alias = OrganisationAliasFactory(organisation=organisation, name="HSCIC")
    CitationFactory(record=alias, field_name="name", claimed_value="HSCIC")
    CitationFactory(record=alias, field_name="name", claimed_value="The HSCIC")

    response = client.get(reverse("catalogue:discrepancies"))

    assert response.context["groups"][0].records[0].link.url == "/organisations/nhs-digital/"


def _make_disputes(count: int) -> None:
    for _ in range(count):
        for record in [OrganisationFactory(), EventFactory()]:
            field = "founded" if record._meta.model_name == "organisation" else "date"
            CitationFactory(record=record, field_name=field, claimed_value="2019")
            CitationFactory(record=record, field_name=field, claimed_value="2020")


def test_it_makes_the_same_number_of_queries_however_many_disputes(client, django_assert_num_queries):
    _make_disputes(1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("catalogue:discrepancies"))
    _make_disputes(10)

    with django_assert_num_queries(DISCREPANCIES_QUERIES):
        response = client.get(reverse("catalogue:discrepancies"))

    assert len(few) == DISCREPANCIES_QUERIES
    assert response.context["record_count"] == 22
