"""The organisation and people endpoints: hierarchy links, aliases, roles, people's pages."""

import pytest

pytestmark = pytest.mark.django_db


def test_an_organisation_links_its_parent_children_aliases_and_roles(anonymous_client, build_catalogue):
    catalogue = build_catalogue()
    client = anonymous_client()

    body = client.get(f"/api/organisations/{catalogue.organisation.slug}/").json()
    parent = client.get(body["parent"]["url"]).json()

    assert parent["slug"] == catalogue.funder.slug
    assert [child["slug"] for child in parent["children"]] == [catalogue.organisation.slug]
    assert body["aliases"][0]["kind"] == "former"
    assert body["roles"][0]["person"]["slug"] == catalogue.person.slug
    assert body["founded"]["iso"] == "2019-04"
    assert [programme["slug"] for programme in body["programmes"]] == [catalogue.programme.slug]
    assert len(body["citations"]) == 1
    assert body["disputed_fields"] == []


def test_a_person_links_to_their_page_roles_and_events(anonymous_client, build_catalogue):
    catalogue = build_catalogue()

    body = anonymous_client().get(f"/api/people/{catalogue.person.slug}/").json()

    assert body["html_url"] == f"http://testserver/people/{catalogue.person.slug}/"
    assert body["roles"][0]["organisation"]["slug"] == catalogue.organisation.slug
    assert body["roles"][0]["started"]["display"] == "January 2020"
    assert body["events"][0]["slug"] == catalogue.event.slug


def test_the_organisation_list_filters_and_expands(anonymous_client, build_catalogue):
    catalogue = build_catalogue(copies=2)
    client = anonymous_client()

    top_level = client.get("/api/organisations/?top_level=true").json()
    children = client.get(f"/api/organisations/?parent={catalogue.funder.slug}&expand=aliases").json()

    assert top_level["count"] == 2
    assert [row["slug"] for row in children["results"]] == [catalogue.organisation.slug]
    assert children["results"][0]["aliases"]
    assert "citations" not in children["results"][0]


def test_people_filter_by_organisation(anonymous_client, build_catalogue):
    catalogue = build_catalogue(copies=2)

    body = anonymous_client().get(f"/api/people/?organisation={catalogue.organisation.slug}").json()

    assert [row["slug"] for row in body["results"]] == [catalogue.person.slug]


def test_an_unknown_slug_is_a_404(anonymous_client):
    assert anonymous_client().get("/api/organisations/no-such-body/").status_code == 404
