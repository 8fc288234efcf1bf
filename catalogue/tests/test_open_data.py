"""/data/ and its downloads: a valid Data Package of the catalogue, the 360Giving file, built once per revision."""

from __future__ import annotations

import datetime
import io
import json
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path

import frictionless
import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from catalogue.datapackage import PACKAGE_NAME, package_tables, read_rows
from catalogue.downloads import DATA_PACKAGE_FILE, GRANTS_FILE
from core.apps import catalogue_models
from funding.tests.factories import FundingAwardFactory
from organisations.models import Organisation, OrganisationRelationship
from organisations.tests.factories import OrganisationFactory
from programmes.tests.factories import ProgrammeRelationshipFactory
from sources.models import Citation

pytestmark = pytest.mark.django_db

PROFILE = json.loads((Path(__file__).parent / "tabular_data_package_profile.json").read_text())
SCHEMA_360 = json.loads((Path(__file__).parents[2] / "funding" / "tests" / "schema_360giving.json").read_text())
PACKAGE_URL = reverse("catalogue:data-download", args=[DATA_PACKAGE_FILE])
GRANTS_URL = reverse("catalogue:data-download", args=[GRANTS_FILE])


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.CATALOGUE_SITE_URL = "https://catalogue.example/"


def unzip(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name.removeprefix(f"{PACKAGE_NAME}/"): archive.read(name) for name in archive.namelist()}


def _cast(value: str, field: dict):
    """The CSV cell as the Table Schema type says, raising ``ValueError`` when it is not one."""
    kind = field["type"]
    if kind == "integer":
        return int(value)
    if kind == "number":
        try:
            return Decimal(value)
        except InvalidOperation as exc:
            raise ValueError(value) from exc
    if kind == "boolean":
        if value not in {"true", "false"}:
            raise ValueError(value)
        return value == "true"
    if kind == "date":
        return datetime.date.fromisoformat(value)
    if kind == "datetime":
        return datetime.datetime.fromisoformat(value)
    return value


def validate_package(files: dict[str, bytes]) -> dict[str, list[dict]]:
    """Check the package as ``frictionless validate`` would; return each resource's rows, cast.

    The descriptor against the Tabular Data Package profile (JSON Schema), then every CSV against
    its Table Schema: the header, each cell's type, required and enum constraints, the primary
    key's uniqueness, and every foreign key (and every citation's record) resolving.
    """
    descriptor = json.loads(files["datapackage.json"])
    jsonschema.validate(descriptor, PROFILE, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    tables: dict[str, list[dict]] = {}
    for resource in descriptor["resources"]:
        content = files[resource["path"]]
        assert resource["bytes"] == len(content)
        fields = {field["name"]: field for field in resource["schema"]["fields"]}
        reader = read_rows(content)
        assert reader.fieldnames == list(fields), resource["name"]
        rows = []
        for row in reader:
            cast = {}
            for name, value in row.items():
                constraints = fields[name].get("constraints", {})
                if value == "":
                    assert not constraints.get("required"), f"{resource['name']}.{name} is required"
                    cast[name] = None
                    continue
                assert value in constraints.get("enum", [value]), f"{resource['name']}.{name}: {value!r}"
                cast[name] = _cast(value, fields[name])
            rows.append(cast)
        keys = [tuple(row[name] for name in resource["schema"]["primaryKey"]) for row in rows]
        assert len(keys) == len(set(keys)), f"{resource['name']} repeats a primary key"
        tables[resource["name"]] = rows
    for resource in descriptor["resources"]:
        for foreign_key in resource["schema"].get("foreignKeys", []):
            target = foreign_key["reference"]["resource"] or resource["name"]
            known = {row[foreign_key["reference"]["fields"]] for row in tables[target]}
            for row in tables[resource["name"]]:
                value = row[foreign_key["fields"]]
                assert value is None or value in known, f"{resource['name']}.{foreign_key['fields']}={value}"
    for citation in tables[Citation._meta.db_table]:
        ids = {row["id"] for row in tables[citation["record_table"]]}
        assert citation["record_id"] in ids, citation
    return tables


def test_the_package_of_a_catalogue_with_every_kind_of_record_is_valid(client, build_catalogue):
    catalogue = build_catalogue(copies=2)
    OrganisationRelationship.objects.create(subject=catalogue.funder, kind="funds", object=catalogue.organisation)
    ProgrammeRelationshipFactory(subject=catalogue.programme)

    response = client.get(PACKAGE_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert f'filename="{DATA_PACKAGE_FILE}"' in response["Content-Disposition"]
    tables = validate_package(unzip(b"".join(response.streaming_content)))
    assert all(tables.values()), [name for name, rows in tables.items() if not rows]


def test_the_package_of_the_real_catalogue_is_valid_and_counts_every_row(client):
    call_command("load_catalogue", verbosity=0)

    tables = validate_package(unzip(b"".join(client.get(PACKAGE_URL).streaming_content)))

    for table in package_tables():
        assert len(tables[table.name]) == table.model._default_manager.count(), table.name
    assert len(tables["organisations_organisation"]) == Organisation.objects.count() > 0


def frictionless_rows(content: bytes, folder: Path) -> dict[str, int]:
    """Run ``frictionless validate`` on the unzipped package; fail with its errors, else each resource's rows."""
    for name, data in unzip(content).items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    report = frictionless.validate(str(folder / "datapackage.json"))
    errors = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors] + [
        error.message for error in report.errors
    ]
    assert report.valid, errors[:20]
    return {task.name: task.stats.get("rows", 0) for task in report.tasks}  # an empty table has no "rows"


@pytest.mark.parametrize(
    "command",
    [("load_catalogue",), ("generate_synthetic", "--programmes", "1000", "--seed", "1")],
    ids=["fixtures", "synthetic-1000"],
)
def test_frictionless_validates_the_package_and_its_row_counts_are_the_databases(client, tmp_path, command):
    call_command(*command, verbosity=0, stdout=io.StringIO())

    rows = frictionless_rows(b"".join(client.get(PACKAGE_URL).streaming_content), tmp_path / "package")

    assert rows == {table.name: table.model._default_manager.count() for table in package_tables()}
    assert rows["programmes_programme"] >= (1000 if command[0] == "generate_synthetic" else 1)


def test_every_catalogue_model_and_many_to_many_table_is_published():
    names = {table.name for table in package_tables()}

    assert {model._meta.db_table for model in catalogue_models()} <= names
    assert {"programmes_programme_missions", "programmes_event_people"} <= names


def test_citations_say_which_record_they_support_and_carry_every_public_field(client, build_catalogue):
    catalogue = build_catalogue()

    files = unzip(b"".join(client.get(PACKAGE_URL).streaming_content))

    rows = list(read_rows(files["data/sources_citation.csv"]))
    claims = [row for row in rows if row["field_name"] == "announced"]
    assert {(row["record_table"], row["record_id"], row["claimed_value"]) for row in claims} == {
        ("programmes_programme", str(catalogue.programme.pk), "June 2019"),
        ("programmes_programme", str(catalogue.programme.pk), "July 2019"),
    }
    expected = {f.attname for f in Citation._meta.concrete_fields if f.editable or f.primary_key} - {
        "content_type_id",
        "object_id",
    }
    assert {"qualifier", "as_of_year", "as_of_month", "as_of_day", "rank", "rank_reason"} <= expected
    assert expected | {"record_table", "record_id"} == set(rows[0])


def test_the_descriptor_declares_keys_licence_and_sources(client, build_catalogue):
    catalogue = build_catalogue()

    descriptor = json.loads(unzip(b"".join(client.get(PACKAGE_URL).streaming_content))["datapackage.json"])

    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    programme = resources["programmes_programme"]["schema"]
    assert programme["primaryKey"] == ["id"]
    assert {"fields": "parent_id", "reference": {"resource": "", "fields": "id"}} in programme["foreignKeys"]
    assert "search_vector" not in {field["name"] for field in programme["fields"]}
    award = {field["name"]: field for field in resources["funding_fundingaward"]["schema"]["fields"]}
    assert award["amount_gbp"]["type"] == "number"
    assert {"exact", "not_stated"} <= set(award["amount_qualifier"]["constraints"]["enum"])
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert {"title": catalogue.source.title, "path": catalogue.source.url} in descriptor["sources"]


def test_the_download_is_built_once_per_revision(client, build_catalogue, django_assert_num_queries):
    build_catalogue()
    first = b"".join(client.get(PACKAGE_URL).streaming_content)

    with django_assert_num_queries(1):  # the revision; the saved file is served as it is
        second = b"".join(client.get(PACKAGE_URL).streaming_content)
    OrganisationFactory(name="Written since")
    third = b"".join(client.get(PACKAGE_URL).streaming_content)

    assert second == first
    assert third != first
    assert "Written since" in unzip(third)["data/organisations_organisation.csv"].decode()


def test_the_360giving_file_is_valid_and_the_page_says_what_it_leaves_out(client, build_catalogue):
    catalogue = build_catalogue()
    FundingAwardFactory(funder=catalogue.funder, recipient_organisation=catalogue.organisation, announced_year=2019)

    grants = json.loads(b"".join(client.get(GRANTS_URL).streaming_content))
    page = client.get(reverse("catalogue:data"))

    jsonschema.validate(grants, SCHEMA_360, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    assert len(grants["grants"]) == 2
    assert len(grants["excluded"]) == 1
    assert grants["grants"][0]["url"].startswith("https://catalogue.example/funding/")
    assert page.status_code == 200
    statement = page.content.decode().split('id="grants-statement"')[1]
    assert "It holds 2 grants. 1 award is left out" in statement
    assert "The award date is not known to the day" in page.content.decode()


def test_the_data_page_shows_the_tables_and_costs_one_query_once_built(
    client, build_catalogue, django_assert_num_queries
):
    build_catalogue()
    client.get(reverse("catalogue:data"))

    with django_assert_num_queries(1):
        response = client.get(reverse("catalogue:data"))

    text = response.content.decode()
    assert "organisations_organisation.csv" in text
    assert "sources_citation.csv" in text
    assert "Creative Commons Attribution 4.0" in text


def test_an_unknown_download_is_a_404(client):
    response = client.get(reverse("catalogue:data-download", args=["passwords.txt"]))

    assert response.status_code == 404


def test_publish_data_writes_the_files_the_site_serves(client, build_catalogue, tmp_path):
    build_catalogue(copies=2)

    call_command("publish_data", tmp_path / "out", verbosity=0)

    for name, url in [(DATA_PACKAGE_FILE, PACKAGE_URL), (GRANTS_FILE, GRANTS_URL)]:
        assert (tmp_path / "out" / name).read_bytes() == b"".join(client.get(url).streaming_content), name


def test_publish_data_needs_the_site_address(settings, tmp_path):
    settings.CATALOGUE_SITE_URL = ""

    with pytest.raises(CommandError, match="base-url"):
        call_command("publish_data", tmp_path)


def test_the_api_root_links_the_open_data_its_downloads_the_changes_and_their_feed(anonymous_client):
    response = anonymous_client().get("/api/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    links = response.json()
    assert links["programmes"] == "http://testserver/api/programmes/"
    assert {key: links[key] for key in ("data", "data-package", "grants-360giving", "changes", "changes-feed")} == {
        "data": "http://testserver" + reverse("catalogue:data"),
        "data-package": "http://testserver" + PACKAGE_URL,
        "grants-360giving": "http://testserver" + GRANTS_URL,
        "changes": "http://testserver" + reverse("catalogue:changes"),
        "changes-feed": "http://testserver" + reverse("catalogue:changes-feed"),
    }
    for key in ("data", "data-package", "changes", "changes-feed"):
        assert anonymous_client().get(links[key]).status_code == 200, key
