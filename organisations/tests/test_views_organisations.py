"""The organisation hierarchy (/organisations/) and an organisation's page."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import organisations.views
from funding.tests.factories import FundingAwardFactory
from organisations.models import OrganisationKind
from organisations.tests.factories import (
    OrganisationAliasFactory,
    OrganisationFactory,
    OrganisationRelationshipFactory,
    RoleFactory,
)
from organisations.views import build_tree
from programmes.models import ProgrammeRole
from programmes.tests.factories import EventFactory, MissionFactory, ProgrammeFactory, ProgrammeOrganisationFactory
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

# Unfiltered: how many top-level organisations, the page of them, their subtrees.
TOP_LEVEL_QUERIES = 3
# Filtered: how many match, the page of them.
MATCHES_QUERIES = 2
# The organisation, 10 prefetches (shared missions, roles' citations among them), ancestors, programmes led (and their
# parts) and partnered, awards given, received and received by programmes it leads (each with citations), relationships
# and their citations; the funding pictures: sums by year of the awards given and received, and sums by funder of
# those received.
DETAIL_QUERIES = 26


def _names(nodes):
    return [(node.organisation.name, _names(node.children)) for node in nodes]


def test_it_nests_children_under_their_parents(client):
    dhsc = OrganisationFactory(name="DHSC", kind=OrganisationKind.GOVERNMENT)
    nhsx = OrganisationFactory(name="NHSX", parent=dhsc)
    OrganisationFactory(name="NHS AI Lab", parent=nhsx)
    OrganisationFactory(name="Alan Turing Institute", kind=OrganisationKind.RESEARCH)

    response = client.get(reverse("organisations:organisation-list"))

    assert response.status_code == 200
    assert _names(response.context["tree"]) == [
        ("Alan Turing Institute", []),
        ("DHSC", [("NHSX", [("NHS AI Lab", [])])]),
    ]
    assert response.text.count('<ul class="nhsuk-list nhsuk-list--bullet catalogue-tree">') == 3


def test_it_filters_by_kind_and_notes_a_parent_left_out(client):
    dhsc = OrganisationFactory(name="DHSC", kind=OrganisationKind.GOVERNMENT)
    OrganisationFactory(name="NHSX", parent=dhsc, kind=OrganisationKind.UNIT)

    response = client.get(reverse("organisations:organisation-list"), {"kind": OrganisationKind.UNIT})

    [root] = response.context["tree"]
    assert root.organisation.name == "NHSX"
    assert root.parent_outside == dhsc
    assert "part of <a" in response.text


def test_it_finds_an_organisation_by_alias(client):
    nhs_digital = OrganisationFactory(name="NHS Digital")
    OrganisationAliasFactory(organisation=nhs_digital, name="Health and Social Care Information Centre")
    OrganisationFactory(name="NHSX")

    response = client.get(reverse("organisations:organisation-list"), {"q": "information centre"})

    assert _names(response.context["tree"]) == [("NHS Digital", [])]


def test_it_explains_a_bad_filter_and_lists_nothing(client):
    OrganisationFactory()

    response = client.get(reverse("organisations:organisation-list"), {"kind": "spaceship"})

    assert response.status_code == 400
    assert response.context["tree"] == []
    assert "There is a problem" in response.text


def test_build_tree_survives_a_loop_in_the_data():
    first, second = OrganisationFactory(), OrganisationFactory()
    first.parent_id, second.parent_id = second.pk, first.pk

    roots = build_tree([first, second])

    assert len(roots) == 1
    assert len(roots[0].children) == 1


def test_the_list_makes_the_same_queries_however_many_organisations(client, django_assert_num_queries):
    OrganisationFactory(parent=OrganisationFactory())
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("organisations:organisation-list"))
    for _ in range(30):
        OrganisationFactory(parent=OrganisationFactory(parent=OrganisationFactory()))

    with django_assert_num_queries(TOP_LEVEL_QUERIES + 1):  # the page's keys, then its rows
        client.get(reverse("organisations:organisation-list"), {"page": 2})
    # A search reads its words against the search word list once (core.search.parse), however many match.
    with django_assert_num_queries(MATCHES_QUERIES + 1):
        client.get(reverse("organisations:organisation-list"), {"q": "nhs", "kind": OrganisationKind.NHS_BODY})

    assert len(few) == TOP_LEVEL_QUERIES


def test_a_page_holds_top_level_organisations_each_with_its_whole_subtree(client, monkeypatch):
    monkeypatch.setattr(organisations.views, "ROOTS_PER_PAGE", 2)
    for name in ("Delta", "Alpha", "Charlie", "Bravo", "Echo"):
        root = OrganisationFactory(name=name)
        OrganisationFactory(name=f"{name} unit", parent=OrganisationFactory(name=f"{name} directorate", parent=root))

    first = client.get(reverse("organisations:organisation-list"))
    second = client.get(reverse("organisations:organisation-list"), {"page": 2})
    third = client.get(reverse("organisations:organisation-list"), {"page": 3})

    assert [node.organisation.name for node in first.context["tree"]] == ["Alpha", "Bravo"]
    assert _names(second.context["tree"]) == [
        ("Charlie", [("Charlie directorate", [("Charlie unit", [])])]),
        ("Delta", [("Delta directorate", [("Delta unit", [])])]),
    ]
    assert [node.organisation.name for node in third.context["tree"]] == ["Echo"]
    assert "5 top-level organisations" in first.text
    assert 'href="?page=2"' in first.text
    assert second.context["tree_diagram"]


def test_a_filtered_list_is_paged_by_matches_and_keeps_the_filters_in_its_links(client, monkeypatch):
    monkeypatch.setattr(organisations.views, "MATCHES_PER_PAGE", 2)
    parent = OrganisationFactory(name="NHS England", kind=OrganisationKind.NHS_BODY)
    for name in ("Unit C", "Unit A", "Unit B"):
        OrganisationFactory(name=name, kind=OrganisationKind.UNIT, parent=parent)

    first = client.get(reverse("organisations:organisation-list"), {"kind": OrganisationKind.UNIT})
    second = client.get(reverse("organisations:organisation-list"), {"kind": OrganisationKind.UNIT, "page": 2})

    assert [node.organisation.name for node in first.context["tree"]] == ["Unit A", "Unit B"]
    assert [node.organisation.name for node in second.context["tree"]] == ["Unit C"]
    assert second.context["tree"][0].parent_outside == parent
    assert "3 organisations match" in first.text
    assert 'href="?kind=unit&amp;page=2"' in first.text


def test_a_page_past_the_end_answers_404_with_a_link_to_the_last_page(client, monkeypatch):
    monkeypatch.setattr(organisations.views, "ROOTS_PER_PAGE", 2)
    for _ in range(3):
        OrganisationFactory(parent=OrganisationFactory())

    response = client.get(reverse("organisations:organisation-list"), {"ordering": "kind", "page": 9})

    assert response.status_code == 404
    assert '<a href="/organisations/?ordering=kind&amp;page=2">Go to the last page (page 2)</a>' in response.text


def test_the_order_of_the_pages_is_stable_when_names_repeat(client, monkeypatch):
    monkeypatch.setattr(organisations.views, "ROOTS_PER_PAGE", 3)
    made = [OrganisationFactory(name="Same name", slug=f"same-{index}").pk for index in range(7)]

    pages = [client.get(reverse("organisations:organisation-list"), {"page": page}) for page in (1, 2, 3)]

    listed = [node.organisation.pk for page in pages for node in page.context["tree"]]
    assert listed == sorted(made)


def _make_organisation_page(depth: int, count: int):
    """An organisation ``depth`` levels deep with ``count`` of each related thing."""
    parent = None
    for level in range(depth):
        parent = OrganisationFactory(name=f"Level {level}", acronym="", parent=parent)
    organisation = OrganisationFactory(name="NHS AI Lab", slug="nhs-ai-lab", parent=parent)
    for _ in range(count):
        OrganisationFactory(parent=organisation)
        OrganisationAliasFactory(organisation=organisation)
        led = ProgrammeOrganisationFactory(organisation=organisation, role=ProgrammeRole.LEAD).programme
        ProgrammeFactory(parent=led)
        FundingAwardFactory(recipient_programme=led, recipient_organisation=None)
        ProgrammeOrganisationFactory(organisation=organisation, role=ProgrammeRole.PARTNER)
        FundingAwardFactory(funder=organisation)
        FundingAwardFactory(recipient_organisation=organisation, recipient_programme=None)
        RoleFactory(organisation=organisation)
        MissionFactory(organisation=organisation)
        MissionFactory().other_organisations.add(organisation)
        OrganisationRelationshipFactory(subject=organisation)
        OrganisationRelationshipFactory(object=organisation)
        EventFactory().organisations.add(organisation)
        CitationFactory(record=organisation, field_name="founded", claimed_value="2019")
        CitationFactory(record=organisation, field_name="founded", claimed_value="April 2019")
    return organisation


def test_the_page_shows_everything_about_the_organisation(client):
    dhsc = OrganisationFactory(name="DHSC", slug="dhsc")
    nhsx = OrganisationFactory(name="NHSX", slug="nhsx", parent=dhsc)
    lab = OrganisationFactory(name="NHS AI Lab", acronym="", slug="nhs-ai-lab", parent=nhsx)
    child = OrganisationFactory(name="AI Lab Skunkworks", parent=lab)
    OrganisationAliasFactory(organisation=lab, name="The AI Lab")
    led = ProgrammeOrganisationFactory(organisation=lab, role=ProgrammeRole.LEAD).programme
    partnered = ProgrammeOrganisationFactory(organisation=lab, role=ProgrammeRole.PARTNER).programme
    given = FundingAwardFactory(funder=lab, title="AI in Health and Care Award", amount_gbp=Decimal("140000000"))
    received = FundingAwardFactory(recipient_organisation=lab, recipient_programme=None, title="Lab budget")
    role = RoleFactory(organisation=lab, title="Director of AI")
    mission = MissionFactory(organisation=lab, title="Safe AI")
    OrganisationRelationshipFactory(subject=nhsx, object=lab)
    turing = OrganisationRelationshipFactory(subject=lab, object=OrganisationFactory(name="Turing")).object
    overview, news = SourceFactory(title="AI Lab overview"), SourceFactory(title="AI Lab news")
    CitationFactory(record=lab, source=overview, field_name="founded", claimed_value="August 2019", quote="In August.")
    CitationFactory(record=lab, source=news, field_name="founded", claimed_value="2020", quote="Set up in 2020.")

    response = client.get(lab.get_absolute_url())

    assert response.status_code == 200
    context = response.context
    assert context["ancestors"] == [dhsc, nhsx]
    assert context["programmes_led"][0].programme == led
    assert context["programmes_partnered"][0].programme == partnered
    assert context["awards_given"] == [given]
    assert context["awards_received"] == [received]
    for record in [dhsc, nhsx, child, led, partnered, given, received, role.person, mission, turing, overview, news]:
        assert f'href="{record.get_absolute_url()}"' in response.text, record
    for text in ["The AI Lab", "£140 million", "Director of AI", "</a> runs NHS AI Lab", "NHS AI Lab runs <a",
                 "August 2019", "In August.", "Set up in 2020.", "Sources disagree"]:
        assert text in response.text, text
    assert "<title>NHS AI Lab \N{EN DASH} Organisations" in response.text


def test_the_breadcrumbs_run_through_every_ancestor(client):
    lab = _make_organisation_page(depth=3, count=0)

    response = client.get(lab.get_absolute_url())

    assert [label for label, _ in response.context["breadcrumbs"]] == [
        "Organisations", "Level 0", "Level 1", "Level 2",
    ]


def test_an_unknown_organisation_is_404(client):
    assert client.get("/organisations/no-such-body/").status_code == 404


def test_the_page_makes_the_same_number_of_queries_for_few_and_many_rows(client, django_assert_num_queries):
    small = _make_organisation_page(depth=1, count=1)
    with CaptureQueriesContext(connection) as few:
        client.get(small.get_absolute_url())
    small.slug = "small"
    small.save()
    large = _make_organisation_page(depth=4, count=8)

    with django_assert_num_queries(DETAIL_QUERIES):
        response = client.get(large.get_absolute_url())

    assert len(few) == DETAIL_QUERIES
    assert len(response.context["awards_given"]) == 8


def test_long_lists_show_the_first_ones_and_link_to_all_of_them(client, monkeypatch):
    monkeypatch.setattr(organisations.views, "LIST_LIMIT", 3)
    organisation = OrganisationFactory(slug="busy")
    for _ in range(4):
        ProgrammeOrganisationFactory(organisation=organisation, role=ProgrammeRole.LEAD)
        FundingAwardFactory(funder=organisation)
    ProgrammeOrganisationFactory(organisation=organisation, role=ProgrammeRole.PARTNER)

    response = client.get(organisation.get_absolute_url())

    assert len(response.context["programmes_led"]) == 3
    assert response.context["programmes_led_total"] == 4
    assert response.context["programmes_partnered_total"] == 1
    assert len(response.context["awards_given"]) == 3
    assert response.context["awards_given_total"] == 4
    html = response.content.decode()
    assert 'href="/programmes/?organisation=busy&amp;role=lead">See all 4 programmes it leads</a>' in html
    assert 'href="/funding/?funder=busy">See all 4 awards it gave, with totals</a>' in html
    assert "programmes it takes part in" not in html  # one partnership: listed in full


def test_the_page_lists_missions_shared_with_another_organisation(client):
    lab, nhsx = OrganisationFactory(name="NHS AI Lab"), OrganisationFactory(name="NHSX", acronym="NHSX")
    ambition = MissionFactory(organisation=lab, title="AI-driven smartphone tests", kind="ambition")
    ambition.other_organisations.add(nhsx)

    response = client.get(nhsx.get_absolute_url())

    assert f'href="{ambition.get_absolute_url()}"' in response.text
    assert "ambition of NHS AI Lab and NHSX" in response.text
