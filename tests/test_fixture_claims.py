"""Every structured value in the fixtures is supported by a claim of that field, and the claims say what the
documents say: real disputes stay disputed, aliases, misnomers, bounds and changes over time do not.

The catalogue is loaded once per class (``loaded_catalogue``, as in ``tests/test_fixtures.py``).
"""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from funding.models import FundingAward
from organisations.models import Organisation, OrganisationRelationship, Role
from programmes.models import Event, Metric, Mission, Programme, ProgrammeOrganisation, ProgrammeRelationship
from sources.models import Citation, CitedModel, ClaimQualifier, ClaimRank, ClaimStatus

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
NOT_STATED = "not_stated"


@pytest.fixture(scope="class")
def loaded_catalogue(django_db_setup, django_db_blocker):
    """The fixtures loaded once for a whole test class, inside a transaction rolled back afterwards
    (as in ``tests/test_fixtures.py``); each test still runs in its own savepoint through ``db``."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalogue", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def fixture_records_of_cited_models() -> list[tuple[type[CitedModel], int]]:
    """(model, pk) of every record in the fixture files whose model is a :class:`CitedModel`."""
    records = []
    for path in sorted(FIXTURES_DIR.glob("*.json")):
        for record in json.loads(path.read_text("utf-8")):
            model = apps.get_model(record["model"])
            if issubclass(model, CitedModel):
                records.append((model, record["pk"]))
    return records


def enumerated_fields(model: type[CitedModel]) -> list:
    """Fields with choices, apart from the qualifier column of a partial date (it qualifies a date, which
    needs its own claim, and means nothing without one)."""
    date_qualifiers = {f"{name}_qualifier" for name in getattr(model, "_partial_date_names", ())}
    return [
        field
        for field in model._meta.concrete_fields
        if field.choices and field.has_default() and field.name not in date_qualifiers
    ]


def loaded(model: type[CitedModel], pk: int) -> CitedModel:
    return model._default_manager.prefetch_related("citations").get(pk=pk)


def field_status(record: CitedModel, name: str) -> ClaimStatus | None:
    field = record.claims_by_field().get(name)
    return field.status if field else None


def test_no_model_default_is_a_fact():
    """Every enumerated field of a cited model defaults to "not stated" (so no default claims a fact)."""
    wrong = [
        f"{model._meta.label}.{field.name} defaults to {field.get_default()!r}"
        for model in apps.get_models()
        if issubclass(model, CitedModel)
        for field in enumerated_fields(model)
        if field.get_default() != NOT_STATED
    ]
    assert wrong == []


@pytest.mark.usefixtures("loaded_catalogue")
class TestEveryValueHasAClaim:
    def test_there_are_fixture_records_of_every_kind_checked(self, db):
        kinds = {model for model, _pk in fixture_records_of_cited_models()}
        assert {Organisation, Programme, FundingAward, Event, Metric, Mission, ProgrammeRelationship} <= kinds

    def test_no_structured_value_stands_without_a_claim_of_its_field(self, db):
        unsupported = [
            f"{model._meta.label} pk={pk}: {name}"
            for model, pk in fixture_records_of_cited_models()
            for name in loaded(model, pk).unsupported_fields()
        ]

        assert unsupported == []

    def test_no_enumerated_default_but_not_stated_stands_in_for_a_fact(self, db):
        """A field with choices holding its model default is fine only when that default is "not stated",
        or when a claim of the field says so."""
        defaults = []
        for model, pk in fixture_records_of_cited_models():
            record = loaded(model, pk)
            cited = {citation.field_name for citation in record.citations.all()}
            for field in enumerated_fields(model):
                value = getattr(record, field.attname)
                if value == field.get_default() and value != NOT_STATED and field.name not in cited:
                    defaults.append(f"{model._meta.label} pk={pk}: {field.name}={value!r}")

        assert defaults == []

    def test_every_inferred_claim_gives_its_reasoning_and_every_rank_its_reason(self, db):
        assert not Citation.objects.filter(qualifier=ClaimQualifier.INFERRED, note="").exists()
        assert not Citation.objects.exclude(rank=ClaimRank.NORMAL).filter(rank_reason="").exists()


@pytest.mark.usefixtures("loaded_catalogue")
class TestTheDisagreementsAreWhatTheDocumentsSay:
    def test_nhsx_founding_is_disputed_with_both_months_and_none_preferred(self, db):
        nhsx = loaded(Organisation, Organisation.objects.get(slug="nhsx").pk)
        founded = nhsx.claims_by_field()["founded"]

        assert {claim.claimed_value for claim in founded.claims} == {"April 2019", "July 2019"}
        assert founded.status == ClaimStatus.DISPUTED
        assert founded.preferred is None
        assert {(claim.source.seed_file[:3], claim.claimed_value) for claim in founded.claims} == {
            ("000", "April 2019"),
            ("003", "July 2019"),
        }
        unresolved = Citation.objects.unresolved().filter(object_id=nhsx.pk, field_name="founded")
        assert set(unresolved.values_list("claimed_value", flat=True)) == {"April 2019", "July 2019"}

    def test_nhsx_founding_shows_both_claims_on_its_page_and_in_the_api(self, db, client):
        page = client.get("/organisations/nhsx/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "April 2019" in html
        assert "July 2019" in html
        assert "Sources disagree" in html

        response = client.get("/api/organisations/nhsx/")
        assert response.status_code == 200
        body = json.dumps(response.json())
        assert "April 2019" in body
        assert "July 2019" in body

    def test_the_spelling_nhsx_is_an_alias_not_a_dispute(self, db):
        nhsx = loaded(Organisation, Organisation.objects.get(slug="nhsx").pk)

        assert "name" not in nhsx.disputed_fields()
        assert {claim.claimed_value for claim in nhsx.claims_by_field()["name"].claims} == {"NHSX", "NHSx"}
        assert nhsx.aliases.get(name="NHSx").kind == "variant"

    def test_health_research_data_uk_is_a_deprecated_claim_with_a_reason_not_a_dispute(self, db):
        hdr_uk = loaded(Organisation, Organisation.objects.get(slug="health-data-research-uk").pk)
        name = hdr_uk.claims_by_field()["name"]

        assert name.status == ClaimStatus.AGREED
        assert "name" not in hdr_uk.disputed_fields()
        [misnomer] = name.deprecated
        assert misnomer.claimed_value == "Health Research Data UK"
        assert "misnomer" in misnomer.rank_reason.lower()
        assert not Citation.objects.disputed().filter(object_id=hdr_uk.pk, field_name="name").exists()

    def test_the_ai_award_page_is_not_marked_as_disputed(self, db, client):
        award_programme = loaded(Programme, Programme.objects.get(slug="ai-award-in-health-and-care").pk)
        award = loaded(FundingAward, FundingAward.objects.get(recipient_programme=award_programme).pk)
        assert award_programme.disputed_fields() == {}
        assert award.disputed_fields() == {}

        page = client.get("/programmes/ai-award-in-health-and-care/")
        assert page.status_code == 200
        assert "Sources disagree" not in page.content.decode()
        assert "Disputed" not in page.content.decode()

    def test_the_hubs_funding_is_a_stated_amount_and_a_lower_bound_from_one_article_not_a_dispute(self, db, client):
        award = loaded(FundingAward, 1905)
        amount = award.claims_by_field()["amount_gbp"]

        assert award.disputed_fields() == {}
        assert amount.status == ClaimStatus.AGREED
        assert {claim.source.seed_file[:3] for claim in amount.claims} == {"004"}
        assert {claim.qualifier for claim in amount.claims} == {ClaimQualifier.STATED, ClaimQualifier.LOWER_BOUND}
        assert "amount_qualifier" not in award.claims_by_field()
        assert award.amount_qualifier == "at_least"

        page = client.get("/funding/1905/")
        assert page.status_code == 200
        html = page.content.decode()
        assert "Sources disagree" not in html
        assert "claim different values" not in html

    def test_indra_joshi_in_post_after_recruiting_is_a_change_over_time_not_a_dispute(self, db):
        role = loaded(Role, Role.objects.get(person__name="Indra Joshi", title="Director of AI").pk)
        person = role.claims_by_field()["person"]

        assert person.status == ClaimStatus.CHANGED
        assert all(claim.as_of is not None for claim in person.claims)
        recruiting, appointed = person.rival_claims
        assert recruiting.source.seed_file.startswith("003")
        assert appointed.claimed_value == "Indra Joshi"
        assert recruiting.as_of_key < appointed.as_of_key  # "about 2020", then "after January 2020"
        assert "person" not in role.disputed_fields()
        assert Citation.objects.changes().filter(object_id=role.pk, field_name="person").count() == 2

    def test_the_cocir_briefing_prefers_the_21st_with_a_reason(self, db):
        meeting = loaded(Event, Event.objects.get(slug="cocir-digital-health-committee-briefing").pk)
        date = meeting.claims_by_field()["date"]

        assert date.status == ClaimStatus.DECIDED
        assert date.preferred.claimed_value == "21 January 2020"
        assert date.preferred.rank_reason
        assert (meeting.date.year, meeting.date.month, meeting.date.day) == (2020, 1, 21)

    def test_the_login_money_is_dated_by_the_post_as_an_inference(self, db):
        award = loaded(FundingAward, 1906)
        event = loaded(Event, Event.objects.get(slug__contains="login").pk)
        for record, name in [(award, "announced"), (event, "date")]:
            [claim] = record.claims_by_field()[name].claims
            assert claim.qualifier == ClaimQualifier.INFERRED
            assert (claim.as_of.year, claim.as_of.month, claim.as_of.day) == (2020, 1, 21)
            assert "just this week" in claim.quote.lower()
        assert (award.announced.year, award.announced.month) == (2020, 1)


@pytest.mark.usefixtures("loaded_catalogue")
class TestTheCorrections:
    """The fixture corrections of issue 11 (docs/FIXTURES.md, "Corrections from the claims review")."""

    def test_no_award_states_a_period_no_document_states(self, db):
        assert set(FundingAward.objects.exclude(period="not_stated").values_list("pk", flat=True)) == {1902}

    def test_national_spending_is_a_figure_about_nhsx_not_an_award_to_it(self, db):
        assert not FundingAward.objects.filter(recipient_organisation__slug="nhsx").exists()
        figure = Metric.objects.get(organisation__slug="nhsx", unit="GBP")
        assert (figure.value, figure.qualifier, figure.period) == (1000000000, "more_than", "a year")

    def test_working_closely_together_makes_partners_not_leads(self, db):
        login = ProgrammeOrganisation.objects.filter(programme__slug="nhs-login")
        assert set(login.values_list("organisation__slug", "role")) == {("nhsx", "partner"), ("nhs-digital", "partner")}
        assert not Citation.objects.filter(
            quote__contains="working closely together", field_name="role", claimed_value="lead"
        ).exists()

    def test_the_hubs_build_on_the_trial_which_is_not_their_part(self, db):
        trial = Programme.objects.get(slug="digital-innovation-projects-trial")
        assert trial.parent is None
        relation = ProgrammeRelationship.objects.get(subject__slug="digital-innovation-hubs", object=trial)
        assert relation.kind == "builds_on"
        assert relation.citations.filter(field_name="kind", quote__contains="builds on").exists()
        assert ProgrammeRelationship.objects.get(
            subject__slug="accelerating-detection-of-disease", object__slug="industrial-strategy-challenge-fund"
        ).kind == "funded_by"

    def test_the_metric_of_nhs_app_logins_is_a_rounded_figure(self, db):
        assert Metric.objects.get(pk=1600).qualifier == "approximately"

    def test_the_strategy_ambitions_belong_to_the_ai_lab_and_nhsx(self, db):
        ambitions = Mission.objects.filter(pk__in=range(1013, 1018))
        assert ambitions.count() == 5
        for ambition in ambitions:
            assert {organisation.slug for organisation in ambition.organisations} == {"nhs-ai-lab", "nhsx"}

    def test_the_relations_have_their_own_claims(self, db):
        part_of = OrganisationRelationship.objects.get(subject__slug="nhs-ai-lab", kind="part_of", object__slug="nhsx")
        on_behalf = OrganisationRelationship.objects.get(
            subject__slug="health-data-research-uk", kind="on_behalf_of", object__acronym="UKRI"
        )
        for relation in (part_of, on_behalf):
            assert relation.citations.filter(field_name="kind").exists()
        assert ProgrammeOrganisation.objects.filter(
            programme__slug="code-of-conduct-for-data-driven-technologies", organisation__slug="nhs-ai-lab"
        ).exists()

    def test_the_misfitting_citations_now_support_their_fields(self, db):
        assert Citation.objects.get(pk=13089).field_name == "description"
        assert Citation.objects.get(pk=13099).field_name != "parent"
        assert Citation.objects.get(pk=13142).claimed_value == "partner"
        assert Citation.objects.get(pk=13054).field_name == "kind"

    def test_the_missing_facts_are_in(self, db):
        quotes = " ".join(Citation.objects.values_list("quote", flat=True))
        for words in [
            "to give staff and citizens the technology they need",
            "more effective and efficient",
            "create new diagnostic products and services",
            "faster access to more personalised treatments",
            "research the factors behind many familiar common diseases",
            "reassured that all data are used ethically and responsibly",
            "two significant data sharing initiatives",
            "in one place for the first time",
            "cancer, diabetes and heart disease",
        ]:
            assert words in quotes, words
        hubs = Programme.objects.get(slug="digital-innovation-hubs")
        for words in ["diagnostic products and services", "personalised treatments", "common diseases", "ethically"]:
            assert words in hubs.description, words
        assert "technology they need" in Organisation.objects.get(slug="nhsx").description
        assert Mission.objects.filter(organisation__slug="nhsx", kind="ambition").exists()
