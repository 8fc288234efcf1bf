"""export_catalogue and import_catalogue round-trip the whole catalogue, history included."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg2
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from catalogue.transfer import transferred_models
from organisations.models import Organisation

ROOT = Path(__file__).resolve().parents[2]
POSTGRES_ADMIN_URL = os.environ.get("CATALOGUE_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")


def exported(path: Path) -> dict:
    call_command("export_catalogue", str(path), stdout=io.StringIO())
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture
def catalogue(db):
    call_command("load_catalogue", stdout=io.StringIO())
    organisation = Organisation.objects.order_by("pk").first()
    organisation.description += " Edited by staff."
    organisation.save()
    return organisation


def test_an_export_holds_every_record_and_history_row(catalogue, tmp_path):
    document = exported(tmp_path / "export.json")
    labels = {row["model"] for row in document["objects"]}
    assert "organisations.organisation" in labels
    assert "organisations.historicalorganisation" in labels
    assert "sources.citation" in labels
    expected = sum(model._default_manager.count() for model in transferred_models())
    assert len(document["objects"]) == expected


def test_export_then_import_gives_an_identical_catalogue(catalogue, tmp_path):
    first = exported(tmp_path / "first.json")
    call_command("import_catalogue", str(tmp_path / "first.json"), "--replace", stdout=io.StringIO())
    second = exported(tmp_path / "second.json")
    assert second == first
    assert Organisation.objects.get(pk=catalogue.pk).description.endswith("Edited by staff.")


def test_importing_into_a_catalogue_that_is_not_empty_needs_replace(catalogue, tmp_path):
    exported(tmp_path / "export.json")
    with pytest.raises(CommandError, match="not empty"):
        call_command("import_catalogue", str(tmp_path / "export.json"))


def test_a_malformed_import_changes_nothing_and_names_the_first_bad_record(catalogue, tmp_path):
    before = exported(tmp_path / "before.json")
    broken = json.loads(json.dumps(before))
    index = next(i for i, row in enumerate(broken["objects"]) if row["model"] == "funding.fundingaward")
    broken["objects"][index]["fields"]["amount_gbp"] = "-5.00"
    (tmp_path / "broken.json").write_text(json.dumps(broken), encoding="utf-8")

    with pytest.raises(CommandError, match=rf"record {index + 1} \(funding.fundingaward pk="):
        call_command("import_catalogue", str(tmp_path / "broken.json"), "--replace")

    assert exported(tmp_path / "after.json") == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "not a readable JSON file"),
        ('{"format": "something else"}', "not a catalogue export"),
        ('{"format": "nhsdigital-catalogue-export", "version": 99, "objects": []}', "version 99"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused(db, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        call_command("import_catalogue", str(path))


def test_a_row_of_a_model_outside_the_catalogue_is_refused(db, tmp_path):
    path = tmp_path / "users.json"
    document = {
        "format": "nhsdigital-catalogue-export",
        "version": 1,
        "objects": [{"model": "auth.user", "pk": 1, "fields": {"username": "intruder"}}],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(CommandError, match=r"record 1 .*not a catalogue model"):
        call_command("import_catalogue", str(path))


def _postgres_available() -> bool:
    try:
        psycopg2.connect(POSTGRES_ADMIN_URL, connect_timeout=3).close()
    except psycopg2.OperationalError:
        return False
    return True


@pytest.mark.postgres
def test_an_export_moves_between_sqlite_and_postgresql(catalogue, tmp_path, settings):
    """Export from the test database, import into a fresh database of the other engine, export again."""
    if not _postgres_available():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")
    first = exported(tmp_path / "first.json")
    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    if on_postgres:
        other_url = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    else:
        # One name per test process: two suites on one server must not drop each other's database.
        name = f"catalogue_transfer_test_{os.getpid()}"
        admin = psycopg2.connect(POSTGRES_ADMIN_URL)
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {name}")
            cursor.execute(f"CREATE DATABASE {name}")
        admin.close()
        other_url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    env = {**os.environ, "DATABASE_URL": other_url, "DJANGO_ENV": "development"}

    def manage(*args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)

    try:
        manage("migrate", "--noinput")
        manage("import_catalogue", str(tmp_path / "first.json"))
        manage("export_catalogue", str(tmp_path / "second.json"))
    finally:
        if not on_postgres:
            admin = psycopg2.connect(POSTGRES_ADMIN_URL)
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            admin.close()
    assert json.loads((tmp_path / "second.json").read_text(encoding="utf-8")) == first


def test_a_timestamp_keeps_its_microseconds_through_a_round_trip(catalogue, tmp_path):
    row = Organisation.history.model.objects.order_by("pk").first()
    row.history_date = row.history_date.replace(microsecond=123)  # "…:00.000123": Django's encoder wrote ".000"
    row.save()
    first = exported(tmp_path / "first.json")
    call_command("import_catalogue", str(tmp_path / "first.json"), "--replace", stdout=io.StringIO())

    assert exported(tmp_path / "second.json") == first
    assert Organisation.history.model.objects.get(pk=row.pk).history_date == row.history_date
