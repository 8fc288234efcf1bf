"""sitemap.xml, robots.txt and the health check."""

import pytest
from django.urls import reverse

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

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    for record in records:
        assert f"<loc>http://testserver{record.get_absolute_url()}</loc>" in response.text
    for name in ["core:home", "core:timeline", "core:discrepancies", "organisations:organisation-list"]:
        assert f"<loc>http://testserver{reverse(name)}</loc>" in response.text


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
