"""The pages about the service: about and method, accessibility, privacy, licence, feedback, last updated."""

import re

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db

SERVICE_PAGES = {
    "About and method": ("/about/", "About the catalogue and its method"),
    "Accessibility statement": (
        "/accessibility/",
        "Accessibility statement for the NHS digital and AI programmes catalogue",
    ),
    "Privacy and cookies": ("/privacy/", "Privacy and cookies"),
    "Data licence": ("/licence/", "Data licence"),
}


def footer_links(html: str) -> dict[str, str]:
    footer = html[html.index("<footer") :]
    links = re.findall(r'<a class="nhsuk-footer__list-item-link" href="([^"]+)">([^<]+)</a>', footer)
    return {text: href for href, text in links}


@pytest.mark.parametrize("label", SERVICE_PAGES)
def test_the_footer_links_reach_each_service_page(client, label):
    url, heading = SERVICE_PAGES[label]

    assert footer_links(client.get("/").content.decode())[label] == url
    response = client.get(url)

    assert response.status_code == 200
    assert f'<h1 class="nhsuk-heading-xl">{heading}</h1>' in response.content.decode()


def test_the_feedback_link_uses_the_address_from_the_settings(client, settings):
    settings.CATALOGUE_FEEDBACK_EMAIL = "tell-us@example.nhs.uk"

    assert footer_links(client.get("/programmes/").content.decode())["Feedback"] == "mailto:tell-us@example.nhs.uk"
    assert "mailto:tell-us@example.nhs.uk" in client.get("/accessibility/").content.decode()


def test_the_accessibility_statement_has_the_public_sector_sections(client):
    html = client.get("/accessibility/").content.decode()

    for section in [
        "How accessible this website is",
        "Feedback and contact information",
        "Enforcement procedure",
        "Technical information about this website",
        "Compliance status",
        "Non-accessible content",
        "Preparation of this accessibility statement",
    ]:
        assert section in html, section


def test_the_about_page_explains_the_markers_and_says_when_the_catalogue_last_changed(client, build_catalogue):
    build_catalogue()

    html = client.get("/about/").content.decode()

    for marker in ["Stated as", "Disputed", "Counted inside"]:
        assert marker in html
    assert f"last updated on {timezone.now():%-d %B %Y}" in html


def test_every_record_page_says_when_it_last_changed(client, build_catalogue):
    catalogue = build_catalogue()
    today = f"Page last updated: {timezone.now():%-d %B %Y}"

    for record in [
        catalogue.programme,
        catalogue.organisation,
        catalogue.person,
        catalogue.mission,
        catalogue.event,
        catalogue.award,
        catalogue.source,
    ]:
        assert today in client.get(record.get_absolute_url()).content.decode(), record


def test_a_service_page_makes_no_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert client.get("/privacy/").status_code == 200
