"""Deleting a record others depend on is refused with the list of what depends on it.

Through the API the answer is a 409 whose ``referenced_by`` names each dependant; in the
admin, Django's "protected related objects" page. Nothing is deleted or unlinked. What a
record owns (its aliases, its own citations, an event's links) goes with it.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from organisations.models import Person
from organisations.tests.factories import OrganisationFactory, PersonFactory, RoleFactory
from programmes.models import Event, Metric, Mission, Programme
from programmes.tests.factories import (
    EventFactory,
    MetricFactory,
    MissionFactory,
    ProgrammeAliasFactory,
    ProgrammeFactory,
    ProgrammeOrganisationFactory,
)
from sources.models import Citation
from sources.tests.factories import CitationFactory

pytestmark = pytest.mark.django_db

ALL_DELETES = [f"delete_{name}" for name in ("programme", "mission", "person", "organisation", "metric", "event")]


@pytest.fixture
def api(token_client, user_with):
    return token_client(user_with(*ALL_DELETES))


def refused(response) -> list[str]:
    assert response.status_code == 409, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()["referenced_by"]


def test_a_programme_with_metrics_is_not_deleted_and_the_metric_is_named(database_snapshot, api):
    programme = ProgrammeFactory()
    metric = MetricFactory(programme=programme, name="Scans read")
    before = database_snapshot()

    names = refused(api.delete(f"/api/programmes/{programme.slug}/"))

    assert any("Scans read" in name for name in names)
    assert database_snapshot() == before
    assert Metric.objects.filter(pk=metric.pk, programme=programme).exists()


def test_a_programme_with_organisation_roles_is_not_deleted(database_snapshot, api):
    programme = ProgrammeFactory()
    ProgrammeOrganisationFactory(programme=programme)
    before = database_snapshot()

    assert refused(api.delete(f"/api/programmes/{programme.slug}/"))
    assert database_snapshot() == before


def test_a_programme_named_by_an_event_or_pursuing_a_mission_is_not_unlinked(database_snapshot, api):
    mission = MissionFactory(title="Faster diagnosis")
    programme = ProgrammeFactory(missions=[mission])
    event = EventFactory(name="Launch day", programmes=[programme])
    before = database_snapshot()

    names = refused(api.delete(f"/api/programmes/{programme.slug}/"))

    assert any("Launch day" in name for name in names)
    assert any("Faster diagnosis" in name for name in names)
    assert database_snapshot() == before
    assert list(event.programmes.all()) == [programme]
    assert list(programme.missions.all()) == [mission]


def test_a_mission_pursued_by_programmes_is_not_deleted(database_snapshot, api):
    mission = MissionFactory()
    programme = ProgrammeFactory(name="AI Diagnostic Fund", missions=[mission])
    before = database_snapshot()

    names = refused(api.delete(f"/api/missions/{mission.slug}/"))

    assert any("AI Diagnostic Fund" in name for name in names)
    assert database_snapshot() == before
    assert list(programme.missions.all()) == [mission]


def test_a_person_with_roles_or_events_is_not_deleted(database_snapshot, api):
    person = PersonFactory()
    RoleFactory(person=person)
    other = PersonFactory()
    EventFactory(name="Keynote", people=[other])
    before = database_snapshot()

    assert refused(api.delete(f"/api/people/{person.slug}/"))
    assert any("Keynote" in name for name in refused(api.delete(f"/api/people/{other.slug}/")))
    assert database_snapshot() == before
    assert Person.objects.filter(pk__in=[person.pk, other.pk]).count() == 2


def test_an_organisation_named_by_an_event_or_a_metric_is_not_deleted(database_snapshot, api):
    organisation = OrganisationFactory()
    EventFactory(name="Open day", organisations=[organisation])
    measured = OrganisationFactory()
    MetricFactory(programme=None, organisation=measured)
    before = database_snapshot()

    assert any("Open day" in name for name in refused(api.delete(f"/api/organisations/{organisation.slug}/")))
    assert refused(api.delete(f"/api/organisations/{measured.slug}/"))
    assert database_snapshot() == before


def test_a_record_nothing_depends_on_is_deleted_with_what_it_owns(api):
    programme = ProgrammeFactory()
    alias = ProgrammeAliasFactory(programme=programme)
    citation = CitationFactory(record=programme)

    response = api.delete(f"/api/programmes/{programme.slug}/")

    assert response.status_code == 204
    assert not Programme.objects.filter(pk=programme.pk).exists()
    assert not type(alias).objects.filter(pk=alias.pk).exists()
    assert not Citation.objects.filter(pk=citation.pk).exists()


def test_an_event_is_deleted_with_its_own_links_and_citations(api):
    programme = ProgrammeFactory()
    event = EventFactory(programmes=[programme])
    citation = CitationFactory(record=event)

    response = api.delete(f"/api/events/{event.slug}/")

    assert response.status_code == 204
    assert not Event.objects.filter(pk=event.pk).exists()
    assert not Citation.objects.filter(pk=citation.pk).exists()
    assert Programme.objects.filter(pk=programme.pk).exists()


def test_a_metric_with_its_own_citations_blocks_its_programme_but_goes_itself_with_them(build_catalogue, api):
    catalogue = build_catalogue()
    metric_citations = list(catalogue.metric.citations.values_list("pk", flat=True))
    assert metric_citations

    assert refused(api.delete(f"/api/programmes/{catalogue.programme.slug}/"))
    assert api.delete(f"/api/metrics/{catalogue.metric.slug}/").status_code == 204
    assert not Citation.objects.filter(pk__in=metric_citations).exists()


@pytest.fixture
def admin_client_of_superuser(client):
    user = get_user_model().objects.create_superuser(username="root", email="root@example.org")
    client.force_login(user)
    return client


def test_the_admin_delete_page_of_a_linked_programme_lists_the_protected_records(admin_client_of_superuser):
    mission = MissionFactory(title="Faster diagnosis")
    programme = ProgrammeFactory(missions=[mission])
    EventFactory(name="Launch day", programmes=[programme])
    MetricFactory(programme=programme, name="Scans read")
    url = f"/admin/programmes/programme/{programme.pk}/delete/"

    page = admin_client_of_superuser.get(url)
    posted = admin_client_of_superuser.post(url, {"post": "yes"})

    html = page.content.decode()
    assert page.status_code == 200
    assert "would require deleting the following protected related objects" in html
    for name in ("Launch day", "Faster diagnosis", "Scans read"):
        assert name in html
    assert posted.status_code in {200, 403}
    assert Programme.objects.filter(pk=programme.pk).exists()
    assert list(programme.missions.all()) == [mission]


def test_the_admin_delete_page_of_a_mission_in_use_lists_its_programmes(admin_client_of_superuser):
    mission = MissionFactory()
    ProgrammeFactory(name="AI Diagnostic Fund", missions=[mission])

    page = admin_client_of_superuser.get(f"/admin/programmes/mission/{mission.pk}/delete/")

    assert "would require deleting the following protected related objects" in page.content.decode()
    assert "AI Diagnostic Fund" in page.content.decode()
    assert Mission.objects.filter(pk=mission.pk).exists()
