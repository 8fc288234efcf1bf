"""The programme page: facts as written, organisations, funding, missions, figures, events, citations."""

from decimal import Decimal

import pytest

from core.models import AmountQualifier
from funding.models import FundingPeriod
from funding.tests.factories import FundingAwardFactory
from organisations.tests.factories import OrganisationFactory
from programmes.models import ProgrammeRole
from programmes.tests.factories import (
    EventFactory,
    MetricFactory,
    MissionFactory,
    ProgrammeAliasFactory,
    ProgrammeFactory,
    ProgrammeOrganisationFactory,
    ProgrammeRelationshipFactory,
    TopicFactory,
)
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return response.content.decode()


def test_it_shows_partial_dates_as_written(client):
    programme = ProgrammeFactory(
        announced_year=2019, announced_month=4, target_year=2024, target_month=None, target_qualifier="by"
    )

    response = client.get(programme.get_absolute_url())

    assert response.status_code == 200
    assert '<time datetime="2019-04">April 2019</time>' in text(response)
    assert '<time datetime="2024">by 2024</time>' in text(response)


def test_it_has_a_title_description_and_breadcrumbs_back_to_the_list_and_parent(client):
    parent = ProgrammeFactory(name="NHS AI Lab programme")
    programme = ProgrammeFactory(name="AI Award", summary="Money for AI in the NHS.", parent=parent)

    html = text(client.get(programme.get_absolute_url()))

    assert "<title>AI Award \N{EN DASH} Programmes \N{EN DASH} NHS digital and AI programmes catalogue</title>" in html
    assert '<meta name="description" content="Money for AI in the NHS.">' in html
    assert 'href="/programmes/">Programmes</a>' in html
    assert f'href="{parent.get_absolute_url()}">NHS AI Lab programme</a>' in html


def test_it_lists_lead_and_partner_organisations_with_their_roles(client):
    programme = ProgrammeFactory()
    lead = ProgrammeOrganisationFactory(programme=programme, organisation__name="NHSX", role=ProgrammeRole.LEAD)
    ProgrammeOrganisationFactory(programme=programme, organisation__name="Kheiron", role=ProgrammeRole.PARTNER)

    response = client.get(programme.get_absolute_url())

    assert [role.organisation.name for role in response.context["lead_roles"]] == ["NHSX"]
    assert [role.organisation.name for role in response.context["other_roles"]] == ["Kheiron"]
    assert lead.organisation.get_absolute_url() in text(response)
    assert "Partner" in text(response)


def test_it_links_parent_and_child_programmes(client):
    parent = ProgrammeFactory(name="Parent programme")
    programme = ProgrammeFactory(parent=parent)
    child = ProgrammeFactory(name="Child programme", parent=programme)

    html = text(client.get(programme.get_absolute_url()))

    assert parent.get_absolute_url() in html
    assert f'href="{child.get_absolute_url()}">Child programme</a>' in html


def test_it_shows_funding_received_with_totals_that_keep_yearly_and_bounded_sums_apart(client):
    programme = ProgrammeFactory()
    FundingAwardFactory(recipient_programme=programme, title="Grant one", amount_gbp=Decimal("2000000"))
    FundingAwardFactory(recipient_programme=programme, title="Grant two", amount_gbp=Decimal("3000000"))
    FundingAwardFactory(
        recipient_programme=programme, title="Yearly", amount_gbp=Decimal("500000"), period=FundingPeriod.PER_YEAR
    )
    FundingAwardFactory(
        recipient_programme=programme,
        title="Bounded",
        amount_gbp=Decimal("1000000000"),
        amount_qualifier=AmountQualifier.MORE_THAN,
    )

    response = client.get(programme.get_absolute_url())

    funding = response.context["funding"]
    assert funding.comparable_total == Decimal("5000000")
    assert funding.per_year_total == Decimal("500000")
    assert [item.award.title for item in funding.left_out] == ["Bounded"]
    html = text(response)
    assert "£5,000,000" in html
    assert "£500,000 a year" in html
    assert "more than £1,000,000,000" in html
    assert "A lower bound" in html


def test_it_lists_missions_figures_events_and_aliases(client):
    mission = MissionFactory(title="Make the NHS easier to use")
    programme = ProgrammeFactory(missions=[mission], topics=[TopicFactory(name="Apps")])
    MetricFactory(programme=programme, name="NHS App logins", value=Decimal("1900000"), unit="logins")
    event = EventFactory(name="App launched", programmes=[programme])
    ProgrammeAliasFactory(programme=programme, name="The App")

    html = text(client.get(programme.get_absolute_url()))

    assert mission.get_absolute_url() in html
    assert "1,900,000 logins" in html
    assert f'href="{event.get_absolute_url()}">App launched</a>' in html
    assert "21 January 2020" in html
    assert "The App" in html
    assert "Apps" in html


def test_it_links_each_fact_to_its_citation_with_source_claim_and_quote(client):
    programme = ProgrammeFactory(announced_year=2019, announced_month=4)
    source = SourceFactory(title="NHSX launches the AI Lab", slug="ai-lab-launch")
    citation = CitationFactory(
        record=programme, source=source, field_name="announced", claimed_value="April 2019", quote="In April 2019, ..."
    )

    html = text(client.get(programme.get_absolute_url()))

    assert f'href="#citation-{citation.pk}">[<span class="nhsuk-u-visually-hidden">reference </span>1]</a>' in html
    assert f'id="citation-{citation.pk}"' in html
    assert 'href="/sources/ai-lab-launch/">NHSX launches the AI Lab</a>' in html
    assert "April 2019" in html
    assert "<blockquote" in html
    assert "In April 2019, ..." in html


def test_it_cites_the_rows_about_the_programme_too(client):
    programme = ProgrammeFactory()
    role = ProgrammeOrganisationFactory(programme=programme)
    metric = MetricFactory(programme=programme)
    award = FundingAwardFactory(recipient_programme=programme)
    role_citation = CitationFactory(record=role, quote="NHSX leads it.")
    metric_citation = CitationFactory(record=metric, quote="1.9 million logins.")
    award_citation = CitationFactory(record=award, quote="£1 million for it.")

    html = text(client.get(programme.get_absolute_url()))

    for citation in (role_citation, metric_citation, award_citation):
        assert f'href="#citation-{citation.pk}"' in html
        assert f'id="citation-{citation.pk}"' in html
        assert citation.quote in html


def test_it_marks_a_disputed_field_and_shows_each_claim_with_its_source_and_quote(client):
    programme = ProgrammeFactory(announced_year=2019, announced_month=4)
    first = CitationFactory(
        record=programme,
        field_name="announced",
        claimed_value="April 2019",
        quote="announced in April 2019",
        source__title="First article",
    )
    second = CitationFactory(
        record=programme,
        field_name="announced",
        claimed_value="July 2019",
        quote="announced in July 2019",
        source__title="Second article",
    )

    response = client.get(programme.get_absolute_url())

    html = text(response)
    assert set(response.context["disputed"]) == {"announced"}
    assert "Sources disagree" in html
    claims = html[html.index("What each source claims (announced)"):]
    claims = claims[: claims.index("</table>")]
    assert "“April 2019”" in claims
    assert "“July 2019”" in claims
    assert f'<a href="#citation-{first.pk}">[1] First article</a>' in claims
    assert f'<a href="#citation-{second.pk}">[2] Second article</a>' in claims
    assert "announced in April 2019" in html
    assert "announced in July 2019" in html


def test_it_answers_404_for_an_unknown_slug(client):
    assert client.get("/programmes/no-such-programme/").status_code == 404


def test_it_makes_the_same_number_of_queries_however_much_the_programme_has(client, django_assert_num_queries):
    def add_one_of_each(programme):
        role = ProgrammeOrganisationFactory(programme=programme, organisation=OrganisationFactory())
        CitationFactory(record=role)
        CitationFactory(record=ProgrammeAliasFactory(programme=programme))
        CitationFactory(record=MetricFactory(programme=programme))
        CitationFactory(record=FundingAwardFactory(recipient_programme=programme))
        CitationFactory(record=programme, field_name="summary", claimed_value="x")
        ProgrammeFactory(parent=programme)
        EventFactory(programmes=[programme])
        CitationFactory(record=ProgrammeRelationshipFactory(subject=programme))

    small = ProgrammeFactory(parent=ProgrammeFactory(), missions=[MissionFactory()], topics=[TopicFactory()])
    small.missions.get().other_organisations.add(OrganisationFactory())
    add_one_of_each(small)
    big = ProgrammeFactory(parent=ProgrammeFactory(), missions=[MissionFactory() for _ in range(3)])
    big.topics.set([TopicFactory() for _ in range(3)])
    for _ in range(6):
        add_one_of_each(big)

    # programme (with parent), roles, role citations, topics, aliases, alias citations, children,
    # relationships, relationship citations, missions, missions' other organisations, metrics,
    # metric citations, events, citations, awards, award citations
    with django_assert_num_queries(17):
        assert client.get(small.get_absolute_url()).status_code == 200
    with django_assert_num_queries(17):
        assert client.get(big.get_absolute_url()).status_code == 200
