"""The catalogue's fixtures load cleanly and repeatably, cite every record verbatim, and keep disagreements visible."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from core.apps import catalogue_models
from funding.models import FundingAward
from organisations.models import Organisation, OrganisationAlias, OrganisationRelationship, Person, Role
from programmes.models import Event, Metric, Mission, Programme, ProgrammeAlias, ProgrammeOrganisation
from sources.models import QUOTE_MAX_LENGTH, Citation, CitedModel, Source
from sources.quotes import quote_in_source

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


def load(*args: str) -> str:
    """Run ``load_catalogue`` and return what it printed."""
    out = StringIO()
    call_command("load_catalogue", *args, stdout=out)
    return out.getvalue()


def fixture_records() -> list[dict]:
    return [record for path in sorted(FIXTURES_DIR.glob("*.json")) for record in json.loads(path.read_text("utf-8"))]


def cited_models() -> list[type]:
    return [model for model in catalogue_models() if issubclass(model, CitedModel)]


def snapshot() -> dict[str, str]:
    """Every row of every catalogue model (history included), serialised in pk order."""
    models = catalogue_models() + catalogue_models(historical=True)
    return {model._meta.label: serializers.serialize("json", model.objects.order_by("pk")) for model in models}


def claims(record, field: str) -> set[str]:
    return {citation.claimed_value for citation in record.disputed_fields().get(field, [])}


@pytest.fixture(scope="class")
def loaded_catalogue(django_db_setup, django_db_blocker):
    """The fixtures loaded once for a whole test class, inside a transaction rolled back afterwards.

    Each test still runs in its own savepoint (through ``db``), so tests may change data freely.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        load()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def catalogue(loaded_catalogue, db):
    """A loaded catalogue for one test."""


# ---------------------------------------------------------------- loading


def test_it_loads_every_fixture_file(db):
    files = sorted(FIXTURES_DIR.glob("*.json"))
    assert len(files) >= 7

    output = load()

    records = fixture_records()
    missing = [
        f"{record['model']} pk={record['pk']}"
        for record in records
        if not apps.get_model(record["model"]).objects.filter(pk=record["pk"]).exists()
    ]
    assert missing == []
    assert f"Loaded {len(records)} records from {len(files)} fixture files" in output
    assert f"organisations.organisation: {Organisation.objects.count()}" in output


def test_the_first_load_writes_one_creation_history_row_per_record(db):
    load()

    for model in catalogue_models():
        history = model.history.model.objects
        assert history.count() == model.objects.count(), model.__name__
        assert not history.exclude(history_type="+").exists(), model.__name__


@pytest.mark.parametrize(
    ("broken", "names_the_record"),
    [
        pytest.param(
            {
                "model": "organisations.organisation",
                "pk": 4242,
                "fields": {"name": "Broken", "slug": "broken", "founded_year": "nineteen"},
            },
            "pk=4242",
            id="a value of the wrong type",
        ),
        pytest.param(
            {
                "model": "programmes.metric",
                "pk": 4243,
                "fields": {"name": "Orphan figure", "slug": "orphan", "value": "1", "unit": "things"},
            },
            "pk=4243",
            id="a record breaking a database constraint",
        ),
        pytest.param(
            {
                "model": "organisations.organisation",
                "pk": 4245,
                "fields": {"name": "Orphan", "slug": "orphan", "parent": 999},
            },
            "pk=4245",
            id="a reference to a record that does not exist",
        ),
        pytest.param({"model": "programmes.nosuchmodel", "pk": 4244, "fields": {}}, "pk=4244", id="an unknown model"),
        pytest.param(None, "", id="a file that is not JSON"),
    ],
)
def test_a_broken_fixture_loads_nothing_and_names_the_file(db, tmp_path, broken, names_the_record):
    good = tmp_path / "01_sources.json"
    good.write_text((FIXTURES_DIR / "01_sources.json").read_text("utf-8"), "utf-8")
    bad = tmp_path / "02_broken.json"
    bad.write_text("[{not json" if broken is None else json.dumps([broken]), "utf-8")

    with pytest.raises(CommandError) as error:
        load("--fixtures-dir", str(tmp_path))

    assert "02_broken.json" in str(error.value)
    assert names_the_record in str(error.value)
    assert not Source.objects.exists()
    assert not Organisation.objects.exists()


def test_a_missing_fixtures_folder_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="does not exist"):
        load("--fixtures-dir", str(tmp_path / "nowhere"))


def test_if_empty_loads_an_empty_catalogue(db):
    output = load("--if-empty")

    assert "Loaded" in output
    assert Organisation.objects.filter(slug="nhsx").exists()


@pytest.mark.usefixtures("loaded_catalogue")
class TestTheLoadedCatalogue:
    """Checks on the fixtures as loaded (loaded once for the class; each test rolled back)."""

    def test_loading_twice_changes_nothing(self, catalogue):
        before = snapshot()

        output = load()

        assert snapshot() == before
        assert "History rows written: 0" in output

    def test_reloading_restores_an_edited_record_and_records_the_change_in_history(self, catalogue):
        nhsx = Organisation.objects.get(slug="nhsx")
        nhsx.name = "Edited by staff"
        nhsx.save()

        load()

        nhsx.refresh_from_db()
        assert nhsx.name == "NHSX"
        assert [row.history_type for row in nhsx.history.all()] == ["~", "~", "+"]

    def test_if_empty_keeps_staff_edits(self, catalogue):
        nhsx = Organisation.objects.get(slug="nhsx")
        nhsx.description = "Rewritten by a member of staff."
        nhsx.save()
        Organisation.objects.create(name="Added by staff", slug="added-by-staff")
        history_rows = nhsx.history.count()

        output = load("--if-empty")

        nhsx.refresh_from_db()
        assert nhsx.description == "Rewritten by a member of staff."
        assert nhsx.history.count() == history_rows
        assert Organisation.objects.filter(slug="added-by-staff").exists()
        assert "nothing loaded" in output

    # Citations and quotes

    def test_every_source_names_a_seed_file_that_exists(self, catalogue, seeds_dir):
        seed_files = {path.name for path in seeds_dir.glob("*.txt")}

        assert set(Source.objects.values_list("seed_file", flat=True)) == seed_files

    def test_every_source_keeps_the_text_of_its_seed_file(self, catalogue, seeds_dir):
        texts = {source.seed_file: source.text for source in Source.objects.all()}

        assert texts == {name: (seeds_dir / name).read_text("utf-8") for name in texts}
        assert not Source.objects.filter(captured_at=None).exists()

    def test_every_quote_is_found_verbatim_in_its_source(self, catalogue):
        not_found = [
            f"citation {citation.pk} ({source.seed_file}): {citation.quote!r}"
            for source in Source.objects.prefetch_related("citations")
            for citation in source.citations.all()
            if not quote_in_source(citation.quote, source.text)
        ]

        assert not_found == []
        assert all(source.quotes_not_found() == [] for source in Source.objects.all())

    def test_the_quotes_are_verbatim_in_the_seed_files_themselves(self, catalogue, seeds_dir):
        texts = {source.pk: (seeds_dir / source.seed_file).read_text("utf-8") for source in Source.objects.all()}

        not_found = [c.pk for c in Citation.objects.all() if not quote_in_source(c.quote, texts[c.source_id])]

        assert not_found == []

    def test_without_the_seed_folder_a_reload_keeps_the_texts_and_quotes_are_still_checked(
        self, catalogue, settings, tmp_path
    ):
        texts = dict(Source.objects.values_list("pk", "text"))
        settings.CATALOGUE_SEEDS_DIR = tmp_path / "removed"
        err = StringIO()

        call_command("load_catalogue", stdout=StringIO(), stderr=err)

        assert dict(Source.objects.values_list("pk", "text")) == texts
        assert "not found; kept the text it had" in err.getvalue()
        citation = Citation.objects.select_related("source").first()
        citation.pk, citation.quote = None, citation.quote + " and words the source never wrote"
        with pytest.raises(ValidationError, match="closest passage"):
            citation.full_clean()

    def test_every_quote_is_at_most_300_characters(self, catalogue):
        too_long = [citation.pk for citation in Citation.objects.all() if len(citation.quote) > QUOTE_MAX_LENGTH]

        assert too_long == []
        assert not Citation.objects.filter(quote="").exists()

    def test_every_record_has_a_citation(self, catalogue):
        uncited = [
            f"{model.__name__} {pk}"
            for model in cited_models()
            for pk in model.objects.filter(citations__isnull=True).values_list("pk", flat=True)
        ]

        assert uncited == []
        assert len(cited_models()) >= 13

    def test_the_known_disagreements_are_recorded_as_disputed_fields(self, catalogue):
        nhsx = Organisation.objects.get(slug="nhsx")
        hdr_uk = Organisation.objects.get(slug="health-data-research-uk")
        cocir_meeting = Event.objects.get(slug="cocir-digital-health-committee-briefing")
        nhsx_created = Event.objects.get(slug="nhsx-created")
        hubs_funding = FundingAward.objects.get(recipient_programme__slug="digital-innovation-hubs")
        aac_and_lab = OrganisationRelationship.objects.get(subject__acronym="AAC", object__slug="nhs-ai-lab")
        joshi = Role.objects.get(person__name="Indra Joshi", title="Director of AI")

        assert claims(nhsx, "founded") == {"April 2019", "July 2019"}
        assert claims(nhsx_created, "date") == {"April 2019", "July 2019"}
        assert claims(nhsx, "name") == set()  # "NHSx" is a spelling of the same name: an alias, not a dispute
        # "Health Research Data UK" is a misnomer, kept as a deprecated claim with its reason: not a rival name
        assert claims(hdr_uk, "name") == set()
        assert hdr_uk.citations.get(claimed_value="Health Research Data UK").rank == "deprecated"
        # decided: the 21st is preferred, with its reason; the 22nd stays visible as the other claim
        assert claims(cocir_meeting, "date") == {"21 January 2020", "22 January 2020"}
        assert cocir_meeting.citations.get(field_name="date", rank="preferred").claimed_value == "21 January 2020"
        # one article, a stated amount and a lower bound: not a dispute about how the amount is bounded
        assert claims(hubs_funding, "amount_qualifier") == set()
        assert claims(hubs_funding, "amount_gbp") == set()
        assert claims(aac_and_lab, "kind") == {"runs", "works with"}
        # recruiting, then in post: a change over time, not a dispute
        assert claims(joshi, "person") == set()

        disputed = set(Citation.objects.disputed().values_list("content_type__model", "object_id", "field_name"))
        assert ("organisation", nhsx.pk, "founded") in disputed
        assert ("event", cocir_meeting.pk, "date") in disputed
        assert ("organisationrelationship", aac_and_lab.pk, "kind") in disputed
        unresolved = set(Citation.objects.unresolved().values_list("content_type__model", "object_id", "field_name"))
        assert ("organisation", nhsx.pk, "founded") in unresolved
        assert ("event", cocir_meeting.pk, "date") not in unresolved
        changes = set(Citation.objects.changes().values_list("content_type__model", "object_id", "field_name"))
        assert changes == {("role", joshi.pk, "person")}

    def test_a_disputed_date_is_stored_only_as_precisely_as_the_sources_agree(self, catalogue):
        nhsx = Organisation.objects.get(slug="nhsx")
        nhsx_created = Event.objects.get(slug="nhsx-created")
        cocir_meeting = Event.objects.get(slug="cocir-digital-health-committee-briefing")

        assert (nhsx.founded.year, nhsx.founded.month) == (2019, None)
        assert (nhsx_created.date.year, nhsx_created.date.month) == (2019, None)
        # one claim is preferred (with its reason), so the date is stored as that claim gives it
        assert (cocir_meeting.date.year, cocir_meeting.date.month, cocir_meeting.date.day) == (2020, 1, 21)

    def test_variant_names_are_aliases_so_search_finds_them(self, catalogue):
        for query, slug in [
            ("NHSx", "nhsx"),
            ("HSCIC", "nhs-digital"),
            ("Health and Social Care Information Centre", "nhs-digital"),
            ("HRD UK", "health-data-research-uk"),
            ("HDRUK", "health-data-research-uk"),
            ("Health Research Data UK", "health-data-research-uk"),
            ("AAC", "nhs-accelerated-access-collaborative"),
        ]:
            assert Organisation.objects.search(query).filter(slug=slug).exists(), query
        assert OrganisationAlias.objects.get(name="NHSx").kind == "variant"
        for query, slug in [
            ("I-CAIRD", "i-caird"),
            ("NCIMI", "ncimi"),
            ("NPIC", "npic"),
            ("PathLAKE", "pathlake"),
            ("ISCF", "industrial-strategy-challenge-fund"),
            ("Digital Innovation Hub Programme", "digital-innovation-hubs"),
        ]:
            assert Programme.objects.search(query).filter(slug=slug).exists(), query
        assert ProgrammeAlias.objects.filter(name="NHS AI Lab Virtual Lab Hub").exists()

    # The facts themselves

    def test_every_partial_date_is_valid(self, catalogue):
        """full_clean on every object checks partial dates, every other field and constraint, and that each
        citation points at an existing record and a real field."""
        invalid = []
        for model in catalogue_models():
            for instance in model.objects.all():
                try:
                    instance.full_clean()
                except Exception as exc:  # collected to report every failure at once
                    invalid.append(f"{model.__name__} {instance.pk}: {exc}")

        assert invalid == []

    def test_the_hierarchies_are_recorded(self, catalogue):
        nhs_digital = Organisation.objects.get(slug="nhs-digital")
        assert nhs_digital.children.filter(kind="directorate").count() == 7
        assert Organisation.objects.get(slug="national-centre-of-expertise").parent.slug == "nhsx"
        lab_runners = OrganisationRelationship.objects.filter(object__slug="nhs-ai-lab", kind="runs")
        assert set(lab_runners.values_list("subject__slug", flat=True)) == {
            "nhsx",
            "nhs-accelerated-access-collaborative",
        }
        assert Organisation.objects.get(slug="nhs-ai-lab").kind == "unit"

        centres = Programme.objects.filter(kind="centre")
        assert set(centres.values_list("location", flat=True)) == {"London", "Glasgow", "Oxford", "Leeds", "Coventry"}
        hosts = ProgrammeOrganisation.objects.filter(role="host", programme__kind="centre")
        assert set(hosts.values_list("organisation__slug", flat=True)) == {
            "kings-college-london",
            "oxford-university",
            "university-of-leeds",
        }

    def test_the_missions_work_programmes_and_people_are_recorded(self, catalogue):
        assert list(
            Mission.objects.filter(organisation__slug="nhsx", kind="mission").values_list("order", flat=True)
        ) == [
            1,
            2,
            3,
            4,
            5,
        ]
        lab_programmes = Mission.objects.filter(organisation__slug="nhs-ai-lab", kind="work_programme")
        assert list(lab_programmes.values_list("order", flat=True)) == [1, 2, 3, 4, 5, 6]
        names = set(Person.objects.values_list("name", flat=True))
        assert {
            "Hatim Abdulhussein",
            "Emma Bradley",
            "Linn Phipps",
            "Indra Joshi",
            "Sarah Collen",
            "Matthew Gould",
            "Sarah Wilkinson",
            "Elizabeth Denham",
            "Ian Trenholm",
            "Roger Taylor",
            "Greg Clark",
            "Andrew Morris",
        } <= names
        assert all(person.roles.exists() for person in Person.objects.all())

    def test_the_funding_is_recorded_with_qualifiers_and_periods(self, catalogue):
        # National spending is a figure about NHSX, not an award to it
        assert not FundingAward.objects.filter(recipient_organisation__slug="nhsx").exists()
        nhsx_investment = Metric.objects.get(organisation__slug="nhsx", unit="GBP")
        assert (nhsx_investment.value, nhsx_investment.qualifier, nhsx_investment.period) == (
            Decimal("1000000000"),
            "more_than",
            "a year",
        )
        lab = FundingAward.objects.get(recipient_organisation__slug="nhs-ai-lab")
        ai_award = FundingAward.objects.get(recipient_programme__slug="ai-award-in-health-and-care")
        assert (ai_award.part_of, ai_award.period, ai_award.period_years) == (lab, "over_years", 3)
        # No document states a period for the other awards
        assert lab.period == "not_stated"
        assert set(FundingAward.objects.exclude(period="not_stated").values_list("pk", flat=True)) == {ai_award.pk}
        detection = FundingAward.objects.filter(recipient_programme__slug="accelerating-detection-of-disease")
        assert detection.get(is_expected_match=False).stream.name == "Industrial Strategy Challenge Fund"
        match = detection.get(is_expected_match=True)
        assert (match.amount_gbp, match.funder_description) == (Decimal("160000000"), "industry")
        assert (
            FundingAward.objects.get(title__startswith="Digital Innovation Hubs")
            .stream.children.filter(name__contains="Wave 2")
            .exists()
        )
        assert ai_award not in FundingAward.objects.comparable()
