"""Problem 10 of issue 13: pictures where readers want them, each beside the same data as text.

Before, the catalogue drew one chart (funding by funder): the timeline was a text list, the
organisation structure nested bullets, and nothing showed funding over time. Each picture must
now be on its page, drawn by the server as an accessible SVG image, next to its table or list.
"""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def svg_named(html: str, chart_id: str) -> str:
    start = html.index(f'aria-labelledby="{chart_id}-title {chart_id}-desc"')
    return html[html.rindex("<svg", 0, start) : html.index("</svg>", start) + len("</svg>")]


@pytest.mark.parametrize(
    ("page", "chart_id", "data"),
    [
        ("funding", "funding-year-chart", 'id="funding-years"'),
        ("funding", "funder-chart", "Totals by funder, and what each includes"),
        ("timeline", "timeline-chart", 'class="nhsuk-list catalogue-timeline"'),
        ("organisations", "structure-diagram", 'class="nhsuk-list nhsuk-list--bullet catalogue-tree"'),
        ("organisation", "branch-diagram", 'class="nhsuk-list nhsuk-list--bullet catalogue-tree"'),
        ("funder", "given-year-chart", 'id="given-years"'),
    ],
)
def test_problem_10_each_picture_is_drawn_beside_its_data(client, build_catalogue, page, chart_id, data):
    first = build_catalogue()
    url = {
        "funding": reverse("funding:award-list"),
        "timeline": reverse("catalogue:timeline"),
        "organisations": reverse("organisations:organisation-list"),
        "organisation": first.organisation.get_absolute_url(),
        "funder": first.funder.get_absolute_url(),
    }[page]

    response = client.get(url)

    html = response.content.decode()
    assert response.status_code == 200
    svg = svg_named(html, chart_id)
    assert 'role="img"' in svg
    assert re.search(r"<title [^>]*>[^<]+</title><desc [^>]*>[^<]+</desc>", svg)
    assert " style=" not in svg
    assert "<script" not in svg
    assert data in html, "the same data as a table or list"
