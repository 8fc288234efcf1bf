"""The funding table: filters, facet counts, sorting, totals by funder and the chart, bad filters, queries."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import AmountQualifier
from funding.models import FundingPeriod
from funding.tests.factories import FundingAwardFactory, FundingStreamFactory
from organisations.tests.factories import OrganisationFactory
from programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

URL = reverse("funding:award-list")


def titles(response) -> list[str]:
    return [award.title for award in response.context["awards"]]


def facet(response, name: str) -> dict[str, int]:
    group = next(g for g in response.context["facets"] if g.name == name)
    return {option.value: option.count for option in group.options}


def test_it_lists_awards_with_amount_qualifier_period_funder_recipient_stream_and_date(client):
    funder = OrganisationFactory(name="Department of Health and Social Care")
    stream = FundingStreamFactory(name="Industrial Strategy Challenge Fund")
    award = FundingAwardFactory(
        title="AI Award",
        amount_gbp=Decimal("140000000"),
        period=FundingPeriod.OVER_YEARS,
        period_years=3,
        funder=funder,
        stream=stream,
        recipient_programme__name="AI Award programme",
        announced_year=2019,
        announced_month=None,
    )

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert f'href="{award.get_absolute_url()}">AI Award</a>' in html
    assert "£140 million over 3 years" in html
    assert "Exactly" in html
    assert "Department of Health and Social Care" in html
    assert "AI Award programme" in html
    assert "Industrial Strategy Challenge Fund" in html
    assert '<time datetime="2019">2019</time>' in html
    assert "<title>Funding \N{EN DASH} NHS digital and AI programmes catalogue</title>" in html
    assert "style=" not in html


def test_it_filters_by_funder(client):
    FundingAwardFactory(title="From DHSC", funder=OrganisationFactory(slug="dhsc"))
    FundingAwardFactory(title="From UKRI")

    assert titles(client.get(URL, {"funder": "dhsc"})) == ["From DHSC"]


def test_it_filters_by_recipient_programme_or_organisation(client):
    FundingAwardFactory(title="To programme", recipient_programme=ProgrammeFactory(slug="ai-lab"))
    FundingAwardFactory(
        title="To organisation", recipient_programme=None, recipient_organisation=OrganisationFactory(slug="hdr-uk")
    )
    FundingAwardFactory(title="Other")

    assert titles(client.get(URL, {"recipient": "ai-lab"})) == ["To programme"]
    assert titles(client.get(URL, {"recipient": "hdr-uk"})) == ["To organisation"]


def test_it_filters_by_stream_including_its_sub_streams(client):
    fund = FundingStreamFactory(slug="iscf")
    wave = FundingStreamFactory(slug="iscf-wave-2", parent=fund)
    FundingAwardFactory(title="Fund", stream=fund, amount_gbp=2)
    FundingAwardFactory(title="Wave", stream=wave, amount_gbp=1)
    FundingAwardFactory(title="Other")

    assert titles(client.get(URL, {"stream": "iscf"})) == ["Fund", "Wave"]


def test_it_filters_by_year_qualifier_and_period(client):
    FundingAwardFactory(title="2019", announced_year=2019)
    FundingAwardFactory(title="Bound", amount_qualifier=AmountQualifier.MORE_THAN, announced_year=2020)
    FundingAwardFactory(title="Yearly", period=FundingPeriod.PER_YEAR, announced_year=2020)

    assert titles(client.get(URL, {"year": 2019})) == ["2019"]
    assert titles(client.get(URL, {"qualifier": "more_than"})) == ["Bound"]
    assert titles(client.get(URL, {"period": "per_year"})) == ["Yearly"]


def test_it_counts_each_option_as_the_rows_it_would_give_with_the_other_filters(client):
    dhsc = OrganisationFactory(slug="dhsc", name="DHSC")
    ukri = OrganisationFactory(slug="ukri", name="UKRI")
    FundingAwardFactory(funder=dhsc, announced_year=2019)
    FundingAwardFactory(funder=dhsc, announced_year=2020)
    FundingAwardFactory(funder=ukri, announced_year=2019)

    response = client.get(URL, {"year": 2019})

    assert facet(response, "funder") == {"dhsc": 1, "ukri": 1}
    assert facet(response, "year") == {"2019": 2, "2020": 1}
    assert "DHSC (1)" in response.content.decode()


def test_it_sorts_by_amount_descending_with_the_short_alias(client):
    FundingAwardFactory(title="Middle", amount_gbp=Decimal("2"))
    FundingAwardFactory(title="Small", amount_gbp=Decimal("1"))
    FundingAwardFactory(title="Large", amount_gbp=Decimal("3"))

    assert titles(client.get(URL, {"ordering": "-amount"})) == ["Large", "Middle", "Small"]
    ascending = client.get(URL, {"ordering": "amount"})
    assert titles(ascending) == ["Small", "Middle", "Large"]
    html = ascending.content.decode()
    assert 'aria-sort="ascending"' in html
    assert 'href="?ordering=-amount"' in html


def test_the_sort_links_keep_the_filters(client):
    FundingAwardFactory(funder=OrganisationFactory(slug="dhsc"))

    html = client.get(URL, {"funder": "dhsc"}).content.decode()

    assert 'href="?funder=dhsc&amp;ordering=amount"' in html


def test_totals_by_funder_keep_non_comparable_sums_apart_and_say_what_they_include(client):
    funder = OrganisationFactory(name="UK Government")
    lab = FundingAwardFactory(funder=funder, title="NHS AI Lab", amount_gbp=Decimal("250000000"))
    FundingAwardFactory(funder=funder, title="AI Award", amount_gbp=Decimal("140000000"), part_of=lab)
    FundingAwardFactory(
        funder=funder,
        title="Investment in technology",
        amount_gbp=Decimal("1000000000"),
        amount_qualifier=AmountQualifier.MORE_THAN,
        period=FundingPeriod.PER_YEAR,
    )
    FundingAwardFactory(funder=None, funder_description="industry", title="Match", is_expected_match=True)

    response = client.get(URL)

    by_name = {total.funder_name: total for total in response.context["funder_totals"]}
    assert by_name["UK Government"].comparable_total == Decimal("250000000")
    assert by_name["industry"].comparable_total == 0
    html = response.content.decode()
    assert "£250,000,000" in html  # the totals stay exact
    assert "1 one-off or multi-year award" in html
    assert "Counted inside “NHS AI Lab”" in html
    assert "A lower bound" in html
    assert "Matched funding expected from others" in html
    assert "£1,640,000,000" not in html  # never the sum of everything


def test_the_chart_is_an_svg_image_with_a_text_alternative_and_no_inline_style(client):
    FundingAwardFactory(funder=OrganisationFactory(name="UK Government"), amount_gbp=Decimal("250000000"))

    html = client.get(URL).content.decode()

    assert '<svg class="catalogue-chart"' in html
    assert 'role="img"' in html
    assert '<title id="funder-chart-title">' in html
    assert "UK Government: £250 million" in html  # in the <desc>
    assert "<caption" in html  # the same numbers in a table
    assert "style=" not in html


def test_totals_follow_the_filters(client):
    FundingAwardFactory(funder=OrganisationFactory(slug="dhsc", name="DHSC"), amount_gbp=Decimal("5"))
    FundingAwardFactory(funder=OrganisationFactory(slug="ukri", name="UKRI"), amount_gbp=Decimal("7"))

    response = client.get(URL, {"funder": "dhsc"})

    assert [total.funder_name for total in response.context["funder_totals"]] == ["DHSC"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"funder": "nobody"}, "funder"),
        ({"qualifier": "roughly"}, "qualifier"),
        ({"year": "soon"}, "year"),
        ({"amount_min": "-5"}, "amount_min"),
        ({"ordering": "secret"}, "ordering"),
    ],
)
def test_it_answers_400_with_the_fields_message_for_an_invalid_filter(client, params, field):
    FundingAwardFactory()

    response = client.get(URL, params)

    assert response.status_code == 400
    html = response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert "There is a problem" in html
    assert str(response.context["filter"].form.errors[field][0]) in html
    assert list(response.context["awards"]) == []


def test_it_makes_the_same_number_of_queries_with_few_and_many_awards(client, django_assert_num_queries):
    def add(count):
        for _ in range(count):
            award = FundingAwardFactory(stream=FundingStreamFactory())
            FundingAwardFactory(part_of=award, funder=award.funder)

    add(1)
    # count, page, sums by funder, the largest left-out awards, sums by year, one aggregate per facet (6)
    with django_assert_num_queries(11):
        assert client.get(URL).status_code == 200
    add(40)
    with django_assert_num_queries(11):
        assert client.get(URL, {"ordering": "-amount"}).status_code == 200


def test_an_award_with_no_funder_is_never_drawn_as_a_funder(client):
    FundingAwardFactory(funder=OrganisationFactory(name="UK Government"), amount_gbp=Decimal("250000000"))
    FundingAwardFactory(funder=None, funder_description="", stream=None, amount_gbp=Decimal("3000000"))

    response = client.get(URL)

    html = response.content.decode()
    start = html.index('<svg class="catalogue-chart"')
    chart = html[start : html.index("</svg>", start)]
    assert "UK Government" in chart
    assert "Not stated" not in chart
    assert "£3 million" not in chart
    assert [t.funder_name for t in response.context["funder_totals"]] == ["UK Government", "Not stated"]
    assert "None stated" not in html
    assert "Not stated" in html  # the stream and the funder, in the one wording


def test_the_table_shows_the_amount_as_written_with_the_exact_figure_beside_it(client):
    FundingAwardFactory(amount_gbp=Decimal("37000000"), amount_qualifier="at_least")

    html = client.get(URL).content.decode()

    assert "at least £37 million" in html
    assert "exactly at least £37,000,000" in html


def test_funding_past_its_budget_says_totals_are_not_shown(client, spent_budget):
    FundingAwardFactory(amount_qualifier="exact")

    response = client.get("/funding/", {"qualifier": "exact"})  # filtered: totals are summed live

    assert response.status_code == 200
    assert response.context["totals_not_shown"]
    assert "Totals by funder are not shown" in response.text
    assert len(response.context["awards"]) == 1


def test_totals_over_every_award_are_shown_even_past_the_budget(client, spent_budget):
    # Unfiltered, they are read from the kept sums (funding.kept_totals), so no slow facet can hide them.
    FundingAwardFactory(amount_gbp=Decimal("5000000"), amount_qualifier="exact")

    response = client.get("/funding/")

    assert not response.context["totals_not_shown"]
    assert response.context["overall"].comparable_total == Decimal("5000000")
    assert "Totals by funder are not shown" not in response.text
