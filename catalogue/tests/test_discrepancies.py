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
    assert response.context["decided_groups"] == response.context["change_groups"] == []
    assert "No open disputes" in response.text


def test_it_lists_disputes_decided_disputes_and_changes_over_time_as_three_groups(client):
    open_dispute, decided, changed = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    CitationFactory(record=open_dispute, field_name="founded", claimed_value="April 2019")
    CitationFactory(record=open_dispute, field_name="founded", claimed_value="July 2019")
    CitationFactory(record=decided, field_name="founded", claimed_value="21 January 2020")
    CitationFactory(
        record=decided, field_name="founded", claimed_value="22 January 2020", rank="preferred", rank_reason="The body."
    )
    CitationFactory(record=changed, field_name="name", claimed_value="Recruiting", as_of_year=2020, as_of_month=1)
    CitationFactory(record=changed, field_name="name", claimed_value="Indra Joshi", as_of_year=2020, as_of_month=10)

    response = client.get(reverse("catalogue:discrepancies"))

    def records(key):
        return [record.link.url for group in response.context[key] for record in group.records]

    assert records("groups") == [open_dispute.get_absolute_url()]
    assert records("decided_groups") == [decided.get_absolute_url()]
    assert records("change_groups") == [changed.get_absolute_url()]
    assert "The body." in response.text


def test_a_spelling_variant_a_deprecated_claim_and_claims_of_other_fields_are_not_disputes(client):
    organisation = OrganisationFactory()
    CitationFactory(record=organisation, field_name="name", claimed_value="NHSX")
    CitationFactory(record=organisation, field_name="name", claimed_value="NHSx")
    CitationFactory(
        record=organisation,
        field_name="name",
        claimed_value="Health Research Data UK",
        rank="deprecated",
        rank_reason="A misnomer.",
    )
    CitationFactory(record=organisation, field_name="description", claimed_value="3")
    CitationFactory(record=organisation, field_name="location", claimed_value="London")

    response = client.get(reverse("catalogue:discrepancies"))

    assert response.context["groups"] == response.context["decided_groups"] == []
    assert organisation.disputed_fields() == {}


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


def test_it_pages_the_records_and_keeps_the_counts_and_query_count_on_every_page(
    client, settings, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr("catalogue.views.DISCREPANCIES_PAGE_SIZE", 3)
    _make_disputes(2)  # four records: two organisations, two events

    first = client.get(reverse("catalogue:discrepancies"))
    with django_assert_num_queries(DISCREPANCIES_QUERIES - 1):  # the second page holds only events
        second = client.get(reverse("catalogue:discrepancies"), {"page": 2})

    def urls(response):
        return [record.link.url for group in response.context["groups"] for record in group.records]

    assert len(urls(first)) == 3
    assert len(urls(second)) == 1
    assert set(urls(first)).isdisjoint(urls(second))
    assert first.context["record_count"] == second.context["record_count"] == 4
    assert 'href="?page=2"' in first.text
    assert "(page 2 of 2)" in second.text
