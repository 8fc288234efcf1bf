"""Search headlines: the matched words marked in a field; matching and ranking live in ``core/search.py``.

``with_headline`` cuts a field around the matched words (``ts_headline`` on PostgreSQL) and
``highlight`` turns it into escaped HTML with ``<mark>``; on SQLite the query's words are
marked in the text.
"""

from __future__ import annotations

import html
import re

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
)
from django.db import connections
from django.db.models import F, QuerySet
from django.utils.safestring import SafeString, mark_safe

SEARCH_CONFIG = "english"
# Control characters cannot occur in stored text, so they mark highlights unambiguously.
_MARK_START, _MARK_STOP = "\x02", "\x03"


def is_postgres(queryset: QuerySet) -> bool:
    """True when the queryset's database is PostgreSQL."""
    return connections[queryset.db].vendor == "postgresql"


def with_headline(queryset: QuerySet, query: str, field: str) -> QuerySet:
    """Annotate ``search_headline``: ``field`` cut around the matches, with control marks on PostgreSQL.

    Turn it into HTML with :func:`highlight`, which escapes the text first.
    """
    query = query.strip()
    if not query or not is_postgres(queryset):
        return queryset.annotate(search_headline=F(field))
    return queryset.annotate(
        search_headline=SearchHeadline(
            field,
            SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG),
            config=SEARCH_CONFIG,
            start_sel=_MARK_START,
            stop_sel=_MARK_STOP,
            max_words=30,
            min_words=12,
        )
    )


def highlight(text: str, query: str = "") -> SafeString:
    """Escape ``text`` and wrap the matched words in ``<mark>``.

    Uses PostgreSQL's marks when present; otherwise marks each case-insensitive occurrence of
    the query's words (the SQLite fallback). Stored text is always escaped: it may hold HTML.
    """
    text = text or ""
    if _MARK_START in text:
        escaped = html.escape(text)
        return mark_safe(escaped.replace(_MARK_START, "<mark>").replace(_MARK_STOP, "</mark>"))  # noqa: S308
    words = sorted({word for word in query.split() if len(word) > 1}, key=len, reverse=True)
    if not words:
        return mark_safe(html.escape(text))  # noqa: S308
    pattern = re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)
    pieces, position = [], 0
    for match in pattern.finditer(text):
        pieces.append(html.escape(text[position : match.start()]))
        pieces.append(f"<mark>{html.escape(match.group())}</mark>")
        position = match.end()
    pieces.append(html.escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308
