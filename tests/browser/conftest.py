"""Fixtures of the browser tests: Debian's Chromium driven by Playwright against ``live_server``.

A test asks for ``page`` (a tab whose relative URLs go to the live server), then checks what a
person would see. Every request to another host is aborted and recorded; a test states that
there was none with ``assert_no_outside_requests()``. ``axe(page)`` returns the WCAG 2.2 AA
violations that axe-core finds, ``screenshot(page, name)`` saves test-artifacts/screenshots/<name>.png.

Without /usr/bin/chromium, Playwright or the files of ``make frontend``, the tests are skipped
with the reason; when the environment variable CI is true they fail instead, so that CI never
passes by skipping.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# the database queries that the tests make there (fixtures, factories).
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STATIC_DIR = Path(settings.BASE_DIR) / "static"
AXE_JS = STATIC_DIR / "vendor" / "axe.min.js"
NHSUK_CSS = STATIC_DIR / "nhsuk" / "nhsuk-frontend.min.css"
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (axe tags no 2.2 level-A rule).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def in_ci() -> bool:
    """True when the environment variable CI says so (GitHub Actions and GitLab set CI=true)."""
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def unavailable(reason: str) -> None:
    """Skip the test, or fail it under CI, where nothing may be skipped."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set, so the browser tests fail rather than skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """Debian's Chromium, headless, with its own calls home switched off; one for the whole session."""
    try:
        from playwright.sync_api import sync_playwright  # optional: skipped without it
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -r requirements-dev.txt)")
    if not CHROMIUM.is_file():
        unavailable(f"{CHROMIUM} is missing (make browsers, or apt-get install chromium)")
    for path in (NHSUK_CSS, AXE_JS):
        if not path.is_file():
            unavailable(f"{path.relative_to(settings.BASE_DIR)} is missing (run make frontend)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
    except Exception as error:
        playwright.stop()
        unavailable(f"Chromium at {CHROMIUM} would not start: {error}")
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def outside_requests() -> list[str]:
    """The URLs of the requests that pages of this test tried to send to another host (all aborted)."""
    return []


@pytest.fixture
def browser_errors() -> list[str]:
    """Uncaught JavaScript exceptions and console errors of the pages of this test."""
    return []


@pytest.fixture
def new_context(browser, live_server, outside_requests, browser_errors) -> Iterator[Callable]:
    """Open a browser context on the live server: ``new_context(java_script_enabled=False)``.

    Keyword arguments go to Playwright's ``Browser.new_context`` (viewport, java_script_enabled...).
    Its pages resolve relative URLs against the live server; any request elsewhere is aborted and
    recorded in ``outside_requests``. Contexts are closed at the end of the test.
    """
    origin = urlsplit(live_server.url)
    contexts = []

    def guard(route):
        url = urlsplit(route.request.url)
        if (url.scheme, url.netloc) == (origin.scheme, origin.netloc):
            route.continue_()
        else:
            outside_requests.append(route.request.url)
            route.abort("blockedbyclient")

    def record_errors(page):
        def on_console(message):
            if message.type == "error":
                browser_errors.append(f"{page.url}: console.error {message.text}")

        page.on("pageerror", lambda error: browser_errors.append(f"{page.url}: uncaught {error}"))
        page.on("console", on_console)

    def open_context(**options):
        options.setdefault("base_url", live_server.url)
        context = browser.new_context(**options)
        context.route("**/*", guard)
        context.on("page", record_errors)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    """A browser context on the live server with JavaScript on (Playwright's defaults otherwise)."""
    return new_context()


@pytest.fixture
def page(context):
    """A tab of ``context``: ``page.goto("/")`` opens the home page of the live server."""
    return context.new_page()


@pytest.fixture
def assert_no_outside_requests(outside_requests) -> Callable[[], None]:
    """``assert_no_outside_requests()`` fails, listing them, if a page tried to reach another host."""

    def check() -> None:
        assert not outside_requests, "requests to other hosts (aborted):\n" + "\n".join(
            f"  {url}" for url in outside_requests
        )

    return check


class Axe:
    """axe-core, read from static/vendor/axe.min.js (``make frontend``) and injected into the page."""

    def __init__(self, source: str):
        self.source = source

    def __call__(self, page, selector: str | None = None) -> list[dict]:
        """The WCAG 2.2 A/AA violations on ``page`` (or within ``selector``), as axe reports them."""
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            # Evaluated through DevTools, which the page's Content-Security-Policy does not govern:
            # an inline <script> (add_script_tag) is refused, as the policy intends.
            page.evaluate(self.source)
        return page.evaluate(
            """([selector, tags]) => axe.run(selector ? document.querySelector(selector) : document,
                   {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
               .then(results => results.violations)""",
            [selector, AXE_TAGS],
        )

    @staticmethod
    def describe(violations: list[dict]) -> str:
        """The violations as readable text: rule, impact, help URL, and each offending element."""
        lines = [f"{len(violations)} accessibility violation(s):"]
        for violation in violations:
            lines.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']}")
            lines.append(f"  {violation['helpUrl']}")
            for node in violation["nodes"]:
                lines.append(f"    at {json.dumps(node['target'])}: {node['html'][:200]}")
                summary = (node.get("failureSummary") or "").replace("\n", " ")
                if summary:
                    lines.append(f"      {summary}")
        return "\n".join(lines)


@pytest.fixture(scope="session")
def axe() -> Axe:
    """``violations = axe(page); assert violations == [], axe.describe(violations)``."""
    if not AXE_JS.is_file():
        unavailable(f"{AXE_JS.relative_to(settings.BASE_DIR)} is missing (run make frontend)")
    return Axe(AXE_JS.read_text(encoding="utf-8"))


@pytest.fixture
def screenshot() -> Callable[..., Path]:
    """``screenshot(page, "home")`` saves the full page to test-artifacts/screenshots/home.png."""

    def take(page, name: str) -> Path:
        path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9._-]+', '-', name)}.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
