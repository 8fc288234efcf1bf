"""The timeline drawn along a year axis: the facts of the page's list, each at its own precision."""

import re

import pytest
from django.urls import reverse

import catalogue.views
from organisations.tests.factories import OrganisationFactory
from programmes.tests.factories import EventFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = reverse("catalogue:timeline")


def timeline_svg(html: str) -> str:
    start = html.index('aria-labelledby="timeline-chart-title')
    return html[html.rindex("<svg", 0, start) : html.index("</svg>", start)]


@pytest.fixture
def facts():
    OrganisationFactory(name="NHSX", acronym="", founded_year=2019, founded_month=4)
    ProgrammeFactory(
        name="AI Lab", announced_year=2019, announced_month=8, announced_day=8, target_year=None, target_qualifier=""
    )
    EventFactory(name="Roundtable", date_year=2021, date_month=None, date_day=None)


def test_the_chart_places_the_listed_facts_on_a_year_axis(client, facts):
    response = client.get(URL)

    html = response.content.decode()
    svg = timeline_svg(html)
    entries = response.context["entries"]
    assert len(entries) == 3
    for entry in entries:
        assert f"{entry.date}: {entry.what}, {entry.title} ({entry.kind})" in svg  # in the description
        assert f'<time datetime="{entry.date.iso()}">{entry.date}</time>' in html  # and in the list
    years = [int(year) for year in re.findall(r'text-anchor="middle">(\d{4})</text>', svg)]
    assert years == [2019, 2020, 2021]
    assert svg.count("<circle") == 1  # the day-precise announcement
    assert svg.count('fill-opacity="0.7"') == 1  # the month-precise founding
    assert svg.count('fill-opacity="0.3"') == 1  # the year-precise event


def test_each_kind_of_record_has_its_own_lane(client, facts):
    svg = timeline_svg(client.get(URL).content.decode())

    lanes = re.findall(r'<g class="catalogue-chart__lane"><text [^>]*>([^<]*)</text>', svg)
    assert sorted(lanes) == sorted({f"{kind} (1)" for kind in ("Organisation", "Programme", "Event")})


def test_a_later_page_draws_only_its_own_facts(client, facts, monkeypatch):
    monkeypatch.setattr(catalogue.views.TimelineView, "paginate_by", 2)

    svg = timeline_svg(client.get(URL, {"page": 2}).content.decode())

    assert "Roundtable" in svg
    assert "NHSX" not in svg


def test_an_empty_timeline_draws_nothing(client):
    response = client.get(URL)

    assert response.context["timeline_chart"] == ""
    assert "<svg" not in response.content.decode().split("<main", 1)[1]
