"""The mission list and page, and the event page."""

import pytest
from django.urls import reverse

from organisations.tests.factories import OrganisationFactory, PersonFactory
from programmes.models import MissionKind
from programmes.tests.factories import EventFactory, MissionFactory, ProgrammeFactory, ProgrammeOrganisationFactory
from sources.tests.factories import CitationFactory

pytestmark = pytest.mark.django_db


def test_it_groups_missions_by_organisation_in_their_stated_order(client):
    nhsx = OrganisationFactory(name="NHSX")
    hdr = OrganisationFactory(name="HDR UK")
    MissionFactory(organisation=nhsx, order=2, title="Second aim")
    MissionFactory(organisation=nhsx, order=1, title="First aim")
    MissionFactory(organisation=nhsx, order=1, title="A work programme", kind=MissionKind.WORK_PROGRAMME)
    MissionFactory(organisation=hdr, order=1, title="Trustworthy data")

    response = client.get(reverse("programmes:mission-list"))

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("HDR UK") < html.index("NHSX")
    assert html.index("First aim") < html.index("Second aim") < html.index("A work programme")
    assert "Work programme" in html
    assert "<title>Missions and work programmes \N{EN DASH} NHS digital and AI programmes catalogue</title>" in html


def test_the_mission_list_makes_one_query_however_many_missions(client, django_assert_num_queries):
    MissionFactory()
    with django_assert_num_queries(1):
        client.get(reverse("programmes:mission-list"))
    for _ in range(10):
        ProgrammeFactory(missions=[MissionFactory()])
    with django_assert_num_queries(1):
        client.get(reverse("programmes:mission-list"))


def test_a_mission_page_shows_its_statement_programmes_and_citations(client):
    mission = MissionFactory(title="Easier NHS", statement="Make the NHS easier to use.")
    programme = ProgrammeFactory(name="NHS App", missions=[mission])
    ProgrammeOrganisationFactory(programme=programme, organisation__acronym="NHSX")
    citation = CitationFactory(record=mission, field_name="statement", quote="to make the NHS easier to use")

    response = client.get(mission.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert "Make the NHS easier to use." in html
    assert f'href="{programme.get_absolute_url()}">NHS App</a>' in html
    assert f'id="citation-{citation.pk}"' in html
    assert citation.source.get_absolute_url() in html


def test_a_mission_page_makes_the_same_number_of_queries_however_many_programmes(client, django_assert_num_queries):
    mission = MissionFactory()
    ProgrammeOrganisationFactory(programme=ProgrammeFactory(missions=[mission]))
    CitationFactory(record=mission)
    # mission with organisation, its other organisations, programmes, their roles, their topics, citations
    with django_assert_num_queries(6):
        client.get(mission.get_absolute_url())
    for _ in range(5):
        ProgrammeOrganisationFactory(programme=ProgrammeFactory(missions=[mission]))
        CitationFactory(record=mission)
    with django_assert_num_queries(6):
        client.get(mission.get_absolute_url())


def test_an_event_page_shows_the_date_as_written_who_took_part_and_disputed_dates(client):
    organisation = OrganisationFactory(name="NHSX")
    person = PersonFactory(name="Indra Joshi")
    programme = ProgrammeFactory(name="AI Lab")
    event = EventFactory(
        name="AI Lab announced",
        date_year=2019,
        date_month=8,
        date_day=None,
        organisations=[organisation],
        people=[person],
        programmes=[programme],
    )
    CitationFactory(record=event, field_name="date", claimed_value="August 2019", quote="in August 2019")
    CitationFactory(record=event, field_name="date", claimed_value="July 2019", quote="in July 2019")

    response = client.get(event.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert '<time datetime="2019-08">August 2019</time>' in html
    assert organisation.get_absolute_url() in html
    assert person.get_absolute_url() in html
    assert programme.get_absolute_url() in html
    assert "Sources disagree" in html
    claims = html[html.index("What each source claims (date)"):]
    claims = claims[: claims.index("</table>")]
    assert "“August 2019”" in claims
    assert "“July 2019”" in claims


def test_an_event_page_makes_the_same_number_of_queries_however_many_took_part(client, django_assert_num_queries):
    event = EventFactory(organisations=[OrganisationFactory()], programmes=[ProgrammeFactory()])
    event.people.set([PersonFactory()])
    CitationFactory(record=event)
    # event, organisations, programmes, people, citations
    with django_assert_num_queries(5):
        client.get(event.get_absolute_url())
    event.organisations.set([OrganisationFactory() for _ in range(4)])
    event.programmes.set([ProgrammeFactory() for _ in range(4)])
    for _ in range(3):
        CitationFactory(record=event)
    with django_assert_num_queries(5):
        client.get(event.get_absolute_url())


@pytest.mark.parametrize("url", ["/missions/no-such-mission/", "/events/no-such-event/"])
def test_it_answers_404_for_an_unknown_slug(client, url):
    assert client.get(url).status_code == 404
