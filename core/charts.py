"""Server-rendered SVG charts: no JavaScript, no inline ``style`` attributes (a strict CSP forbids them).

Colours and sizes are SVG presentation attributes (``fill``, ``font-size``) or classes, so the
chart renders the same with or without the site's CSS. Each chart is ``role="img"`` with a
``<title>`` and a ``<desc>`` that states every value in words; pages should also show the numbers
in a table, which is the accessible version of the data.
"""

from __future__ import annotations

import calendar
import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from core.partial_dates import PartialDate

NHS_BLUE = "#005eb8"
TEXT_COLOUR = "#212b32"
TRACK_COLOUR = "#e8edee"


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (sets the length) and the value as a reader should see it."""

    label: str
    value: Decimal | int | float
    display: str


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str = "",
    chart_id: str = "chart",
    width: int = 400,
    value_width: int = 130,
    font_size: int = 16,
    bar_height: int = 20,
    gap: int = 14,
) -> SafeString:
    """A horizontal bar chart as safe SVG markup; bars are scaled to the largest value. No query.

    Each label stands on its own line above its bar, so the chart is narrow (``width`` 400) and
    its text stays legible when a phone scales it down: at 358 px, a 390 px phone's content width,
    16 drawn pixels are 14.3. ``description`` opens the ``<desc>``; each bar's label and display
    value follow it, so the text alternative carries every number even where labels are shortened.
    """
    largest = max((Decimal(str(bar.value)) for bar in bars), default=Decimal(0))
    track = width - value_width
    row_height = font_size + 6 + bar_height + gap
    height = max(len(bars), 1) * row_height + gap
    label_chars = int(width / (font_size * 0.5))
    rows = []
    for index, bar in enumerate(bars):
        label_y = gap + index * row_height + font_size
        y = label_y + 6
        length = int(Decimal(str(bar.value)) / largest * track) if largest > 0 else 0
        text_y = y + bar_height // 2 + font_size // 3
        rows.append(
            format_html(
                '<g class="catalogue-chart__bar">'
                '<text x="0" y="{}" font-size="{}" fill="{}">{}</text>'
                '<rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" y="{}" font-size="{}" fill="{}">{}</text>'
                "</g>",
                label_y, font_size, TEXT_COLOUR, _shorten(bar.label, label_chars),
                y, track, bar_height, TRACK_COLOUR,
                y, max(length, 1 if bar.value else 0), bar_height, NHS_BLUE,
                track + 8, text_y, font_size, TEXT_COLOUR, bar.display,
            )
        )  # fmt: skip
    words = "; ".join(f"{bar.label}: {bar.display}" for bar in bars) or "No data."
    desc = f"{description} {words}".strip()
    return _svg(chart_id, width, height, title, desc, _join(rows))


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: SafeString) -> SafeString:
    """The ``<svg>`` around a drawing: sized by ``viewBox`` only, named by its title and described in words."""
    return format_html(
        '<svg class="catalogue-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" font-family="Frutiger W01, Arial, sans-serif">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        desc=desc,
        body=body,
    )


def _join(parts: Sequence[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


@dataclass(frozen=True)
class TimelineMark:
    """One dated fact on a year axis: its date at the source's precision, its lane and its words."""

    date: PartialDate
    lane: str
    label: str


def _span(date: PartialDate) -> tuple[float, float]:
    """Where a partial date starts and ends, in fractional years: a whole year, a month, or one day."""
    if date.month is None:
        return float(date.year), float(date.year + 1)
    if date.day is None:
        return date.year + (date.month - 1) / 12, date.year + date.month / 12
    start = datetime.date(date.year, date.month, date.day)
    days = 366 if calendar.isleap(date.year) else 365
    point = date.year + (start.timetuple().tm_yday - 0.5) / days
    return point, point


def timeline_chart(
    marks: Sequence[TimelineMark],
    *,
    title: str,
    description: str = "",
    chart_id: str = "timeline-chart",
    width: int = 400,
    font_size: int = 16,
    band_height: int = 18,
    gap: int = 12,
) -> SafeString:
    """Dated facts along a horizontal year axis, one lane per kind of fact, as safe SVG. No query.

    Each fact is placed at its own precision: a fact known to the year is a pale band across its
    year, one known to the month a darker band across its month, one known to the day a dot; where
    bands overlap the colour deepens, so a busy year stands out. Lanes keep the order in which
    ``marks`` first name them. The axis labels every year, or every second, third... year when
    they would crowd (a label needs ``3 * font_size`` units). Returns an empty string for no marks.
    """
    if not marks:
        return SafeString("")
    first = min(mark.date.year for mark in marks)
    last = max(mark.date.year for mark in marks) + 1
    left, right = font_size * 1.25, width - font_size * 1.25
    per_year = (right - left) / (last - first)

    def x(year: float) -> float:
        return round(left + (year - first) * per_year, 2)

    lanes: dict[str, list[TimelineMark]] = {}
    for mark in marks:
        lanes.setdefault(mark.lane, []).append(mark)
    lane_height = font_size + 6 + band_height + gap
    label_chars = int(width / (font_size * 0.5))
    rows = []
    for index, (lane, lane_marks) in enumerate(lanes.items()):
        label_y = gap + index * lane_height + font_size
        y = label_y + 6
        shapes = [
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>', x(first), y, x(last) - x(first),
                band_height, TRACK_COLOUR,
            )
        ]  # fmt: skip
        for mark in lane_marks:
            start, end = _span(mark.date)
            if start == end:
                shapes.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="{}" fill="{}" stroke="#ffffff" stroke-width="1"></circle>',
                        x(start), y + band_height / 2, band_height / 3, NHS_BLUE,
                    )
                )  # fmt: skip
            else:
                opacity = "0.3" if mark.date.month is None else "0.7"
                shapes.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" fill-opacity="{}"></rect>',
                        x(start), y, max(x(end) - x(start), 2), band_height, NHS_BLUE, opacity,
                    )
                )  # fmt: skip
        rows.append(
            format_html(
                '<g class="catalogue-chart__lane"><text x="0" y="{}" font-size="{}" fill="{}">{}</text>{}</g>',
                label_y, font_size, TEXT_COLOUR, _shorten(f"{lane} ({len(lane_marks)})", label_chars), _join(shapes),
            )
        )  # fmt: skip
    axis_y = gap + len(lanes) * lane_height
    step = max(1, math.ceil(font_size * 3 / per_year))
    tick = '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>'
    ticks = [format_html(tick, x(year), axis_y, x(year), axis_y + 6, TEXT_COLOUR) for year in range(first, last + 1)]
    labels = [
        format_html(
            '<text x="{}" y="{}" font-size="{}" fill="{}" text-anchor="middle">{}</text>',
            x(year + 0.5), axis_y + 8 + font_size, font_size, TEXT_COLOUR, year,
        )
        for year in range(first, last, step)
    ]  # fmt: skip
    axis = format_html(
        '<g class="catalogue-chart__axis"><line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"></line>{}{}</g>',
        x(first), axis_y, x(last), axis_y, TEXT_COLOUR, _join(ticks), _join(labels),
    )  # fmt: skip
    words = "; ".join(f"{mark.date}: {mark.label} ({mark.lane})" for mark in marks)
    desc = f"{description} From {first} to {last - 1}. {words}.".strip()
    height = axis_y + 8 + font_size + gap
    return _svg(chart_id, width, height, title, desc, _join([*rows, axis]))


@dataclass(frozen=True)
class DiagramNode:
    """A box of a tree diagram: its label, words for the description, and its children in order."""

    label: str
    detail: str = ""
    children: tuple[DiagramNode, ...] = ()
    current: bool = False
    """Drawn filled: the record whose page shows the diagram."""


def _preorder(nodes: Sequence[DiagramNode]) -> list[tuple[DiagramNode, int, int | None]]:
    """Each node with its depth and the index of its parent row, parents before their children."""
    rows: list[tuple[DiagramNode, int, int | None]] = []
    stack = [(node, 0, None) for node in reversed(nodes)]
    while stack:
        node, depth, parent = stack.pop()
        rows.append((node, depth, parent))
        index = len(rows) - 1
        stack.extend((child, depth + 1, index) for child in reversed(node.children))
    return rows


def tree_diagram(
    roots: Sequence[DiagramNode],
    *,
    title: str,
    description: str = "",
    chart_id: str = "tree-diagram",
    width: int = 400,
    font_size: int = 16,
    indent: int = 24,
    max_indent: int = 120,
) -> SafeString:
    """A hierarchy as boxes joined by elbow lines, each child indented under its parent, as safe SVG.

    One row per node, parents first, so the drawing reads top to bottom like the nested list it
    stands beside and fits a phone at any depth: the indent shrinks so that the deepest box
    starts at most ``max_indent`` units in. Labels too long for their box are shortened; the
    ``<desc>`` names every node in full with its parent. No query; an empty string for no roots.
    """
    rows = _preorder(roots)
    if not rows:
        return SafeString("")
    deepest = max(depth for _, depth, _ in rows)
    step = min(indent, max_indent // deepest) if deepest else indent
    box_height = font_size + 12
    row_height = box_height + 10
    shapes = []
    for index, (node, depth, parent) in enumerate(rows):
        x, y = depth * step, 4 + index * row_height
        if parent is not None:
            parent_depth = rows[parent][1]
            shapes.append(
                format_html(
                    '<path d="M {} {} V {} H {}" fill="none" stroke="{}" stroke-width="2"></path>',
                    parent_depth * step + step // 2, 4 + parent * row_height + box_height, y + box_height // 2, x,
                    TEXT_COLOUR,
                )
            )  # fmt: skip
        fill, text_fill = (NHS_BLUE, "#ffffff") if node.current else ("#ffffff", TEXT_COLOUR)
        chars = int((width - x - 16) / (font_size * 0.55))
        shapes.append(
            format_html(
                '<g class="catalogue-chart__node"><rect x="{}" y="{}" width="{}" height="{}" rx="4" fill="{}" '
                'stroke="{}" stroke-width="2"></rect><text x="{}" y="{}" font-size="{}" fill="{}">{}</text></g>',
                x + 1, y, width - x - 3, box_height, fill, NHS_BLUE,
                x + 9, y + box_height // 2 + font_size // 3, font_size, text_fill, _shorten(node.label, chars),
            )
        )  # fmt: skip
    described = []
    for node, _, parent in rows:
        words = node.label + (f", {node.detail}" if node.detail else "") + (" (this page)" if node.current else "")
        if parent is not None:
            words += f", part of {rows[parent][0].label}"
        described.append(words)
    desc = f"{description} {'; '.join(described)}.".strip()
    return _svg(chart_id, width, 4 + len(rows) * row_height, title, desc, _join(shapes))
