"""The source list (/sources/) and a source's page with every fact it supports."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.tests.factories import FundingAwardFactory
from organisations.tests.factories import OrganisationAliasFactory, OrganisationFactory, RoleFactory
from programmes.tests.factories import EventFactory, ProgrammeFactory
from sources.models import SourceKind
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

LIST_QUERIES = 2  # the count and the page
# The source, the count of its claims by kind, its citations (with content types), which are disputed,
# then one per kind of record.
DETAIL_BASE_QUERIES = 4


def test_it_lists_sources_with_how_many_facts_each_supports(client):
    source = SourceFactory(title="NHSX overview", slug="nhsx-overview")
    CitationFactory.create_batch(3, source=source)
    SourceFactory(title="Unused")

    response = client.get(reverse("sources:source-list"))

    assert response.status_code == 200
    counts = {s.title: s.citation_count for s in response.context["sources"]}
    assert counts == {"NHSX overview": 3, "Unused": 0}
    assert 'href="/sources/nhsx-overview/"' in response.text


def test_it_filters_by_kind_and_text(client):
    SourceFactory(title="AI Lab blog", kind=SourceKind.BLOG)
    SourceFactory(title="AI Lab news", kind=SourceKind.NEWS)

    response = client.get(reverse("sources:source-list"), {"kind": SourceKind.BLOG, "q": "lab"})

    assert [s.title for s in response.context["sources"]] == ["AI Lab blog"]


def test_the_list_makes_one_query_however_many_sources(client, django_assert_num_queries):
    CitationFactory(source=SourceFactory())
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("sources:source-list"))
    for source in SourceFactory.create_batch(10):
        CitationFactory.create_batch(2, source=source)

    with django_assert_num_queries(LIST_QUERIES):
        client.get(reverse("sources:source-list"))

    assert len(few) == LIST_QUERIES


def test_the_page_lists_every_fact_the_source_supports_by_kind_of_record(client):
    source = SourceFactory(title="NHS Digital overview", publisher="", author="")
    organisation = OrganisationFactory(name="NHS Digital", acronym="", slug="nhs-digital")
    alias = OrganisationAliasFactory(organisation=organisation, name="HSCIC")
    programme = ProgrammeFactory(name="NHS App", slug="nhs-app")
    role = RoleFactory(title="Chief Executive")
    award = FundingAwardFactory(title="Digital award")
    CitationFactory(record=organisation, source=source, field_name="founded", claimed_value="2013", quote="In 2013.")
    CitationFactory(record=alias, source=source, field_name="name", claimed_value="HSCIC", quote="Known as HSCIC.")
    CitationFactory(record=programme, source=source, quote="The NHS App lets patients book.")
    CitationFactory(record=role, source=source, quote="Its chief executive.")
    CitationFactory(record=award, source=source, field_name="amount_gbp", claimed_value="£1m", quote="£1m.")
    CitationFactory(record=organisation, field_name="founded", claimed_value="2012", quote="Elsewhere: 2012.")

    response = client.get(source.get_absolute_url())

    assert response.status_code == 200
    groups = {group.label: group for group in response.context["citation_groups"]}
    assert set(groups) == {"Organisations", "Organisation aliases", "Programmes", "Roles", "Funding awards"}
    assert groups["Organisation aliases"].records[0].link.url == "/organisations/nhs-digital/"
    assert groups["Roles"].records[0].link.url == role.person.get_absolute_url()
    [founded] = groups["Organisations"].records[0].fields
    assert founded.is_disputed
    assert response.context["citation_count"] == 5
    for text in ["In 2013.", "Known as HSCIC.", "The NHS App lets patients book.", "Its chief executive.",
                 "Amount (GBP)", "Not stated in the document"]:
        assert text in response.text, text
    assert "Elsewhere: 2012." not in response.text
    for url in ["/organisations/nhs-digital/", "/programmes/nhs-app/", award.get_absolute_url()]:
        assert f'href="{url}"' in response.text


def test_an_unknown_source_is_404(client):
    assert client.get("/sources/no-such-document/").status_code == 404


def _cite_every_kind(source, count: int) -> None:
    for _ in range(count):
        for record in [OrganisationFactory(), ProgrammeFactory(), EventFactory(), RoleFactory()]:
            CitationFactory(record=record, source=source, field_name="name", claimed_value="A")
            CitationFactory(record=record, field_name="name", claimed_value="B")


def test_the_page_makes_the_same_number_of_queries_for_few_and_many_facts(client, django_assert_num_queries):
    small, large = SourceFactory(), SourceFactory()
    _cite_every_kind(small, 1)
    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    _cite_every_kind(large, 15)

    with django_assert_num_queries(DETAIL_BASE_QUERIES + 4):
        response = client.get(large.get_absolute_url())

    assert len(few) == DETAIL_BASE_QUERIES + 4
    assert response.context["citation_count"] == 60
