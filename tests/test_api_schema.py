"""The OpenAPI schema generates without warnings, validates, and describes every endpoint and filter."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/organisations/",
    "/api/organisations/{slug}/",
    "/api/programmes/",
    "/api/programmes/{slug}/",
    "/api/funding-awards/",
    "/api/funding-awards/{id}/",
    "/api/funding-awards/360giving/",
    "/api/funding-streams/",
    "/api/funding-streams/{slug}/",
    "/api/missions/",
    "/api/missions/{slug}/",
    "/api/people/",
    "/api/people/{slug}/",
    "/api/events/",
    "/api/events/{slug}/",
    "/api/metrics/",
    "/api/metrics/{slug}/",
    "/api/sources/",
    "/api/sources/{slug}/",
    "/api/claims/",
    "/api/claims/{id}/",
    "/api/search/",
    "/api/auth/token/",
]


def test_the_schema_validates_with_no_warnings(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))


def _schema():
    response = APIClient().get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_it_lists_every_endpoint():
    assert sorted(_schema()["paths"]) == sorted(ENDPOINTS)


def test_it_describes_the_filters_of_the_shared_filtersets():
    parameters = {p["name"]: p for p in _schema()["paths"]["/api/programmes/"]["get"]["parameters"]}

    assert {
        "organisation",
        "mission",
        "year_min",
        "year_max",
        "q",
        "search",
        "ordering",
        "expand",
        "page",
        "page_size",
        "format",
    } <= set(parameters)
    assert parameters["year_min"]["schema"]["minimum"] == 1800
    assert parameters["page_size"]["schema"]["maximum"] == 100


def test_writes_need_a_token_or_a_session_and_reads_do_not():
    paths = _schema()["paths"]

    assert {} in paths["/api/programmes/"]["get"]["security"]
    assert {} not in paths["/api/programmes/"]["post"]["security"]
    assert "409" in paths["/api/programmes/{slug}/"]["delete"]["responses"]


def test_the_docs_are_served_without_an_outside_host(anonymous_client):
    response = anonymous_client().get("/api/docs/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "swagger-ui" in html
    assert "cdn.jsdelivr.net" not in html
    assert "unpkg.com" not in html
