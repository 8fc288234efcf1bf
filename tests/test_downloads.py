"""Every list page links "Download CSV" and "Download JSON" of exactly the rows it shows, all pages of them.

The links go to the API list with the page's own query string (filters, search and order): the
same FilterSet and queryset order serve both, and a download exports the list whole. Each test
reads every page of a filtered list, follows the page's two links and compares row by row.
"""

import csv
import io
import json
import re
from decimal import Decimal
from html import unescape

import pytest

from funding.tests.factories import FundingAwardFactory
from funding.views import FundingAwardListView
from organisations.tests.factories import OrganisationFactory, PersonFactory, RoleFactory
from organisations.views import PersonListView
from programmes.tests.factories import ProgrammeFactory
from programmes.views import ProgrammeListView
from sources.tests.factories import SourceFactory
from sources.views import SourceListView

pytestmark = pytest.mark.django_db

LINK = re.compile(r'<a href="([^"]+)" download>(Download (?:CSV|JSON))<')


def download_links(html: str) -> dict[str, str]:
    return {label: unescape(href) for href, label in LINK.findall(html)}


def rows_of_every_page(client, url: str, context_name: str, key) -> tuple[list, dict[str, str]]:
    """The rows of the list at ``url`` across all its pages, and the first page's download links."""
    first = client.get(url)
    assert first.status_code == 200
    rows, page = [], first
    links = download_links(first.content.decode())
    number = 1
    while True:
        rows += [key(row) for row in page.context[context_name]]
        if not page.context["page_obj"].has_next():
            return rows, links
        number += 1
        page = client.get(url + f"&page={number}")


def downloaded(client, links: dict[str, str], column: str) -> tuple[list, list]:
    assert set(links) == {"Download CSV", "Download JSON"}
    csv_response = client.get(links["Download CSV"])
    json_response = client.get(links["Download JSON"])
    assert csv_response.status_code == json_response.status_code == 200
    assert csv_response["Content-Type"].startswith("text/csv")
    assert json_response["Content-Type"].startswith("application/json")
    assert "attachment" in json_response["Content-Disposition"]
    from_csv = [row[column] for row in csv.DictReader(io.StringIO(csv_response.content.decode()))]
    from_json = [row[column] for row in json.loads(json_response.content)["results"]]
    return from_csv, from_json


def test_a_filtered_programme_list_downloads_the_same_rows_in_the_same_order(client, monkeypatch):
    monkeypatch.setattr(ProgrammeListView, "paginate_by", 2)
    for index in range(5):
        ProgrammeFactory(name=f"{'ab'[index % 2]}I programme {index}", kind="centre", announced_year=2015 + index)
    ProgrammeFactory(name="Not a centre", kind="programme")

    shown, links = rows_of_every_page(
        client, "/programmes/?kind=centre&ordering=-announced", "programmes", lambda p: p.name
    )
    from_csv, from_json = downloaded(client, links, "name")

    assert len(shown) == 5
    assert from_csv == from_json == shown
    assert "page=" not in links["Download CSV"]


def test_a_searched_award_list_downloads_the_same_rows_in_the_same_order(client, monkeypatch):
    monkeypatch.setattr(FundingAwardListView, "paginate_by", 2)
    funder = OrganisationFactory()
    for index in range(5):
        FundingAwardFactory(title=f"Imaging award {index}", funder=funder, amount_gbp=Decimal(1000 + index))
    FundingAwardFactory(title="Something else", funder=funder)

    shown, links = rows_of_every_page(
        client, f"/funding/?q=imaging&funder={funder.slug}&ordering=amount", "awards", lambda a: a.title
    )
    from_csv, from_json = downloaded(client, links, "title")

    assert shown == [f"Imaging award {index}" for index in range(5)]
    assert from_csv == from_json == shown


def test_a_filtered_people_list_downloads_the_same_rows_in_the_same_order(client, monkeypatch):
    monkeypatch.setattr(PersonListView, "paginate_by", 2)
    organisation = OrganisationFactory()
    for name in ["zoe Adams", "Andrew Morris", "bea Clark"]:
        RoleFactory(person=PersonFactory(name=name), organisation=organisation)
    PersonFactory(name="Elsewhere")

    shown, links = rows_of_every_page(client, f"/people/?organisation={organisation.slug}", "people", lambda p: p.name)
    from_csv, from_json = downloaded(client, links, "name")

    assert shown == ["Andrew Morris", "bea Clark", "zoe Adams"]
    assert from_csv == from_json == shown


def test_a_source_list_downloads_the_same_rows_in_the_same_order(client, monkeypatch):
    monkeypatch.setattr(SourceListView, "paginate_by", 2)
    for title in ["b report", "A review", "C plan"]:
        SourceFactory(title=title)

    shown, links = rows_of_every_page(client, "/sources/?ordering=title", "sources", lambda s: s.title)
    from_csv, from_json = downloaded(client, links, "title")

    assert shown == ["A review", "b report", "C plan"]
    assert from_csv == from_json == shown


def test_a_filtered_organisation_list_downloads_the_same_organisations(client):
    parent = OrganisationFactory(name="Parent", kind="government")
    OrganisationFactory(name="b child", kind="research", parent=parent)
    OrganisationFactory(name="A child", kind="research", parent=parent)
    OrganisationFactory(name="Other", kind="funder")

    response = client.get("/organisations/?kind=research")
    shown = [organisation.name for organisation in response.context["organisations"]]
    from_csv, from_json = downloaded(client, download_links(response.content.decode()), "name")

    assert shown == ["A child", "b child"]
    assert from_csv == from_json == shown


def test_an_invalid_filter_offers_no_download(client):
    response = client.get("/programmes/?year_min=abc")

    assert response.status_code == 400
    assert "Download CSV" not in response.content.decode()
