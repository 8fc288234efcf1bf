"""``manage.py generate_synthetic``: sizes, repeatability, and a purge that spares real records."""

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db.models import Count

from catalogue.synthetic import SYNTHETIC_PREFIX, Plan
from funding.models import FundingAward, FundingStream
from organisations.models import Organisation, OrganisationAlias, Person
from programmes.models import Event, Metric, Mission, Programme, ProgrammeAlias, ProgrammeOrganisation, Topic
from sources.models import Citation, Source

pytestmark = pytest.mark.django_db

SLUGGED = [Organisation, Person, Topic, Mission, FundingStream, Programme, Metric, Event, Source]


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_synthetic", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """What a run wrote, without primary keys (which differ between runs)."""
    return {
        "programmes": list(Programme.objects.order_by("slug").values_list("slug", "name", "summary", "announced_year")),
        "organisations": list(Organisation.objects.order_by("slug").values_list("slug", "parent__slug", "kind")),
        "roles": sorted(ProgrammeOrganisation.objects.values_list("programme__slug", "organisation__slug", "role")),
        "awards": sorted(
            FundingAward.objects.values_list("recipient_programme__slug", "amount_gbp", "funder__slug", "stream__slug")
        ),
        "citations": Citation.objects.count(),
    }


@pytest.fixture
def real_records():
    """A small real catalogue: rows without the synthetic prefix that a purge must leave alone."""
    source = Source.objects.create(title="Real report", slug="real-report")
    organisation = Organisation.objects.create(name="NHS England", slug="nhs-england")
    topic = Topic.objects.create(name="Medical imaging", slug="medical-imaging")
    programme = Programme.objects.create(name="NHS AI Lab", slug="nhs-ai-lab", summary="Real.")
    programme.topics.add(topic)
    ProgrammeOrganisation.objects.create(programme=programme, organisation=organisation)
    award = FundingAward.objects.create(
        title="AI Lab funding", amount_gbp=Decimal("250000000"), recipient_programme=programme, funder=organisation
    )
    Citation.objects.create(
        source=source,
        content_type=ContentType.objects.get_for_model(Programme),
        object_id=programme.pk,
        quote="The NHS AI Lab.",
    )
    return {"programme": programme, "organisation": organisation, "award": award, "topic": topic, "source": source}


def test_it_creates_the_planned_numbers_of_each_kind():
    output = generate("--programmes", "200", "--seed", "1")

    plan = Plan.for_programmes(200)
    assert Programme.objects.count() == 200
    assert Organisation.objects.count() == plan.organisations
    assert Person.objects.count() == plan.people
    assert Event.objects.count() == plan.events
    assert Source.objects.count() == plan.sources
    assert Topic.objects.count() == 40
    assert FundingStream.objects.count() >= plan.funding_streams
    assert Mission.objects.exists()
    assert Metric.objects.exists()
    assert ProgrammeAlias.objects.exists()
    assert OrganisationAlias.objects.exists()
    assert "Programme" in output
    assert "Citation" in output


def test_every_programme_has_exactly_one_lead_and_about_two_awards():
    generate("--programmes", "200", "--seed", "1")

    leads = ProgrammeOrganisation.objects.filter(role="lead").values("programme").annotate(n=Count("pk"))
    assert leads.count() == 200
    assert {row["n"] for row in leads} == {1}
    assert ProgrammeOrganisation.objects.count() > 200  # partners too
    awards = FundingAward.objects.count()
    assert 300 <= awards <= 500
    assert not Programme.objects.filter(funding_awards__isnull=True).exists()


def test_organisations_form_a_hierarchy():
    generate("--programmes", "200", "--seed", "1")

    assert Organisation.objects.filter(parent__isnull=True).exists()
    assert Organisation.objects.filter(parent__parent__isnull=False).exists()  # three levels


def test_citations_point_at_existing_synthetic_records():
    generate("--programmes", "200", "--seed", "1")

    for content_type in ContentType.objects.filter(pk__in=Citation.objects.values("content_type")):
        model = content_type.model_class()
        cited = set(Citation.objects.filter(content_type=content_type).values_list("object_id", flat=True))
        assert cited <= set(model.objects.values_list("pk", flat=True))
    assert Citation.objects.filter(content_type__model="programme").count() >= 200


def test_every_slugged_record_is_marked_synthetic():
    generate("--programmes", "200", "--seed", "1")

    for model in SLUGGED:
        assert not model.objects.exclude(slug__startswith=SYNTHETIC_PREFIX).exists(), model.__name__


def test_the_same_seed_gives_the_same_data():
    generate("--programmes", "200", "--seed", "7")
    first = snapshot()
    generate("--programmes", "200", "--seed", "7", "--replace")

    assert snapshot() == first


def test_another_seed_gives_other_data():
    generate("--programmes", "200", "--seed", "7")
    first = snapshot()
    generate("--programmes", "200", "--seed", "8", "--replace")

    assert snapshot()["programmes"] != first["programmes"]


def test_it_refuses_to_generate_over_existing_synthetic_data():
    generate("--programmes", "50")

    with pytest.raises(CommandError, match="already present"):
        generate("--programmes", "50")
    assert Programme.objects.count() == 50


def test_purge_removes_only_synthetic_rows(real_records):
    generate("--programmes", "200", "--seed", "1")
    assert Programme.objects.count() == 201

    output = generate("--purge")

    assert "Deleted" in output
    assert list(Programme.objects.values_list("slug", flat=True)) == ["nhs-ai-lab"]
    assert list(Organisation.objects.values_list("slug", flat=True)) == ["nhs-england"]
    assert list(Topic.objects.values_list("slug", flat=True)) == ["medical-imaging"]
    assert list(Source.objects.values_list("slug", flat=True)) == ["real-report"]
    assert list(FundingAward.objects.values_list("pk", flat=True)) == [real_records["award"].pk]
    assert ProgrammeOrganisation.objects.count() == 1
    assert Citation.objects.count() == 1
    assert list(real_records["programme"].topics.values_list("slug", flat=True)) == ["medical-imaging"]
    for model in (Person, Mission, FundingStream, Metric, Event, ProgrammeAlias, OrganisationAlias):
        assert not model.objects.exists(), model.__name__


def test_purge_leaves_no_history_rows_for_synthetic_records(real_records):
    history_before = Programme.history.count()
    generate("--programmes", "50")
    generate("--purge")

    assert Programme.history.count() == history_before


def test_it_asks_for_a_size():
    with pytest.raises(CommandError, match="--programmes"):
        generate()
