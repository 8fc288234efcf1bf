"""Every page type reflows (WCAG 2.2 1.4.10): no sideways scrolling on a narrow phone or at 200% zoom.

Axe does not test reflow, so each page is measured: the document must be no wider than the
window (``scrollWidth <= clientWidth``). 320 CSS px is the width WCAG names; 1280 px at 200% zoom
is a 640 CSS px viewport (``device_scale_factor`` changes pixels, not CSS widths, so it would not
zoom). Wide tables may scroll inside their own labelled, focusable region, never the page.
Charts are drawn so that their text stays at 14 px or more on a 390 px phone.
"""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

# One page of each type, on the real catalogue.
PAGES = [
    "/",
    "/programmes/",
    "/programmes/?kind=programme&ordering=-announced",
    "/programmes/i-caird/",
    "/programmes/nhs-ai-lab-virtual-hub/",
    "/organisations/",
    "/organisations/nhs-digital/",
    "/organisations/health-data-research-uk/",
    "/people/",
    "/people/andrew-morris/",
    "/missions/",
    "/missions/hdr-uk-trustworthy-health-data/",
    "/funding/",
    "/funding/1901/",
    "/sources/",
    "/sources/overview-nhs-digital-nhsx-ai-lab/",
    "/timeline/",
    "/discrepancies/",
    "/search/?q=AI",
    "/search/?q=zzzzqqq",
    "/about/",
    "/accessibility/",
    "/privacy/",
    "/licence/",
    "/no-such-page/",
]
WIDTHS = {"320px": {"width": 320, "height": 640}, "1280px-at-200%-zoom": {"width": 640, "height": 400}}

WIDTH_OF_PAGE = """() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    widest: [...document.querySelectorAll("main *")]
        .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .filter(e => !e.closest(".catalogue-scroll"))
        .slice(0, 3).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)),
})"""


@pytest.fixture
def catalogue(transactional_db):
    """The real catalogue, loaded into the live server's database."""
    call_command("load_catalogue", verbosity=0)


@pytest.mark.parametrize("size", WIDTHS)
def test_no_page_scrolls_sideways(catalogue, new_context, axe, screenshot, size):
    page = new_context(viewport=WIDTHS[size]).new_page()
    too_wide, violations = {}, {}
    for url in PAGES:
        page.goto(url)
        width = page.evaluate(WIDTH_OF_PAGE)
        if width["scroll"] > width["client"]:
            too_wide[url] = width
        found = axe(page)
        if found:
            violations[url] = axe.describe(found)
    screenshot(page, f"reflow-{size}-last-page")

    assert too_wide == {}
    assert violations == {}


def test_wide_tables_scroll_in_a_labelled_focusable_region(catalogue, new_context):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    page.goto("/funding/")

    regions = page.locator(".catalogue-scroll")
    assert regions.count() >= 2
    for index in range(regions.count()):
        region = regions.nth(index)
        assert region.get_attribute("role") == "region"
        assert region.get_attribute("tabindex") == "0"
        assert region.get_attribute("aria-labelledby") or region.get_attribute("aria-label")
        assert region.locator("table").count() == 1


CHART_TEXT_SIZES = """() => [...document.querySelectorAll("svg.catalogue-chart text")].map(
    text => parseFloat(text.getAttribute("font-size")) * text.ownerSVGElement.getScreenCTM().a)"""


@pytest.mark.parametrize("url", ["/", "/funding/"])
def test_chart_text_is_at_least_14px_on_a_phone(catalogue, new_context, screenshot, url):
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(url)

    sizes = page.evaluate(CHART_TEXT_SIZES)

    assert sizes, f"no chart text on {url}"
    assert min(sizes) >= 14, sorted(sizes)[:5]
    screenshot(page, f"chart-phone-{url.strip('/').replace('/', '-')}")


def test_the_filters_fold_behind_show_filters_on_a_phone_without_javascript(catalogue, new_context, screenshot):
    page = new_context(viewport={"width": 390, "height": 844}, java_script_enabled=False).new_page()
    page.goto("/programmes/")

    disclosure = page.locator("details.catalogue-filter-disclosure")
    assert disclosure.locator("summary").inner_text().strip() == "Show filters"
    assert not page.locator("#id_kind").is_visible()
    first_result = page.locator("#results-heading")
    assert first_result.bounding_box()["y"] < 844, "the results start on the first phone screen"

    disclosure.locator("summary").click()
    assert page.locator("#id_kind").is_visible()
    page.select_option("#id_kind", "centre")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/programmes/?*kind=centre*")
    assert page.locator("details.catalogue-filter-disclosure[open]").count() == 1, "open while filtered"
    screenshot(page, "programmes-phone-filters")


def test_the_filters_are_open_on_a_desktop(catalogue, new_context):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/programmes/")

    assert page.locator("#id_kind").is_visible()
    assert not page.locator("details.catalogue-filter-disclosure summary").is_visible()
