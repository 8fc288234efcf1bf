"""A source's public page: each cited passage in context, grouped and filterable by kind of record."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from organisations.tests.factories import OrganisationFactory
from programmes.tests.factories import ProgrammeFactory
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "NHSX news\n\nNHSX was created in 2019. It launched the NHS AI Lab with \u00a3250 million. "
    "The Lab sits within NHSX. Nothing more."
)


@pytest.fixture
def source():
    source = SourceFactory(slug="nhsx-news", text=TEXT, url="https://example.org/nhsx-news")
    CitationFactory(
        record=ProgrammeFactory(name="NHS AI Lab", slug="ai-lab"), source=source, quote="the NHS AI Lab with £250"
    )
    CitationFactory(record=OrganisationFactory(name="NHSX", acronym="", slug="nhsx"), source=source, quote="created in")
    return source


def test_each_quote_is_shown_with_the_sentence_before_and_after_and_its_record(client, source):
    response = client.get(source.get_absolute_url())

    assert response.status_code == 200
    assert (
        "NHSX was created in 2019. It launched <mark>the NHS AI Lab with £250</mark> million. The Lab sits within NHSX."
        in response.text
    )
    assert "NHSX news NHSX was <mark>created in</mark> 2019. It launched" in response.text
    assert 'href="/programmes/ai-lab/"' in response.text
    assert 'href="https://example.org/nhsx-news" rel="noopener">Read the original document' in response.text


def test_the_contents_list_each_kind_with_its_count_and_a_link_filtering_to_it(client, source):
    response = client.get(source.get_absolute_url())

    entries = [(entry.label, entry.count, entry.url) for entry in response.context["contents"]]
    assert entries == [
        ("Organisations", 1, "/sources/nhsx-news/?kind=organisation"),
        ("Programmes", 1, "/sources/nhsx-news/?kind=programme"),
    ]
    assert 'href="/sources/nhsx-news/?kind=programme"' in response.text


def test_kind_shows_only_the_records_of_that_kind(client, source):
    response = client.get(source.get_absolute_url(), {"kind": "programme"})

    assert [group.key for group in response.context["citation_groups"]] == ["programme"]
    assert "<mark>created in</mark>" not in response.text
    assert 'aria-current="page">Programmes (1)' in response.text


def test_an_unknown_kind_is_a_bad_request(client, source):
    response = client.get(source.get_absolute_url(), {"kind": "user"})

    assert response.status_code == 400
    assert "No facts of that kind cite this document" in response.text


def test_a_quote_no_longer_in_the_text_is_shown_and_said_to_be_missing(client):
    source = SourceFactory(text="Other words.")
    CitationFactory(source=source, quote="Words the text lost.", in_source=False)

    response = client.get(source.get_absolute_url())

    assert "“Words the text lost.”" in response.text
    assert "This quote is not in the document" in response.text


def test_its_queries_do_not_grow_with_the_number_of_quotes(client, source):
    with CaptureQueriesContext(connection) as few:
        client.get(source.get_absolute_url(), {"kind": "programme"})
    for _ in range(5):
        CitationFactory(record=ProgrammeFactory(), source=source)
        CitationFactory(record=OrganisationFactory(), source=source)

    with CaptureQueriesContext(connection) as many:
        client.get(source.get_absolute_url(), {"kind": "programme"})

    assert len(many) == len(few) == 5  # source, kinds, claims, disputes, programmes


def test_a_long_document_folds_each_kind_until_a_reader_opens_it_or_picks_one(client, source, monkeypatch):
    import sources.views

    monkeypatch.setattr(sources.views, "UNFOLDED_QUOTES", 1)

    folded = client.get(source.get_absolute_url()).content.decode()
    one_kind = client.get(source.get_absolute_url(), {"kind": "programme"}).content.decode()

    assert folded.count('<details class="nhsuk-details">') == 2
    assert "Show the 1 quote about programmes" in folded
    assert "the NHS AI Lab with £250" in folded
    assert '<details class="nhsuk-details">' not in one_kind


def test_a_short_document_shows_every_quote_unfolded(client, source):
    html = client.get(source.get_absolute_url()).content.decode()

    assert '<details class="nhsuk-details">' not in html


def test_the_seed_file_name_is_plain_text_not_code(client):
    source = SourceFactory(seed_file="000_5af0bdf4c820cd59.txt")

    html = client.get(source.get_absolute_url()).content.decode()

    assert "000_5af0bdf4c820cd59.txt" in html
    assert "<code>" not in html
