"""Two people editing the same record: the second save is refused, never silently overwriting the first.

The version of a record is the id of its latest history row; the admin's change form carries
it in a hidden field, the API sends it as ``ETag`` and honours ``If-Match`` (412 when stale).
"""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from django.urls import reverse

from core.apps import catalogue_app_labels
from core.versions import version_token
from organisations.models import Organisation, OrganisationAlias
from organisations.tests.factories import OrganisationFactory, OrganisationRelationshipFactory
from programmes.models import Programme, Topic
from programmes.tests.factories import ProgrammeFactory, ProgrammeRelationshipFactory

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
STALE = "Someone else saved this record since you opened it"


PERMISSIONS = (
    "view_organisation",
    "change_organisation",
    "delete_organisation",
    "add_organisationalias",
    "change_programme",
    "delete_programme",
)


@pytest.fixture
def alice_user(user_with):
    return user_with(*PERMISSIONS, username="alice")


@pytest.fixture
def bob_user(user_with):
    return user_with(*PERMISSIONS, username="bob")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice(alice_user):
    """Alice in the admin."""
    return signed_in(alice_user)


@pytest.fixture
def bob(bob_user):
    """Bob in the admin."""
    return signed_in(bob_user)


@pytest.fixture
def editors(token_client, alice_user, bob_user):
    """Alice's and Bob's API clients."""
    return token_client(alice_user), token_client(bob_user)


def latest_history_id(obj) -> int:
    return obj.history.order_by("-history_id").values_list("history_id", flat=True).first()


# The admin -------------------------------------------------------------------------------------


def test_the_change_form_carries_the_records_version_in_a_hidden_field(change_url, alice):
    organisation = OrganisationFactory()

    response = alice.get(change_url(organisation))

    assert response.status_code == 200
    token = str(latest_history_id(organisation))
    assert f'<input type="hidden" name="version_token" value="{token}"' in response.content.decode()


@pytest.mark.parametrize(
    "model",
    sorted(
        (model for model in admin.site._registry if model._meta.app_label in catalogue_app_labels()),
        key=lambda model: model._meta.label,
    ),
    ids=lambda model: model.__name__,
)
def test_every_catalogue_change_form_carries_the_version(build_catalogue, change_url, admin_client, model):
    build_catalogue()
    OrganisationRelationshipFactory()
    ProgrammeRelationshipFactory()
    obj = model._default_manager.order_by("pk").first()

    response = admin_client.get(change_url(obj))

    assert response.status_code == 200
    assert f'name="version_token" value="{version_token(model, obj.pk)}"' in response.content.decode()


def test_the_second_of_two_editors_is_refused_and_the_first_edit_kept(change_url, form_data, alice, bob):
    organisation = OrganisationFactory(name="NHSX")
    alice_form = form_data(alice.get(change_url(organisation)))
    bob_form = form_data(bob.get(change_url(organisation)))

    first = alice.post(change_url(organisation), {**alice_form, "name": "NHS Transformation Directorate"})
    second = bob.post(change_url(organisation), {**bob_form, "name": "NHSX (renamed by Bob)"})

    assert first.status_code == 302
    assert second.status_code == 200
    errors = second.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith(f"{STALE} (at ")
    assert "by alice)" in errors[0]
    assert errors[0].endswith("Reload to see their changes; your edits were not saved.")
    assert STALE in second.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "NHS Transformation Directorate"
    assert [row.history_user.username for row in organisation.history.all()[:1]] == ["alice"]
    assert organisation.history.count() == 2


def test_a_refused_save_writes_none_of_its_inlines_either(
    change_url,
    database_snapshot,
    form_data,
    inline_prefix,
    alice,
    bob,
):
    organisation = OrganisationFactory()
    bob_response = bob.get(change_url(organisation))
    bob_form = form_data(bob_response)
    prefix = inline_prefix(bob_response, OrganisationAlias)
    alice_form = form_data(alice.get(change_url(organisation)))
    assert alice.post(change_url(organisation), {**alice_form, "acronym": "A1"}).status_code == 302
    before = database_snapshot()

    response = bob.post(
        change_url(organisation),
        {**bob_form, "acronym": "B1", f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-name": "Bob's alias"},
    )

    assert response.status_code == 200
    assert database_snapshot() == before
    organisation.refresh_from_db()
    assert organisation.acronym == "A1"
    assert not organisation.aliases.exists()


def test_the_refused_editor_can_save_after_reloading(change_url, form_data, alice, bob):
    organisation = OrganisationFactory(name="NHSX")
    bob_form = form_data(bob.get(change_url(organisation)))
    alice_form = form_data(alice.get(change_url(organisation)))
    alice.post(change_url(organisation), {**alice_form, "acronym": "NHSX1"})
    assert bob.post(change_url(organisation), {**bob_form, "name": "Renamed"}).status_code == 200

    reloaded = form_data(bob.get(change_url(organisation)))
    response = bob.post(change_url(organisation), {**reloaded, "name": "Renamed"})

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert (organisation.name, organisation.acronym) == ("Renamed", "NHSX1")


def test_resubmitting_a_form_already_saved_once_is_refused(change_url, form_data, alice):
    organisation = OrganisationFactory(name="NHSX")
    form = form_data(alice.get(change_url(organisation)))
    assert alice.post(change_url(organisation), {**form, "name": "First"}).status_code == 302

    response = alice.post(change_url(organisation), {**form, "name": "Second"})

    assert response.status_code == 200
    assert "by alice)" in response.context["adminform"].form.non_field_errors()[0]
    organisation.refresh_from_db()
    assert organisation.name == "First"


def test_a_change_posted_without_a_version_is_refused(change_url, form_data, alice):
    organisation = OrganisationFactory(name="NHSX")
    form = form_data(alice.get(change_url(organisation)))
    del form["version_token"]

    response = alice.post(change_url(organisation), {**form, "name": "Unversioned"})

    assert response.status_code == 200
    assert "does not say which version" in response.context["adminform"].form.non_field_errors()[0]
    organisation.refresh_from_db()
    assert organisation.name == "NHSX"


def test_a_record_without_history_can_be_edited_once_and_then_is_versioned(change_url, form_data, alice, bob):
    organisation = OrganisationFactory(name="Loaded by a script")
    organisation.history.all().delete()
    alice_form = form_data(alice.get(change_url(organisation)))
    bob_form = form_data(bob.get(change_url(organisation)))
    assert alice_form["version_token"] == "0"

    first = alice.post(change_url(organisation), {**alice_form, "name": "Alice's"})
    second = bob.post(change_url(organisation), {**bob_form, "name": "Bob's"})

    assert (first.status_code, second.status_code) == (302, 200)
    organisation.refresh_from_db()
    assert organisation.name == "Alice's"


@pytest.mark.parametrize("posted", [{}, {"version_token": "stale"}], ids=["none", "stale"])
def test_the_add_form_asks_for_no_version(admin_client, posted):
    response = admin_client.post(
        reverse("admin:programmes_topic_add"), {"name": "Imaging", "slug": "imaging", **posted}
    )

    assert response.status_code == 302
    assert Topic.objects.filter(slug="imaging").exists()


def test_restoring_a_version_still_works_with_the_version_check(change_url, form_data, revert_url, admin_client):
    organisation = OrganisationFactory(name="HSCIC")
    original = organisation.history.get()
    form = form_data(admin_client.get(change_url(organisation)))
    admin_client.post(change_url(organisation), {**form, "name": "NHS Digital"})

    data = form_data(admin_client.get(revert_url(organisation, original)))
    assert data["version_token"] == str(latest_history_id(organisation))

    response = admin_client.post(revert_url(organisation, original), data)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "HSCIC"


def test_restoring_a_version_is_refused_if_the_record_changed_since_the_revert_page_opened(
    change_url,
    form_data,
    revert_url,
    alice,
    bob,
):
    organisation = OrganisationFactory(name="HSCIC")
    original = organisation.history.get()
    alice_form = form_data(alice.get(change_url(organisation)))
    alice.post(change_url(organisation), {**alice_form, "name": "NHS Digital"})
    revert = form_data(bob.get(revert_url(organisation, original)))
    alice_form = form_data(alice.get(change_url(organisation)))
    alice.post(change_url(organisation), {**alice_form, "acronym": "NHSD"})

    response = bob.post(revert_url(organisation, original), revert)

    assert response.status_code == 200
    assert STALE in response.content.decode()
    organisation.refresh_from_db()
    assert (organisation.name, organisation.acronym) == ("NHS Digital", "NHSD")
    assert organisation.history.count() == 3


def test_the_admin_log_does_not_list_the_version_as_a_changed_field(change_url, form_data, alice):
    organisation = OrganisationFactory()
    form = form_data(alice.get(change_url(organisation)))

    alice.post(change_url(organisation), {**form, "acronym": "NEW"})

    assert LogEntry.objects.get().get_change_message() == "Changed Acronym."


# The API ---------------------------------------------------------------------------------------


def api_url(obj) -> str:
    return reverse(
        f"api:{obj._meta.model_name}-detail", args=[obj.pk if obj._meta.model_name == "fundingaward" else obj.slug]
    )


def test_a_record_read_carries_its_version_as_an_etag(anonymous_client):
    organisation = OrganisationFactory()

    response = anonymous_client().get(api_url(organisation))

    assert response.status_code == 200
    assert response["ETag"] == f'"organisation-{organisation.pk}-{latest_history_id(organisation)}"'


def test_a_funding_award_addressed_by_id_carries_an_etag_too(anonymous_client, build_catalogue):
    catalogue = build_catalogue()

    response = anonymous_client().get(api_url(catalogue.award))

    assert response["ETag"] == f'"fundingaward-{catalogue.award.pk}-{latest_history_id(catalogue.award)}"'


def test_a_list_carries_no_etag(anonymous_client):
    OrganisationFactory()

    response = anonymous_client().get("/api/organisations/")

    assert response.status_code == 200
    assert "ETag" not in response


def test_a_patch_with_a_stale_if_match_is_refused_and_writes_nothing(database_snapshot, editors):
    alice, bob = editors
    organisation = OrganisationFactory(name="NHSX")
    etag = bob.get(api_url(organisation))["ETag"]
    alice.patch(api_url(organisation), {"name": "NHS Transformation Directorate"}, format="json")
    before = database_snapshot()

    response = bob.patch(api_url(organisation), {"name": "Bob's name"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    current = f'"organisation-{organisation.pk}-{latest_history_id(organisation)}"'
    body = response.json()
    assert body["current_version"] == current
    assert "by alice" in body["detail"]
    assert "Nothing was written" in body["detail"]
    assert response["ETag"] == current
    assert database_snapshot() == before
    organisation.refresh_from_db()
    assert organisation.name == "NHS Transformation Directorate"


def test_a_patch_with_the_current_etag_succeeds_and_answers_the_new_one(editors):
    alice, bob = editors
    organisation = OrganisationFactory(name="NHSX")
    stale = bob.get(api_url(organisation))["ETag"]
    alice.patch(api_url(organisation), {"name": "NHS Transformation Directorate"}, format="json")
    assert bob.patch(api_url(organisation), {"acronym": "B"}, format="json", HTTP_IF_MATCH=stale).status_code == 412
    fresh = bob.get(api_url(organisation))["ETag"]

    response = bob.patch(api_url(organisation), {"acronym": "NHSTD"}, format="json", HTTP_IF_MATCH=fresh)

    assert response.status_code == 200
    organisation.refresh_from_db()
    assert (organisation.name, organisation.acronym) == ("NHS Transformation Directorate", "NHSTD")
    assert response["ETag"] == f'"organisation-{organisation.pk}-{latest_history_id(organisation)}"'
    assert response["ETag"] != fresh
    assert organisation.history.first().history_user.username == "bob"


def test_a_put_with_a_stale_if_match_is_refused(editors):
    alice, bob = editors
    organisation = OrganisationFactory(name="NHSX")
    read = bob.get(api_url(organisation))
    etag, body = read["ETag"], read.json()
    alice.patch(api_url(organisation), {"acronym": "A"}, format="json")
    writable = {key: body[key] for key in ("name", "slug", "kind", "description", "location", "website", "founded")}

    response = bob.put(api_url(organisation), {**writable, "name": "Bob"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    organisation.refresh_from_db()
    assert (organisation.name, organisation.acronym) == ("NHSX", "A")


def test_a_stale_if_match_is_refused_before_the_body_is_validated(editors):
    alice, bob = editors
    organisation = OrganisationFactory()
    etag = bob.get(api_url(organisation))["ETag"]
    alice.patch(api_url(organisation), {"acronym": "A"}, format="json")

    response = bob.patch(api_url(organisation), {"kind": "not-a-kind"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412


def test_a_delete_with_a_stale_if_match_is_refused_and_the_record_kept(database_snapshot, editors):
    alice, bob = editors
    programme = ProgrammeFactory(name="AI Lab")
    etag = bob.get(api_url(programme))["ETag"]
    alice.patch(api_url(programme), {"summary": "Changed by Alice."}, format="json")
    before = database_snapshot()

    response = bob.delete(api_url(programme), HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    assert "by alice" in response.json()["detail"]
    assert database_snapshot() == before
    assert Programme.objects.filter(pk=programme.pk, summary="Changed by Alice.").exists()


def test_a_delete_with_the_current_etag_deletes(editors):
    _, bob = editors
    programme = ProgrammeFactory()
    etag = bob.get(api_url(programme))["ETag"]

    response = bob.delete(api_url(programme), HTTP_IF_MATCH=etag)

    assert response.status_code == 204
    assert not Programme.objects.filter(pk=programme.pk).exists()


def test_a_write_without_if_match_goes_ahead_whatever_the_version(editors):
    alice, bob = editors
    organisation = OrganisationFactory(name="NHSX")
    bob.get(api_url(organisation))
    alice.patch(api_url(organisation), {"name": "Alice's"}, format="json")

    response = bob.patch(api_url(organisation), {"name": "Bob's"}, format="json")

    assert response.status_code == 200
    organisation.refresh_from_db()
    assert organisation.name == "Bob's"


def test_a_weak_etag_from_a_compressing_proxy_names_the_same_version(editors):
    _, bob = editors
    organisation = OrganisationFactory()
    etag = bob.get(api_url(organisation))["ETag"]

    response = bob.patch(api_url(organisation), {"acronym": "W"}, format="json", HTTP_IF_MATCH=f"W/{etag}")

    assert response.status_code == 200


def test_if_match_star_or_a_list_including_the_current_etag_passes(editors):
    _, bob = editors
    organisation = OrganisationFactory()
    etag = bob.get(api_url(organisation))["ETag"]

    listed = bob.patch(api_url(organisation), {"acronym": "L"}, format="json", HTTP_IF_MATCH=f'"old-1", {etag}')
    star = bob.patch(api_url(organisation), {"acronym": "S"}, format="json", HTTP_IF_MATCH="*")

    assert (listed.status_code, star.status_code) == (200, 200)


@pytest.mark.parametrize(
    ("header", "status"),
    [("garbage", 400), ("", 400), ("W/", 400), (",", 400), ('""', 412), ('"organisation-999-999"', 412)],
)
def test_a_malformed_if_match_is_a_400_and_a_foreign_one_a_412(editors, header, status):
    _, bob = editors
    organisation = OrganisationFactory(name="NHSX")

    response = bob.patch(api_url(organisation), {"name": "Changed"}, format="json", HTTP_IF_MATCH=header)

    assert response.status_code == status
    assert ("If-Match" in response.json()) == (status == 400)
    organisation.refresh_from_db()
    assert organisation.name == "NHSX"


def test_an_admin_save_makes_the_apis_etag_stale(change_url, form_data, editors, alice):
    _, bob_api = editors
    organisation = OrganisationFactory(name="NHSX")
    etag = bob_api.get(api_url(organisation))["ETag"]
    form = form_data(alice.get(change_url(organisation)))
    alice.post(change_url(organisation), {**form, "name": "Saved in the admin"})

    response = bob_api.patch(api_url(organisation), {"name": "Saved by the API"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 412
    organisation.refresh_from_db()
    assert organisation.name == "Saved in the admin"


def test_an_api_write_makes_an_open_admin_form_stale(change_url, form_data, editors, bob):
    alice_api, _ = editors
    organisation = OrganisationFactory(name="NHSX")
    form = form_data(bob.get(change_url(organisation)))
    alice_api.patch(api_url(organisation), {"name": "Saved by the API"}, format="json")

    response = bob.post(change_url(organisation), {**form, "name": "Saved in the admin"})

    assert response.status_code == 200
    assert "by alice)" in response.context["adminform"].form.non_field_errors()[0]
    organisation.refresh_from_db()
    assert organisation.name == "Saved by the API"


def test_the_schema_documents_etag_if_match_and_412(anonymous_client):
    paths = anonymous_client().get("/api/schema/?format=json").json()["paths"]
    detail = paths["/api/organisations/{slug}/"]

    for method in ("put", "patch", "delete"):
        assert "If-Match" in [p["name"] for p in detail[method]["parameters"]], method
        assert "412" in detail[method]["responses"], method
    assert "ETag" in detail["get"]["responses"]["200"]["headers"]
    assert "If-Match" not in [p["name"] for p in paths["/api/organisations/"]["post"].get("parameters", [])]


@pytest.mark.django_db(transaction=True)
def test_eight_postgresql_writers_sharing_an_etag_give_one_success_and_seven_412s(token_client, user_with):
    """All pass the early check; the row lock makes each later writer re-read the version and fail."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL's row locks (the SQLite file is the subprocess test below)")
    clients = [token_client(user_with("change_organisation", username=f"writer-{n}")) for n in range(8)]
    organisation = OrganisationFactory(name="NHSX")
    rounds = []
    for round_number in range(5):
        etag = clients[0].get(api_url(organisation))["ETag"]
        barrier = threading.Barrier(len(clients))
        statuses = []

        def write(client, name, etag=etag, barrier=barrier, statuses=statuses):
            barrier.wait()
            try:
                response = client.patch(api_url(organisation), {"name": name}, format="json", HTTP_IF_MATCH=etag)
                statuses.append(response.status_code)
            finally:
                connection.close()

        threads = [
            threading.Thread(target=write, args=(client, f"Round {round_number} writer {n}"))
            for n, client in enumerate(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rounds.append(sorted(statuses))

    assert rounds == [[200, *[412] * 7]] * 5
    assert Organisation.objects.get(pk=organisation.pk).history.count() == 1 + 5  # created, then one per round


SQLITE_WRITERS_SCRIPT = r"""
import json
import threading

import django

django.setup()

from django.core.management import call_command
from django.db import connection

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from organisations.tests.factories import OrganisationFactory


def staff_writer(username):
    user = get_user_model().objects.create_user(username=username, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="change_organisation"))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


call_command("migrate", verbosity=0)
clients = [staff_writer(f"writer-{n}") for n in range(8)]
organisation = OrganisationFactory(name="NHSX")
url = f"/api/organisations/{organisation.slug}/"
rounds = []
for round_number in range(5):
    etag = clients[0].get(url)["ETag"]
    barrier = threading.Barrier(len(clients))
    statuses = []

    def write(client, name):
        barrier.wait()
        try:
            response = client.patch(url, {"name": name}, format="json", HTTP_IF_MATCH=etag)
            statuses.append(response.status_code)
        except Exception as exc:  # a 500 raised through the test client
            statuses.append(type(exc).__name__ + ": " + str(exc))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=write, args=(client, f"Round {round_number} writer {n}"))
        for n, client in enumerate(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rounds.append(sorted(statuses, key=str))
print(json.dumps({"rounds": rounds, "versions": organisation.history.count()}))
"""


def test_eight_sqlite_writers_sharing_an_etag_give_one_success_and_seven_412s(tmp_path):
    """On a SQLite file, as served: writers queue for the write lock rather than fail with "database is locked"."""
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "DJANGO_ENV"}}
    env.update(
        DJANGO_SETTINGS_MODULE="nhsdigital_catalogue.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'writers.sqlite3'}",
        CATALOGUE_VAR_DIR=str(tmp_path),
        API_ANON_THROTTLE_RATE="",
    )
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_WRITERS_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["rounds"] == [[200, *[412] * 7]] * 5
    assert outcome["versions"] == 1 + 5  # created, then one change per round
