"""Cached pages and conditional GET: fast for anonymous readers, never stale after a write."""

import pytest
from django.urls import reverse

from core.models import CatalogueRevision
from programmes.tests.factories import ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

URL = reverse("programmes:programme-list")


def test_a_second_visit_is_served_from_the_cache_with_one_query(client, django_assert_num_queries):
    ProgrammeFactory(name="Skin Analytics")
    first = client.get(URL)

    with django_assert_num_queries(1):  # the catalogue revision
        second = client.get(URL)

    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == "public, no-cache"
    assert "Skin Analytics" in second.content.decode()


def test_a_matching_if_none_match_gets_304_without_rendering(client, django_assert_num_queries):
    etag = client.get(URL)["ETag"]

    with django_assert_num_queries(1):
        response = client.get(URL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_if_modified_since_the_last_write_gets_304(client):
    last_modified = client.get(URL)["Last-Modified"]

    assert client.get(URL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304


def test_a_save_makes_every_cached_page_stale(client):
    programme = ProgrammeFactory(name="Before")
    before = client.get(URL)
    programme.name = "After"
    programme.save()

    after = client.get(URL)

    assert after["ETag"] != before["ETag"]
    assert "After" in after.content.decode()
    assert client.get(URL, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_a_many_to_many_change_and_a_delete_move_the_revision_on():
    programme = ProgrammeFactory()
    start = CatalogueRevision.current()[0]
    programme.topics.clear()
    after_m2m = CatalogueRevision.current()[0]
    programme.delete()

    assert start < after_m2m < CatalogueRevision.current()[0]


def test_a_saved_record_shows_its_new_values_on_its_own_page(client):
    programme = ProgrammeFactory(name="Old name")
    assert "Old name" in client.get(programme.get_absolute_url()).content.decode()
    programme.name = "New name"
    programme.save()  # admin and API writes save the same way, so send the same signal

    assert "New name" in client.get(programme.get_absolute_url()).content.decode()


def test_signed_in_users_and_the_admin_are_never_served_from_the_cache(admin_client, client):
    assert "ETag" not in admin_client.get(URL)
    assert "ETag" not in client.get(reverse("admin:login"))


def test_an_error_page_is_not_cached(client):
    response = client.get(URL, {"year_min": "not a year"})

    assert response.status_code == 400
    assert "ETag" not in response


def test_pages_differ_by_query_string(client):
    ProgrammeFactory(name="Alpha", slug="alpha")
    ProgrammeFactory(name="Beta", slug="beta")

    assert client.get(URL, {"q": "Alpha"})["ETag"] != client.get(URL, {"q": "Beta"})["ETag"]
    assert "Beta" not in client.get(URL, {"q": "Alpha"}).content.decode().split("<tbody")[1]


def test_loading_the_catalogue_moves_the_revision_on():
    from io import StringIO

    from django.core.management import call_command

    before = CatalogueRevision.current()[0]
    call_command("load_catalogue", stdout=StringIO())

    assert CatalogueRevision.current()[0] > before


def test_a_forged_port_in_host_does_not_shape_the_cached_sitemap(client):
    ProgrammeFactory(name="Skin Analytics")

    poisoned = client.get("/sitemap.xml", HTTP_HOST="testserver:6666")
    honest = client.get("/sitemap.xml")

    assert b"testserver:6666" in poisoned.content
    assert b"testserver:6666" not in honest.content
    assert b"http://testserver/" in honest.content
    assert honest["ETag"] != poisoned["ETag"]


def test_the_scheme_is_part_of_a_cached_pages_key(client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

    client.get("/sitemap.xml", HTTP_X_FORWARDED_PROTO="https", SERVER_PORT="443")
    plain = client.get("/sitemap.xml")

    assert b"https://" not in plain.content
