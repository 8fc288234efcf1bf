"""search_catalogue() and the /search/ page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.search import MAX_QUERY_LENGTH, QueryTooLong, SearchGroup, search_catalogue, search_indexes
from core import search as forgiving
from funding.tests.factories import FundingAwardFactory
from organisations.tests.factories import OrganisationAliasFactory, OrganisationFactory, PersonFactory, RoleFactory
from programmes.tests.factories import EventFactory, MissionFactory, ProgrammeAliasFactory, ProgrammeFactory
from sources.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def _group(groups: list[SearchGroup], kind: str) -> SearchGroup:
    return next(group for group in groups if group.kind == kind)


def test_it_finds_an_organisation_by_a_former_name():
    nhs_digital = OrganisationFactory(name="NHS Digital", acronym="", slug="nhs-digital")
    OrganisationAliasFactory(organisation=nhs_digital, name="HSCIC")
    OrganisationFactory(name="NHSX", acronym="NHSX")

    groups = search_catalogue("hscic")

    assert [group.kind for group in groups] == ["organisations"]
    hit = groups[0].hits[0]
    assert hit.title == "NHS Digital"
    assert hit.url == "/organisations/nhs-digital/"
    assert "Also known as HSCIC" in hit.snippet


def test_it_finds_an_organisation_by_acronym_case_insensitively():
    OrganisationFactory(name="NHSX", acronym="NHSX", slug="nhsx")

    groups = search_catalogue("NHSx")

    assert _group(groups, "organisations").hits[0].url == "/organisations/nhsx/"


def test_it_finds_a_programme_by_alias():
    programme = ProgrammeFactory(name="Digital Innovation Hubs", slug="dihs")
    ProgrammeAliasFactory(programme=programme, name="Digital Innovation Hub Programme")

    groups = search_catalogue("hub programme")

    assert _group(groups, "programmes").hits[0].url == "/programmes/dihs/"


def test_it_finds_a_person_by_role_title():
    role = RoleFactory(title="Director of AI", person=PersonFactory(name="Indra Joshi", slug="indra-joshi"))

    group = _group(search_catalogue("director of ai"), "people")

    assert group.hits[0].url == "/people/indra-joshi/"
    assert role.organisation.name in group.hits[0].snippet


def test_it_searches_every_kind():
    OrganisationFactory(name="Skunkworks Org")
    ProgrammeFactory(name="Skunkworks Programme")
    PersonFactory(name="Skunkworks Person")
    MissionFactory(title="Skunkworks Mission")
    FundingAwardFactory(title="Skunkworks Award")
    EventFactory(name="Skunkworks Launch")
    SourceFactory(title="Skunkworks article")

    groups = search_catalogue("skunkworks")

    assert [group.kind for group in groups] == [
        "organisations", "programmes", "people", "missions", "funding", "events", "sources"
    ]
    assert all(group.total == 1 and len(group.hits) == 1 for group in groups)


def test_it_limits_hits_but_counts_them_all():
    OrganisationFactory.create_batch(5, description="Part of the AI ecosystem.")

    group = _group(search_catalogue("ecosystem", limit_per_kind=2), "organisations")

    assert len(group.hits) == 2
    assert group.total == 5
    assert group.has_more


def test_every_kinds_total_comes_from_one_count_and_equals_that_kinds_search(django_assert_num_queries):
    _make_matches(3)
    ProgrammeFactory(name="Cardiac devices")
    parsed = forgiving.parse("imaging")
    kinds = search_indexes()

    with django_assert_num_queries(1):
        totals = forgiving.totals(parsed, [kind.model for kind in kinds])

    assert {kind.kind: totals[kind.model] for kind in kinds} == {
        kind.kind: kind.queryset(parsed).count() for kind in kinds
    }
    assert totals[kinds[0].model] == 3


def test_counting_only_is_one_query_after_reading_the_query(django_assert_num_queries):
    _make_matches(2)

    with django_assert_num_queries(2):  # the word list, then one count for every kind
        groups = search_catalogue("imaging", limit_per_kind=0)

    assert {group.total for group in groups} == {2}


def test_it_gives_nothing_for_an_empty_query():
    OrganisationFactory()

    assert search_catalogue("   ") == []


def test_it_refuses_an_over_long_query():
    with pytest.raises(QueryTooLong):
        search_catalogue("x" * (MAX_QUERY_LENGTH + 1))


def test_it_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="Unknown kind"):
        search_catalogue("nhs", kinds=["spaceships"])


def test_it_searches_only_the_kinds_asked_for():
    OrganisationFactory(name="Alpha Org")
    ProgrammeFactory(name="Alpha Programme")

    groups = search_catalogue("alpha", kinds=["programmes"])

    assert [group.kind for group in groups] == ["programmes"]


def test_the_page_groups_hits_by_kind_and_links_them(client):
    nhs_digital = OrganisationFactory(name="NHS Digital", acronym="", slug="nhs-digital")
    OrganisationAliasFactory(organisation=nhs_digital, name="HSCIC")

    response = client.get(reverse("catalogue:search"), {"q": "HSCIC"})

    assert response.status_code == 200
    assert response.context["groups"][0].kind == "organisations"
    assert 'href="/organisations/nhs-digital/"' in response.text
    assert "Search results for “HSCIC”" in response.text


def test_the_page_helps_when_the_query_is_empty(client):
    response = client.get(reverse("catalogue:search"))

    assert response.status_code == 200
    assert "What you can search" in response.text
    assert response.context["groups"] == []


def test_the_page_says_when_nothing_matches(client):
    response = client.get(reverse("catalogue:search"), {"q": "zebra crossing"})

    assert response.status_code == 200
    assert "No results" in response.text


def test_the_page_answers_400_to_an_over_long_query(client):
    response = client.get(reverse("catalogue:search"), {"q": "x" * (MAX_QUERY_LENGTH + 1)})

    assert response.status_code == 400
    assert f"at most {MAX_QUERY_LENGTH} characters" in response.text


def _make_matches(count: int) -> None:
    for _ in range(count):
        organisation = OrganisationFactory(description="Works on imaging.")
        OrganisationAliasFactory(organisation=organisation)
        programme = ProgrammeFactory(summary="Imaging programme.")
        ProgrammeAliasFactory(programme=programme)
        RoleFactory(title="Imaging lead")
        MissionFactory(statement="Better imaging.")
        FundingAwardFactory(title="Imaging award")
        EventFactory(name="Imaging launch")
        SourceFactory(summary="About imaging.")


def test_the_page_makes_the_same_number_of_queries_for_few_and_many_hits(client, django_assert_num_queries):
    _make_matches(1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("catalogue:search"), {"q": "imaging"})
    _make_matches(10)

    # The query read against the word list once, one count for every kind, then a page for each
    # of the seven kinds, plus aliases (2) and roles (1) prefetched.
    with django_assert_num_queries(12):
        response = client.get(reverse("catalogue:search"), {"q": "imaging"})

    assert len(few) == 12
    assert all(group.total == 11 for group in response.context["groups"])


HEADER_BOX = 'id="search-field" name="q" type="search" autocomplete="off" placeholder="Search" maxlength="200"'


def test_the_header_search_box_keeps_the_query_on_the_results_page(client):
    html = client.get("/search/", {"q": "HDR <UK>"}).content.decode()

    assert HEADER_BOX + ' value="HDR &lt;UK&gt;"' in html


def test_the_header_search_box_is_empty_elsewhere(client):
    html = client.get("/programmes/", {"q": "HDR"}).content.decode()

    assert HEADER_BOX + ' value=""' in html
