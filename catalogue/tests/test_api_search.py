"""/api/search/: every kind of record, each hit with its kind and URL."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_finds_records_of_every_kind_with_kind_and_url(anonymous_client, build_catalogue):
    catalogue = build_catalogue()
    client = anonymous_client()
    records = {
        "organisations": catalogue.organisation,
        "programmes": catalogue.programme,
        "people": catalogue.person,
        "missions": catalogue.mission,
        "events": catalogue.event,
        "sources": catalogue.source,
    }

    for kind, record in records.items():
        title = getattr(record, "name", None) or record.title
        body = client.get("/api/search/", {"q": title}).json()
        hits = [hit for hit in body["results"] if hit["kind"] == kind]
        assert f"http://testserver{record.get_absolute_url()}" in {hit["url"] for hit in hits}, kind
        assert body["count"] == sum(group["total"] for group in body["groups"])


def test_it_can_be_limited_to_kinds_and_a_number_of_hits(anonymous_client, build_catalogue):
    build_catalogue(copies=3)

    body = anonymous_client().get("/api/search/?q=Digital&kind=programmes&limit=2").json()

    assert [group["kind"] for group in body["groups"]] == ["programmes"]
    assert len(body["groups"][0]["hits"]) == 2
    assert body["groups"][0]["has_more"] is True


def test_an_empty_query_finds_nothing(anonymous_client):
    assert anonymous_client().get("/api/search/").json() == {
        "query": "",
        "count": 0,
        "did_you_mean": "",
        "groups": [],
        "results": [],
    }


def test_an_unknown_kind_is_a_400(anonymous_client):
    response = anonymous_client().get("/api/search/?q=x&kind=planets")

    assert response.status_code == 400
    assert "kind" in response.json()


@pytest.mark.parametrize("query", ["q=x&limit=abc&limit=", "q=x&limit=2&limit=3", "q=x&q=y"])
def test_a_single_valued_parameter_given_twice_is_a_400_naming_it(anonymous_client, query):
    response = anonymous_client().get(f"/api/search/?{query}")

    assert response.status_code == 400
    name = query.rsplit("&", 1)[1].split("=")[0]
    assert response.json()[name] == [f"Give {name} once (it was given 2 times)."]


def test_an_empty_limit_is_a_400_saying_what_to_enter(anonymous_client):
    response = anonymous_client().get("/api/search/?q=x&limit=")

    assert response.status_code == 400
    assert response.json()["limit"] == ["Enter limit as a whole number from 1 to 50, or leave it out."]


def test_results_export_as_csv(anonymous_client, build_catalogue):
    build_catalogue()

    response = anonymous_client().get("/api/search/?q=Digital&format=csv")

    assert response.status_code == 200
    assert response.content.decode().splitlines()[0] == "kind,title,url,snippet"
