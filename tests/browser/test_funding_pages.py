"""The funding pages in a real browser, on the real catalogue: sorting by amount, the chart, axe."""

import re
from decimal import Decimal

import pytest
from django.core.management import call_command

from funding.models import FundingAward

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(transactional_db):
    """The real catalogue, loaded into the live server's database."""
    call_command("load_catalogue", verbosity=0)


def amounts_in_table(page) -> list[Decimal]:
    """The pound amounts of the award table, top to bottom."""
    texts = page.locator("#results-heading ~ .catalogue-scroll table tbody tr td:nth-child(2)").all_inner_texts()
    # The exact figure is the last amount of a cell ("£250 million", then "exactly £250,000,000").
    return [Decimal(re.findall(r"£([\d,.]+)", text)[-1].replace(",", "")) for text in texts]


def test_clicking_the_amount_header_sorts_the_awards_by_amount(catalogue, page, screenshot):
    page.goto("/funding/")

    page.get_by_role("link", name="Amount", exact=True).click()
    page.wait_for_url(re.compile(r"ordering=amount$"))
    ascending = amounts_in_table(page)
    assert ascending == sorted(ascending)
    assert page.locator("th[aria-sort='ascending']").inner_text().strip() == "Amount"

    page.get_by_role("link", name="Amount", exact=True).click()
    page.wait_for_url(re.compile(r"ordering=-amount$"))
    descending = amounts_in_table(page)
    assert descending == sorted(descending, reverse=True)
    assert len(descending) == FundingAward.objects.count()
    screenshot(page, "funding-by-amount-descending")


def test_the_totals_chart_is_an_image_with_a_text_alternative_and_a_table(catalogue, page):
    page.goto("/funding/")

    chart = page.locator("svg.catalogue-chart[aria-labelledby^='funder-chart']")
    assert chart.get_attribute("role") == "img"
    assert "£" in chart.locator("desc").text_content()
    assert page.get_by_role("table", name=re.compile("Totals by funder")).is_visible()


@pytest.mark.parametrize("name", ["funding", "funding-filtered", "funding-award", "funding-award-disputed"])
def test_each_page_has_no_accessibility_violations(catalogue, page, axe, screenshot, assert_no_outside_requests, name):
    award = FundingAward.objects.order_by("pk").first()
    disputed = FundingAward.objects.filter(citations__field_name="amount_qualifier").first() or award
    url = {
        "funding": "/funding/",
        "funding-filtered": "/funding/?qualifier=exact&ordering=-amount",
        "funding-award": award.get_absolute_url(),
        "funding-award-disputed": disputed.get_absolute_url(),
    }[name]

    response = page.goto(url)
    violations = axe(page)

    screenshot(page, name)
    assert violations == [], axe.describe(violations)
    assert " style=" not in response.text()  # as served: no inline style for the coming strict CSP
    assert_no_outside_requests()
