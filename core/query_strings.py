"""Links that change one part of the current query string: a filter, the order, the page.

The one home of the rule every list's links share: changing anything but the page drops the
page, so a new filter or sort starts on the first page. Templates use Django's
``{% querystring %}`` (with ``page=None`` where they change a filter); Python code building
links (facets, pagination, sortable headers) uses :func:`query_string`.
"""

from __future__ import annotations

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
