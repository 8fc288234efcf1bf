"""The programme endpoints: list, detail, filters (the website's FilterSet), ordering, expansions."""

import pytest

from programmes.models import Programme
from programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_the_list_is_slim_and_paginated(anonymous_client, build_catalogue):
    build_catalogue(copies=3)

    body = anonymous_client().get("/api/programmes/?page_size=2").json()

    assert body["count"] == 3
    assert body["next"].endswith("page=2&page_size=2")
    assert body["previous"] is None
    row = body["results"][0]
    assert {"api_url", "html_url", "slug", "name", "announced"} <= set(row)
    assert "citations" not in row
    assert "organisations" not in row


def test_expansions_add_organisations_missions_and_citations(anonymous_client, build_catalogue):
    catalogue = build_catalogue()

    row = anonymous_client().get("/api/programmes/?expand=organisations,missions,citations").json()["results"][0]

    assert row["organisations"][0]["organisation"]["slug"] == catalogue.organisation.slug
    assert row["missions"][0]["slug"] == catalogue.mission.slug
    assert len(row["citations"]) == 3
    assert row["disputed_fields"][0]["field"] == "announced"
    assert "topics" not in row


def test_the_detail_carries_citations_disputes_links_and_partial_dates(anonymous_client, build_catalogue):
    catalogue = build_catalogue()

    body = anonymous_client().get(f"/api/programmes/{catalogue.programme.slug}/").json()

    assert body["html_url"] == f"http://testserver/programmes/{catalogue.programme.slug}/"
    assert body["announced"] == {
        "year": 2019,
        "month": 6,
        "day": None,
        "qualifier": "",
        "display": "June 2019",
        "iso": "2019-06",
    }
    assert body["target"]["display"] == "by 2024"
    claims = {claim["claimed_value"] for claim in body["disputed_fields"][0]["claims"]}
    assert claims == {"June 2019", "July 2019"}
    assert body["citations"][0]["source"]["url"].startswith("http://testserver/api/sources/")
    assert body["funding_awards"][0]["url"] == f"http://testserver/api/funding-awards/{catalogue.award.pk}/"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("organisation={organisation.slug}", 1),
        ("organisation={organisation.slug}&role=lead", 1),
        ("organisation={organisation.slug}&role=funder", 0),
        ("mission={mission.slug}", 1),
        ("year_min=2019", 2),
        ("year_min=2020", 1),
        ("year_max=2018", 0),
        ("search=Nickname", 1),
        ("q=digital", 2),
        ("topic={topic.slug}", 1),
        ("status=active", 1),
    ],
)
def test_it_filters_with_the_websites_filterset(anonymous_client, build_catalogue, query, expected):
    catalogue = build_catalogue()
    ProgrammeFactory(announced_year=2021, status="planned")

    response = anonymous_client().get("/api/programmes/?" + query.format(**vars(catalogue)))

    assert response.status_code == 200
    assert response.json()["count"] == expected


def test_it_orders_by_the_filtersets_ordering_once(anonymous_client):
    ProgrammeFactory(name="Beta", announced_year=2020)
    ProgrammeFactory(name="Alpha", announced_year=2021)

    def names(ordering):
        return [
            row["name"] for row in anonymous_client().get(f"/api/programmes/?ordering={ordering}").json()["results"]
        ]

    assert names("name") == ["Alpha", "Beta"]
    assert names("-name") == ["Beta", "Alpha"]
    assert names("announced") == ["Beta", "Alpha"]


def test_it_creates_a_programme_with_missions_topics_and_a_partial_date(build_catalogue, token_client, user_with):
    catalogue = build_catalogue()
    body = {
        "name": "AI in Health and Care Award",
        "slug": "ai-award",
        "summary": "Funds AI technologies.",
        "announced": {"year": 2019, "month": 8},
        "missions": [catalogue.mission.slug],
        "topics": [catalogue.topic.slug],
        "parent": catalogue.programme.slug,
    }

    response = token_client(user_with("add_programme")).post("/api/programmes/", body, format="json")

    assert response.status_code == 201, response.json()
    programme = Programme.objects.get(slug="ai-award")
    assert (programme.announced_year, programme.announced_month, programme.announced_day) == (2019, 8, None)
    assert list(programme.missions.all()) == [catalogue.mission]
    assert programme.parent == catalogue.programme
    assert response.json()["announced"]["display"] == "August 2019"


def test_a_programme_cannot_become_its_own_ancestor(build_catalogue, token_client, user_with):
    catalogue = build_catalogue()
    child = ProgrammeFactory(parent=catalogue.programme)

    response = token_client(user_with("change_programme")).patch(
        f"/api/programmes/{catalogue.programme.slug}/", {"parent": child.slug}, format="json"
    )

    assert response.status_code == 400
    assert "parent" in response.json()
    catalogue.programme.refresh_from_db()
    assert catalogue.programme.parent is None
