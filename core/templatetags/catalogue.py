"""Template helpers of the catalogue's own pages that need no app: partial dates and form errors.

Load with ``{% load catalogue %}``. (Citation tags are ``{% load citations %}``, in ``sources``;
query-string links use Django's ``{% querystring %}``.) None of these helpers queries the database.

- ``{{ programme.announced|partial_date }}``: a partial date as written, in a ``<time>`` element.
- ``form|field_errors:"name"``: the errors of one field of a form.
- ``record.description|lede``: the first sentence or two of a text, for a page's lede.
"""

from __future__ import annotations

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from core.partial_dates import PartialDate
from core.sentences import lede_sentences

register = template.Library()



@register.filter
def partial_date(value: PartialDate | None) -> str:
    """A partial date as the source wrote it ("April 2019", "by 2024") in a ``<time>`` element."""
    if value is None:
        return ""
    return format_html('<time datetime="{}">{}</time>', value.iso(), str(value))


@register.filter
def field_errors(form, name: str) -> list[str]:
    """The errors of one field of a form, by name (empty when the form or field has none)."""
    if form is None or not hasattr(form, "errors"):
        return []
    return list(form.errors.get(name, []))


@register.simple_tag
def facet_options(group) -> str:
    """The ``<option>`` elements of one facet's select (``{% facet_options group %}`` in includes/facets.html).

    Written here rather than by a template loop: a facet has up to 50 options and a page up to
    six facets, and each option cost six variable lookups and two conditions per request.
    Each option is wrapped in the same whitespace as the loop it replaces.
    """
    parts = []
    for option in group.options:
        selected = " selected" if option.selected else ""
        count = f" ({conditional_escape(localize(option.count))})" if group.counted else ""
        value, label = conditional_escape(option.value), conditional_escape(option.label)
        parts.append(f'\n    <option value="{value}"{selected}>{label}{count}</option>\n    ')
    return mark_safe("".join(parts))  # noqa: S308 - every value escaped above


@register.filter
def lede(text: str | None) -> str:
    """The opening of ``text`` for a page's lede: its first sentence, and the second when both are short
    (see :func:`core.sentences.lede_sentences`)."""
    return " ".join(lede_sentences(text or ""))
