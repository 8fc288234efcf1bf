"""Errors a person understands, in the NHS.UK style, and a page past the end that offers the last one."""

import pytest
from django.utils.html import escape

from funding.tests.factories import FundingAwardFactory
from programmes.tests.factories import ProgrammeFactory
from programmes.views import ProgrammeListView

pytestmark = pytest.mark.django_db


def test_an_unknown_choice_says_what_to_do(client):
    response = client.get("/programmes/", {"kind": "spaceship"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose a kind from the list" in html
    assert "Select a valid choice" not in html


def test_a_year_out_of_range_says_which_years_are_allowed(client):
    response = client.get("/programmes/", {"year_min": "3000"})

    assert response.status_code == 400
    assert "Enter a year from 1800 to 2200" in response.content.decode()


def test_a_year_that_is_not_a_number_says_how_to_write_it(client):
    response = client.get("/funding/", {"year": "last year"})

    assert response.status_code == 400
    assert "Enter a year as 4 digits, from 1800 to 2200" in response.content.decode()


def test_a_backwards_range_is_refused_in_the_page_and_the_api(client):
    ProgrammeFactory(announced_year=2020)

    response = client.get("/programmes/", {"year_min": "2030", "year_max": "2010"})
    api = client.get("/api/programmes/", {"year_min": "2030", "year_max": "2010"})

    message = "'Announced from (year)' must be the same as or before 'announced until (year)'"
    assert response.status_code == 400
    assert escape(message) in response.content.decode()
    assert api.status_code == 400
    assert api.json()["year_min"] == [message]


def test_an_equal_range_is_accepted(client):
    ProgrammeFactory(announced_year=2020)

    response = client.get("/programmes/", {"year_min": "2020", "year_max": "2020"})

    assert response.status_code == 200
    assert response.context["paginator"].count == 1


@pytest.mark.parametrize("page", ["99", "abc"])
def test_a_page_past_the_end_offers_the_last_page(client, monkeypatch, page):
    monkeypatch.setattr(ProgrammeListView, "paginate_by", 2)
    for _ in range(5):
        ProgrammeFactory(kind="centre")

    response = client.get("/programmes/", {"kind": "centre", "page": page})

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert '<a href="/programmes/?kind=centre&amp;page=3">Go to the last page (page 3)</a>' in html


def test_an_empty_list_offers_its_only_page(client):
    FundingAwardFactory.reset_sequence()

    response = client.get("/funding/", {"page": "7"})

    assert response.status_code == 404
    assert "Go to the last page (page 1)" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "params", "field", "message"),
    [
        ("/api/events/", {"programme": "no-such-programme"}, "programme", "Choose a programme from the list"),
        ("/api/events/", {"organisation": "nope"}, "organisation", "Choose an organisation from the list"),
        ("/api/programmes/", {"organisation": "nope"}, "organisation", "Choose an organisation from the list"),
        ("/api/programmes/", {"topic": "nope"}, "topic", "Choose a topic from the list"),
        ("/api/people/", {"organisation": "nope"}, "organisation", "Choose an organisation from the list"),
        ("/api/funding-awards/", {"stream": "nope"}, "stream", "Choose a funding stream from the list"),
        ("/api/programmes/", {"role": "emperor"}, "role", "Choose a role from the list"),
        ("/api/programmes/", {"ordering": "shoe_size"}, "ordering", "Choose a sort order from the list"),
    ],
)
def test_an_unknown_choice_names_the_thing_to_choose_in_the_singular(client, path, params, field, message):
    response = client.get(path, params)

    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_an_unknown_record_in_a_page_filter_names_it_in_the_singular(client):
    response = client.get("/programmes/", {"organisation": "nope"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose an organisation from the list" in html
    assert "organisation roles organisation" not in html


@pytest.mark.parametrize(
    ("value", "message"),
    [("lots", "Enter the amount (GBP) as a number"), ("-1", "The amount (GBP) must be 0 or more")],
)
def test_an_amount_filter_says_what_to_enter(client, value, message):
    response = client.get("/api/funding-awards/", {"amount_min": value})

    assert response.status_code == 400
    assert response.json() == {"amount_min": [message]}
