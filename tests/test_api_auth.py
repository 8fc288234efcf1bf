"""Who may write through the API: anonymous, signed in without permission, with permission.

Every refusal leaves the database as it was; every accepted write lands in the same
simple-history history as an admin edit, with the user who made it.
"""

import pytest
from rest_framework.test import APIClient

from organisations.models import Organisation
from programmes.models import Programme

pytestmark = pytest.mark.django_db

NEW_ORGANISATION = {
    "name": "NHS Transformation Directorate",
    "slug": "nhs-transformation-directorate",
    "kind": "nhs_body",
}


def _writes(catalogue):
    slug = catalogue.organisation.slug
    return [
        ("post", "/api/organisations/", NEW_ORGANISATION),
        ("patch", f"/api/organisations/{slug}/", {"location": "Leeds and London"}),
        ("put", f"/api/organisations/{slug}/", {**NEW_ORGANISATION, "slug": slug}),
        ("delete", f"/api/organisations/{catalogue.programme.slug.replace('programme', 'organisation')}-gone/", None),
        ("delete", f"/api/programmes/{catalogue.programme.slug}/", None),
    ]


@pytest.mark.parametrize("who", ["anonymous", "signed in without permission"])
def test_it_refuses_every_write_without_the_permission_and_changes_nothing(
    anonymous_client,
    build_catalogue,
    database_snapshot,
    token_client,
    user_with,
    who,
):
    catalogue = build_catalogue()
    client = anonymous_client() if who == "anonymous" else token_client(user_with())
    before = database_snapshot()

    for method, url, body in _writes(catalogue):
        response = getattr(client, method)(url, body, format="json")
        assert response.status_code in {401, 403, 404}, (method, url, response.status_code)
        assert response.status_code != 404 or method == "delete"

    assert database_snapshot() == before


def test_anyone_may_read(anonymous_client, build_catalogue):
    catalogue = build_catalogue()

    response = anonymous_client().get(f"/api/organisations/{catalogue.organisation.slug}/")

    assert response.status_code == 200


def test_it_creates_with_the_add_permission_and_records_the_token_user_in_history(token_client, user_with):
    user = user_with("add_organisation")

    response = token_client(user).post("/api/organisations/", NEW_ORGANISATION, format="json")

    assert response.status_code == 201, response.json()
    organisation = Organisation.objects.get(slug=NEW_ORGANISATION["slug"])
    record = organisation.history.get()
    assert record.history_type == "+"
    assert record.history_user == user


def test_it_updates_with_the_change_permission_by_session_and_records_the_user(build_catalogue, user_with):
    catalogue = build_catalogue()
    user = user_with("change_organisation")
    client = APIClient(enforce_csrf_checks=False)
    client.force_login(user)

    response = client.patch(f"/api/organisations/{catalogue.organisation.slug}/", {"location": "Exeter"}, format="json")

    assert response.status_code == 200, response.json()
    catalogue.organisation.refresh_from_db()
    assert catalogue.organisation.location == "Exeter"
    latest = catalogue.organisation.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == user


def test_add_permission_alone_does_not_allow_a_change(build_catalogue, database_snapshot, token_client, user_with):
    catalogue = build_catalogue()
    before = database_snapshot()

    response = token_client(user_with("add_organisation")).patch(
        f"/api/organisations/{catalogue.organisation.slug}/", {"location": "Exeter"}, format="json"
    )

    assert response.status_code == 403
    assert database_snapshot() == before


def test_it_deletes_with_the_delete_permission_and_records_the_deletion(build_catalogue, token_client, user_with):
    catalogue = build_catalogue()
    user = user_with("delete_metric")

    response = token_client(user).delete(f"/api/metrics/{catalogue.metric.slug}/")

    assert response.status_code == 204
    deleted = catalogue.metric.history.model.objects.filter(id=catalogue.metric.pk).first()
    assert deleted.history_type == "-"
    assert deleted.history_user == user


def test_a_bad_token_is_refused(build_catalogue, database_snapshot):
    build_catalogue()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    before = database_snapshot()

    response = client.post("/api/organisations/", NEW_ORGANISATION, format="json")

    assert response.status_code in {401, 403}
    assert database_snapshot() == before


def test_a_write_to_many_to_many_fields_is_recorded_with_the_user(build_catalogue, token_client, user_with):
    catalogue = build_catalogue()
    user = user_with("change_programme")

    response = token_client(user).patch(
        f"/api/programmes/{catalogue.programme.slug}/", {"missions": [], "topics": []}, format="json"
    )

    assert response.status_code == 200, response.json()
    programme = Programme.objects.get(pk=catalogue.programme.pk)
    assert not programme.missions.exists()
    assert programme.history.first().history_user == user


def test_it_refuses_a_write_by_a_user_who_is_not_staff_though_they_hold_the_permission(
    build_catalogue,
    database_snapshot,
    token_client,
    user_with,
):
    catalogue = build_catalogue()
    user = user_with("change_programme", username="not-staff")
    user.is_staff = False
    user.save()
    before = database_snapshot()

    response = token_client(user).patch(
        f"/api/programmes/{catalogue.programme.slug}/", {"name": "Renamed"}, format="json"
    )

    assert response.status_code == 403, response.json()
    assert "staff" in response.json()["detail"]
    assert database_snapshot() == before
    assert Programme.objects.get(pk=catalogue.programme.pk).name == catalogue.programme.name


def test_a_demoted_staff_members_token_stops_working_for_writes_but_still_reads(
    build_catalogue,
    token_client,
    user_with,
):
    catalogue = build_catalogue()
    user = user_with("change_organisation")
    client = token_client(user)
    assert (
        client.patch(
            f"/api/organisations/{catalogue.organisation.slug}/", {"location": "Exeter"}, format="json"
        ).status_code
        == 200
    )

    user.is_staff = False
    user.save()
    response = client.patch(f"/api/organisations/{catalogue.organisation.slug}/", {"location": "Leeds"}, format="json")

    assert response.status_code == 403
    catalogue.organisation.refresh_from_db()
    assert catalogue.organisation.location == "Exeter"
    assert client.get(f"/api/organisations/{catalogue.organisation.slug}/").status_code == 200


def test_a_session_of_a_user_who_is_not_staff_cannot_write(build_catalogue, user_with):
    catalogue = build_catalogue()
    user = user_with("delete_metric", username="not-staff")
    user.is_staff = False
    user.save()
    client = APIClient()
    client.force_login(user)

    response = client.delete(f"/api/metrics/{catalogue.metric.slug}/")

    assert response.status_code == 403
    assert type(catalogue.metric).objects.filter(pk=catalogue.metric.pk).exists()
