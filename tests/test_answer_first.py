"""Record pages answer first (issue 13, problems 2 and 9), checked on the real catalogue fixtures.

Each detail page opens with a short lede and a key-facts list; each fact carries numbered reference
marks ("[1]") to a references list at the foot, where each source appears once with its quotes,
every quote word for word in its source; a disputed fact shows its claims side by side. The
pages show the connections the sources state: HDR UK's five centres and its funding, i-CAIRD's
organisation. The catalogue is loaded once per class, as in ``tests/test_fixtures.py``.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction

from core.sentences import sentences
from sources.models import Source
from sources.quotes import quote_in_source

# One page of each kind of record, from the fixtures.
RECORD_PAGES = [
    "/organisations/nhsx/",
    "/organisations/health-data-research-uk/",
    "/programmes/i-caird/",
    "/programmes/nhs-ai-lab-virtual-hub/",
    "/funding/1905/",
    "/missions/hdr-uk-trustworthy-health-data/",
    "/events/nhsx-created/",
    "/people/andrew-morris/",
]

CENTRES = [
    "London Medical Imaging and Artificial Intelligence Centre for Value-Based Healthcare",
    "Industrial Centre for AI Research in Digital Diagnostics",
    "National Consortium of Intelligent Medical Imaging",
    "Northern Pathology Imaging Collaborative",
    "Pathology image data Lake for Analytics, Knowledge and Education",
]


@pytest.fixture(scope="class")
def loaded_catalogue(django_db_setup, django_db_blocker):
    """The fixtures loaded once for the class, in a transaction rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalogue", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def page(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser")


def references(soup: BeautifulSoup):
    """The references section: (number, source link, quotes) of each source listed."""
    section = soup.find("section", class_="catalogue-references")
    assert section is not None
    return section.select("li.catalogue-references__source")


@pytest.mark.usefixtures("loaded_catalogue", "db")
class TestAnswerFirst:
    def test_the_nhsx_page_opens_with_a_lede_of_at_most_two_sentences_and_keeps_the_rest_under_about(self, client):
        soup = page(client, "/organisations/nhsx/")

        lede = soup.find("p", class_="nhsuk-lede-text").get_text(" ", strip=True)
        assert 1 <= len(sentences(lede)) <= 2
        assert len(lede.split()) < 60
        about = soup.find(id="about-heading").find_next("p").get_text(" ", strip=True)
        assert about.startswith(lede)
        assert len(about) > 3 * len(lede)

    @pytest.mark.parametrize("url", RECORD_PAGES)
    def test_every_key_fact_has_a_reference_to_a_quote_found_word_for_word_in_its_source(self, client, url):
        soup = page(client, url)
        texts = {source.get_absolute_url(): source.text for source in Source.objects.all()}

        facts = soup.find(id="facts-heading").find_next("dl").select(".nhsuk-summary-list__row")
        cited_rows = [row for row in facts if row.select("sup.catalogue-ref a")]
        assert cited_rows, url
        for row in cited_rows:
            for mark in row.select("sup.catalogue-ref a"):
                target = soup.find(id=mark["href"][1:])
                assert target is not None, (url, mark["href"])
                entry = target.find_parent("li", class_="catalogue-references__source")
                number = re.search(r"\d+", mark.get_text()).group()
                assert entry["id"] == f"reference-{number}"
                quote = target.find_parent("li", class_="catalogue-citation") or target
                words = quote.find("blockquote").get_text(" ", strip=True).strip("“”")
                source_url = entry.find("a")["href"]
                assert quote_in_source(words, texts[source_url]), (url, words)
                assert soup.find(id=mark["id"]) is mark, "each mark has an id the quote links back to"

    @pytest.mark.parametrize("url", RECORD_PAGES)
    def test_each_source_is_named_once_in_the_references(self, client, url):
        soup = page(client, url)

        entries = references(soup)
        links = [entry.find("a")["href"] for entry in entries]
        assert links
        assert len(links) == len(set(links))
        assert [entry["id"] for entry in entries] == [f"reference-{n}" for n in range(1, len(entries) + 1)]
        section = soup.find("section", class_="catalogue-references")
        for url_ in links:
            assert len(section.select(f'a[href="{url_}"]')) == 1

    @pytest.mark.parametrize("url", RECORD_PAGES)
    def test_a_quote_is_listed_once_under_its_source(self, client, url):
        for entry in references(page(client, url)):
            quotes = [quote.get_text(" ", strip=True) for quote in entry.select("blockquote")]
            assert len(quotes) == len(set(quotes))

    def test_a_disputed_fact_sets_its_claims_side_by_side(self, client):
        soup = page(client, "/organisations/nhsx/")

        founded = next(row for row in soup.select(".nhsuk-summary-list__row") if "Founded" in row.dt.get_text())
        table = founded.find("table")
        assert "Sources disagree" in founded.get_text()
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        assert headers == ["Value", "Qualifier", "As of", "Source"]
        values = {row.select("td")[0].get_text(" ", strip=True) for row in table.select("tbody tr")}
        assert {"Value “April 2019”", "Value “July 2019”"} <= values
        for link in table.select("tbody a"):
            assert soup.find(id=link["href"][1:]) is not None

    def test_the_hdr_uk_page_lists_its_five_centres_and_its_funding(self, client):
        soup = page(client, "/organisations/health-data-research-uk/")

        programmes = soup.find(id="programmes-heading").find_parent("section").get_text(" ", strip=True)
        for centre in CENTRES:
            assert centre in programmes
        funding = soup.find(id="funding-heading").find_parent("section").get_text(" ", strip=True)
        assert "Digital Innovation Hubs: Industrial Strategy investment" in funding
        assert "£37 million" in funding

    def test_i_caird_lists_the_organisation_recorded_for_it(self, client):
        soup = page(client, "/programmes/i-caird/")

        text = soup.get_text(" ", strip=True)
        assert "No organisation is recorded" not in text
        table = soup.find("caption", string=re.compile("Organisations and their roles")).find_parent("table")
        assert "Health Data Research UK" in table.get_text()

    def test_every_programme_page_names_an_organisation_when_one_is_recorded(self, client):
        from programmes.models import Programme

        for programme in Programme.objects.filter(organisation_roles__isnull=False).distinct():
            html = client.get(programme.get_absolute_url()).content.decode()
            assert "No organisation is recorded" not in html, programme

    def test_the_source_page_shows_its_seed_file_as_plain_text(self, client):
        source = Source.objects.exclude(seed_file="").first()
        soup = page(client, source.get_absolute_url())

        row = next(row for row in soup.select(".nhsuk-summary-list__row") if "Document file" in row.dt.get_text())
        assert source.seed_file in row.get_text()
        assert row.find("code") is None

    @pytest.mark.parametrize("url", RECORD_PAGES)
    def test_every_record_page_says_when_it_last_changed_and_shows_related_records_beside(self, client, url):
        soup = page(client, url)

        assert "Page last updated:" in soup.get_text()
        aside = soup.select_one("aside.nhsuk-grid-column-one-third")
        assert aside is not None
        assert aside.select("a[href]")
