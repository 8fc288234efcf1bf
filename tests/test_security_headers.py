"""Every kind of page and API answer carries the security headers, with a strict Content-Security-Policy.

The policy allows scripts and styles only from the site's own files: no ``'unsafe-inline'``, no
``'unsafe-eval'``. The only inline script (Swagger UI's start-up) carries a nonce that the header
names for that response alone, and no HTML page has an inline ``style`` attribute or an unmarked
inline ``<script>``/``<style>``, which the policy would refuse.
"""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db

CATALOGUE_PAGES = [
    "/",
    "/programmes/",
    "{programme}",
    "/organisations/",
    "/funding/",
    "/missions/",
    "/people/",
    "/sources/",
    "/timeline/",
    "/discrepancies/",
    "/search/?q=nhs",
]
API_ANSWERS = ["/api/", "/api/programmes/", "/api/schema/", "/api/docs/", "/api/auth/login/"]
OTHER_ANSWERS = ["/admin/login/", "/no-such-page/", "/api/no-such-endpoint/"]
HTML_PAGES = [
    url
    for url in CATALOGUE_PAGES + API_ANSWERS + OTHER_ANSWERS
    if url not in {"/api/schema/", "/api/no-such-endpoint/"}
]

NONCE = re.compile(r"'nonce-([A-Za-z0-9+/=]+)'")
# Data blocks (JSON, JSON-LD) are never run, so the policy does not apply to them.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")([^>]*)>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style([^>]*)>", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as ``{directive: [sources]}``."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


@pytest.fixture
def catalogue(build_catalogue):
    """A small connected catalogue, so that detail pages and non-empty lists render."""
    return build_catalogue()


def resolve(url: str, catalogue) -> str:
    return url.format(programme=catalogue.programme.get_absolute_url())


@pytest.mark.parametrize("url", CATALOGUE_PAGES + API_ANSWERS + OTHER_ANSWERS)
def test_every_answer_carries_the_security_headers(client, catalogue, url):
    response = client.get(resolve(url, catalogue), HTTP_ACCEPT="text/html,application/json;q=0.9,*/*;q=0.8")

    assert response.status_code == (404 if "no-such" in url else 200)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions
    assert "interest-cohort" not in permissions


@pytest.mark.parametrize("url", CATALOGUE_PAGES + API_ANSWERS + OTHER_ANSWERS)
def test_the_content_security_policy_is_strict_everywhere(client, catalogue, url):
    response = client.get(resolve(url, catalogue), HTTP_ACCEPT="text/html,application/json;q=0.9,*/*;q=0.8")

    header = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    assert "*" not in header
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert [source for source in directives["script-src"] if not NONCE.fullmatch(source)] == ["'self'"]


def assert_no_refused_inline_code(response) -> None:
    """No style attribute; every inline <script> and <style> carries the nonce the header names."""
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    nonces = NONCE.findall(response["Content-Security-Policy"])
    attribute = STYLE_ATTRIBUTE.search(html)
    assert attribute is None, f"inline style attribute: {attribute.group()}"
    for attributes in INLINE_STYLE.findall(html) + INLINE_SCRIPT.findall(html):
        marked = re.search(r'nonce="([^"]+)"', attributes)
        assert marked, f"inline code without a nonce: {attributes!r}"
        assert marked.group(1) in nonces, f"inline code with a nonce the header does not name: {attributes!r}"


@pytest.mark.parametrize("url", HTML_PAGES)
def test_no_page_has_inline_code_the_policy_would_refuse(client, catalogue, url):
    response = client.get(resolve(url, catalogue), HTTP_ACCEPT="text/html")

    assert_no_refused_inline_code(response)


STAFF_PAGES = [
    "/api/programmes/",
    "/api/programmes/{programme.slug}/",
    "/admin/",
    "/admin/programmes/programme/",
    "/admin/programmes/programme/{programme.pk}/change/",
    "/admin/authtoken/tokenproxy/add/",
]


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_pages_with_forms_for_staff_have_no_refused_inline_code(admin_client, catalogue, url):
    url = url.format(programme=catalogue.programme)

    response = admin_client.get(url, HTTP_ACCEPT="text/html")

    assert response.status_code == 200
    assert_no_refused_inline_code(response)


def test_the_api_docs_script_carries_the_nonce_the_header_names(client):
    response = client.get("/api/docs/")

    [nonce] = NONCE.findall(response["Content-Security-Policy"])
    assert f'<script nonce="{nonce}">' in response.content.decode()
    assert policy(response)["img-src"] == ["'self'", "data:"]  # Swagger UI's icons, on this page only


def test_a_page_with_no_inline_script_names_no_nonce(client):
    response = client.get("/")

    assert not NONCE.search(response["Content-Security-Policy"])
    assert policy(response)["img-src"] == ["'self'"]


def test_each_answer_has_its_own_nonce(client):
    first = NONCE.findall(client.get("/api/docs/")["Content-Security-Policy"])
    second = NONCE.findall(client.get("/api/docs/")["Content-Security-Policy"])

    assert first != second


def test_the_browsable_api_signs_in_and_out_without_inline_handlers(client):
    user = get_user_model().objects.create_user(username="staff", password="correct horse battery", is_staff=True)

    signed_out = client.get("/api/programmes/", HTTP_ACCEPT="text/html").content.decode()
    client.force_login(user)
    signed_in = client.get("/api/programmes/", HTTP_ACCEPT="text/html").content.decode()

    assert 'href="/api/auth/login/?next=/api/programmes/"' in signed_out
    assert 'action="/api/auth/logout/?next=/api/programmes/"' in signed_in
    assert " onclick=" not in signed_in
