"""The timeline: every dated fact in order, partial dates as written, disputed dates claim by claim."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalogue.views import timeline_entries
from funding.tests.factories import FundingAwardFactory
from organisations.tests.factories import OrganisationFactory, RoleFactory
from programmes.tests.factories import EventFactory, ProgrammeFactory
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

# count, the page of dated facts, events, programmes, organisations, awards, roles, disputed claims
# and their content types: the same for a page of 50 facts or of a catalogue of 500,000.
TIMELINE_QUERIES = 9


def test_it_lists_every_kind_of_dated_fact_in_order():
    nhsx = OrganisationFactory(name="NHSX", acronym="", founded_year=2019, founded_month=4)
    programme = ProgrammeFactory(
        name="AI Lab", announced_year=2019, announced_month=8, announced_day=8, started_year=2020, target_year=2024,
        target_qualifier="by",
    )
    EventFactory(name="Roundtable", date_year=2020, date_month=1, date_day=21)
    FundingAwardFactory(
        title="AI Award", announced_year=2020, announced_month=6, funder=nhsx, recipient_programme=programme
    )
    RoleFactory(title="Director", started_year=2018, started_month=None, organisation=nhsx)
    SourceFactory(title="Overview", published_year=None, published_month=None)

    entries = timeline_entries()

    assert [(str(entry.date), entry.what) for entry in entries] == [
        ("2018", "Took up role"),
        ("April 2019", "Founded"),
        ("8 August 2019", "Announced"),
        ("2020", "Started"),
        ("21 January 2020", "Launch"),
        ("June 2020", "Funding announced"),
        ("by 2024", "Target date"),
    ]


def test_the_page_shows_partial_dates_as_written_with_links(client):
    programme = ProgrammeFactory(name="AI Lab", announced_year=2019, announced_month=4, target_year=2024)
    EventFactory(name="Roundtable", date_year=2020, date_month=1, date_day=21)

    response = client.get(reverse("catalogue:timeline"))

    assert response.status_code == 200
    assert '<time datetime="2019-04">April 2019</time>' in response.text
    assert '<time datetime="2020-01-21">21 January 2020</time>' in response.text
    assert '<time datetime="2024">by 2024</time>' in response.text
    assert f'href="{programme.get_absolute_url()}"' in response.text
    assert "<title>Timeline \N{EN DASH} NHS digital and AI programmes catalogue</title>" in response.text


def test_it_shows_each_claim_of_a_disputed_date(client):
    event = EventFactory(name="Launch of the NHS App", date_year=2019, date_month=1, date_day=None)
    CitationFactory(record=event, field_name="date", claimed_value="January 2019", quote="Launched in January 2019.")
    CitationFactory(record=event, field_name="date", claimed_value="December 2018", quote="Launched in December.")

    response = client.get(reverse("catalogue:timeline"))

    [entry] = [entry for entry in response.context["entries"] if entry.title == "Launch of the NHS App"]
    assert sorted(claim.claimed_value for claim in entry.claims) == ["December 2018", "January 2019"]
    assert "Date disputed" in response.text
    assert "Launched in December." in response.text


def test_it_does_not_mark_a_date_with_agreeing_sources(client):
    event = EventFactory(date_year=2019)
    CitationFactory(record=event, field_name="date", claimed_value="2019")
    CitationFactory(record=event, field_name="date", claimed_value="2019")

    response = client.get(reverse("catalogue:timeline"))

    assert "Date disputed" not in response.text


def _make_dated_facts(count: int) -> None:
    for _ in range(count):
        event = EventFactory()
        CitationFactory(record=event, field_name="date", claimed_value="2020")
        CitationFactory(record=event, field_name="date", claimed_value="2021")
        OrganisationFactory()
        ProgrammeFactory()
        FundingAwardFactory(announced_year=2021)
        RoleFactory()


def test_it_makes_the_same_number_of_queries_however_many_facts(client, django_assert_num_queries):
    _make_dated_facts(1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("catalogue:timeline"))
    _make_dated_facts(10)

    with django_assert_num_queries(TIMELINE_QUERIES):
        client.get(reverse("catalogue:timeline"))

    assert len(few) == TIMELINE_QUERIES


def test_the_timeline_is_paged_in_date_order(client, monkeypatch):
    from catalogue.views import TimelineView

    monkeypatch.setattr(TimelineView, "paginate_by", 3)
    for year in (2023, 2019, 2021, 2020, 2022):
        EventFactory(name=f"Event of {year}", date_year=year, date_month=None, date_day=None)

    first = client.get(reverse("catalogue:timeline"))
    second = client.get(reverse("catalogue:timeline"), {"page": 2})

    assert [entry.title for entry in first.context["entries"]] == ["Event of 2019", "Event of 2020", "Event of 2021"]
    assert [entry.title for entry in second.context["entries"]] == ["Event of 2022", "Event of 2023"]
    assert 'href="?page=2"' in first.text
    assert client.get(reverse("catalogue:timeline"), {"page": 9}).status_code == 404
