"""Claims: what they amount to (agreed, disputed, decided, changed), the same in SQL and in memory,
their rules (a reason for a rank, reasoning for an inference) and how the API shows them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisations.tests.factories import OrganisationFactory
from sources.models import Citation, ClaimStatus
from sources.tests.factories import CitationFactory

pytestmark = pytest.mark.django_db


def status_of(record, field: str) -> str:
    return record.claims_by_field()[field].status


def sql_groups(record, field: str) -> set[str]:
    """Which of the SQL sets the claims of ``field`` fall in."""
    claims = Citation.objects.filter(object_id=record.pk, field_name=field)
    groups = set()
    for name in ("disputed", "unresolved", "decided", "changes"):
        if getattr(Citation.objects, name)().filter(pk__in=claims).exists():
            groups.add(name)
    return groups


def claim(record, value: str, **kwargs) -> Citation:
    return CitationFactory(record=record, field_name=kwargs.pop("field", "founded"), claimed_value=value, **kwargs)


def test_claims_that_differ_only_in_case_spacing_or_quote_marks_agree():
    nhsx = OrganisationFactory()
    claim(nhsx, "NHSX", field="name")
    claim(nhsx, "  NHSx ", field="name")
    claim(nhsx, "Secretary of State\u2019s plan", field="description")
    claim(nhsx, "secretary of state's  plan", field="description")

    assert status_of(nhsx, "name") == status_of(nhsx, "description") == ClaimStatus.AGREED
    assert sql_groups(nhsx, "name") == sql_groups(nhsx, "description") == set()


def test_a_qualifier_is_kept_apart_from_the_value_so_a_bound_of_the_same_figure_agrees():
    award = OrganisationFactory()
    claim(award, "£37 million", field="description")
    claim(award, "£37 million", field="description", qualifier="lower_bound")

    assert status_of(award, "description") == ClaimStatus.AGREED
    assert sql_groups(award, "description") == set()


def test_differing_claims_with_none_preferred_are_an_open_dispute_in_sql_and_in_memory():
    nhsx = OrganisationFactory()
    claim(nhsx, "April 2019")
    claim(nhsx, "July 2019")

    assert status_of(nhsx, "founded") == ClaimStatus.DISPUTED
    assert sql_groups(nhsx, "founded") == {"disputed", "unresolved"}
    assert set(nhsx.disputed_fields()) == {"founded"}


def test_a_preferred_claim_decides_a_dispute_without_hiding_the_other():
    meeting = OrganisationFactory()
    claim(meeting, "21 January 2020", rank="preferred", rank_reason="The body of the post says so.")
    claim(meeting, "22 January 2020")

    field = meeting.claims_by_field()["founded"]
    assert field.status == ClaimStatus.DECIDED
    assert field.preferred.claimed_value == "21 January 2020"
    assert len(field.rival_claims) == 2
    assert sql_groups(meeting, "founded") == {"disputed", "decided"}


def test_claims_with_different_as_of_dates_are_a_change_over_time_not_a_dispute():
    role = OrganisationFactory()
    claim(role, "Recruiting", field="name", as_of_year=2020, as_of_month=1)
    claim(role, "Indra Joshi", field="name", as_of_year=2020, as_of_month=10)

    assert status_of(role, "name") == ClaimStatus.CHANGED
    assert sql_groups(role, "name") == {"changes"}
    assert role.disputed_fields() == {}


def test_an_undated_claim_still_disputes_a_dated_one():
    role = OrganisationFactory()
    claim(role, "Recruiting", field="name", as_of_year=2020)
    claim(role, "Indra Joshi", field="name")

    assert status_of(role, "name") == ClaimStatus.DISPUTED
    assert "unresolved" in sql_groups(role, "name")


def test_a_deprecated_claim_is_set_aside_and_disputes_nothing():
    hdr_uk = OrganisationFactory()
    claim(hdr_uk, "Health Data Research UK", field="name")
    claim(
        hdr_uk,
        "Health Research Data UK",
        field="name",
        rank="deprecated",
        rank_reason="A misnomer: the organisation's name is Health Data Research UK.",
    )

    field = hdr_uk.claims_by_field()["name"]
    assert field.status == ClaimStatus.AGREED
    assert [c.claimed_value for c in field.deprecated] == ["Health Research Data UK"]
    assert sql_groups(hdr_uk, "name") == set()


def test_claims_of_different_fields_are_never_compared():
    award = OrganisationFactory()
    claim(award, "NHS AI Lab funding", field="description")
    claim(award, "3", field="location")

    assert award.disputed_fields() == {}
    assert not Citation.objects.disputed().filter(object_id=award.pk).exists()


def test_a_claim_of_a_partial_dates_column_is_a_claim_of_the_date():
    nhsx = OrganisationFactory()

    saved = claim(nhsx, "2019", field="founded_year")

    saved.refresh_from_db()
    assert saved.field_name == "founded"


def test_a_preferred_or_deprecated_claim_needs_a_reason():
    citation = CitationFactory.build(record=OrganisationFactory(), rank="deprecated", rank_reason="")
    citation.source.save()
    citation.source_id = citation.source.pk

    with pytest.raises(ValidationError, match="Say why"):
        citation.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        citation.save()


def test_an_inferred_value_needs_the_reasoning_in_the_note():
    citation = CitationFactory.build(record=OrganisationFactory(), qualifier="inferred", note="")
    citation.source.save()
    citation.source_id = citation.source.pk

    with pytest.raises(ValidationError, match="reasoning"):
        citation.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        citation.save()


def test_a_value_is_shown_with_its_qualifier_and_an_inference_never_as_stated():
    record = OrganisationFactory()

    bound = claim(record, "£37 million", qualifier="lower_bound")
    inferred = claim(record, "University", field="kind", qualifier="inferred", note="Named a university.")

    assert bound.value_as_claimed == "at least £37 million"
    assert inferred.value_as_claimed == "University (inferred by the catalogue)"


def test_the_api_detail_carries_each_fields_claims_and_what_they_amount_to(client):
    nhsx = OrganisationFactory(slug="nhsx")
    claim(nhsx, "April 2019", as_of_year=None)
    claim(nhsx, "July 2019")
    claim(nhsx, "NHSx", field="name", qualifier="stated")

    body = client.get("/api/organisations/nhsx/").json()

    fields = {field["field"]: field for field in body["claims"]}
    assert fields["founded"]["status"] == "disputed"
    assert fields["founded"]["label"] == "founded"
    assert {c["claimed_value"] for c in fields["founded"]["claims"]} == {"April 2019", "July 2019"}
    assert {"qualifier", "as_of", "rank", "rank_reason", "value_as_claimed"} <= set(fields["founded"]["claims"][0])
    assert fields["name"]["status"] == "agreed"
    assert [d["field"] for d in body["disputed_fields"]] == ["founded"]


def test_narrowing_to_differing_fields_keeps_exactly_the_disputes_and_changes():
    agreed, variant, disputed, decided, changed, deprecated = (OrganisationFactory() for _ in range(6))
    CitationFactory(record=agreed, field_name="founded", claimed_value="2019")
    CitationFactory(record=agreed, field_name="founded", claimed_value="2019")
    CitationFactory(record=variant, field_name="name", claimed_value="NHSX")
    CitationFactory(record=variant, field_name="name", claimed_value="NHSx")
    CitationFactory(record=disputed, field_name="founded", claimed_value="April 2019")
    CitationFactory(record=disputed, field_name="founded", claimed_value="July 2019")
    CitationFactory(record=disputed, field_name="location", claimed_value="London")
    CitationFactory(record=decided, field_name="founded", claimed_value="2020")
    CitationFactory(record=decided, field_name="founded", claimed_value="2021", rank="preferred", rank_reason="Later.")
    CitationFactory(record=changed, field_name="name", claimed_value="A", as_of_year=2019)
    CitationFactory(record=changed, field_name="name", claimed_value="B", as_of_year=2021)
    CitationFactory(record=deprecated, field_name="name", claimed_value="C")
    CitationFactory(record=deprecated, field_name="name", claimed_value="D", rank="deprecated", rank_reason="Wrong.")

    for name in ("disputed", "changes"):
        everything = set(getattr(Citation.objects, name)())
        narrowed = set(getattr(Citation.objects, name)().of_differing_fields())
        assert narrowed == everything
        assert everything  # each kind is present, so the equality says something
    differing_records = set(Citation.objects.all().of_differing_fields().values_list("object_id", flat=True))
    assert differing_records == {disputed.pk, decided.pk, changed.pk}
