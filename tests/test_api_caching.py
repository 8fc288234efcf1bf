"""API lists read anonymously: ETags, 304s and cached pages of results, still throttled, never stale."""

import pytest
from rest_framework.throttling import AnonRateThrottle

from programmes.tests.factories import ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

URL = "/api/programmes/"


def test_a_repeated_list_is_served_from_the_cache_with_one_query(client, django_assert_num_queries):
    ProgrammeFactory(name="Skin Analytics")
    first = client.get(URL)

    with django_assert_num_queries(1):  # the catalogue revision
        second = client.get(URL)

    assert second.status_code == 200
    assert second.json() == first.json()
    assert second["ETag"] == first["ETag"]
    assert second.json()["results"][0]["name"] == "Skin Analytics"


def test_a_matching_if_none_match_gets_304(client, django_assert_num_queries):
    etag = client.get(URL)["ETag"]

    with django_assert_num_queries(1):
        response = client.get(URL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["ETag"] == etag


def test_each_format_has_its_own_etag(client):
    assert client.get(URL, {"format": "json"})["ETag"] != client.get(URL, {"format": "csv"})["ETag"]
    assert client.get(URL, {"format": "csv"})["Content-Type"].startswith("text/csv")


def test_a_write_makes_the_cached_list_stale(client):
    programme = ProgrammeFactory(name="Before")
    before = client.get(URL)
    programme.name = "After"
    programme.save()

    after = client.get(URL, HTTP_IF_NONE_MATCH=before["ETag"])

    assert after.status_code == 200
    assert after.json()["results"][0]["name"] == "After"


def test_cached_lists_are_still_throttled(client, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})

    statuses = [client.get(URL).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_signed_in_clients_get_a_fresh_list_without_validators(admin_client):
    assert "ETag" not in admin_client.get(URL)


def test_a_repeated_search_is_served_from_the_cache_and_a_write_refreshes_it(client, django_assert_num_queries):
    programme = ProgrammeFactory(name="Skin Analytics")
    first = client.get("/api/search/", {"q": "skin"})

    with django_assert_num_queries(1):
        again = client.get("/api/search/", {"q": "skin"})
    programme.name = "Skin Cancer Analytics"
    programme.save()
    after = client.get("/api/search/", {"q": "skin"})

    assert again.json() == first.json()
    assert again["ETag"] == first["ETag"]
    assert after["ETag"] != first["ETag"]
    assert "Skin Cancer Analytics" in [hit["title"] for hit in after.json()["results"]]


def test_a_forged_port_in_host_does_not_shape_later_readers_links(client):
    ProgrammeFactory(name="First")
    ProgrammeFactory(name="Second")

    poisoned = client.get(URL, {"page_size": 1}, HTTP_HOST="testserver:6666")
    honest = client.get(URL, {"page_size": 1})

    assert "testserver:6666" in poisoned.json()["next"]
    assert honest.json()["next"].startswith("http://testserver/api/programmes/")
    assert honest["ETag"] != poisoned["ETag"]


def test_the_scheme_is_part_of_the_cached_lists_key(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    ProgrammeFactory(name="Only")

    over_https = client.get(URL, HTTP_X_FORWARDED_PROTO="https", SERVER_PORT="443")
    plain = client.get(URL)

    assert over_https.json()["results"][0]["api_url"].startswith("https://testserver/")
    assert plain.json()["results"][0]["api_url"].startswith("http://testserver/")


def test_a_forged_port_does_not_shape_cached_search_links(client):
    ProgrammeFactory(name="Skin Analytics")

    client.get("/api/search/", {"q": "skin"}, HTTP_HOST="testserver:6666")
    honest = client.get("/api/search/", {"q": "skin"})

    assert all(hit["url"].startswith("http://testserver/") for hit in honest.json()["results"])
