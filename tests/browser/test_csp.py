"""The admin, the browsable API and Swagger UI work in a real browser under the strict CSP.

Chromium reports every refused script, style or image as a console message naming the
"Content Security Policy"; each test collects them and states that there were none, nor any
failed request to the site itself (a missing static file would show as one).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.browser

PASSWORD = "correct horse battery"


class Watch:
    """What a page logged about the policy, and its failed same-site requests."""

    def __init__(self, page, origin: str):
        self.violations: list[str] = []
        self.failures: list[str] = []
        self.origin = origin
        page.on("console", self.on_console)
        page.on("requestfailed", lambda request: self.same_site(request.url, f"failed: {request.failure}"))
        page.on("response", self.on_response)

    def on_console(self, message):
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            self.violations.append(message.text)

    def on_response(self, response):
        if response.status >= 400:
            self.same_site(response.url, f"HTTP {response.status}")

    def same_site(self, url: str, what: str) -> None:
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" == self.origin:
            self.failures.append(f"{url}: {what}")

    def assert_clean(self) -> None:
        assert self.violations == [], "CSP violations:\n" + "\n".join(self.violations)
        assert self.failures == [], "failed same-site requests:\n" + "\n".join(self.failures)


@pytest.fixture
def watch(page, live_server):
    """``watch.assert_clean()``: no CSP message in the console, no failed request to the live server."""
    return Watch(page, live_server.url)


@pytest.fixture
def superuser(transactional_db):
    """A superuser in the live server's database, who may sign in to the admin and the API."""
    return get_user_model().objects.create_superuser(username="admin", email="admin@example.org", password=PASSWORD)


def test_the_admin_signs_in_and_lists_programmes_under_the_policy(page, watch, superuser, browser_errors, screenshot):
    ProgrammeFactory(name="NHS AI Lab")
    page.goto("/admin/login/?next=/admin/programmes/programme/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/admin/programmes/programme/$"))

    assert page.locator("#result_list").get_by_role("link", name="NHS AI Lab").is_visible()
    # The admin's own scripts ran: the select-all checkbox ticks every row.
    page.locator("#action-toggle").check()
    assert page.locator("#result_list input.action-select").first.is_checked()
    screenshot(page, "csp-admin-changelist")
    watch.assert_clean()
    assert browser_errors == []


def test_the_browsable_api_signs_in_and_filters_under_the_policy(page, watch, superuser, browser_errors, screenshot):
    ProgrammeFactory(name="NHS AI Lab")
    page.goto("/api/programmes/")

    assert page.get_by_role("heading", level=1).inner_text() == "Programme List"
    # Bootstrap's script opens the filter form in a modal.
    page.get_by_role("button", name="Filters").click()
    page.locator("#filtersModal.in input[name='q']").wait_for(state="visible")
    page.locator("#filtersModal button.close").click()
    page.locator("#filtersModal").wait_for(state="hidden")

    page.get_by_role("link", name="Log in").click()
    page.wait_for_url(re.compile(r"/api/auth/login/"))
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/api/programmes/$"))
    assert page.locator(".navbar").get_by_text("admin").is_visible()
    # Signed in with the add permission, the POST form is offered.
    assert page.get_by_role("button", name="POST").first.is_visible()
    screenshot(page, "csp-browsable-api")

    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/api/programmes/$"))
    assert page.get_by_role("link", name="Log in").is_visible()
    watch.assert_clean()
    assert browser_errors == []


def test_swagger_ui_renders_the_operations_under_the_policy(page, watch, browser_errors, screenshot, transactional_db):
    page.goto("/api/docs/")

    operations = page.locator(".opblock")
    operations.first.wait_for()
    assert operations.count() > 10
    assert page.locator(".opblock-tag", has_text="programmes").first.is_visible()
    # Swagger UI's script handles clicks: an operation opens to show its parameters.
    list_programmes = page.locator(".opblock-get", has=page.locator("[data-path='/api/programmes/']")).first
    list_programmes.locator(".opblock-summary").click()
    list_programmes.locator(".parameters").wait_for(state="visible")
    screenshot(page, "csp-swagger-ui")
    watch.assert_clean()
    assert browser_errors == []
