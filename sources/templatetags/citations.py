"""Template tags of citations: which quotes support a record and each of its fields, and where sources differ.

Load with ``{% load citations %}``. None of these helpers queries the database when the
record's ``citations`` were prefetched (``sources.citations.cited()``); otherwise each costs
one query per record.

- ``{% cite record "announced" %}``: numbered reference marks (``[1]``) from one fact to its quotes
  in the page's references, and the claims side by side where sources differ (``includes/cite.html``).
- ``{% references record ... %}``: the page's references at its foot, each source once with its
  quotes (``includes/references.html``; ``sources.references``).
- ``record|field_citations:"name"``, ``record|is_disputed:"name"``: the data
  behind those tags, for templates that lay citations out differently.
"""

from __future__ import annotations

from django import template
from django.db.models import Model

from sources.citations import claims_differ, field_citations, field_label, whole_record_citations
from sources.models import ClaimStatus, FieldClaims, group_by_field
from sources.references import References

register = template.Library()


register.filter("field_citations", field_citations)
register.filter("whole_record_citations", whole_record_citations)


@register.filter
def is_disputed(record: Model | None, name: str) -> bool:
    """True when the citations of that field claim different values."""
    return claims_differ(field_citations(record, name))


def page_references(context) -> References:
    """The page's numbered references: the request's (``sources.context_processors.references``), else one
    kept for this rendering."""
    found = context.get("references")
    if isinstance(found, References):
        return found
    return context.render_context.setdefault("references", References())


@register.inclusion_tag("includes/cite.html", takes_context=True)
def cite(context, record: Model | None, name: str = "") -> dict:
    """Numbered reference marks (``[1]``) from one fact to its quotes in the page's references, and the
    claims side by side where the sources do not simply agree.

    ``name`` empty cites the claims of the record as a whole, ``"*"`` all its claims (for a row such
    as an organisation's role, cited as a whole or field by field). Each source gets one number on
    the page, the first time any fact cites it. Where sources disagree (none preferred), differ (one
    preferred) or the value changed over time, a small table sets each claim's value, qualifier,
    "as of" date and reference side by side; deprecated claims appear in it with their reason.
    """
    if record is None:
        found = []
    elif name == "*":
        found = list(record.citations.all())
    elif name:
        found = field_citations(record, name)
    else:
        found = whole_record_citations(record)
    references = page_references(context)
    marks = references.cite(found, record)
    fields = group_by_field(found) if name == "*" else [FieldClaims(name, found)] if name else []
    tables = []
    for claims in fields:
        status = claims.status if claims.name else ClaimStatus.AGREED
        if status == ClaimStatus.AGREED:
            continue
        rows = [*claims.rival_claims, *claims.deprecated]
        tables.append({
            "status": status,
            "label": field_label(type(record), claims.name),
            "rows": [(claim, references.number_of(claim)) for claim in rows],
        })
    return {"marks": marks, "tables": tables, "record": record}


@register.inclusion_tag("includes/references.html", takes_context=True)
def references(context, *records: Model | None, heading: str = "References") -> dict:
    """The page's references, each source once with its quotes; ``records`` adds their quotes that no
    fact on the page cited, so every quote about them is listed. No query when citations were prefetched."""
    page = page_references(context)
    for record in records:
        if record is not None:
            page.add(list(record.citations.all()), record)
    return {"references": list(page), "heading": heading}


@register.filter("field_label")
def field_label_filter(record: Model | None, name: str) -> str:
    """A field of ``record`` as a reader would say it ("how the amount is bounded"), never the model's name for it."""
    return field_label(type(record) if record is not None else None, name)
