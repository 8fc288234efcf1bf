"""schema.org JSON-LD on every record's page: parsed from the page, checked against the record."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html import unescape as html_unescape

import pytest
from pyld import jsonld

from funding.tests.factories import FundingAwardFactory
from programmes.tests.factories import ProgrammeOrganisationFactory

pytestmark = pytest.mark.django_db

SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)


def json_ld(client, url: str) -> tuple[dict, dict]:
    """The record node and the page node of the one JSON-LD block of the page at ``url``."""
    response = client.get(url)
    assert response.status_code == 200
    blocks = SCRIPT.findall(response.content.decode())
    assert len(blocks) == 1
    document = json.loads(blocks[0])
    assert document["@context"] == "https://schema.org"
    record, page = document["@graph"]
    assert page["@type"] == "ItemPage"
    assert page["about"] == {"@id": record["@id"]}
    assert record["url"] == page["url"] == f"http://testserver{url}"
    return record, page


def source_ids(page: dict) -> set[str]:
    return {work["@id"] for work in page.get("isBasedOn", [])}


def page_of(record) -> str:
    return f"http://testserver{record.get_absolute_url()}#record"


def test_an_organisation_is_a_government_organisation_with_its_parent_names_and_sources(client, build_catalogue):
    catalogue = build_catalogue()
    organisation = catalogue.organisation
    organisation.kind, organisation.founded_year, organisation.founded_month = "nhs_body", 2019, 4
    organisation.save()

    record, page = json_ld(client, organisation.get_absolute_url())

    assert record["@type"] == "GovernmentOrganization"
    assert record["name"] == organisation.name
    assert record["foundingDate"] == "2019-04"
    assert record["parentOrganization"]["@id"] == page_of(catalogue.funder)
    assert set(record["alternateName"]) == {organisation.acronym, *organisation.aliases.values_list("name", flat=True)}
    assert source_ids(page) == {page_of(catalogue.source)}
    assert page["citation"] == page["isBasedOn"]


def test_a_funder_is_an_organisation_and_a_qualified_founding_date_is_left_out(client, build_catalogue):
    funder = build_catalogue().funder
    funder.founded_year, funder.founded_qualifier = 2024, "by"
    funder.save()

    record, _ = json_ld(client, funder.get_absolute_url())

    assert record["@type"] == "Organization"
    assert "foundingDate" not in record


def test_a_person_has_job_titles_and_employers(client, build_catalogue):
    catalogue = build_catalogue()
    role = catalogue.person.roles.get()

    record, page = json_ld(client, catalogue.person.get_absolute_url())

    assert record["@type"] == "Person"
    assert record["jobTitle"] == [role.title]
    assert [employer["@id"] for employer in record["worksFor"]] == [page_of(catalogue.organisation)]
    assert source_ids(page) == {page_of(catalogue.source)}


def test_a_programme_is_a_project_with_its_leads_and_funders(client, build_catalogue):
    catalogue = build_catalogue()
    ProgrammeOrganisationFactory(programme=catalogue.programme, organisation=catalogue.funder, role="funder")

    record, page = json_ld(client, catalogue.programme.get_absolute_url())

    assert record["@type"] == "Project"
    assert record["name"] == catalogue.programme.name
    assert [lead["@id"] for lead in record["parentOrganization"]] == [page_of(catalogue.organisation)]
    assert [funder["@id"] for funder in record["funder"]] == [page_of(catalogue.funder)]
    assert source_ids(page) == {page_of(catalogue.source), page_of(catalogue.other_source)}


def test_a_mission_and_an_event(client, build_catalogue):
    catalogue = build_catalogue()

    mission, _ = json_ld(client, catalogue.mission.get_absolute_url())
    event, _ = json_ld(client, catalogue.event.get_absolute_url())

    assert mission["@type"] == "CreativeWork"
    assert mission["author"]["@id"] == page_of(catalogue.organisation)
    assert mission["about"][0]["@id"] == page_of(catalogue.programme)
    assert event["@type"] == "Event"
    assert event["name"] == catalogue.event.name
    assert {node["@id"] for node in event["attendee"]} == {page_of(catalogue.organisation), page_of(catalogue.person)}


@pytest.mark.parametrize(
    ("qualifier", "key"), [("exact", "value"), ("more_than", "minValue"), ("up_to", "maxValue")]
)
def test_an_award_is_a_monetary_grant_whose_amount_keeps_its_qualifier(client, build_catalogue, qualifier, key):
    catalogue = build_catalogue()
    award = FundingAwardFactory(
        funder=catalogue.funder,
        recipient_programme=catalogue.programme,
        amount_gbp=Decimal("1000000.50"),
        amount_qualifier=qualifier,
    )

    record, _ = json_ld(client, award.get_absolute_url())

    assert record["@type"] == "MonetaryGrant"
    assert record["amount"]["@type"] == "MonetaryAmount"
    assert record["amount"]["currency"] == "GBP"
    assert record["amount"][key] == 1000000.5
    assert record["amount"]["description"] == award.display_amount
    assert record["funder"]["@id"] == page_of(catalogue.funder)
    assert [item["@id"] for item in record["fundedItem"]] == [page_of(catalogue.programme)]


def test_a_source_is_an_article(client, build_catalogue):
    source = build_catalogue().source

    record, _ = json_ld(client, source.get_absolute_url())

    assert record["@type"] == "NewsArticle"
    assert record["name"] == source.title


def test_text_cannot_close_the_script_element(client, build_catalogue):
    programme = build_catalogue().programme
    programme.summary = "</script><script>alert(1)</script> & <!--"
    programme.save()

    response = client.get(programme.get_absolute_url())
    text = response.content.decode()
    block = SCRIPT.search(text).group(1)

    assert "</script>" not in block
    assert "<!--" not in block
    assert json.loads(block)["@graph"][0]["description"] == programme.summary


def test_every_record_page_links_the_feed_of_its_changes(client, build_catalogue):
    catalogue = build_catalogue()

    text = client.get(catalogue.programme.get_absolute_url()).content.decode()

    assert (
        f'<link rel="alternate" type="application/atom+xml" title="Changes to {catalogue.programme}" '
        f'href="/changes/feed/programme/{catalogue.programme.pk}/">'
    ) in text


SCHEMA = "https://schema.org/"
# schema.org's context, as the processor is given it offline: every term is a schema.org property or type.
SCHEMA_CONTEXT = {"@context": {"@vocab": SCHEMA}}
SCHEMA_CONTEXT_URLS = {f"{scheme}://schema.org{slash}" for scheme in ("http", "https") for slash in ("", "/")}


def offline_loader(url: str, options=None) -> dict:
    """pyld's document loader: schema.org's context from here, any other address refused (no network)."""
    if url not in SCHEMA_CONTEXT_URLS:
        raise AssertionError(f"the JSON-LD asked for {url}")
    return {"contextUrl": None, "documentUrl": url, "document": SCHEMA_CONTEXT, "contentType": "application/ld+json"}


H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)


@pytest.mark.parametrize(
    ("attribute", "kind"),
    [
        ("organisation", "GovernmentOrganization"),
        ("funder", "Organization"),
        ("person", "Person"),
        ("programme", "Project"),
        ("mission", "CreativeWork"),
        ("event", "Event"),
        ("award", "MonetaryGrant"),
        ("source", "NewsArticle"),
    ],
)
def test_pyld_expands_every_page_types_json_ld_and_its_name_and_url_are_the_pages(
    client, build_catalogue, attribute, kind
):
    obj = getattr(build_catalogue(), attribute)
    if attribute == "organisation":
        obj.kind = "nhs_body"
        obj.save()
    url = obj.get_absolute_url()
    html = client.get(url).content.decode()
    record, _ = json_ld(client, url)

    expanded = jsonld.expand(json.loads(SCRIPT.search(html).group(1)), {"documentLoader": offline_loader})

    node = next(node for node in expanded if node.get("@id") == record["@id"])
    assert node["@type"] == [SCHEMA + kind]
    assert node[SCHEMA + "url"] == [{"@value": f"http://testserver{url}"}]
    [name] = node[SCHEMA + "name"]
    assert name["@value"] == record["name"]
    assert html_unescape(name["@value"]) in html_unescape(H1.search(html).group(1))
    page = next(node for node in expanded if node.get("@type") == [SCHEMA + "ItemPage"])
    assert page[SCHEMA + "about"] == [{"@id": record["@id"]}]
