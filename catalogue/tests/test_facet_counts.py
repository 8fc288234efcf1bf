"""Kept facet counts (``core.facet_summary``) equal a fresh count after every kind of write; lists read them."""

from dataclasses import replace
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core import facet_summary
from core.models import FacetCount, GroupTotal
from funding.facets import AWARD_FACETS
from funding.tests.factories import FundingAwardFactory
from funding.tests.test_kept_totals import assert_totals_fresh
from funding.views import FundingAwardListView
from organisations.tests.factories import OrganisationFactory
from programmes.models import Programme, ProgrammeOrganisation
from programmes.tests.factories import MissionFactory, ProgrammeFactory, ProgrammeOrganisationFactory, TopicFactory

pytestmark = pytest.mark.django_db


def assert_counts_fresh():
    """Every kept summary holds exactly what counting its table now gives, and so do the kept funding totals."""
    for summary in facet_summary.summaries():
        assert summary.stored("default") == summary.fresh("default"), summary.name
    assert_totals_fresh()


def test_every_list_facet_that_groups_by_one_column_is_kept():
    kept = {summary.name for summary in facet_summary.summaries()}

    assert kept == {
        *(f"programmes.programme.{name}" for name in ("organisation", "mission", "kind", "status", "topic")),
        *(f"funding.fundingaward.{name}" for name in ("funder", "recipient", "stream", "year", "qualifier", "period")),
    }


def test_creating_editing_and_deleting_a_programme_keeps_kind_and_status_counts(build_catalogue):
    build_catalogue(copies=2)
    programme = ProgrammeFactory(kind="project", status="active")
    assert_counts_fresh()

    programme.kind, programme.status = "centre", "completed"
    programme.save()
    assert_counts_fresh()
    assert FacetCount.objects.get(facet="programmes.programme.kind", value="centre").count >= 1

    programme.delete()
    assert_counts_fresh()


def test_a_save_that_changes_no_counted_value_recounts_nothing():
    programme = ProgrammeFactory(kind="project")
    programme.summary = "Another summary."

    with CaptureQueriesContext(connection) as queries:
        programme.save()

    # Only the recipient labels' check for a new slug (an UPDATE changing no row); no count is read or written.
    facet_queries = [query["sql"] for query in queries.captured_queries if "core_facetcount" in query["sql"]]
    assert [sql.split()[0] for sql in facet_queries] == ["UPDATE"]
    assert_counts_fresh()


def test_many_to_many_add_remove_and_clear_from_either_side_keep_mission_and_topic_counts():
    programme, other = ProgrammeFactory(), ProgrammeFactory()
    mission, topic, second_topic = MissionFactory(), TopicFactory(), TopicFactory()

    programme.missions.add(mission)
    programme.topics.add(topic, second_topic)
    assert_counts_fresh()

    mission.programmes.add(other)  # the reverse side
    topic.programmes.add(other)
    assert_counts_fresh()
    assert FacetCount.objects.get(facet="programmes.programme.mission", key=mission.pk).count == 2

    programme.topics.remove(second_topic)
    topic.programmes.remove(other)
    assert_counts_fresh()

    programme.topics.clear()
    mission.programmes.clear()
    assert_counts_fresh()
    assert not FacetCount.objects.filter(facet="programmes.programme.mission", key=mission.pk).exists()

    programme.topics.set([topic, second_topic])
    assert_counts_fresh()


def test_organisation_roles_are_counted_once_per_programme_whatever_their_number():
    programme, organisation, other = ProgrammeFactory(), OrganisationFactory(), OrganisationFactory()
    lead = ProgrammeOrganisationFactory(programme=programme, organisation=organisation, role="lead")
    ProgrammeOrganisationFactory(programme=programme, organisation=organisation, role="funder")
    assert FacetCount.objects.get(facet="programmes.programme.organisation", key=organisation.pk).count == 1

    lead.organisation = other  # moving a role moves both organisations' counts
    lead.save()
    assert_counts_fresh()

    ProgrammeOrganisation.objects.filter(organisation=organisation).get().delete()
    assert_counts_fresh()
    assert not FacetCount.objects.filter(facet="programmes.programme.organisation", key=organisation.pk).exists()


def test_deleting_a_programme_cascades_to_its_topic_links_and_their_counts():
    # Roles and missions protect a programme from deletion (core.delete_policy); topics go with it.
    topic = TopicFactory()
    programme = ProgrammeFactory(topics=[topic], kind="centre")

    programme.delete()

    assert_counts_fresh()
    assert not FacetCount.objects.filter(facet="programmes.programme.topic", key=topic.pk).exists()
    assert not FacetCount.objects.filter(facet="programmes.programme.kind", value="centre").exists()


def test_creating_editing_and_deleting_an_award_keeps_funder_stream_year_qualifier_and_period_counts(
    build_catalogue,
):
    build_catalogue()
    award = FundingAwardFactory(announced_year=2021, amount_qualifier="more_than")
    assert_counts_fresh()

    award.funder = OrganisationFactory()
    award.announced_year = 2019
    award.amount_qualifier = "up_to"
    award.save()
    assert_counts_fresh()

    award.delete()
    assert_counts_fresh()


def test_import_catalogue_counts_what_it_imported(tmp_path):
    ProgrammeFactory(kind="centre")
    call_command("export_catalogue", str(tmp_path / "export.json"), stdout=StringIO())
    FacetCount.objects.all().delete()

    call_command("import_catalogue", str(tmp_path / "export.json"), "--replace", stdout=StringIO())

    assert FacetCount.objects.get(facet="programmes.programme.kind", value="centre").count == 1
    assert_counts_fresh()


def test_generate_synthetic_and_its_purge_keep_the_counts():
    call_command("generate_synthetic", "--programmes", "30", "--seed", "1", stdout=StringIO())
    assert FacetCount.objects.get(facet="programmes.programme.kind", value="project").count > 0
    assert_counts_fresh()

    call_command("generate_synthetic", "--purge", stdout=StringIO())
    assert_counts_fresh()


def test_refresh_facet_counts_repairs_lost_or_wrong_counts():
    ProgrammeFactory(kind="project")
    FacetCount.objects.filter(facet="programmes.programme.kind").update(count=99)
    FacetCount.objects.filter(facet="programmes.programme.status").delete()

    out = StringIO()
    call_command("refresh_facet_counts", stdout=out)

    assert "Facet counts rebuilt" in out.getvalue()
    assert_counts_fresh()


def facet_options(response) -> dict:
    return {
        group.name: [(option.value, option.count) for option in group.options] for group in response.context["facets"]
    }


def test_an_unfiltered_list_shows_the_kept_counts_which_equal_live_counting(client, build_catalogue, monkeypatch):
    build_catalogue(copies=3)
    ProgrammeFactory(kind="centre", missions=[MissionFactory()])
    kept = facet_options(client.get(reverse("programmes:programme-list")))

    monkeypatch.setattr("core.facets.summary_for", lambda listed, facet: None)  # count every row instead
    live = facet_options(client.get(reverse("programmes:programme-list")))

    assert kept == live
    assert dict(kept["kind"])["centre"] == 1


def test_an_unfiltered_list_reads_its_counts_from_the_summary_not_the_table(client):
    ProgrammeFactory(kind="centre", status="active")
    FacetCount.objects.filter(facet="programmes.programme.kind", value="centre").update(count=41)

    unfiltered = facet_options(client.get(reverse("programmes:programme-list")))
    filtered = facet_options(client.get(reverse("programmes:programme-list"), {"status": "active"}))

    assert dict(unfiltered["kind"])["centre"] == 41  # read from the kept counts (made wrong on purpose here)
    assert dict(filtered["kind"])["centre"] == 1  # another filter is set: counted live


def test_a_filter_on_the_facet_itself_still_reads_its_kept_counts(client):
    ProgrammeFactory(kind="centre")
    ProgrammeFactory(kind="project")

    options = facet_options(client.get(reverse("programmes:programme-list"), {"kind": "centre"}))

    # Other kinds stay offered with their counts: a facet's own filter does not narrow it.
    assert dict(options["kind"]) == {**dict(options["kind"]), "centre": 1, "project": 1}
    assert Programme.objects.count() == 2


def test_an_award_recipient_is_counted_by_its_programme_else_its_organisation(client):
    organisation, other = OrganisationFactory(), OrganisationFactory()
    award = FundingAwardFactory(recipient_organisation=organisation)  # a programme too, from the factory
    recipient = FacetCount.objects.filter(facet="funding.fundingaward.recipient")
    assert recipient.get(value="recipient_programme_id", key=award.recipient_programme_id).count == 1
    assert not recipient.filter(value="recipient_organisation_id").exists()

    award.recipient_programme = None  # now its organisation is the recipient
    award.save()
    assert_counts_fresh()
    assert recipient.get(value="recipient_organisation_id", key=organisation.pk).count == 1

    award.recipient_organisation = other
    award.save()
    assert_counts_fresh()
    award.delete()
    assert_counts_fresh()


def test_the_unfiltered_award_list_shows_kept_recipient_counts_equal_to_live_ones(client, build_catalogue, monkeypatch):
    build_catalogue(copies=3)
    programme = ProgrammeFactory()
    for _ in range(3):
        FundingAwardFactory(recipient_programme=programme)
    FundingAwardFactory(recipient_programme=None, recipient_organisation=OrganisationFactory())
    url = reverse("funding:award-list")
    kept = facet_options(client.get(url))
    chosen = facet_options(client.get(url, {"recipient": programme.slug}))

    monkeypatch.setattr("core.facets.summary_for", lambda listed, facet: None)
    assert facet_options(client.get(url)) == kept
    assert facet_options(client.get(url, {"recipient": programme.slug})) == chosen
    assert dict(kept["recipient"])[programme.slug] == 3


def test_past_the_shown_limit_the_chosen_recipient_is_still_offered(client, monkeypatch):
    programmes = [ProgrammeFactory() for _ in range(4)]
    for index, programme in enumerate(programmes):
        for _ in range(index + 1):
            FundingAwardFactory(recipient_programme=programme)
    facets = tuple(replace(facet, limit=2) if facet.name == "recipient" else facet for facet in AWARD_FACETS)
    monkeypatch.setattr(FundingAwardListView, "facets", facets)

    options = facet_options(client.get(reverse("funding:award-list"), {"recipient": programmes[0].slug}))["recipient"]

    values = [value for value, _count in options]
    assert programmes[0].slug in values  # the least funded, chosen, shown first despite the limit
    assert programmes[3].slug in values


def test_renaming_a_recipient_keeps_its_counts_in_slug_order():
    programme = ProgrammeFactory(slug="zebra-programme")
    FundingAwardFactory(recipient_programme=programme)

    programme.slug = "aardvark-programme"
    programme.save()

    assert_counts_fresh()
    kept = FacetCount.objects.get(facet="funding.fundingaward.recipient", key=programme.pk)
    assert kept.label == "aardvark-programme"


def test_migrate_counts_a_catalogue_whose_counts_were_never_kept():
    # A database upgraded to the migration that added the kept counts holds records but no counts.
    ProgrammeFactory(kind="centre")
    FundingAwardFactory()
    FacetCount.objects.all().delete()
    GroupTotal.objects.all().delete()

    call_command("migrate", verbosity=0)

    assert FacetCount.objects.get(facet="programmes.programme.kind", value="centre").count == 1
    assert GroupTotal.objects.exists()
    assert_counts_fresh()


def test_migrate_leaves_kept_counts_alone():
    ProgrammeFactory(kind="centre")
    FacetCount.objects.filter(facet="programmes.programme.kind").update(count=5)  # not recounted

    call_command("migrate", verbosity=0)

    assert FacetCount.objects.get(facet="programmes.programme.kind", value="centre").count == 5


# Last: the real catalogue stays loaded for the rest of the module once a test asks for it.
def test_load_catalogue_counts_the_real_catalogue(real_catalogue):
    assert FacetCount.objects.filter(facet="programmes.programme.organisation").exists()
    assert_counts_fresh()
