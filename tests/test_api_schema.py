"""The OpenAPI schema generates without warnings, validates, and describes every endpoint and filter."""

import re

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


# The schema says what the API does ----------------------------------------------------------------

WRITE_METHODS = {"post", "put", "patch", "delete"}


def test_every_operation_documents_401_and_every_write_403():
    for url, operations in _schema()["paths"].items():
        for method, operation in operations.items():
            assert "401" in operation["responses"], (method, url)
            if method in WRITE_METHODS:
                assert "403" in operation["responses"], (method, url)


def test_a_bad_token_is_the_documented_401(anonymous_client):
    client = anonymous_client()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")

    assert client.get("/api/programmes/").status_code == 401
    assert client.post("/api/programmes/", {}, format="json").status_code == 401


def test_bodies_document_413():
    operation = _schema()["paths"]["/api/programmes/"]["post"]

    assert "413" in operation["responses"]


def test_an_empty_expand_means_no_expansion_as_the_schema_allows(anonymous_client, build_catalogue):
    build_catalogue()
    response = anonymous_client().get("/api/programmes/?expand=")

    assert response.status_code == 200
    assert "organisations" not in response.json()["results"][0]


def test_an_empty_name_in_expand_is_ignored_as_the_schema_allows(anonymous_client, build_catalogue):
    """On the wire ``?expand=`` is [] and [""] alike, so "" is in the enum and means nothing."""
    build_catalogue()
    response = anonymous_client().get("/api/programmes/?expand=organisations,")
    parameter = next(p for p in _schema()["paths"]["/api/missions/"]["get"]["parameters"] if p["name"] == "expand")

    assert response.status_code == 200
    assert "organisations" in response.json()["results"][0]
    assert "" in parameter["schema"]["items"]["enum"]
    assert anonymous_client().get("/api/programmes/?expand=nonsense").status_code == 400


def test_the_search_limit_bounds_are_in_the_schema_and_enforced(anonymous_client):
    [limit] = [p for p in _schema()["paths"]["/api/search/"]["get"]["parameters"] if p["name"] == "limit"]

    assert (limit["schema"]["minimum"], limit["schema"]["maximum"]) == (1, 50)
    assert anonymous_client().get("/api/search/?limit=51").status_code == 400
    assert anonymous_client().get("/api/search/?limit=50").status_code == 200


def test_request_text_fields_document_the_control_character_rule():
    components = _schema()["components"]["schemas"]
    name = components["OrganisationRequest"]["properties"]["name"]
    slug = components["OrganisationRequest"]["properties"]["slug"]

    assert name["pattern"] == "^[^\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]*$"
    assert "\\x00" not in slug.get("pattern", "")  # a slug keeps its own pattern


def test_if_match_documents_its_form_so_an_empty_one_is_not_schema_valid():
    parameters = _schema()["paths"]["/api/organisations/{slug}/"]["patch"]["parameters"]
    [if_match] = [p for p in parameters if p["name"] == "If-Match"]
    pattern = if_match["schema"]["pattern"]

    assert re.match(pattern, '"organisation-1-2"')
    assert re.match(pattern, "*")
    assert not re.match(pattern, "")


def test_an_absent_website_is_null_as_format_uri_allows_and_null_can_be_written(
    anonymous_client,
    build_catalogue,
    token_client,
    user_with,
):
    catalogue = build_catalogue()
    organisation = catalogue.organisation
    organisation.website = ""
    organisation.save()
    schema = _schema()["components"]["schemas"]

    response = anonymous_client().get(f"/api/organisations/{organisation.slug}/")
    written = token_client(user_with("change_organisation")).patch(
        f"/api/organisations/{organisation.slug}/", {"website": None}, format="json"
    )

    assert response.json()["website"] is None
    assert schema["Organisation"]["properties"]["website"].get("nullable") is True
    assert written.status_code == 200, written.json()
    organisation.refresh_from_db()
    assert organisation.website == ""


def test_each_400_says_what_a_well_formed_request_can_still_be_refused_for():
    paths = _schema()["paths"]

    assert "names no record" in paths["/api/programmes/"]["get"]["responses"]["400"]["description"]
    assert "names no record" in paths["/api/programmes/{slug}/"]["patch"]["responses"]["400"]["description"]
    assert "If-Match" in paths["/api/programmes/{slug}/"]["delete"]["responses"]["400"]["description"]
    token = paths["/api/auth/token/"]["post"]["responses"]["400"]
    assert "username and password do not match" in token["description"]
    assert token["content"]["application/json"]["schema"]["type"] == "object"


def test_wrong_credentials_are_the_documented_json_400(anonymous_client):
    response = anonymous_client().post("/api/auth/token/", {"username": "nobody", "password": "wrong"}, format="json")

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
