"""The layout every page shares (header, navigation, skip link, footer) in a real browser.

Only the home, 404 and 500 pages are visited here; the pages of each app have their own browser tests.
"""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

NHS_BLUE = "rgb(0, 94, 184)"  # #005eb8, the header's background in nhsuk-frontend
MENU = ["Programmes", "Organisations", "Funding", "Missions", "People", "Sources", "Timeline", "Discrepancies"]


@pytest.mark.browser
def test_it_styles_the_home_page_with_the_nhsuk_css(page, screenshot, browser_errors, assert_no_outside_requests):
    css = []
    page.on("response", lambda response: css.append(response) if response.url.endswith(".css") else None)
    response = page.goto("/")

    assert response.status == 200
    assert [r.status for r in css] == [200, 200]  # nhsuk-frontend, then the site's own
    header = page.locator("header.nhsuk-header")
    assert header.evaluate("element => getComputedStyle(element).backgroundColor") == NHS_BLUE
    # The remote Frutiger is dropped at build time: the stack falls back to Arial.
    assert "arial" in page.locator("body").evaluate("element => getComputedStyle(element).fontFamily").lower()
    # nhsuk-frontend's module ran: it marks the body and wires the header.
    assert "nhsuk-frontend-supported" in page.locator("body").get_attribute("class")
    screenshot(page, "layout-home")
    assert browser_errors == []
    assert_no_outside_requests()


@pytest.mark.browser
def test_it_shows_the_service_name_and_not_the_nhs_logo_by_default(page, settings):
    settings.CATALOGUE_SHOW_NHS_LOGO = False
    page.goto("/")

    service = page.locator(".nhsuk-header__service")
    assert service.get_by_role("link", name="NHS digital and AI programmes catalogue").is_visible()
    assert service.locator("svg.nhsuk-header__logo").count() == 0


@pytest.mark.browser
def test_it_shows_the_nhs_logo_when_the_deployment_may(page, settings, screenshot):
    settings.CATALOGUE_SHOW_NHS_LOGO = True
    page.goto("/")

    logo_link = page.get_by_role("link", name="NHS digital and AI programmes catalogue homepage")
    assert logo_link.locator("svg.nhsuk-header__logo").is_visible()
    screenshot(page, "layout-home-with-logo")


@pytest.mark.browser
def test_the_home_page_has_no_accessibility_violation(page, axe):
    page.goto("/")

    violations = axe(page)

    assert violations == [], axe.describe(violations)


@pytest.mark.browser
def test_the_404_page_is_styled_and_accessible(page, axe, screenshot, assert_no_outside_requests):
    response = page.goto("/no-such-page/")

    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert page.locator("header.nhsuk-header").evaluate("e => getComputedStyle(e).backgroundColor") == NHS_BLUE
    violations = axe(page)
    assert violations == [], axe.describe(violations)
    screenshot(page, "layout-404")
    assert_no_outside_requests()


@pytest.mark.browser
def test_the_500_page_is_styled_and_accessible(page, axe, screenshot, rf):
    html = render_to_string("500.html", request=rf.get("/"))
    page.goto("/robots.txt")  # any page of the live server, so that /static/ URLs resolve against it

    page.set_content(html, wait_until="load")

    assert page.get_by_role("heading", level=1).inner_text() == "Sorry, there is a problem with the service"
    assert page.locator("header.nhsuk-header").evaluate("e => getComputedStyle(e).backgroundColor") == NHS_BLUE
    violations = axe(page)
    assert violations == [], axe.describe(violations)
    screenshot(page, "layout-500")


@pytest.mark.browser
def test_the_skip_link_is_the_first_tab_stop_and_moves_focus_to_the_content(page):
    page.goto("/")

    page.keyboard.press("Tab")
    skip_link = page.locator("a.nhsuk-skip-link")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.inner_text() == "Skip to main content"
    assert skip_link.is_visible()

    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "maincontent"


@pytest.mark.browser
def test_the_header_searches_the_catalogue(page):
    page.goto("/")

    page.locator("#search-field").fill("HSCIC")
    page.locator("#search-field").press("Enter")

    page.wait_for_url("**/search/?q=HSCIC")


@pytest.mark.browser
def test_it_marks_the_current_section_in_the_menu(page, live_server):
    page.goto("/timeline/")

    current = page.locator(".nhsuk-header__navigation-item--current a")
    assert current.get_attribute("aria-current") == "true"
    assert current.get_attribute("href") == "/timeline/"


@pytest.mark.browser
def test_the_navigation_works_without_javascript(new_context, screenshot, assert_no_outside_requests):
    page = new_context(java_script_enabled=False).new_page()
    page.goto("/")

    menu = page.get_by_role("navigation", name="Menu")
    for label in MENU:
        assert menu.get_by_role("link", name=label, exact=True).is_visible(), label
    assert page.locator("#search-field").is_visible()
    assert "nhsuk-frontend-supported" not in (page.locator("body").get_attribute("class") or "")
    screenshot(page, "layout-home-no-javascript")
    assert_no_outside_requests()


@pytest.mark.browser
def test_the_layout_fits_a_phone(new_context, axe, screenshot):
    page = new_context(viewport={"width": 375, "height": 812}, is_mobile=True, has_touch=True).new_page()
    page.goto("/")

    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    violations = axe(page)
    assert violations == [], axe.describe(violations)
    screenshot(page, "layout-home-phone")


def test_the_500_page_renders_without_the_database():
    """No ``db`` fixture: any query would raise, as it would if the database were down."""
    html = render_to_string("500.html", request=RequestFactory().get("/"))

    assert "Sorry, there is a problem with the service" in html
    assert "nhsuk-frontend.min.css" in html


COMPONENTS = """{% extends "base.html" %}{% load nhsuk %}
{% block title %}Components - NHS digital and AI programmes catalogue{% endblock %}
{% block breadcrumbs %}{% include "includes/breadcrumbs.html" with items=trail %}{% endblock %}
{% block content %}
<h1 class="nhsuk-heading-xl">Components</h1>
{% include "includes/back_link.html" with href="/programmes/" text="Back to programmes" %}
{% include "includes/error_summary.html" with errors=errors %}
{% include "includes/summary_list.html" with rows=rows %}
{% include "includes/table.html" with caption="Funding awards" head=head rows=table_rows sortable=True numeric_columns=numeric row_headers=True %}
{% pagination page_obj %}
<h2>Cards</h2>
<ul class="nhsuk-grid-row nhsuk-card-group">
  <li class="nhsuk-grid-column-one-half nhsuk-card-group__item">{% include "includes/card.html" with heading="Programmes" href="/programmes/" description="42 in the catalogue" clickable=True level=3 %}</li>
  <li class="nhsuk-grid-column-one-half nhsuk-card-group__item">{% include "includes/card.html" with heading="Not a link" description="A plain card" level=3 %}</li>
</ul>
<p>{% include "includes/tag.html" with text="Active" %} {% include "includes/tag.html" with text="Closed" colour="grey" %}</p>
{% include "includes/details.html" with summary="How totals are added up" text="Only exact or approximate sums." %}
{% include "includes/details.html" with summary="Expander" text="Boxed." expander=True %}
{% include "includes/inset_text.html" with text="Amounts are shown as the sources state them." %}
{% include "includes/action_link.html" with text="Search the catalogue" href="/search/" %}
{% endblock %}"""  # noqa: E501 - a Django tag cannot be split across lines


@pytest.mark.browser
def test_the_component_partials_render_accessibly(page, axe, screenshot, browser_errors, rf):
    from django.core.paginator import Paginator
    from django.template import engines

    request = rf.get("/programmes/", {"kind": "hub", "ordering": "-amount", "page": "5"})
    html = (
        engines["django"]
        .from_string(COMPONENTS)
        .render(
            {
                "trail": [("Programmes", "/programmes/")],
                "errors": [("Enter a year between 1948 and 2100", "#id_year"), ("Something else", None)],
                "rows": [("Name", "NHS AI Lab"), ("Acronym", None), ("Started", "2019")],
                "head": [("Award", "title"), ("Amount", "amount"), ("Funder", None)],
                "numeric": [1],
                "table_rows": [["AI in Health and Care Award", "£140 million", "NHSX"]],
                "page_obj": Paginator(range(200), 10).page(5),
            },
            request,
        )
    )
    page.goto("/robots.txt")  # any page of the live server, so that /static/ URLs resolve against it
    page.set_content(html, wait_until="load")

    amount = page.locator("th[aria-sort]")
    assert amount.inner_text() == "Amount"
    assert amount.get_attribute("aria-sort") == "descending"
    assert amount.locator("a").get_attribute("href") == "?kind=hub&ordering=amount"
    assert page.get_by_role("link", name="Award").get_attribute("href") == "?kind=hub&ordering=title"
    assert page.get_by_role("columnheader", name="Funder").locator("a").count() == 0
    assert page.locator(".nhsuk-summary-list__key").all_inner_texts() == ["Name", "Started"]
    assert page.locator("[aria-current=page]").inner_text() == "5"
    assert page.locator("a[rel=prev]").get_attribute("href") == "?kind=hub&ordering=-amount&page=4"
    assert page.locator(".nhsuk-pagination__item--ellipsis").count() == 2
    violations = axe(page)
    assert violations == [], axe.describe(violations)
    screenshot(page, "components")
    assert browser_errors == []
