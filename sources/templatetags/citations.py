"""Template tags of citations: which quotes support a record and each of its fields, and where sources differ.

Load with ``{% load citations %}``. None of these helpers queries the database when the
record's ``citations`` were prefetched (``sources.citations.cited()``); otherwise each costs
one query per record.

- ``{% citations record %}``: the record's citations by field, each with its source link,
  claimed value, quote and a marker where sources disagree (``includes/citations.html``).
- ``{% cite record "announced" %}``: inline links from one fact to its citations on the same
  page, and the rival claims when the sources disagree (``includes/cite.html``).
- ``record|cited_fields``, ``record|field_citations:"name"``, ``record|is_disputed:"name"``: the data
  behind those tags, for templates that lay citations out differently.
"""

from __future__ import annotations

from django import template
from django.db.models import Model

from sources.citations import FieldCitations, claims_differ, field_citations, field_label, whole_record_citations
from sources.citations import cited_fields as citations_by_field
from sources.models import Citation, ClaimStatus, FieldClaims, group_by_field

register = template.Library()


@register.filter
def cited_fields(record: Model | None) -> list[FieldCitations]:
    """The record's citations grouped by field, the record as a whole first (no query if prefetched)."""
    if record is None:
        return []
    return citations_by_field(record)


register.filter("field_citations", field_citations)
register.filter("whole_record_citations", whole_record_citations)


@register.filter
def is_disputed(record: Model | None, name: str) -> bool:
    """True when the citations of that field claim different values."""
    return claims_differ(field_citations(record, name))


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
    """Links from one fact to its claims in the page's citation list, and what the claims amount to.

    ``name`` empty links to the claims of the record as a whole, ``"*"`` to all its claims (for a
    row such as an organisation's role, cited as a whole or field by field). Where sources
    disagree and none is preferred, every claim's value is shown in place with its source; where
    one is preferred, it is shown, marked, with the others and the reason one step away; a change
    over time is shown as a sequence; deprecated claims are one step away with their reason.
    """
    if record is None:
        found = []
    elif name == "*":
        found = list(record.citations.all())
    elif name:
        found = field_citations(record, name)
    else:
        found = whole_record_citations(record)
    fields = group_by_field(found) if name == "*" else [FieldClaims(name, found)] if name else []
    disputed = [field for field in fields if field.status == ClaimStatus.DISPUTED]
    decided = [field for field in fields if field.status == ClaimStatus.DECIDED]
    changed = [field for field in fields if field.status == ClaimStatus.CHANGED]
    return {
        "citations": found,
        "disputed": bool(disputed),
        "rivals": [claim for field in disputed for claim in field.rival_claims],
        "decided": [(field.preferred, [c for c in field.rival_claims if c != field.preferred]) for field in decided],
        "changes": [claim for field in changed for claim in field.rival_claims],
        "deprecated": [claim for field in fields for claim in field.deprecated],
    }


@register.filter("field_label")
def field_label_filter(record: Model | None, name: str) -> str:
    """A field of ``record`` as a reader would say it ("how the amount is bounded"), never the model's name for it."""
    return field_label(type(record) if record is not None else None, name)
