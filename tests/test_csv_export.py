"""CSV exports never hand a spreadsheet a formula: a cell that would start one is prefixed with a quote."""

import csv
import io

import pytest

from core.api.renderers import CatalogueCSVRenderer, flatten
from programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        *["=1+1", "+1", "-1", "@SUM(A1)", "\t=1"],
        *['\uff1dHYPERLINK("http://x")', "\uff0b1", "\uff0d1", "\uff20SUM(A1)", "\ufe661"],  # fullwidth, small
    ],
)
def test_a_cell_starting_a_formula_is_neutralised(text):
    assert flatten({"name": text}) == {"name": "'" + text}


@pytest.mark.parametrize("text", ["NHS AI Lab", "1 = 1", "", "équipe", "(=1)"])
def test_ordinary_text_is_left_as_it_is(text):
    assert flatten({"name": text}) == {"name": text}


def test_a_fullwidth_formula_in_a_record_is_quoted_in_the_export(anonymous_client):
    ProgrammeFactory(name='\uff1dHYPERLINK("http://evil.example","click")')

    response = anonymous_client().get("/api/programmes/?format=csv")

    [row] = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert row["name"].startswith("'\uff1dHYPERLINK")


def test_the_renderer_quotes_nested_and_listed_cells_too():
    rendered = CatalogueCSVRenderer().render([{"a": {"b": "\uff20x"}, "c": [{"name": "\uff1dy"}, "z"]}]).decode()

    assert "'\uff20x" in rendered
    assert "'\uff1dy; z" in rendered
