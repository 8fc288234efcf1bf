"""The SVG builders of core.charts: every value in words, positions scaled to the data, labels escaped."""

import itertools
import re
from decimal import Decimal
from xml.etree import ElementTree

from core.charts import Bar, DiagramNode, TimelineMark, bar_chart, timeline_chart, tree_diagram
from core.partial_dates import PartialDate

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ElementTree.Element:
    """The chart as XML: it must be well-formed, with its text escaped."""
    return ElementTree.fromstring(str(svg))  # noqa: S314 - our own markup, parsed to check it is well-formed


def texts(root: ElementTree.Element) -> list[str]:
    return [element.text for element in root.iter(f"{SVG}text")]


def font_sizes(root: ElementTree.Element) -> set[float]:
    return {float(element.get("font-size")) for element in root.iter(f"{SVG}text")}


def rects(root: ElementTree.Element, fill: str) -> list[ElementTree.Element]:
    return [element for element in root.iter(f"{SVG}rect") if element.get("fill") == fill]


def assert_accessible(root: ElementTree.Element, chart_id: str) -> None:
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == f"{chart_id}-title {chart_id}-desc"
    assert root.find(f"{SVG}title").get("id") == f"{chart_id}-title"
    assert root.find(f"{SVG}desc").get("id") == f"{chart_id}-desc"
    assert "style" not in str(ElementTree.tostring(root))


# Bar chart ----------------------------------------------------------------------------------


def test_bar_chart_scales_bars_to_the_largest_value_and_states_every_value():
    svg = bar_chart(
        [Bar("DHSC", Decimal(250), "£250 million"), Bar("UKRI", Decimal(50), "£50 million")],
        title="By funder",
        description="Totals.",
        chart_id="c",
    )
    root = parse(svg)

    assert_accessible(root, "c")
    widths = [int(rect.get("width")) for rect in rects(root, "#005eb8")]
    assert widths == [270, 54]  # a 270-unit track: 250/250 and 50/250 of it
    assert root.find(f"{SVG}desc").text == "Totals. DHSC: £250 million; UKRI: £50 million"
    assert texts(root) == ["DHSC", "£250 million", "UKRI", "£50 million"]


def test_bar_chart_escapes_labels():
    root = parse(bar_chart([Bar('<script>"&', 1, "£1")], title="T & <b>", chart_id="c"))

    assert texts(root)[0] == '<script>"&'
    assert root.find(f"{SVG}title").text == "T & <b>"


def test_bar_chart_of_nothing_says_so():
    root = parse(bar_chart([], title="Empty", chart_id="c"))

    assert root.find(f"{SVG}desc").text == "No data."
    assert rects(root, "#005eb8") == []


# Timeline -----------------------------------------------------------------------------------


def marks():
    return [
        TimelineMark(PartialDate(2018), "Event", "Founded, NHSX"),
        TimelineMark(PartialDate(2019, 4), "Event", "Launched, NHS AI Lab"),
        TimelineMark(PartialDate(2020, 7, 2), "Funding award", "Announced, <AI Award>"),
    ]


def test_timeline_places_each_fact_at_its_precision_on_a_year_axis():
    root = parse(timeline_chart(marks(), title="Timeline", chart_id="t"))

    assert_accessible(root, "t")
    # Three years over the 360 units between the margins: 120 units a year, from x = 20.
    year, month = list(rects(root, "#005eb8"))
    assert (float(year.get("x")), float(year.get("width"))) == (20.0, 120.0)
    assert (float(month.get("x")), float(month.get("width"))) == (170.0, 10.0)  # April 2019: 2019 + 3/12
    assert year.get("fill-opacity") < month.get("fill-opacity")  # a year is paler than a month
    (day,) = root.iter(f"{SVG}circle")
    assert 20 + 2 * 120 + 120 * 183 / 366 - 0.5 < float(day.get("cx")) < 20 + 2 * 120 + 120 * 184 / 366  # 2 July 2020
    assert [t for t in texts(root) if re.fullmatch(r"\d{4}", t)] == ["2018", "2019", "2020"]


def test_timeline_gives_each_kind_a_lane_and_states_every_fact():
    root = parse(timeline_chart(marks(), title="Timeline", chart_id="t", description="Facts."))

    assert "Event (2)" in texts(root)
    assert "Funding award (1)" in texts(root)
    desc = root.find(f"{SVG}desc").text
    assert desc == (
        "Facts. From 2018 to 2020. 2018: Founded, NHSX (Event); April 2019: Launched, NHS AI Lab (Event); "
        "2 July 2020: Announced, <AI Award> (Funding award)."
    )


def test_timeline_labels_fewer_years_when_they_would_crowd():
    root = parse(
        timeline_chart(
            [TimelineMark(PartialDate(2000), "Event", "a"), TimelineMark(PartialDate(2029), "Event", "b")], title="T"
        )
    )

    years = [int(t) for t in texts(root) if re.fullmatch(r"\d{4}", t)]
    assert years[0] == 2000
    assert len(years) < 30
    steps = {b - a for a, b in itertools.pairwise(years)}
    assert len(steps) == 1
    assert steps.pop() > 1
    assert min(font_sizes(root)) == 16


def test_timeline_of_nothing_is_empty():
    assert timeline_chart([], title="T") == ""


# Tree diagram -------------------------------------------------------------------------------


def tree():
    return [
        DiagramNode(
            "Department of Health and Social Care",
            "Government department",
            children=(
                DiagramNode("NHSX", "Unit", children=(DiagramNode("NHS AI Lab", "Programme", current=True),)),
                DiagramNode("NHS <England> & Improvement"),
            ),
        )
    ]


def test_tree_diagram_draws_one_box_a_node_indented_under_its_parent():
    root = parse(tree_diagram(tree(), title="Structure", chart_id="s"))

    assert_accessible(root, "s")
    boxes = list(root.iter(f"{SVG}rect"))
    assert [int(box.get("x")) - 1 for box in boxes] == [0, 24, 48, 24]  # depth by depth, parents first
    assert [box.get("fill") for box in boxes] == ["#ffffff", "#ffffff", "#005eb8", "#ffffff"]
    assert texts(root) == ["Department of Health and Social Care", "NHSX", "NHS AI Lab", "NHS <England> & Improvement"]
    assert len(list(root.iter(f"{SVG}path"))) == 3  # one line from each child to its parent


def test_tree_diagram_describes_every_node_with_its_parent():
    desc = parse(tree_diagram(tree(), title="Structure", chart_id="s", description="Parts.")).find(f"{SVG}desc").text

    assert desc == (
        "Parts. Department of Health and Social Care, Government department; NHSX, Unit, part of Department of "
        "Health and Social Care; NHS AI Lab, Programme (this page), part of NHSX; NHS <England> & Improvement, "
        "part of Department of Health and Social Care."
    )


def test_a_deep_tree_still_fits_and_long_labels_are_shortened():
    node = DiagramNode("A very long organisation name that cannot fit in the box at its depth on a phone screen")
    for level in range(12):
        node = DiagramNode(f"Level {level}", children=(node,))
    root = parse(tree_diagram([node], title="Deep"))

    boxes = list(root.iter(f"{SVG}rect"))
    assert max(int(box.get("x")) for box in boxes) <= 121
    assert all(int(box.get("x")) + int(box.get("width")) <= 400 for box in boxes)
    assert texts(root)[-1].endswith("…")
    assert min(font_sizes(root)) == 16


def test_tree_diagram_of_nothing_is_empty():
    assert tree_diagram([], title="T") == ""
