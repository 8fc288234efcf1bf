"""The page of one funding award."""

from decimal import Decimal

import pytest

from core.models import AmountQualifier
from funding.tests.factories import FundingAwardFactory, FundingStreamFactory
from sources.tests.factories import CitationFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_award_with_funder_recipient_stream_and_date(client):
    stream = FundingStreamFactory(name="Industrial Strategy Challenge Fund")
    award = FundingAwardFactory(title="AI Award", amount_gbp=Decimal("140000000"), stream=stream, announced_year=2019)

    response = client.get(award.get_absolute_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "<title>AI Award: £140 million \N{EN DASH} Funding \N{EN DASH} NHS digital and AI programmes catalogue</title>"
        in html
    )
    assert award.funder.get_absolute_url() in html
    assert award.recipient_programme.get_absolute_url() in html
    assert "Industrial Strategy Challenge Fund" in html
    assert '<time datetime="2019">2019</time>' in html
    assert 'href="/funding/">Funding</a>' in html


def test_it_links_the_larger_award_and_the_parts(client):
    lab = FundingAwardFactory(title="NHS AI Lab", amount_gbp=Decimal("250000000"))
    part = FundingAwardFactory(title="AI Award", amount_gbp=Decimal("140000000"), part_of=lab)

    lab_html = client.get(lab.get_absolute_url()).content.decode()
    part_html = client.get(part.get_absolute_url()).content.decode()

    assert f'href="{part.get_absolute_url()}">AI Award</a>' in lab_html
    assert f'href="{lab.get_absolute_url()}">NHS AI Lab</a>' in part_html
    assert "totals leave it out" in part_html


def test_it_says_when_the_money_is_only_expected_from_others(client):
    award = FundingAwardFactory(is_expected_match=True, funder=None, funder_description="industry")

    html = client.get(award.get_absolute_url()).content.decode()

    assert "expected from others" in html
    assert "industry" in html


def test_it_shows_citations_and_marks_disputed_fields_with_each_claim(client):
    award = FundingAwardFactory(amount_qualifier=AmountQualifier.EXACT)
    exact = CitationFactory(
        record=award, field_name="amount_qualifier", claimed_value="exact", quote="£1 million", source__slug="one"
    )
    more = CitationFactory(
        record=award,
        field_name="amount_qualifier",
        claimed_value="more than",
        quote="more than £1 million",
        source__slug="two",
    )

    response = client.get(award.get_absolute_url())

    html = response.content.decode()
    assert set(response.context["disputed"]) == {"amount_qualifier"}
    assert "Sources disagree" in html
    assert "<strong>How the amount is bounded</strong>" in html or "<strong>how the amount is bounded</strong>" in html
    assert "amount_qualifier" not in html
    for citation in (exact, more):
        assert f'id="citation-{citation.pk}"' in html
        assert f'href="#citation-{citation.pk}"' in html
        assert f'href="/sources/{citation.source.slug}/"' in html
        assert citation.quote in html


def test_it_answers_404_for_an_unknown_award(client):
    assert client.get("/funding/999999/").status_code == 404


def test_it_makes_the_same_number_of_queries_however_many_parts_and_citations(client, django_assert_num_queries):
    small = FundingAwardFactory()
    FundingAwardFactory(part_of=small)
    CitationFactory(record=small)
    big = FundingAwardFactory(stream=FundingStreamFactory())
    for _ in range(5):
        FundingAwardFactory(part_of=big)
        CitationFactory(record=big)

    # award with funder, recipients, stream and part_of; parts; citations
    with django_assert_num_queries(3):
        client.get(small.get_absolute_url())
    with django_assert_num_queries(3):
        client.get(big.get_absolute_url())
