"""/changes/ and its Atom feeds: every edit, which fields changed, never a hidden editor, bounded queries."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from catalogue.changes import CHANGES_PAGE_SIZE
from organisations.tests.factories import OrganisationFactory
from programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edited_programme(token_client, user_with):
    """A programme whose summary an editor named Ada Lovelace changed through the API."""
    programme = ProgrammeFactory(summary="Before.")
    editor = user_with("change_programme", username="ada")
    get_user_model().objects.filter(pk=editor.pk).update(first_name="Ada", last_name="Lovelace")
    editor.refresh_from_db()
    response = token_client(editor).patch(
        f"/api/programmes/{programme.slug}/", {"summary": "After."}, format="json"
    )
    assert response.status_code == 200
    return programme


def test_an_api_edit_is_listed_with_the_fields_it_changed(client, edited_programme):
    response = client.get("/changes/")

    assert response.status_code == 200
    latest = response.context["changes"][0]
    assert (latest.kind, latest.record_id, latest.action) == ("programme", edited_programme.pk, "Changed")
    assert latest.fields == ["summary"]
    assert latest.url == edited_programme.get_absolute_url()
    assert "Changed: summary." in response.content.decode()


def test_the_editor_is_not_named_unless_the_settings_allow_it(client, edited_programme, settings):
    hidden = client.get("/changes/").content.decode() + client.get("/changes/feed/").content.decode()
    settings.CATALOGUE_SHOW_EDITORS = True
    shown = client.get("/changes/").content.decode()

    assert "Lovelace" not in hidden
    assert "ada" not in hidden.lower().replace("metadata", "")
    assert "by Ada Lovelace" in shown


def test_a_partial_date_change_is_named_once_and_a_deletion_has_no_link(client):
    organisation = OrganisationFactory()
    organisation.founded_year, organisation.founded_month, organisation.founded_day = 2001, 4, None
    organisation.save()
    gone = OrganisationFactory(name="Short-lived body")
    gone.delete()

    changes = client.get("/changes/", {"kind": "organisation"}).context["changes"]

    assert (changes[0].action, changes[0].title, changes[0].url) == ("Deleted", str(gone), None)
    edit = next(change for change in changes if change.record_id == organisation.pk and change.action == "Changed")
    assert edit.fields == ["founded"]


def test_the_kind_filter_keeps_one_kind(client, edited_programme):
    OrganisationFactory()

    changes = client.get("/changes/", {"kind": "organisation"}).context["changes"]

    assert changes
    assert {change.kind for change in changes} == {"organisation"}


def test_an_unknown_kind_is_a_400_that_says_why(client):
    response = client.get("/changes/", {"kind": "passwords"})

    assert response.status_code == 400
    assert "Choose a kind of record from the list." in response.content.decode()


def test_a_page_past_the_end_is_a_404(client, edited_programme):
    assert client.get("/changes/", {"page": 2}).status_code == 404
    assert client.get("/changes/", {"page": "last"}).status_code == 200
    assert client.get("/changes/", {"page": "x"}).status_code == 404


def test_the_page_costs_two_queries_plus_one_or_two_per_kind_shown(
    client, build_catalogue, edited_programme, django_assert_num_queries
):
    build_catalogue(copies=3)
    edited_programme.save()  # the newest edits: one change and one addition of each kind
    first_page = client.get("/changes/").context["changes"]
    kinds = {change.kind for change in first_page}
    kinds_changed = {change.kind for change in first_page if change.action == "Changed"}

    # The count and the page, then each kind's history rows, and the rows before its changes.
    with django_assert_num_queries(2 + len(kinds) + len(kinds_changed)):
        response = client.get("/changes/")
    with django_assert_num_queries(2 + 2):
        client.get("/changes/", {"kind": "programme"})

    assert len(response.context["changes"]) == CHANGES_PAGE_SIZE
    assert len(kinds) > 5
    assert "programme" in kinds_changed


def test_the_feed_is_atom_and_carries_the_latest_edit(client, edited_programme, django_assert_max_num_queries):
    with django_assert_max_num_queries(1 + 2 * 3):
        response = client.get("/changes/feed/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    text = response.content.decode()
    assert "<feed" in text
    assert f"Programme changed: {edited_programme.name}" in text
    assert "Changed: summary." in text


def test_a_record_feed_has_only_its_changes(client, edited_programme, django_assert_num_queries):
    OrganisationFactory(name="Someone else")

    with django_assert_num_queries(3):
        response = client.get(f"/changes/feed/programme/{edited_programme.pk}/")

    text = response.content.decode()
    assert response.status_code == 200
    assert text.count("<entry>") == 2  # added, then changed
    assert "Someone else" not in text


def test_a_feed_of_an_unknown_kind_or_record_is_a_404(client):
    assert client.get("/changes/feed/passwords/1/").status_code == 404
    assert client.get("/changes/feed/programme/999999/").status_code == 404


def test_an_admin_edit_is_on_the_next_page_and_feed_without_staff_fields_or_the_editor(
    client, page_cache, change_url, form_data, user_with
):
    programme = ProgrammeFactory(summary="Before.")
    editor = user_with("view_programme", "change_programme", username="grace.hopper")
    get_user_model().objects.filter(pk=editor.pk).update(
        first_name="Grace", last_name="Hopper", email="grace.hopper@nhs.example"
    )
    admin = Client()
    admin.force_login(editor)
    assert "Changed: summary." not in client.get("/changes/").content.decode()  # the page and feed are cached
    assert "Changed: summary." not in client.get("/changes/feed/").content.decode()

    form = form_data(admin.get(change_url(programme)))
    assert "version_token" in form  # a staff-only field the form carries
    response = admin.post(change_url(programme), {**form, "summary": "After."})
    assert response.status_code == 302

    page = client.get("/changes/")
    feed = client.get("/changes/feed/").content.decode()
    latest = page.context["changes"][0]
    assert (latest.kind, latest.record_id, latest.action, latest.fields) == (
        "programme",
        programme.pk,
        "Changed",
        ["summary"],
    )
    assert latest.editor is None
    text = page.content.decode()
    assert "Changed: summary." in text
    assert f"Programme changed: {programme.name}" in feed
    assert "Changed: summary." in feed
    for hidden in ("version_token", "search_vector", "history_", "Grace", "Hopper", "grace.hopper"):
        assert hidden not in text, hidden
        assert hidden not in feed, hidden
