"""The pictures (funding by year and funder, the timeline, the organisation structure) in a real browser.

On a 320 px and a 390 px phone, every page with a picture must not scroll sideways, axe must find
no violation, and on the 390 px phone no chart text may render below 14 px. A screenshot of each
page is saved for review. The pictures are SVG drawn by the server, in the HTML as served (no
script draws them), with no inline style for the Content-Security-Policy to refuse.
"""

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.browser

# Each page with a picture, on the real catalogue, and the charts it must show.
PICTURES = {
    "/funding/": ["funder-chart", "funding-year-chart"],
    "/funding/?year=2019": ["funder-chart", "funding-year-chart"],
    "/timeline/": ["timeline-chart"],
    "/organisations/": ["structure-diagram"],
    "/organisations/nhs-digital/": ["branch-diagram"],
    "/organisations/national-centre-of-expertise/": ["branch-diagram"],
    "/organisations/uk-government/": ["given-year-chart"],
    "/organisations/nhs-ai-lab/": ["received-year-chart", "received-funder-chart"],
}
PHONES = {"320px": {"width": 320, "height": 640}, "390px": {"width": 390, "height": 844}}

MEASURE = """() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    charts: [...document.querySelectorAll("svg.catalogue-chart")].map(svg => svg.querySelector("title").id),
    smallest: Math.min(...[...document.querySelectorAll("svg.catalogue-chart text")].map(
        text => parseFloat(text.getAttribute("font-size")) * text.ownerSVGElement.getScreenCTM().a)),
})"""


@pytest.fixture
def catalogue(transactional_db):
    """The real catalogue, loaded into the live server's database."""
    call_command("load_catalogue", verbosity=0)


@pytest.mark.parametrize("phone", PHONES)
def test_each_picture_fits_a_phone_is_legible_and_accessible(
    catalogue, new_context, axe, screenshot, assert_no_outside_requests, phone
):
    page = new_context(viewport=PHONES[phone]).new_page()
    too_wide, missing, too_small, violations, inline_styles = {}, {}, {}, {}, []
    for url, charts in PICTURES.items():
        response = page.goto(url)
        measured = page.evaluate(MEASURE)
        if measured["scroll"] > measured["client"]:
            too_wide[url] = measured
        if [f"{chart}-title" for chart in charts] != [
            c for c in measured["charts"] if c.removesuffix("-title") in charts
        ]:
            missing[url] = measured["charts"]
        if phone == "390px" and measured["smallest"] < 14:
            too_small[url] = measured["smallest"]
        if " style=" in response.text():
            inline_styles.append(url)
        found = axe(page)
        if found:
            violations[url] = axe.describe(found)
        screenshot(page, f"pictures-{phone}-{url.strip('/').replace('/', '-').replace('?', '-') or 'home'}")

    assert too_wide == {}
    assert missing == {}
    assert too_small == {}, "chart text below 14 px on a 390 px phone"
    assert inline_styles == []
    assert violations == {}
    assert_no_outside_requests()


def test_the_structure_sits_beside_its_list_on_a_desktop(catalogue, new_context, screenshot):
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto("/organisations/")

    diagram = page.locator("svg.catalogue-chart").bounding_box()
    listing = page.locator(".catalogue-picture-pair ul.catalogue-tree").first.bounding_box()
    assert listing["x"] > diagram["x"] + diagram["width"] - 1, "the list is to the right of the diagram"
    sizes = page.evaluate(MEASURE)["smallest"]
    assert sizes >= 14
    screenshot(page, "pictures-desktop-organisations")
