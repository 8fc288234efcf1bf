"""The programme list: filters, facet counts, sorting, pagination, removable filters, bad filters, queries."""

import pytest
from django.urls import reverse

from organisations.tests.factories import OrganisationFactory
from programmes.models import ProgrammeKind, ProgrammeRole, ProgrammeStatus
from programmes.tests.factories import (
    MissionFactory,
    ProgrammeAliasFactory,
    ProgrammeFactory,
    ProgrammeOrganisationFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

URL = reverse("programmes:programme-list")


def names(response) -> list[str]:
    return [programme.name for programme in response.context["programmes"]]


def facet(response, name: str) -> dict[str, int]:
    """The options of one facet as {value: count}."""
    group = next(g for g in response.context["facets"] if g.name == name)
    return {option.value: option.count for option in group.options}


def test_it_lists_programmes_with_kind_status_leads_date_and_topics(client):
    lead = OrganisationFactory(name="NHSX", acronym="NHSX")
    topic = TopicFactory(name="Medical imaging", slug="medical-imaging")
    programme = ProgrammeFactory(
        name="AI Award", kind=ProgrammeKind.CHALLENGE, announced_year=2019, announced_month=4, topics=[topic]
    )
    ProgrammeOrganisationFactory(programme=programme, organisation=lead, role=ProgrammeRole.LEAD)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{programme.get_absolute_url()}">AI Award</a>' in html
    assert "Challenge" in html
    assert "Active" in html
    assert f'href="{lead.get_absolute_url()}">NHSX</a>' in html
    assert '<time datetime="2019-04">April 2019</time>' in html
    assert "Medical imaging" in html
    assert "<title>Programmes \N{EN DASH} NHS digital and AI programmes catalogue</title>" in html
    assert '<meta name="description" content="The NHS' in html
    assert 'aria-label="Breadcrumb"' in html
    assert "<caption" in html
    assert 'scope="col"' in html
    assert 'scope="row"' in html
    assert "style=" not in html


def test_it_filters_by_organisation_in_any_role(client):
    organisation = OrganisationFactory(slug="nhsx")
    led = ProgrammeFactory(name="Led")
    partnered = ProgrammeFactory(name="Partnered")
    ProgrammeFactory(name="Other")
    ProgrammeOrganisationFactory(programme=led, organisation=organisation, role=ProgrammeRole.LEAD)
    ProgrammeOrganisationFactory(programme=partnered, organisation=organisation, role=ProgrammeRole.PARTNER)

    response = client.get(URL, {"organisation": "nhsx"})

    assert response.status_code == 200
    assert names(response) == ["Led", "Partnered"]


def test_it_filters_by_mission(client):
    mission = MissionFactory(slug="easier-nhs")
    ProgrammeFactory(name="Aims", missions=[mission])
    ProgrammeFactory(name="Does not")

    assert names(client.get(URL, {"mission": "easier-nhs"})) == ["Aims"]


def test_it_filters_by_kind(client):
    ProgrammeFactory(name="A centre", kind=ProgrammeKind.CENTRE)
    ProgrammeFactory(name="A service", kind=ProgrammeKind.SERVICE)

    assert names(client.get(URL, {"kind": "centre"})) == ["A centre"]


def test_it_filters_by_status(client):
    ProgrammeFactory(name="Planned one", status=ProgrammeStatus.PLANNED)
    ProgrammeFactory(name="Active one", status=ProgrammeStatus.ACTIVE)

    assert names(client.get(URL, {"status": "planned"})) == ["Planned one"]


def test_it_filters_by_topic(client):
    topic = TopicFactory(slug="data-access")
    ProgrammeFactory(name="Data", topics=[topic])
    ProgrammeFactory(name="Not data")

    assert names(client.get(URL, {"topic": "data-access"})) == ["Data"]


def test_it_filters_by_a_range_of_announcement_years(client):
    ProgrammeFactory(name="2017", announced_year=2017, announced_month=None)
    ProgrammeFactory(name="2019", announced_year=2019, announced_month=None)
    ProgrammeFactory(name="2021", announced_year=2021, announced_month=None)

    assert names(client.get(URL, {"year_min": 2018, "year_max": 2020})) == ["2019"]


def test_it_searches_names_summaries_and_aliases(client):
    ProgrammeFactory(name="NHS App")
    aliased = ProgrammeFactory(name="Digital Innovation Hubs")
    ProgrammeAliasFactory(programme=aliased, name="DIH Programme")
    ProgrammeFactory(name="Something else", summary="Unrelated.")

    assert names(client.get(URL, {"q": "app"})) == ["NHS App"]
    assert names(client.get(URL, {"q": "dih"})) == ["Digital Innovation Hubs"]


def test_a_search_with_no_word_to_look_for_lists_nothing_and_counts_nothing(client):
    lead = ProgrammeOrganisationFactory(role=ProgrammeRole.LEAD)

    response = client.get(URL, {"q": "!!!", "status": lead.programme.status})

    assert response.status_code == 200
    assert names(response) == []
    assert facet(response, "organisation") == {}


def test_it_counts_each_option_as_the_rows_it_would_give_with_the_other_filters(client):
    imaging = TopicFactory(slug="imaging", name="Imaging")
    data = TopicFactory(slug="data", name="Data")
    ProgrammeFactory(kind=ProgrammeKind.CENTRE, topics=[imaging])
    ProgrammeFactory(kind=ProgrammeKind.CENTRE, topics=[imaging, data])
    ProgrammeFactory(kind=ProgrammeKind.SERVICE, topics=[data])

    response = client.get(URL, {"kind": "centre"})

    # The topic counts respect kind=centre; the kind counts ignore kind's own filter.
    assert facet(response, "topic") == {"imaging": 2, "data": 1}
    assert facet(response, "kind")["centre"] == 2
    assert facet(response, "kind")["service"] == 1
    assert facet(response, "kind")["project"] == 0
    option = next(o for g in response.context["facets"] if g.name == "kind" for o in g.options if o.value == "centre")
    assert option.selected
    assert "Centre (2)" in response.content.decode()


def test_it_counts_organisations_once_per_programme_whatever_their_roles(client):
    organisation = OrganisationFactory(slug="hdr-uk", name="HDR UK")
    programme = ProgrammeFactory()
    ProgrammeOrganisationFactory(programme=programme, organisation=organisation, role=ProgrammeRole.LEAD)
    ProgrammeOrganisationFactory(programme=programme, organisation=organisation, role=ProgrammeRole.FUNDER)

    response = client.get(URL)

    assert facet(response, "organisation") == {"hdr-uk": 1}


def test_it_sorts_by_a_column_and_keeps_the_filters_in_the_header_links(client):
    ProgrammeFactory(name="Beta", kind=ProgrammeKind.CENTRE, announced_year=2018)
    ProgrammeFactory(name="Alpha", kind=ProgrammeKind.CENTRE, announced_year=2020)
    ProgrammeFactory(name="Gamma", kind=ProgrammeKind.SERVICE, announced_year=2019)

    response = client.get(URL, {"kind": "centre", "ordering": "-announced"})

    assert names(response) == ["Alpha", "Beta"]
    html = response.content.decode()
    assert 'aria-sort="descending"' in html
    assert 'href="?kind=centre&amp;ordering=announced"' in html
    assert 'href="?kind=centre&amp;ordering=name"' in html
    assert names(client.get(URL, {"ordering": "name"})) == ["Alpha", "Beta", "Gamma"]
    assert names(client.get(URL, {"ordering": "-name"})) == ["Gamma", "Beta", "Alpha"]


def test_it_paginates_and_keeps_the_filters_in_the_page_links(client):
    for number in range(30):
        ProgrammeFactory(name=f"Centre {number:02d}", kind=ProgrammeKind.CENTRE)
    ProgrammeFactory(name="A service", kind=ProgrammeKind.SERVICE)

    first = client.get(URL, {"kind": "centre"})
    second = client.get(URL, {"kind": "centre", "page": 2})

    assert len(names(first)) == 25
    assert 'href="?kind=centre&amp;page=2"' in first.content.decode()
    assert names(second) == [f"Centre {n}" for n in range(25, 30)]
    assert client.get(URL, {"kind": "centre", "page": 9}).status_code == 404


def test_it_shows_each_filter_as_a_tag_that_removes_only_that_filter(client):
    organisation = OrganisationFactory(slug="nhsx", name="NHSX")
    programme = ProgrammeFactory(kind=ProgrammeKind.CENTRE)
    ProgrammeOrganisationFactory(programme=programme, organisation=organisation)

    response = client.get(URL, {"kind": "centre", "organisation": "nhsx", "ordering": "name"})

    tags = {item.name: item for item in response.context["active_filters"]}
    assert set(tags) == {"kind", "organisation"}
    assert tags["kind"].value == "Centre"
    assert tags["organisation"].value == str(organisation)
    assert tags["kind"].remove_href == "?organisation=nhsx&ordering=name"
    assert tags["organisation"].remove_href == "?kind=centre&ordering=name"
    assert "Remove filter" in response.content.decode()


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "spaceship"}, "kind"),
        ({"organisation": "no-such-body"}, "organisation"),
        ({"year_min": "last year"}, "year_min"),
        ({"year_max": "1066"}, "year_max"),
        ({"ordering": "secret"}, "ordering"),
    ],
)
def test_it_answers_400_with_the_fields_message_for_an_invalid_filter(client, params, field):
    ProgrammeFactory()

    response = client.get(URL, params)

    assert response.status_code == 400
    html = response.content.decode()
    assert "nhsuk-error-summary" in html
    assert "There is a problem" in html
    message = response.context["filter"].form.errors[field][0]
    assert str(message) in html.replace("&#x27;", "'").replace("&quot;", '"')
    assert list(response.context["programmes"]) == []


def test_it_makes_the_same_number_of_queries_with_few_and_many_programmes(client, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            programme = ProgrammeFactory(topics=[TopicFactory(), TopicFactory()], missions=[MissionFactory()])
            ProgrammeOrganisationFactory(programme=programme)
            ProgrammeOrganisationFactory(programme=programme, role=ProgrammeRole.PARTNER)

    add(2)
    # count, page, organisation roles, topics, and one aggregate per facet (5)
    with django_assert_num_queries(9):
        assert client.get(URL).status_code == 200
    add(40)
    with django_assert_num_queries(9):
        assert client.get(URL).status_code == 200
    # A slug filter adds the one query that checks it.
    organisation = ProgrammeOrganisationFactory().organisation
    with django_assert_num_queries(10):
        assert client.get(URL, {"organisation": organisation.slug, "kind": "programme"}).status_code == 200


def test_a_facet_with_many_options_shows_those_with_most_programmes_and_says_so(client, monkeypatch):
    from dataclasses import replace

    from programmes.views import ProgrammeListView

    facets = tuple(replace(f, limit=2) if f.name == "topic" else f for f in ProgrammeListView.facets)
    monkeypatch.setattr(ProgrammeListView, "facets", facets)
    common, middling, rare = (TopicFactory(slug=s, name=s.title()) for s in ("common", "middling", "rare"))
    ProgrammeFactory.create_batch(3, topics=[common])
    ProgrammeFactory.create_batch(2, topics=[middling])
    ProgrammeFactory(topics=[rare])

    response = client.get(URL)

    assert facet(response, "topic") == {"common": 3, "middling": 2}
    assert "The 2 with most results; search to find others" in response.content.decode()
    assert facet(client.get(URL, {"topic": "rare"}), "topic")["rare"] == 1  # a chosen option is always shown


def test_each_topic_in_the_table_links_to_the_list_filtered_by_it_keeping_the_other_filters(client):
    imaging = TopicFactory(slug="imaging", name="Imaging")
    ProgrammeFactory(kind=ProgrammeKind.PROGRAMME, topics=[imaging])
    ProgrammeFactory(kind=ProgrammeKind.PROGRAMME, topics=[imaging])

    response = client.get(URL, {"kind": "programme", "page": "1"})

    assert response.text.count('href="?kind=programme&amp;topic=imaging">Imaging</a>') == 2


def test_a_list_past_its_budget_answers_without_counts_and_says_so(client, spent_budget, django_assert_num_queries):
    topic = TopicFactory(slug="imaging")
    ProgrammeFactory(topics=[topic], kind="project")

    # The facets' five queries are not made: the topic's slug, the count, the page and its two prefetches only.
    with django_assert_num_queries(5):
        response = client.get("/programmes/", {"topic": "imaging"})

    assert response.status_code == 200
    groups = {group.name: group for group in response.context["facets"]}
    assert not any(group.counted for group in groups.values())
    assert [option.value for option in groups["topic"].options] == ["imaging"]  # the chosen one stays
    assert {option.value for option in groups["kind"].options} >= {"project", "programme"}  # fixed choices stay
    assert "Counts are not shown: counting took too long" in response.text
    assert "Project (" not in response.text
