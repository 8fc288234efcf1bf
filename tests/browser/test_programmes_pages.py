"""The programme, mission and event pages in a real browser, on the real catalogue.

A reader goes from the home page to the programme list, filters it, opens a programme, follows a
fact to its citation and on to the source document. axe (WCAG 2.2 A and AA) runs on each page type,
and each is screenshotted.
"""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

PAGES = {
    "programmes": "/programmes/",
    "programmes-filtered": "/programmes/?kind=programme&ordering=-announced",
    "programmes-invalid-filter": "/programmes/?kind=spaceship",
    "programme": "/programmes/nhs-ai-lab-virtual-hub/",
    "programme-ai-award": "/programmes/ai-award/",
    "missions": "/missions/",
    "mission": "/missions/hdr-uk-trustworthy-health-data/",
    "event": "/events/ai-award-launched/",
}


@pytest.fixture
def catalogue(transactional_db):
    """The real catalogue, loaded into the live server's database."""
    call_command("load_catalogue", verbosity=0)


def test_a_reader_goes_from_home_to_a_filtered_list_to_a_programme_to_a_citation_and_its_source(
    catalogue, page, screenshot, assert_no_outside_requests
):
    page.goto("/")
    page.get_by_role("navigation", name="Menu").get_by_role("link", name="Programmes").click()
    page.wait_for_url(re.compile(r"/programmes/$"))
    assert page.locator("h1").inner_text() == "Programmes"

    page.locator("#id_kind").select_option("service")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"kind=service"))
    assert "Kind: Service" in page.locator(".catalogue-active-filters").inner_text()
    rows = page.locator("table.nhsuk-table tbody tr")
    assert rows.count() >= 1
    for kind in rows.locator("td:nth-child(2)").all_inner_texts():
        assert kind.strip() == "Service"
    screenshot(page, "flow-programmes-filtered")

    page.get_by_role("link", name="NHS AI Lab Virtual Hub", exact=True).click()
    page.wait_for_url(re.compile(r"/programmes/nhs-ai-lab-virtual-hub/$"))
    assert page.locator("h1").inner_text() == "NHS AI Lab Virtual Hub"
    assert page.get_by_text("Sources disagree").first.is_visible()

    reference = page.locator("a[href^='#citation-']").first
    target = reference.get_attribute("href")
    reference.click()
    citation = page.locator(target)
    assert citation.locator("blockquote").is_visible()
    # The source is named once, at the head of its reference, with every quote taken from it beneath.
    reference_entry = page.locator("li.catalogue-references__source", has=citation)
    source_link = reference_entry.locator("a[href^='/sources/']").first
    href = source_link.get_attribute("href")
    assert re.fullmatch(r"/sources/[\w-]+/", href)
    screenshot(page, "flow-programme-citation")

    source_link.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    assert page.locator("h1").is_visible()
    assert_no_outside_requests()


def test_removing_a_filter_tag_keeps_the_other_filters(catalogue, page):
    page.goto("/programmes/?kind=service&status=active")

    page.locator(".catalogue-active-filters").get_by_role("link", name=re.compile("Kind: Service")).click()

    page.wait_for_url(re.compile(r"/programmes/\?status=active$"))
    assert page.locator("#id_status").input_value() == "active"
    assert page.locator("#id_kind").input_value() == ""


def test_an_invalid_filter_shows_the_error_summary_with_a_400(catalogue, page):
    response = page.goto("/programmes/?year_min=soon")

    assert response.status == 400
    summary = page.locator(".nhsuk-error-summary")
    assert summary.is_visible()
    assert "Enter a year as 4 digits, from 1800 to 2200" in summary.inner_text()


@pytest.mark.parametrize(("name", "url"), PAGES.items())
def test_each_page_has_no_accessibility_violations(
    catalogue, page, axe, screenshot, assert_no_outside_requests, name, url
):
    response = page.goto(url)

    violations = axe(page)

    screenshot(page, name)
    assert violations == [], axe.describe(violations)
    assert " style=" not in response.text()  # as served: no inline style for the coming strict CSP
    assert_no_outside_requests()
