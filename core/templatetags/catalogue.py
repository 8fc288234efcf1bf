"""Template helpers of the catalogue's own pages: citations, partial dates, query-string links.

Load with ``{% load catalogue %}``. None of these helpers queries the database when the
record's ``citations`` were prefetched (``Prefetch("citations", queryset=Citation.objects.for_display())``);
otherwise each citation helper costs one query per record.

- ``{% url_replace page=2 ordering="-name" %}``: the current query string with those keys set
  (``None`` or ``""`` removes a key); any change but ``page`` also drops ``page``.
- ``{% citations record %}``: the record's citations by field, each with its source link,
  claimed value, quote and a "Disputed" marker (``includes/citations.html``).
- ``{% cite record "announced" %}``: inline links from one fact to its citations on the same
  page, and the rival claims when the sources disagree (``includes/cite.html``).
- ``{{ programme.announced|partial_date }}``: a partial date as written, in a ``<time>`` element.
- ``record|cited_fields``, ``record|field_citations:"name"``, ``record|is_disputed:"name"``: the data
  behind those tags, for templates that lay citations out differently.
"""

from __future__ import annotations

from django import template
from django.db.models import Model
from django.http import QueryDict
from django.utils.html import format_html

from core.partial_dates import PartialDate
from sources.models import Citation
from sources.views import FieldCitations
from sources.views import cited_fields as _cited_fields

register = template.Library()

# Parts of a partial date that citations may name instead of the date itself.
_DATE_SUFFIXES = ("_year", "_month", "_day", "_qualifier")


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


@register.simple_tag(takes_context=True)
def url_replace(context, **changes) -> str:
    """The current URL's query string with some parameters changed or removed (no query).

    ``<a href="{% url_replace ordering='-amount' %}">``; ``{% url_replace kind=None %}`` removes ``kind``.
    """
    request = context.get("request")
    return query_string(request.GET if request is not None else QueryDict(), **changes)


# The name the brief and other apps may look for.
register.simple_tag(url_replace, takes_context=True, name="query_transform")


@register.filter
def partial_date(value: PartialDate | None) -> str:
    """A partial date as the source wrote it ("April 2019", "by 2024") in a ``<time>`` element."""
    if value is None:
        return ""
    return format_html('<time datetime="{}">{}</time>', value.iso(), str(value))


def _base_field(record: Model, name: str) -> str:
    """``announced`` for ``announced_year`` (a part of a partial date); any other name unchanged."""
    for suffix in _DATE_SUFFIXES:
        base = name.removesuffix(suffix)
        if base != name and base in getattr(record, "_partial_date_names", ()):
            return base
    return name


@register.filter
def cited_fields(record: Model | None) -> list[FieldCitations]:
    """The record's citations grouped by field, the record as a whole first (no query if prefetched)."""
    if record is None:
        return []
    return _cited_fields(record)


@register.filter
def field_citations(record: Model | None, name: str) -> list[Citation]:
    """The citations of one field of ``record`` (``announced`` also matches ``announced_year``)."""
    if record is None:
        return []
    return [c for c in record.citations.all() if c.field_name and _base_field(record, c.field_name) == name]


@register.filter
def whole_record_citations(record: Model | None) -> list[Citation]:
    """The citations of ``record`` that name no field: they support the record as a whole."""
    if record is None:
        return []
    return [c for c in record.citations.all() if not c.field_name]


@register.filter
def is_disputed(record: Model | None, name: str) -> bool:
    """True when the citations of that field claim different values."""
    claims = {c.claimed_value for c in field_citations(record, name) if c.claimed_value}
    return len(claims) > 1


@register.filter
def citation_anchor(citation: Citation) -> str:
    """The id of a citation's entry in the page's citation list, for in-page links."""
    return f"citation-{citation.pk}"


@register.inclusion_tag("includes/citations.html")
def citations(record: Model | None, heading: str = "Sources", heading_level: int = 2, heading_id: str = "") -> dict:
    """The citation list of a record: source link, field, claimed value, quote, disputed marker."""
    fields = cited_fields(record)
    return {
        "fields": fields,
        "heading": heading,
        "heading_level": heading_level,
        "heading_id": heading_id or (f"citations-{record._meta.model_name}-{record.pk}" if record else "citations"),
        "record": record,
    }


@register.inclusion_tag("includes/cite.html")
def cite(record: Model | None, name: str = "") -> dict:
    """Links from one fact to its citations in the page's citation list; rival claims when disputed.

    ``name`` empty links to the citations of the record as a whole, ``"*"`` to all its citations
    (for a row such as an organisation's role, cited as a whole or field by field).
    """
    if record is None:
        found = []
    elif name == "*":
        found = list(record.citations.all())
    elif name:
        found = field_citations(record, name)
    else:
        found = whole_record_citations(record)
    claims = {c.claimed_value for c in found if c.claimed_value}
    return {"citations": found, "disputed": len(claims) > 1}


@register.filter
def field_errors(form, name: str) -> list[str]:
    """The errors of one field of a form, by name (empty when the form or field has none)."""
    if form is None or not hasattr(form, "errors"):
        return []
    return list(form.errors.get(name, []))
