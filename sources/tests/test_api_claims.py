"""/api/claims/: claims read by anyone, written by staff with the citation permissions, quotes checked."""

import pytest

from organisations.tests.factories import OrganisationFactory, RoleFactory
from programmes.tests.factories import ProgrammeFactory
from sources.models import Citation
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = "NHSX was set up in July 2019.\nThe NHS AI Lab will spend \u00a3250 million over three years."
LIST_QUERIES = 2  # the count and the page (with sources and content types), then one per kind of record


def _claim(source, **changes):
    return {
        "source": source.slug,
        "record_kind": "programme",
        "record_slug": "ai-lab",
        "field": "announced",
        "claimed_value": "2019",
        "qualifier": "stated",
        "as_of": None,
        "rank": "normal",
        "rank_reason": "",
        "quote": "NHSX was set up in July 2019.",
        "note": "",
        **changes,
    }


@pytest.fixture
def writer(user_with, token_client):
    return token_client(user_with("add_citation", "change_citation", "delete_citation", "rank_citation"))


def test_anyone_reads_the_claims_with_the_record_they_support(anonymous_client):
    programme = ProgrammeFactory(name="AI Lab", slug="ai-lab")
    claim = CitationFactory(record=programme, field_name="announced", claimed_value="2019", qualifier="expected")

    response = anonymous_client().get("/api/claims/")

    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert row["id"] == claim.pk
    assert row["record"] == {"kind": "programme", "id": programme.pk, "name": "AI Lab", "url": row["record"]["url"]}
    assert row["record"]["url"].endswith("/programmes/ai-lab/")
    assert (row["field"], row["value_as_claimed"]) == ("announced", "expected 2019")
    assert row["source"]["slug"] == claim.source.slug
    assert anonymous_client().get(f"/api/claims/{claim.pk}/").json()["quote"] == claim.quote


def test_the_list_costs_the_same_queries_however_many_claims(anonymous_client, django_assert_num_queries):
    for _ in range(5):
        CitationFactory(record=ProgrammeFactory())
        CitationFactory(record=RoleFactory())

    with django_assert_num_queries(LIST_QUERIES + 2):  # programmes, roles
        response = anonymous_client().get("/api/claims/")

    assert len(response.json()["results"]) == 10


def test_staff_with_the_permission_add_a_claim_naming_the_record_by_kind_and_slug(writer):
    programme, source = ProgrammeFactory(slug="ai-lab"), SourceFactory(text=TEXT)

    response = writer.post("/api/claims/", _claim(source, quote="NHSX was set up in  July 2019."), format="json")

    assert response.status_code == 201, response.json()
    claim = Citation.objects.get()
    assert (claim.record, claim.field_name, claim.source) == (programme, "announced", source)
    assert response.json()["record"]["id"] == programme.pk


def test_a_claim_names_a_record_without_a_slug_by_its_id(writer):
    role, source = RoleFactory(), SourceFactory(text=TEXT)
    data = _claim(source, record_kind="role", record_slug=None, record_id=role.pk, field="title")
    del data["record_slug"]

    response = writer.post("/api/claims/", data, format="json")

    assert response.status_code == 201, response.json()
    assert Citation.objects.get().record == role


def test_a_quote_not_in_the_source_is_refused_with_the_closest_passage(writer):
    ProgrammeFactory(slug="ai-lab")
    source = SourceFactory(text=TEXT)

    misquoted = _claim(source, quote="The NHS AI Lab will spend £200 million")

    response = writer.post("/api/claims/", misquoted, format="json")

    assert response.status_code == 400
    (message,) = response.json()["quote"]
    assert "The closest passage of the source is: “The NHS AI Lab will spend £250 million" in message
    assert not Citation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "error_field"),
    [
        ({"field": "no_such_field"}, "field"),
        ({"record_kind": "user"}, "record_kind"),
        ({"record_slug": "missing"}, "record_slug"),
        ({"rank": "preferred"}, "rank_reason"),
    ],
)
def test_a_claim_naming_what_does_not_exist_is_refused(writer, changes, error_field):
    ProgrammeFactory(slug="ai-lab")

    response = writer.post("/api/claims/", _claim(SourceFactory(text=TEXT), **changes), format="json")

    assert response.status_code == 400
    assert error_field in response.json()
    assert not Citation.objects.exists()


def test_changing_the_quote_is_checked_and_other_edits_are_not_blocked_by_an_old_quote(writer):
    claim = CitationFactory(record=OrganisationFactory(), source=SourceFactory(text="Other."), in_source=False)

    edited = writer.patch(f"/api/claims/{claim.pk}/", {"note": "Checked by hand."}, format="json")
    refused = writer.patch(f"/api/claims/{claim.pk}/", {"quote": "Not there either."}, format="json")

    assert edited.status_code == 200
    assert refused.status_code == 400
    claim.refresh_from_db()
    assert (claim.note, claim.quote) == ("Checked by hand.", claim.quote)


def test_writing_needs_staff_with_the_model_permission(user_with, token_client, anonymous_client):
    claim = CitationFactory()
    reader = token_client(user_with("view_citation", username="reader"))

    assert anonymous_client().delete(f"/api/claims/{claim.pk}/").status_code == 401
    assert reader.delete(f"/api/claims/{claim.pk}/").status_code == 403
    assert reader.post("/api/claims/", {}, format="json").status_code == 403
    assert Citation.objects.filter(pk=claim.pk).exists()


def test_staff_with_the_permission_delete_a_claim(writer):
    claim = CitationFactory()

    response = writer.delete(f"/api/claims/{claim.pk}/")

    assert response.status_code == 204
    assert not Citation.objects.exists()
