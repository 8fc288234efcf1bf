"""An editor grows the catalogue in a real browser: a new source by upload, then a claim cited from it.

A staff superuser signs in to the admin, adds a source by uploading a small ``.html`` file (its
readable text becomes the source's text), opens "Cite from this source", searches the text for the
passage, quotes it, chooses a programme and its ``announced`` field, states the value and saves. The
claim is then on the programme's public page, on the source's public page (the quote in context)
and in the API, both in ``/api/claims/`` and in the programme's detail. axe checks the admin pages of
the flow and the public pages that show the new claim.
"""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model

from programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"
SLUG = "new-pilot-to-speed-up-skin-cancer-checks"
QUOTE = "The Skin Lesion Triage Pilot was announced in March 2021."
DOCUMENT = f"""<!doctype html>
<html lang="en"><head><title>Press release</title><style>p {{ color: red }}</style></head>
<body>
<nav>Home | News</nav>
<h1>New pilot to speed up skin cancer checks</h1>
<p>Patients will be seen sooner.</p>
<p>{QUOTE} It will run in three trusts.</p>
<script>console.log("not text")</script>
</body></html>
"""


@pytest.fixture
def superuser(transactional_db):
    """A superuser in the live server's database, who may sign in to the admin."""
    return get_user_model().objects.create_superuser(username="admin", email="admin@example.org", password=PASSWORD)


def assert_accessible(axe, page, selector: str | None = None) -> None:
    violations = axe(page, selector)
    assert violations == [], f"{page.url}\n" + axe.describe(violations)


def test_an_editor_adds_a_source_by_upload_and_cites_a_passage_for_a_programme(
    superuser, page, axe, screenshot, browser_errors, assert_no_outside_requests
):
    from playwright.sync_api import expect  # here: the fixtures skip (or fail under CI) without Playwright

    programme = ProgrammeFactory(name="Skin Lesion Triage Pilot", slug="skin-lesion-triage-pilot")

    # Sign in, straight to the form that adds a source.
    page.goto("/admin/login/?next=/admin/sources/source/add/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/sources/source/add/$"))

    # A new source by upload: the title (the admin's script fills the slug from it) and the file.
    page.get_by_label("Title").press_sequentially("New pilot to speed up skin cancer checks")
    assert page.get_by_label("Slug").input_value() == SLUG
    page.get_by_label("Upload the document").set_input_files(
        {"name": "press-release.html", "mimeType": "text/html", "buffer": DOCUMENT.encode()}
    )
    screenshot(page, "cite-add-source")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url(re.compile(r"/admin/sources/source/\d+/change/$"))
    expect(page.locator(".messagelist .success")).to_be_visible()
    text = page.locator("#id_text").input_value()
    assert QUOTE in text
    # Neither the script nor the style sheet is the document's text.
    assert "not text" not in text
    assert "color: red" not in text

    # Cite from this source: find the passage, quote it.
    page.get_by_role("link", name="Cite from this source").click()
    page.wait_for_url(re.compile(r"/admin/sources/source/\d+/cite/$"))
    assert_accessible(axe, page, "#content")
    page.get_by_label("Words in the passage").fill("announced")
    page.get_by_role("button", name="Search the text").click()
    page.wait_for_url(re.compile(r"/cite/\?q=announced$"))
    passage = page.locator("ol.cite-passages li", has_text=QUOTE)
    assert passage.count() == 1, page.locator("#content").inner_text()
    passage.get_by_role("link", name="Quote this").click()
    page.wait_for_url(re.compile(r"&quote=The\+Skin"))

    # Choose the record by name, of whichever kind it is.
    page.get_by_label("Name of the record").fill("Skin Lesion")
    page.get_by_role("button", name="Find records of every kind").click()
    page.wait_for_url(re.compile(r"record_q=Skin"))
    page.get_by_role("link", name="Skin Lesion Triage Pilot").click()
    page.wait_for_url(re.compile(rf"record=programme%3A{programme.pk}"))
    expect(page.get_by_text("Programme: Skin Lesion Triage Pilot")).to_be_visible()

    # State the claim: the quote came with the passage; the field, the value as written; save.
    assert page.get_by_label("Quote").input_value() == QUOTE
    page.get_by_label("Field").select_option("announced")
    page.get_by_label("Claimed value").fill("March 2021")
    assert_accessible(axe, page, "#content")
    screenshot(page, "cite-state-the-claim")
    page.get_by_role("button", name="Save the claim").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Saved the claim for Skin Lesion Triage Pilot")

    # The programme's public page shows the claim with its source.
    page.goto(f"/programmes/{programme.slug}/")
    main = page.locator("main")
    assert main.get_by_text(QUOTE).count() >= 1
    assert main.locator(f"a[href='/sources/{SLUG}/']").count() >= 1
    assert_accessible(axe, page)
    screenshot(page, "cite-programme-page")

    # The source's public page shows the quote in context, linking to the programme.
    page.goto(f"/sources/{SLUG}/")
    assert page.locator("main").get_by_text("It will run in three trusts.").count() >= 1
    assert page.locator(f"main a[href='/programmes/{programme.slug}/']").count() >= 1
    assert_accessible(axe, page)
    screenshot(page, "cite-source-page")

    # The API: in /api/claims/ (filtered by the source) and in the programme's detail.
    claims = page.request.get(f"/api/claims/?source={SLUG}&format=json").json()
    [claim] = claims["results"]
    assert (claim["field"], claim["claimed_value"], claim["quote"]) == ("announced", "March 2021", QUOTE)
    assert claim["record"]["id"] == programme.pk
    detail = page.request.get(f"/api/programmes/{programme.slug}/?format=json").json()
    [announced] = [field for field in detail["claims"] if field["field"] == "announced"]
    assert QUOTE in json.dumps(announced)

    assert browser_errors == []
    assert_no_outside_requests()
