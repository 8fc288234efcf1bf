"""Links that change one part of the current query string: a filter, the order, the page.

The one home of the rule every list's links share: changing anything but the page drops the
page, so a new filter or sort starts on the first page. Templates use Django's
``{% querystring %}`` (with ``page=None`` where they change a filter); Python code building
links (facets, pagination, sortable headers) uses :func:`query_string`.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.http import QueryDict


def query_string(query: QueryDict, **changes) -> str:
    """``query`` with ``changes`` applied, as ``?a=1&b=2`` (``?`` alone when empty).

    A value of ``None`` or ``""`` removes the key; a list sets several values. Changing anything
    but ``page`` drops ``page``, so a new filter or sort starts on the first page.
    """
    query = query.copy()
    if any(key != "page" for key in changes):
        query.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        elif isinstance(value, list | tuple):
            query.setlist(key, [str(item) for item in value])
        else:
            query[key] = str(value)
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"


def value_links(query: QueryDict, key: str) -> Callable[[object], str]:
    """A function giving the link that sets ``key`` to a value, the rest of ``query`` encoded once.

    For many links that differ only in one parameter (a facet's options, the topics in a table):
    ``link = value_links(request.GET, "topic")``, then ``link("imaging")``. The same rule as
    :func:`query_string` (the page is dropped), without copying and encoding the query per link.
    """
    without = query_string(query, **{key: None})
    joiner = "&" if len(without) > 1 else ""
    return lambda value: f"{without}{joiner}{urlencode({key: str(value)})}"
