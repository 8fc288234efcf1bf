"""NHS.UK design-system pieces that need Python: the site navigation, sortable headers, pagination.

Load with ``{% load nhsuk %}``. The static components (breadcrumbs, summary list, card, tag,
details, inset text, error summary, action link, back link, table) are plain partials under
``templates/includes/``, used with ``{% include "includes/<name>.html" with ... %}``.
None of these tags queries the database.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.core.paginator import Page
from django.http import QueryDict

from core.query_strings import query_string
from core.reversing import url_for

register = template.Library()

# (label, URL name) of the header's menu, in order.
NAVIGATION = [
    ("Programmes", "programmes:programme-list"),
    ("Organisations", "organisations:organisation-list"),
    ("Funding", "funding:award-list"),
    ("Missions", "programmes:mission-list"),
    ("People", "organisations:person-list"),
    ("Sources", "sources:source-list"),
    ("Timeline", "catalogue:timeline"),
    ("Discrepancies", "catalogue:discrepancies"),
]


@dataclass(frozen=True)
class Link:
    """A link of the header menu or of the pagination."""

    text: str
    href: str
    current: bool = False


def _query(context, **changes) -> str:
    """The current query string with ``changes`` applied (see :func:`core.query_strings.query_string`)."""
    request = context.get("request")
    return query_string(request.GET if request is not None else QueryDict(), **changes)


@register.simple_tag
def site_url(name: str) -> str:
    """``{% url name %}`` for a page without arguments, reversed once (``core.reversing``): the header
    and footer link to a dozen pages on every page."""
    return url_for(name)


@register.simple_tag(takes_context=True)
def site_navigation(context) -> list[Link]:
    """The header menu; an item is current when the page is under its URL (``{% site_navigation as items %}``)."""
    request = context.get("request")
    path = request.path if request is not None else ""
    links = []
    for label, name in NAVIGATION:
        href = url_for(name)
        links.append(Link(label, href, current=path.startswith(href)))
    return links


@register.inclusion_tag("includes/table_sort_header.html", takes_context=True)
def sort_header(context, label: str, field: str, param: str = "ordering", numeric: bool = False) -> dict:
    """A ``<th>`` whose link sorts the table by ``field`` on the server (django-filter's OrderingFilter).

    The first click sorts ascending; clicking the current column reverses it. Other query
    parameters (filters) are kept and the page number is dropped. ``aria-sort`` tells assistive
    technology which column is sorted and how.
    """
    request = context.get("request")
    current = request.GET.get(param, "") if request is not None else ""
    if current == field:
        sort, next_value = "ascending", f"-{field}"
    elif current == f"-{field}":
        sort, next_value = "descending", field
    else:
        sort, next_value = None, field
    return {
        "label": label,
        "href": _query(context, **{param: next_value, "page": None}),
        "aria_sort": sort,
        "numeric": numeric,
    }


@register.inclusion_tag("includes/pagination.html", takes_context=True)
def pagination(context, page_obj: Page | None, param: str = "page", on_each_side: int = 1, on_ends: int = 1) -> dict:
    """Numbered NHS.UK pagination for a ``Page``: previous, page numbers with ellipses, next.

    Renders nothing when there is a single page. Filters in the query string are kept.
    """
    if page_obj is None or page_obj.paginator.num_pages <= 1:
        return {"pages": []}
    number = page_obj.number
    pages = []
    for item in page_obj.paginator.get_elided_page_range(number, on_each_side=on_each_side, on_ends=on_ends):
        if item == page_obj.paginator.ELLIPSIS:
            pages.append(None)
        else:
            pages.append(Link(str(item), _query(context, **{param: item}), current=item == number))
    return {
        "pages": pages,
        "previous": _query(context, **{param: page_obj.previous_page_number()}) if page_obj.has_previous() else None,
        "next": _query(context, **{param: page_obj.next_page_number()}) if page_obj.has_next() else None,
    }
