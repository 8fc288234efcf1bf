"""The people list (/people/) and a person's page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.tests.factories import OrganisationFactory, PersonFactory, RoleFactory
from programmes.tests.factories import EventFactory
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

# A count for the paginator, the page of people, their roles with organisations.
LIST_QUERIES = 3
# The person, roles with organisations, roles' citations, citations with sources, events.
DETAIL_QUERIES = 5


def test_it_lists_people_with_their_roles(client):
    role = RoleFactory(
        person=PersonFactory(name="Matthew Gould", slug="matthew-gould"),
        organisation=OrganisationFactory(name="NHSX", acronym=""),
        title="Chief Executive",
    )

    response = client.get(reverse("organisations:person-list"))

    assert response.status_code == 200
    assert "Chief Executive, <a" in response.text
    assert f'href="{role.organisation.get_absolute_url()}"' in response.text
    assert 'href="/people/matthew-gould/"' in response.text
    assert "<title>People \N{EN DASH}" in response.text


def test_it_finds_people_by_name_or_role(client):
    RoleFactory(person=PersonFactory(name="Indra Joshi"), title="Director of AI")
    PersonFactory(name="Someone Else")

    by_role = client.get(reverse("organisations:person-list"), {"q": "director of ai"})
    by_name = client.get(reverse("organisations:person-list"), {"q": "joshi"})

    assert [str(person) for person in by_role.context["people"]] == ["Indra Joshi"]
    assert [str(person) for person in by_name.context["people"]] == ["Indra Joshi"]


def test_it_filters_by_organisation(client):
    nhsx = OrganisationFactory(slug="nhsx")
    RoleFactory(person=PersonFactory(name="At NHSX"), organisation=nhsx)
    RoleFactory(person=PersonFactory(name="Elsewhere"))

    response = client.get(reverse("organisations:person-list"), {"organisation": "nhsx"})

    assert [person.name for person in response.context["people"]] == ["At NHSX"]


def test_the_list_makes_the_same_number_of_queries_for_few_and_many_people(client, django_assert_num_queries):
    RoleFactory()
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("organisations:person-list"))
    for person in PersonFactory.create_batch(20):
        RoleFactory.create_batch(2, person=person)

    with django_assert_num_queries(LIST_QUERIES):
        client.get(reverse("organisations:person-list"))

    assert len(few) == LIST_QUERIES


def test_the_page_shows_roles_events_and_sources(client):
    person = PersonFactory(name="Matthew Gould", honorific="Dr")
    role = RoleFactory(person=person, title="Chief Executive", started_year=2019, started_month=7)
    event = EventFactory(name="NHSX launch")
    event.people.add(person)
    source = SourceFactory(title="NHSX overview")
    CitationFactory(record=person, source=source, quote="Matthew Gould leads NHSX.")

    response = client.get(person.get_absolute_url())

    assert response.status_code == 200
    for text in ["Dr Matthew Gould", "Chief Executive", "from July 2019", "NHSX launch", "Matthew Gould leads NHSX."]:
        assert text in response.text, text
    for record in [role.organisation, event, source]:
        assert f'href="{record.get_absolute_url()}"' in response.text
    assert response.context["breadcrumbs"] == [("People", reverse("organisations:person-list"))]


def test_the_page_makes_the_same_number_of_queries_for_few_and_many_rows(client, django_assert_num_queries):
    few_person = RoleFactory().person
    with CaptureQueriesContext(connection) as few:
        client.get(few_person.get_absolute_url())
    person = PersonFactory()
    for _ in range(8):
        RoleFactory(person=person)
        EventFactory().people.add(person)
        CitationFactory(record=person)

    with django_assert_num_queries(DETAIL_QUERIES):
        client.get(person.get_absolute_url())

    assert len(few) == DETAIL_QUERIES
