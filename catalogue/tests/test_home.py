"""The home page: counts, the largest awards, and funding totals that add only comparable sums."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.models import AmountQualifier
from funding.models import FundingPeriod
from funding.tests.factories import FundingAwardFactory
from organisations.tests.factories import OrganisationFactory, PersonFactory
from programmes.tests.factories import EventFactory, MissionFactory, ProgrammeFactory
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

# Six counts, every award (for the largest, the totals and the chart), the disputed fields, the catalogue's revision.
HOME_QUERIES = 11


def test_it_counts_each_kind_and_links_every_section(client):
    OrganisationFactory.create_batch(3)
    ProgrammeFactory.create_batch(2)
    PersonFactory()

    response = client.get(reverse("catalogue:home"))

    assert response.status_code == 200
    counts = {label: count for label, count, _ in response.context["counts"]}
    assert counts["Organisations"] == 3
    assert counts["Programmes"] == 2
    assert counts["People"] == 1
    for name in [
        "organisations:organisation-list", "organisations:person-list", "programmes:programme-list",
        "programmes:mission-list", "funding:award-list", "sources:source-list", "catalogue:timeline",
        "catalogue:discrepancies", "catalogue:search",
    ]:
        assert f'href="{reverse(name)}"' in response.text or f'action="{reverse(name)}"' in response.text, name


def test_it_has_a_title_a_description_and_a_search_box(client):
    response = client.get(reverse("catalogue:home"))

    assert "<title>NHS digital and AI programmes catalogue</title>" in response.text
    assert '<meta name="description" content="A reference catalogue' in response.text
    assert 'name="q"' in response.text


def test_it_lists_the_largest_awards_as_stated(client):
    FundingAwardFactory(title="Small", amount_gbp=Decimal("10"))
    FundingAwardFactory(
        title="Yearly", amount_gbp=Decimal("1000000000"), amount_qualifier=AmountQualifier.MORE_THAN,
        period=FundingPeriod.PER_YEAR,
    )

    response = client.get(reverse("catalogue:home"))

    assert [award.title for award in response.context["largest_awards"]] == ["Yearly", "Small"]
    assert "more than £1,000,000,000 a year" in response.text


def test_the_totals_never_add_incomparable_sums(client):
    funder = OrganisationFactory(name="Office for Life Sciences")
    whole = FundingAwardFactory(funder=funder, amount_gbp=Decimal("250000000"))
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("140000000"), part_of=whole, title="Inside")
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("5"), is_expected_match=True, title="Match")
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("7"), amount_qualifier=AmountQualifier.MORE_THAN)
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("11"), period=FundingPeriod.PER_YEAR)
    FundingAwardFactory(funder=funder, amount_gbp=Decimal("30"), period=FundingPeriod.OVER_YEARS, period_years=3)

    response = client.get(reverse("catalogue:home"))

    [row] = response.context["funder_totals"]
    assert (row.funder_name, row.comparable_total, row.per_year_total) == (
        "Office for Life Sciences", Decimal("250000030"), Decimal("11")
    )
    assert row.left_out_count == 3
    assert response.context["totals"].comparable_total == Decimal("250000030")
    assert "£250,000,030" in response.text
    assert "£11 a year" in response.text
    assert "Inside" not in [award.title for award in response.context["largest_awards"]]
    assert "Match" not in [award.title for award in response.context["largest_awards"]]
    assert '<svg class="catalogue-chart"' in response.text


def test_the_totals_name_a_funder_given_only_in_words(client):
    FundingAwardFactory(funder=None, funder_description="industry", amount_gbp=Decimal("3"))

    response = client.get(reverse("catalogue:home"))

    assert response.context["funder_totals"][0].funder_name == "industry"
    assert response.context["funder_totals"][0].funder_url is None


def _make_catalogue(count: int) -> None:
    for _ in range(count):
        award = FundingAwardFactory()
        FundingAwardFactory(part_of=award, funder=award.funder)
        MissionFactory()
        EventFactory()
        PersonFactory()
        organisation = OrganisationFactory()
        CitationFactory(record=organisation, field_name="founded", claimed_value="2019")
        CitationFactory(record=organisation, field_name="founded", claimed_value="April 2019", source=SourceFactory())


def test_it_makes_the_same_number_of_queries_however_big_the_catalogue(client, django_assert_num_queries):
    _make_catalogue(1)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("catalogue:home"))
    _make_catalogue(12)

    with django_assert_num_queries(HOME_QUERIES):
        response = client.get(reverse("catalogue:home"))

    assert len(few) == HOME_QUERIES
    assert len(response.context["funder_totals"]) == 13


def test_it_says_when_the_catalogue_last_changed(client):
    OrganisationFactory()

    html = client.get("/").content.decode()

    assert f"The catalogue was last updated on {timezone.now():%-d %B %Y}." in html
