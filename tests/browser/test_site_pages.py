"""The site-wide pages, organisations, people and sources in a real browser, on the real catalogue.

Each test loads the catalogue (``load_catalogue``: the fixtures made from the source documents)
into the live server's database, then checks what a reader sees and does: searching by a former
name, walking the organisation tree, reading a source and what it supports, the timeline and the
discrepancies. One test runs axe (WCAG 2.2 A and AA) on every page type and screenshots each.
"""

import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

PAGES = {
    "home": "/",
    "organisations": "/organisations/",
    "organisation": "/organisations/nhs-digital/",
    "organisation-nested": "/organisations/nhs-digital-data-services/",
    "people": "/people/",
    "person": "/people/andrew-morris/",
    "sources": "/sources/",
    "source": "/sources/overview-nhs-digital-nhsx-ai-lab/",
    "timeline": "/timeline/",
    "discrepancies": "/discrepancies/",
    "search": "/search/?q=HSCIC",
    "search-empty": "/search/",
}


@pytest.fixture
def catalogue(transactional_db):
    """The real catalogue, loaded into the live server's database."""
    call_command("load_catalogue", verbosity=0)


@pytest.mark.parametrize(("query", "slug", "name"), [("HSCIC", "nhs-digital", "NHS Digital"), ("NHSx", "nhsx", "NHSX")])
def test_searching_a_former_name_or_variant_finds_the_organisation(
    catalogue, page, query, slug, name, screenshot, assert_no_outside_requests
):
    page.goto("/")
    page.locator("#search-field").fill(query)
    page.locator("#search-field").press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))

    results = page.locator("section[aria-labelledby='results-organisations']")
    link = results.get_by_role("link", name=re.compile(rf"^{re.escape(name)}\b"))
    assert link.first.get_attribute("href") == f"/organisations/{slug}/"
    screenshot(page, f"search-{query.lower()}")
    link.first.click()
    assert page.locator("h1").inner_text().startswith(name)
    assert_no_outside_requests()


def test_the_search_page_says_what_is_wrong_with_an_over_long_query(catalogue, page):
    response = page.goto("/search/?q=" + "x" * 201)

    assert response.status == 400
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert "at most 200 characters" in page.locator(".nhsuk-error-message").inner_text()


def test_a_reader_walks_the_organisation_tree_down_and_back_up(catalogue, page, screenshot):
    page.goto("/organisations/")
    tree = page.locator("ul.catalogue-tree").first
    parent_item = tree.locator(":scope > li", has=page.locator("a[href='/organisations/nhs-digital/']"))
    assert parent_item.locator("ul.catalogue-tree a[href='/organisations/nhs-digital-data-services/']").count() == 1

    parent_item.locator("a[href='/organisations/nhs-digital/']").first.click()
    assert page.locator("h1").inner_text().startswith("NHS Digital")
    children = page.locator("section[aria-labelledby='children-heading']")
    assert children.get_by_role("link").count() == 7  # the seven directorates
    children.get_by_role("link", name=re.compile("Data Services")).click()

    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    assert breadcrumbs.get_by_role("link", name="Organisations").is_visible()
    screenshot(page, "organisation-nested")
    breadcrumbs.get_by_role("link", name=re.compile("^NHS Digital")).click()
    assert page.url.endswith("/organisations/nhs-digital/")


def test_the_organisation_list_filters_by_kind_without_javascript(catalogue, new_context):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/organisations/")
    page.locator("#id_kind").select_option("directorate")
    page.get_by_role("button", name="Filter organisations").click()

    assert "kind=directorate" in page.url
    links = page.locator("ul.catalogue-tree a[href^='/organisations/nhs-digital-']")
    assert links.count() == 7


def test_a_source_page_lists_every_fact_it_supports_linked_to_its_record(catalogue, page, screenshot):
    page.goto("/sources/")
    page.get_by_role("link", name=re.compile("overview")).first.click()

    assert page.locator("h1").is_visible()
    cards = page.locator(".nhsuk-card")
    assert cards.count() > 10
    assert page.locator("blockquote").count() > 10
    # A long document starts as its contents: each kind of record folded (it was 58,556 px tall).
    folded = page.locator("main details.nhsuk-details")
    assert folded.count() >= 3
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < 5000
    folded.first.locator("summary").click()
    first_record = cards.first.locator("h3 a")
    target = first_record.get_attribute("href")
    first_record.click()
    assert page.url.endswith(target)


def test_the_timeline_shows_dates_as_written_and_disputed_dates_claim_by_claim(catalogue, page):
    page.goto("/timeline/")

    dates = page.locator("time").all_inner_texts()
    # A year, a month, a day and a deadline, each at the precision its source gives.
    assert {"2019", "November 2018", "21 January 2020", "by 2024"} <= set(dates)
    disputed = page.locator("li.catalogue-timeline__item", has=page.locator(".nhsuk-tag", has_text="Date disputed"))
    assert disputed.count() >= 1
    disputed.first.locator("summary").click()
    assert disputed.first.locator("blockquote").count() >= 2


def test_the_discrepancies_page_shows_each_claim_and_links_to_the_record(catalogue, page):
    page.goto("/discrepancies/")

    card = page.locator(".nhsuk-card", has=page.get_by_text("NHSX created"))
    assert card.get_by_text("April 2019").first.is_visible()
    assert card.get_by_text("July 2019").first.is_visible()
    card.locator("h4 a").click()
    assert "/events/" in page.url


def test_every_page_type_has_no_accessibility_violation(catalogue, page, axe, screenshot, browser_errors):
    failures = {}
    for name, url in PAGES.items():
        response = page.goto(url)
        assert response.status == 200, url
        assert page.title(), url
        assert page.locator("meta[name='description']").get_attribute("content"), url
        violations = axe(page)
        if violations:
            failures[url] = axe.describe(violations)
        screenshot(page, f"page-{name}")

    assert failures == {}, "\n\n".join(f"{url}\n{text}" for url, text in failures.items())
    assert browser_errors == []
