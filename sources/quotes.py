"""Checking that a citation's quote really is in its source document.

Pure Python (no Django), so tests and scripts can use it directly. Quotes are compared
after collapsing every run of whitespace (spaces, tabs, line breaks, non-breaking spaces)
to a single space: a quote may span a line break in the source, but every other character,
curly quotes and apostrophes included, has to match exactly.
"""

from __future__ import annotations


def normalise_whitespace(text: str) -> str:
    """``text`` with each run of whitespace (Unicode included) turned into one space, ends trimmed."""
    return " ".join(text.split())


def quote_in_source(quote: str, text: str) -> bool:
    """True when ``quote`` occurs verbatim in ``text``, ignoring only differences of whitespace.

    An empty (or all-whitespace) quote is never "found": a citation needs words to check.
    """
    needle = normalise_whitespace(quote)
    return bool(needle) and needle in normalise_whitespace(text)
