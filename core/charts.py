"""Server-rendered SVG charts: no JavaScript, no inline ``style`` attributes (a strict CSP forbids them).

Colours and sizes are SVG presentation attributes (``fill``, ``font-size``) or classes, so the
chart renders the same with or without the site's CSS. Each chart is ``role="img"`` with a
``<title>`` and a ``<desc>`` that states every value in words; pages should also show the numbers
in a table, which is the accessible version of the data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

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
    return format_html(
        '<svg class="catalogue-chart" xmlns="http://www.w3.org/2000/svg" role="img" '
        'aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" width="100%" '
        'preserveAspectRatio="xMinYMin meet" font-family="Frutiger W01, Arial, sans-serif">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{rows}</svg>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        desc=desc,
        rows=format_html_join("", "{}", ((row,) for row in rows)),
    )
