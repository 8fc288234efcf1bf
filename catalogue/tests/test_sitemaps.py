"""sitemap.xml, robots.txt and the health check."""

import pytest
from django.urls import reverse

from catalogue.urls import SITEMAPS
from funding.tests.factories import FundingAwardFactory
from organisations.tests.factories import OrganisationFactory, PersonFactory
from programmes.tests.factories import EventFactory, MissionFactory, ProgrammeFactory
from sources.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db


def test_the_sitemap_lists_every_kind_of_page(client):
    records = [
        OrganisationFactory(), PersonFactory(), ProgrammeFactory(), MissionFactory(), EventFactory(),
        FundingAwardFactory(), SourceFactory(),
    ]

    index = client.get("/sitemap.xml")
    sections = [client.get(f"/sitemap-{name}.xml") for name in SITEMAPS]
    text = "".join(section.text for section in sections)

    assert index.status_code == 200
    assert index["Content-Type"].startswith("application/xml")
    for name in SITEMAPS:
        assert f"<loc>http://testserver/sitemap-{name}.xml</loc>" in index.text
    assert {section.status_code for section in sections} == {200}
    for record in records:
        assert f"<loc>http://testserver{record.get_absolute_url()}</loc>" in text
    for name in [
        "catalogue:home", "catalogue:timeline", "catalogue:discrepancies", "catalogue:changes", "catalogue:data",
        "organisations:organisation-list",
    ]:
        assert f"<loc>http://testserver{reverse(name)}</loc>" in text


def test_a_large_section_is_split_into_pages_the_index_lists(client, monkeypatch):
    monkeypatch.setattr(SITEMAPS["programmes"], "limit", 2)
    ProgrammeFactory.create_batch(3)

    index = client.get("/sitemap.xml").text

    assert "<loc>http://testserver/sitemap-programmes.xml?p=2</loc>" in index
    assert client.get("/sitemap-programmes.xml", {"p": 2}).text.count("<url>") == 1
    assert client.get("/sitemap-programmes.xml", {"p": 3}).status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_admin_and_api(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.text.splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /api/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_health_check_answers_ok(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
