"""A page's numbered references: each source once, numbered by first use, with its quotes (sources.references)."""

import pytest
from django.template import Context, Template

from organisations.tests.factories import OrganisationFactory
from sources.models import ClaimRank
from sources.references import References
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def render(template: str, **context) -> str:
    return Template("{% load citations %}" + template).render(Context({"references": References(), **context}))


def test_it_numbers_sources_in_the_order_facts_first_cite_them_and_names_each_once():
    nhsx = OrganisationFactory()
    overview, news = SourceFactory(title="Overview"), SourceFactory(title="News")
    kind = CitationFactory(record=nhsx, source=news, field_name="kind")
    founded_news = CitationFactory(record=nhsx, source=news, field_name="founded")
    founded_overview = CitationFactory(record=nhsx, source=overview, field_name="founded")
    references = References()

    first = references.cite([kind], nhsx)
    second = references.cite([founded_news, founded_overview], nhsx)

    assert [mark.number for mark in first] == [1]
    assert [(mark.number, mark.target) for mark in second] == [
        (1, f"citation-{founded_news.pk}"),
        (2, f"citation-{founded_overview.pk}"),
    ]
    assert [(ref.number, ref.source.title) for ref in references] == [(1, "News"), (2, "Overview")]
    assert [len(ref.quote_list()) for ref in references] == [2, 1]


def test_two_claims_quoting_the_same_words_share_one_quote_with_both_claims_beside_it():
    nhsx = OrganisationFactory(name="NHSX", acronym="")
    source = SourceFactory()
    name = CitationFactory(record=nhsx, source=source, quote="NHSX,  the digital unit", field_name="")
    kind = CitationFactory(record=nhsx, source=source, quote="NHSX, the digital unit", field_name="kind")
    references = References()

    references.cite([name, kind], nhsx)

    [reference] = references
    [quote] = reference.quote_list()
    assert [support.citation for support in quote.supports] == [name, kind]
    assert [support.label for support in quote.supports] == ["NHSX", "NHSX: kind"]


def test_citing_one_source_twice_for_a_fact_gives_one_mark_that_both_quotes_link_back_to():
    nhsx = OrganisationFactory()
    source = SourceFactory()
    first, second = CitationFactory(record=nhsx, source=source), CitationFactory(record=nhsx, source=source)
    references = References()

    [mark] = references.cite([first, second], nhsx)

    supports = [quote.supports[0] for quote in next(iter(references)).quote_list()]
    assert [support.backlinks for support in supports] == [[mark.anchor], [mark.anchor]]


def test_the_cite_tag_marks_a_fact_and_the_references_tag_lists_its_quote_with_the_source_once():
    nhsx = OrganisationFactory()
    source = SourceFactory(title="NHSX progress report")
    citation = CitationFactory(record=nhsx, source=source, field_name="founded", claimed_value="2019", quote="In 2019.")
    CitationFactory(record=nhsx, source=source, field_name="", quote="NHSX exists.")

    html = render('{% cite nhsx "founded" %}{% references nhsx %}', nhsx=nhsx)

    assert f'<a id="cite-ref-1-1" href="#citation-{citation.pk}">[' in html
    assert 'id="reference-1"' in html
    assert html.count(f'href="{source.get_absolute_url()}"') == 1
    assert "“In 2019.”" in html
    assert "“NHSX exists.”" in html
    assert 'href="#cite-ref-1-1">↑ back to the fact</a>' in html


def test_a_disputed_fact_shows_a_table_of_the_claims_with_qualifier_as_of_and_reference():
    nhsx = OrganisationFactory()
    april = CitationFactory(record=nhsx, field_name="founded", claimed_value="April 2019", source__title="Overview")
    july = CitationFactory(record=nhsx, field_name="founded", claimed_value="July 2019", source__title="Report",
                           as_of_year=2020)
    CitationFactory(record=nhsx, field_name="founded", claimed_value="2018", rank=ClaimRank.DEPRECATED,
                    rank_reason="A misprint.", source__title="Weekly digest")

    html = render('{% cite nhsx "founded" %}', nhsx=nhsx)

    assert "Sources disagree" in html
    assert "<th class=\"nhsuk-table__header\" scope=\"col\">Qualifier</th>" in html
    assert f'<a href="#citation-{april.pk}">[1] Overview</a>' in html
    assert f'<a href="#citation-{july.pk}">[2] Report</a>' in html
    assert '<time datetime="2020">2020</time>' in html
    assert "Set aside" in html
    assert "A misprint." in html


def test_agreeing_claims_show_marks_but_no_table():
    nhsx = OrganisationFactory()
    CitationFactory(record=nhsx, field_name="founded", claimed_value="2019")
    CitationFactory(record=nhsx, field_name="founded", claimed_value="2019")

    html = render('{% cite nhsx "founded" %}', nhsx=nhsx)

    assert html.count('class="catalogue-ref"') == 2
    assert "<table" not in html


def test_without_a_request_the_tags_share_references_within_one_rendering():
    nhsx = OrganisationFactory()
    CitationFactory(record=nhsx, field_name="kind")

    html = Template('{% load citations %}{% cite nhsx "kind" %}{% references %}').render(Context({"nhsx": nhsx}))

    assert 'id="reference-1"' in html
