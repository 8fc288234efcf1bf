"""Lists sort as a person expects, on the HTML pages and in the API alike (one FilterSet serves both).

Names sort case-insensitively ("Accelerating…" before "AI-supported…"); partial dates sort in date
order whatever their precision (newest first: December 2018, November 2018, 2016); undated last.
"""

from decimal import Decimal

import pytest

from funding.tests.factories import FundingAwardFactory
from organisations.tests.factories import OrganisationFactory, PersonFactory
from programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def html_names(client, url, context_name):
    return [row.name if hasattr(row, "name") else row.title for row in client.get(url).context[context_name]]


def api_names(client, url):
    return [row.get("name", row.get("title")) for row in client.get(url).json()["results"]]


@pytest.fixture
def names_in_mixed_case():
    for name in ["beta programme", "AI-supported screening", "Accelerating detection", "Zeta"]:
        ProgrammeFactory(name=name)
    return ["Accelerating detection", "AI-supported screening", "beta programme", "Zeta"]


@pytest.mark.parametrize("query", ["", "?ordering=name"])
def test_it_sorts_programme_names_case_insensitively(client, names_in_mixed_case, query):
    assert html_names(client, f"/programmes/{query}", "programmes") == names_in_mixed_case
    assert api_names(client, f"/api/programmes/{query}") == names_in_mixed_case


def test_it_sorts_names_case_insensitively_descending_too(client, names_in_mixed_case):
    expected = list(reversed(names_in_mixed_case))

    assert html_names(client, "/programmes/?ordering=-name", "programmes") == expected
    assert api_names(client, "/api/programmes/?ordering=-name") == expected


def test_it_sorts_organisation_and_people_names_case_insensitively(client):
    for name in ["nhs digital", "NHSX", "Health Data Research UK"]:
        OrganisationFactory(name=name)
    for name in ["de Souza", "Andrew Morris", "Zoe Adams"]:
        PersonFactory(name=name)

    assert html_names(client, "/organisations/?ordering=name", "organisations") == [
        "Health Data Research UK",
        "nhs digital",
        "NHSX",
    ]
    assert api_names(client, "/api/people/") == ["Andrew Morris", "de Souza", "Zoe Adams"]


@pytest.fixture
def dates_of_every_precision():
    ProgrammeFactory(name="Year only", announced_year=2016, announced_month=None, announced_day=None)
    ProgrammeFactory(name="November", announced_year=2018, announced_month=11, announced_day=None)
    ProgrammeFactory(name="December", announced_year=2018, announced_month=12, announced_day=None)
    ProgrammeFactory(name="First of December", announced_year=2018, announced_month=12, announced_day=1)
    ProgrammeFactory(name="Undated", announced_year=None, announced_month=None, announced_day=None)


def test_newest_first_puts_partial_dates_in_date_order_and_undated_last(client, dates_of_every_precision):
    expected = ["First of December", "December", "November", "Year only", "Undated"]

    assert html_names(client, "/programmes/?ordering=-announced", "programmes") == expected
    assert api_names(client, "/api/programmes/?ordering=-announced") == expected


def test_oldest_first_puts_undated_last_too(client, dates_of_every_precision):
    expected = ["Year only", "November", "First of December", "December", "Undated"]

    assert html_names(client, "/programmes/?ordering=announced", "programmes") == expected
    assert api_names(client, "/api/programmes/?ordering=announced") == expected


def test_awards_sort_by_announced_date_whatever_its_precision(client):
    FundingAwardFactory(title="2016", announced_year=2016, announced_month=None, announced_day=None)
    FundingAwardFactory(title="Nov 2018", announced_year=2018, announced_month=11, announced_day=None)
    FundingAwardFactory(title="Dec 2018", announced_year=2018, announced_month=12, announced_day=None)
    FundingAwardFactory(title="Undated", announced_year=None, announced_month=None, announced_day=None)
    expected = ["Dec 2018", "Nov 2018", "2016", "Undated"]

    assert html_names(client, "/funding/?ordering=-announced", "awards") == expected
    assert api_names(client, "/api/funding-awards/?ordering=-announced") == expected


def test_awards_sort_by_title_case_insensitively(client):
    for title in ["b award", "A award", "C award"]:
        FundingAwardFactory(title=title, amount_gbp=Decimal("1000"))

    assert html_names(client, "/funding/?ordering=title", "awards") == ["A award", "b award", "C award"]
