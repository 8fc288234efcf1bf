"""Funding by year on /funding/: the chart and its table carry the same numbers, with the filters."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import AmountQualifier
from funding.tests.factories import FundingAwardFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

URL = reverse("funding:award-list")


def chart(html: str, chart_id: str) -> str:
    start = html.index(f'aria-labelledby="{chart_id}-title')
    return html[html.rindex("<svg", 0, start) : html.index("</svg>", start)]


def year_table(html: str) -> str:
    start = html.index('id="funding-years"')
    return html[start : html.index("</table>", start)]


def bars(svg: str) -> list[tuple[str, str]]:
    """(label, value) of each bar, read from the drawn text."""
    drawn = re.findall(r"<text [^>]*>([^<]*)</text>", svg)
    return list(zip(drawn[::2], drawn[1::2], strict=True))


@pytest.fixture
def awards():
    dhsc = OrganisationFactory(name="DHSC", slug="dhsc")
    whole = FundingAwardFactory(title="AI Award", funder=dhsc, amount_gbp=Decimal(250_000_000), announced_year=2019)
    FundingAwardFactory(title="Wave 1", funder=dhsc, amount_gbp=Decimal(20_000_000), part_of=whole, announced_year=2019)
    FundingAwardFactory(
        title="Health data",
        amount_gbp=Decimal(30_000_000),
        amount_qualifier=AmountQualifier.APPROXIMATELY,
        announced_year=2018,
    )
    FundingAwardFactory(
        title="Ambition",
        funder=dhsc,
        amount_gbp=Decimal(1_000_000_000),
        amount_qualifier=AmountQualifier.MORE_THAN,
        announced_year=2021,
    )
    FundingAwardFactory(
        title="Undated", funder=None, amount_gbp=Decimal(5_000_000), announced_year=None, announced_month=None
    )
    return dhsc


def test_the_year_chart_draws_what_the_table_adds_up_year_by_year(client, awards):
    response = client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    svg = chart(html, "funding-year-chart")
    assert bars(svg) == [("2018", "about £30 million"), ("2019", "£250 million"), ("2021", "nothing added up")]
    table = year_table(html)
    for cell in ("about £30,000,000", "£250,000,000", "Date not stated", "£5,000,000"):
        assert cell in table
    assert [t.label for t in response.context["year_totals"]] == ["2018", "2019", "2021", "Date not stated"]


def test_the_year_table_keeps_each_amount_left_out_as_written_with_its_reason(client, awards):
    table = year_table(client.get(URL).content.decode())

    assert "Wave 1</a>: £20 million. Counted inside “AI Award”." in table
    assert "Ambition</a>: more than £1 billion. A lower bound" in table


def test_undated_awards_are_counted_and_said_to_be_left_out_of_the_chart(client, awards):
    html = client.get(URL).content.decode()

    svg = chart(html, "funding-year-chart")
    assert "Undated" not in svg
    assert "£5 million" not in svg
    assert "Not drawn: 1 award with no date stated." in svg
    assert "1 award with no date stated is counted in the last row and not drawn." in html


def test_the_year_chart_and_table_follow_the_filters(client, awards):
    response = client.get(URL, {"funder": "dhsc"})

    html = response.content.decode()
    assert [t.label for t in response.context["year_totals"]] == ["2019", "2021"]
    assert bars(chart(html, "funding-year-chart")) == [("2019", "£250 million"), ("2021", "nothing added up")]
    assert "Health data" not in year_table(html)


def test_no_year_chart_when_nothing_can_be_added_up(client):
    FundingAwardFactory(amount_qualifier=AmountQualifier.UP_TO, announced_year=2020)

    response = client.get(URL)

    assert response.context["year_chart"] == ""
    assert "funding-year-chart" not in response.content.decode()
    assert 'id="funding-years"' in response.content.decode()


def test_a_missing_funder_is_never_drawn_in_either_chart(client, awards):
    html = client.get(URL).content.decode()

    for chart_id in ("funder-chart", "funding-year-chart"):
        assert "Not stated" not in "".join(label for label, _ in bars(chart(html, chart_id)))
