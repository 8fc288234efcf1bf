"""Pictures on organisation pages: the structure as a tree beside its list, and the funding by year and funder."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

import organisations.views
from core.models import AmountQualifier
from funding.tests.factories import FundingAwardFactory
from organisations.models import OrganisationKind
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def chart(html: str, chart_id: str) -> str:
    start = html.index(f'aria-labelledby="{chart_id}-title')
    return html[html.rindex("<svg", 0, start) : html.index("</svg>", start)]


def drawn(svg: str) -> list[str]:
    return re.findall(r"<text [^>]*>([^<]*)</text>", svg)


def desc(svg: str) -> str:
    return re.search(r"<desc [^>]*>([^<]*)</desc>", svg).group(1)


@pytest.fixture
def structure():
    dhsc = OrganisationFactory(name="Department of Health", acronym="", kind=OrganisationKind.GOVERNMENT)
    nhsx = OrganisationFactory(name="NHSX", acronym="", parent=dhsc, kind=OrganisationKind.UNIT)
    lab = OrganisationFactory(name="NHS AI Lab", acronym="", parent=nhsx, kind=OrganisationKind.UNIT)
    OrganisationFactory(name="Skunkworks", acronym="", parent=lab, kind=OrganisationKind.UNIT)
    OrganisationFactory(name="Transformation Directorate", acronym="", parent=dhsc, kind=OrganisationKind.UNIT)
    OrganisationFactory(name="Alan Turing Institute", acronym="", kind=OrganisationKind.RESEARCH)
    return lab


def test_the_list_draws_the_structure_beside_the_nested_list_with_the_same_organisations(client, structure):
    response = client.get(reverse("organisations:organisation-list"))

    html = response.content.decode()
    svg = chart(html, "structure-diagram")
    names = [
        "Alan Turing Institute",
        "Department of Health",
        "NHSX",
        "NHS AI Lab",
        "Skunkworks",
        "Transformation Directorate",
    ]
    assert drawn(svg) == names  # parents first, each child under its parent
    listed = re.findall(r'<a href="/organisations/[^"]+/">([^<]+)</a>', html[html.index("catalogue-tree") :])
    assert listed == names
    assert "NHS AI Lab, Unit or lab within a body, part of NHSX" in desc(svg)
    assert "Skunkworks, Unit or lab within a body, part of NHS AI Lab" in desc(svg)


def test_the_diagram_follows_the_filters(client, structure):
    response = client.get(reverse("organisations:organisation-list"), {"kind": OrganisationKind.RESEARCH})

    assert drawn(chart(response.content.decode(), "structure-diagram")) == ["Alan Turing Institute"]


def test_an_organisation_page_draws_its_ancestors_itself_and_its_parts_but_not_its_cousins(client, structure):
    html = client.get(structure.get_absolute_url()).content.decode()

    svg = chart(html, "branch-diagram")
    assert drawn(svg) == ["Department of Health", "NHSX", "NHS AI Lab", "Skunkworks"]
    assert "NHS AI Lab, Unit or lab within a body (this page), part of NHSX" in desc(svg)
    assert 'fill="#005eb8"' in svg  # the organisation itself is filled in
    assert "Transformation Directorate" not in html[html.index('id="structure-heading"') :]


def test_an_organisation_with_no_parent_and_no_parts_has_no_diagram(client, structure):
    turing = OrganisationFactory(name="Lone body")

    html = client.get(turing.get_absolute_url()).content.decode()

    assert "branch-diagram" not in html
    assert 'id="structure-heading"' not in html


@pytest.fixture
def funded(structure):
    dhsc = structure.parent.parent
    ukri = OrganisationFactory(name="UKRI", acronym="")
    for funder, amount, year in ((dhsc, 250_000_000, 2019), (ukri, 30_000_000, 2020), (None, 5_000_000, 2020)):
        FundingAwardFactory(
            funder=funder,
            recipient_programme=None,
            recipient_organisation=structure,
            amount_gbp=Decimal(amount),
            announced_year=year,
        )
    FundingAwardFactory(
        title="Ambition",
        funder=dhsc,
        recipient_programme=None,
        recipient_organisation=structure,
        amount_gbp=Decimal(1_000_000_000),
        amount_qualifier=AmountQualifier.MORE_THAN,
        announced_year=None,
        announced_month=None,
    )
    return structure


def test_an_organisation_page_pictures_what_it_received_by_year_and_by_funder(client, funded):
    html = client.get(funded.get_absolute_url()).content.decode()

    assert drawn(chart(html, "received-year-chart")) == ["2019", "£250 million", "2020", "£35 million"]
    assert drawn(chart(html, "received-funder-chart")) == [
        "Department of Health",
        "£250 million",
        "UKRI",
        "£30 million",
    ]
    years = html[html.index('id="received-years"') : html.index("</table>", html.index('id="received-years"'))]
    for cell in ("£250,000,000", "£35,000,000", "Date not stated", "Ambition</a>: more than £1 billion"):
        assert cell in years
    assert "Not stated" in html[html.index('id="received-by-funder"') :]  # in the table, never as a bar


def test_an_organisation_page_pictures_what_it_gave_by_year(client, funded):
    dhsc = funded.parent.parent

    html = client.get(dhsc.get_absolute_url()).content.decode()

    assert drawn(chart(html, "given-year-chart")) == ["2019", "£250 million"]
    assert "received-year-chart" not in html
    assert "Not drawn: 1 award with no date stated." in desc(chart(html, "given-year-chart"))


def test_the_list_draws_no_diagram_beyond_the_limit_and_says_how_to_see_one(client, structure, monkeypatch):
    monkeypatch.setattr(organisations.views, "DIAGRAM_LIMIT", 5)

    html = client.get(reverse("organisations:organisation-list")).content.decode()

    assert "structure-diagram" not in html
    assert "drawn as a diagram for up to 5 organisations" in html
    assert html.count('<ul class="nhsuk-list nhsuk-list--bullet catalogue-tree">') == 4  # the list stands
    filtered = client.get(reverse("organisations:organisation-list"), {"q": "NHS"}).content.decode()
    assert "structure-diagram" in filtered


def test_a_branch_too_big_to_draw_keeps_its_list_of_parts(client, structure, monkeypatch):
    monkeypatch.setattr(organisations.views, "DIAGRAM_LIMIT", 1)  # DHSC has two parts
    dhsc = structure.parent.parent

    html = client.get(dhsc.get_absolute_url()).content.decode()

    assert "branch-diagram" not in html
    assert 'id="children-heading"' in html
    assert "Transformation Directorate" in html
