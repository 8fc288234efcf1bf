"""The review queue for staff: each kind of problem listed, each row linking to the admin page to fix it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.tests.factories import OrganisationFactory
from programmes.tests.factories import ProgrammeFactory
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db
URL = reverse("admin:sources_source_review")


def rows(response, section: str) -> list:
    return next(found for key, _, found in response.context["sections"] if key == section)


def test_it_lists_one_of_each_kind_of_problem_with_a_link_to_the_record(admin_client, admin_url):
    unsupported = OrganisationFactory(name="Uncited kind", acronym="", kind="funder")
    CitationFactory(record=unsupported)  # of the record as a whole, not of its kind
    disputed = ProgrammeFactory(name="Disputed programme")
    CitationFactory(record=disputed, field_name="announced", claimed_value="April 2019")
    CitationFactory(record=disputed, field_name="announced", claimed_value="July 2019")
    inferred = OrganisationFactory(name="Inferred founding", acronym="")
    CitationFactory(record=inferred, field_name="founded", claimed_value="2019", qualifier="inferred", note="Why.")
    stale = OrganisationFactory(name="Stale quote", acronym="")
    CitationFactory(record=stale, quote="Words the source lost.", in_source=False)
    uncited = SourceFactory(title="Nobody cites me")

    response = admin_client.get(URL)

    assert response.status_code == 200
    unsupported_row = next(row for row in rows(response, "unsupported") if row.label == "Uncited kind")
    assert ("kind" in unsupported_row.detail, unsupported_row.url) == (True, admin_url(unsupported, "change"))
    assert {row.label for row in rows(response, "disputes")} == {"Disputed programme"}
    assert rows(response, "disputes")[0].url == admin_url(disputed, "change")
    assert [(row.label, row.url) for row in rows(response, "inferred")] == [
        ("Inferred founding", admin_url(inferred, "change"))
    ]
    assert [row.label for row in rows(response, "stale")] == ["Stale quote"]
    assert [(row.label, row.url) for row in rows(response, "uncited")] == [
        ("Nobody cites me", admin_url(uncited, "change"))
    ]
    assert f'href="{admin_url(stale, "change")}"' in response.text


def test_a_catalogue_with_nothing_to_review_says_so(admin_client):
    response = admin_client.get(URL)

    assert response.text.count("Nothing to review.") == 5


def test_its_queries_do_not_grow_with_the_number_of_records(admin_client, build_catalogue):
    build_catalogue()
    with CaptureQueriesContext(connection) as one:
        admin_client.get(URL)
    build_catalogue(copies=3)

    with CaptureQueriesContext(connection) as four:
        admin_client.get(URL)

    assert len(four) == len(one)


def test_it_is_for_staff_with_the_view_permission_only(client, user_with):
    client.force_login(user_with("view_source", username="no-claims"))

    assert client.get(URL).status_code == 403
