"""The mission list and page, and the event page."""

import pytest
from django.urls import reverse

from organisations.tests.factories import OrganisationFactory, PersonFactory
from programmes.models import MissionKind
from programmes.tests.factories import EventFactory, MissionFactory, ProgrammeFactory, ProgrammeOrganisationFactory
from programmes.views import MissionListView
from sources.tests.factories import CitationFactory

pytestmark = pytest.mark.django_db

# How many missions, the page of them, how many programmes aim at each.
MISSION_LIST_QUERIES = 3


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


def test_missions_of_no_stated_kind_are_headed_as_such(client):
    nhsx = OrganisationFactory()
    for order in (1, 2):
        MissionFactory(organisation=nhsx, order=order, kind=MissionKind.NOT_STATED)

    response = client.get(reverse("programmes:mission-list"))

    assert '<h3 class="nhsuk-heading-s">Kind not stated</h3>' in response.text
    assert "Not stateds" not in response.text


def test_the_mission_list_makes_the_same_queries_however_many_missions(client, django_assert_num_queries):
    MissionFactory()
    with django_assert_num_queries(MISSION_LIST_QUERIES):
        client.get(reverse("programmes:mission-list"))
    for _ in range(60):
        ProgrammeFactory(missions=[MissionFactory()])
    with django_assert_num_queries(MISSION_LIST_QUERIES):
        client.get(reverse("programmes:mission-list"))
    # The page's keys, and how many of its first organisation's missions come before it.
    with django_assert_num_queries(MISSION_LIST_QUERIES + 2):
        client.get(reverse("programmes:mission-list"), {"page": 2})


def test_the_mission_list_is_paged_in_a_stable_order_and_counts_programmes(client, monkeypatch):
    monkeypatch.setattr(MissionListView, "paginate_by", 2)
    nhsx = OrganisationFactory(name="NHSX")
    for order in (3, 1, 2):
        MissionFactory(organisation=nhsx, order=order, title=f"Aim {order}")
    ProgrammeFactory.create_batch(2, missions=[MissionFactory(organisation=OrganisationFactory(name="HDR UK"))])

    pages = [client.get(reverse("programmes:mission-list"), {"page": page}) for page in (1, 2)]

    listed = [(m.organisation.name, m.title) for page in pages for m in page.context["missions"]]
    assert listed[1:] == [("NHSX", "Aim 1"), ("NHSX", "Aim 2"), ("NHSX", "Aim 3")]
    assert pages[0].context["missions"][0].programme_count == 2
    assert "(2 programmes)" in pages[0].text
    assert 'href="?page=2"' in pages[0].text


def test_a_page_that_starts_part_way_through_an_organisations_list_says_so_and_numbers_on(client, monkeypatch):
    monkeypatch.setattr(MissionListView, "paginate_by", 3)
    nhsx = OrganisationFactory(name="NHSX")
    for order in (1, 2):
        MissionFactory(organisation=nhsx, order=order, kind=MissionKind.MISSION)
    for order in (1, 2, 3):
        MissionFactory(organisation=nhsx, order=order, kind=MissionKind.WORK_PROGRAMME)

    first = client.get(reverse("programmes:mission-list"))
    second = client.get(reverse("programmes:mission-list"), {"page": 2})

    assert first.context["continued"] is None
    assert second.context["continued"] == {"in_all": 3, "of_kind": 1}
    assert "(continued)</span></h2>" in second.text
    assert '<ol class="nhsuk-list nhsuk-list--number" start="2">' in second.text


def test_a_page_of_missions_past_the_end_answers_404_with_a_link_to_the_last_page(client):
    MissionFactory()

    response = client.get(reverse("programmes:mission-list"), {"page": 5})

    assert response.status_code == 404
    assert '<a href="/missions/?page=1">Go to the last page (page 1)</a>' in response.text


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
