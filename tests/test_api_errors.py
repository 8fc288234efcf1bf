"""Bad input is a 400 naming the field and the reason, never a 500; the throttle says when to retry."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/programmes/?year_min=1066", "year_min"),
        ("/api/programmes/?year_min=soon", "year_min"),
        ("/api/programmes/?ordering=secret", "ordering"),
        ("/api/programmes/?organisation=no-such-body", "organisation"),
        ("/api/programmes/?page_size=100000", "page_size"),
        ("/api/programmes/?page_size=many", "page_size"),
        ("/api/programmes/?expand=everything", "expand"),
        ("/api/organisations/?top_level=perhaps", "top_level"),
        ("/api/funding-awards/?amount_min=-5", "amount_min"),
        ("/api/search/?limit=0", "limit"),
        (f"/api/search/?q={'x' * 201}", "q"),
    ],
)
def test_it_refuses_an_invalid_parameter_naming_it(anonymous_client, build_catalogue, url, field):
    build_catalogue()

    response = anonymous_client().get(url)

    assert response.status_code == 400
    assert field in response.json()


def test_malformed_json_is_a_400(database_snapshot, token_client, user_with):
    client = token_client(user_with("add_organisation"))
    before = database_snapshot()

    response = client.post("/api/organisations/", "{not json", content_type="application/json")

    assert response.status_code == 400
    assert "detail" in response.json()
    assert database_snapshot() == before


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": 5, "slug": "a", "kind": "other"}, "name"),
        ({"name": "A", "slug": "a", "kind": "other", "founded": {"year": "2019"}}, "founded"),
        ({"name": "A", "slug": "a", "kind": "other", "founded": {"year": 2019, "month": 2, "day": 30}}, "founded"),
        ({"name": "A", "slug": "a", "kind": "other", "founded": {"year": 99999}}, "founded"),
        ({"name": "A", "slug": "a", "kind": "other", "parent": ""}, "parent"),
        ({"name": "A", "slug": "not a slug", "kind": "other"}, "slug"),
        ({"name": "A", "slug": "a", "kind": "ministry"}, "kind"),
    ],
)
def test_it_refuses_a_wrong_body_naming_the_field(database_snapshot, token_client, user_with, body, field):
    client = token_client(user_with("add_organisation"))
    before = database_snapshot()

    response = client.post("/api/organisations/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert database_snapshot() == before


def test_a_parent_cycle_is_refused_by_the_models_clean(build_catalogue, token_client, user_with):
    catalogue = build_catalogue()
    client = token_client(user_with("change_organisation"))

    response = client.patch(
        f"/api/organisations/{catalogue.funder.slug}/", {"parent": catalogue.organisation.slug}, format="json"
    )

    assert response.status_code == 400
    assert "parent" in response.json()
    catalogue.funder.refresh_from_db()
    assert catalogue.funder.parent is None


def test_a_duplicate_slug_is_a_400_not_an_integrity_error(build_catalogue, token_client, user_with):
    catalogue = build_catalogue()
    client = token_client(user_with("add_organisation"))

    response = client.post("/api/organisations/", {"name": "Again", "slug": catalogue.organisation.slug}, format="json")

    assert response.status_code == 400
    assert "slug" in response.json()


def test_an_oversize_mission_order_is_refused_before_postgresql_would(build_catalogue, token_client, user_with):
    catalogue = build_catalogue()
    client = token_client(user_with("add_mission"))
    body = {
        "title": "T",
        "slug": "t",
        "kind": "mission",
        "order": 40000,
        "organisation": catalogue.organisation.slug,
        "statement": "S",
    }

    response = client.post("/api/missions/", body, format="json")

    assert response.status_code == 400
    assert "order" in response.json()


def test_deleting_a_referenced_organisation_is_a_409_listing_the_referrers(
    build_catalogue,
    database_snapshot,
    token_client,
    user_with,
):
    catalogue = build_catalogue()
    client = token_client(user_with("delete_organisation"))
    before = database_snapshot()

    response = client.delete(f"/api/organisations/{catalogue.funder.slug}/")

    assert response.status_code == 409
    assert response.json()["referenced_by"]
    assert database_snapshot() == before


def test_an_unknown_api_address_is_a_json_404(anonymous_client):
    response = anonymous_client().get("/api/no-such-thing/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_an_error_asked_for_as_csv_is_still_json(anonymous_client):
    response = anonymous_client().get("/api/programmes/?format=csv&year_min=1")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"


@override_settings(REST_FRAMEWORK={"DEFAULT_THROTTLE_RATES": {"anon": "2/minute"}})
def test_anonymous_clients_are_throttled_with_retry_after(anonymous_client, monkeypatch):
    # DRF reads the rate into the class when it is first imported, so the setting alone is not enough.
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    cache.clear()
    client = anonymous_client()

    statuses = [client.get("/api/sources/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    response = client.get("/api/sources/")
    assert int(response["Retry-After"]) > 0
    assert "detail" in response.json()
    cache.clear()


def test_signed_in_clients_are_not_throttled_as_anonymous(token_client, user_with, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "1/minute"})
    cache.clear()
    client = token_client(user_with())

    assert [client.get("/api/sources/").status_code for _ in range(3)] == [200, 200, 200]
    cache.clear()


def test_an_empty_number_filter_is_refused_and_an_empty_choice_means_any(client):
    refused = client.get("/api/funding-awards/", {"year": ""})
    accepted = client.get("/api/funding-awards/", {"period": ""})

    assert refused.status_code == 400
    assert refused.json() == {"year": ["Give a number, or leave the filter out."]}
    assert accepted.status_code == 200


@pytest.mark.parametrize("query", [{"page_size": "false"}, {"page_size": "0"}, {"page": "abc"}, {"page": "0"}])
def test_a_csv_export_refuses_malformed_paging_parameters_it_does_not_use(client, query):
    response = client.get("/api/missions/", {"format": "csv", **query})

    assert response.status_code == 400
    assert list(response.json()) == list(query)


def test_an_empty_yes_no_filter_is_refused_and_an_empty_ordering_means_the_default(client):
    refused = client.get("/api/organisations/", {"top_level": ""})

    assert refused.status_code == 400
    assert refused.json() == {"top_level": ["Must be true or false."]}
    assert client.get("/api/programmes/", {"ordering": ""}).status_code == 200


@pytest.mark.parametrize("page", ["", "last", "-1", "1.5"])
def test_a_page_that_is_not_a_whole_number_from_one_is_refused(client, page):
    response = client.get("/api/organisations/", {"page": page})

    assert response.status_code == 400
    assert response.json() == {"page": ["A whole number from 1 is required."]}


# Errors that Django, not DRF, would answer: still JSON under /api/ --------------------------------

TEN_MEGABYTES = 10 * 1024 * 1024


def assert_json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_a_ten_megabyte_body_to_the_token_endpoint_is_a_json_413(anonymous_client):
    body = '{"username": "' + "x" * TEN_MEGABYTES + '", "password": "x"}'

    response = anonymous_client().post("/api/auth/token/", body, content_type="application/json")

    assert "too large" in assert_json_error(response, 413)["detail"]


def test_two_hundred_thousand_form_fields_are_a_json_413(anonymous_client):
    body = "&".join(f"key{number}=value" for number in range(200_000))

    response = anonymous_client().post("/api/auth/token/", body, content_type="application/x-www-form-urlencoded")

    assert assert_json_error(response, 413)["code"] == "too_large"


def test_a_ten_megabyte_write_is_a_json_413_and_writes_nothing(
    build_catalogue,
    database_snapshot,
    token_client,
    user_with,
):
    build_catalogue()
    before = database_snapshot()
    body = '{"name": "' + "x" * TEN_MEGABYTES + '", "kind": "other"}'

    response = token_client(user_with("add_organisation")).post(
        "/api/organisations/", body, content_type="application/json"
    )

    assert_json_error(response, 413)
    assert database_snapshot() == before


@pytest.mark.parametrize("path", ["/api/organisations/a%0Ab/x", "/api/organisations/a%0Ab/", "/api/%0A"])
def test_an_address_with_an_encoded_newline_is_a_json_404(anonymous_client, path):
    response = anonymous_client().get(path)

    assert_json_error(response, 404)


def test_an_unhandled_error_under_the_api_is_a_json_500_without_details(anonymous_client, settings, monkeypatch):
    from programmes.api.views import ProgrammeViewSet

    def broken(*args, **kwargs):
        raise RuntimeError("secret detail")

    settings.DEBUG = False
    monkeypatch.setattr(ProgrammeViewSet, "list", broken)
    client = anonymous_client()
    client.raise_request_exception = False

    response = client.get("/api/programmes/")

    body = assert_json_error(response, 500)
    assert "secret detail" not in response.content.decode()
    assert body["code"] == "error"


def test_an_unknown_host_under_the_api_is_a_json_400(anonymous_client, settings):
    settings.DEBUG = False

    response = anonymous_client().get("/api/programmes/", HTTP_HOST="evil.example")

    assert assert_json_error(response, 400)["code"] == "bad_request"
