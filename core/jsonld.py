"""schema.org markup (JSON-LD) of a record's page, built from the record's API serializer.

Each record app says how its records are described (``core.registry.register_structured_data``,
from its ``contributions`` module), reading the same serializers as the API so the page, the
API and the markup agree; the ``{% structured_data record %}`` tag writes the result into the
page's head as a ``<script type="application/ld+json">`` data block, which browsers never run
(the Content-Security-Policy needs no ``'unsafe-inline'`` for it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.safestring import SafeString, mark_safe

from core.reversing import url_for

SCHEMA_ORG = "https://schema.org"

# As Django's json_script: nothing in the data can close the element or open a comment.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def serialized(serializer_class, record, request, fields: Iterable[str]) -> dict:
    """The API representation of ``record`` limited to ``fields``: only those are read (no query beyond them)."""
    serializer = serializer_class(record, context={"request": request})
    keep = set(fields)
    for name in [name for name in serializer.fields if name not in keep]:
        serializer.fields.pop(name)
    return serializer.data


def reference(request, kind: str, link: dict | None, view_name: str) -> dict | None:
    """A linked record (a serializer's ``LinkField`` value) as a schema.org node: its type, page and name."""
    if not link:
        return None
    key = "pk" if "id" in link and "slug" not in link else "slug"
    page = request.build_absolute_uri(url_for(view_name, **{key: link["id" if key == "pk" else "slug"]}))
    return {"@type": kind, "@id": record_id(page), "name": link["name"], "url": page}


def record_id(page: str) -> str:
    """The JSON-LD identifier of the record a page describes (the page itself is ``page``)."""
    return f"{page}#record"


def partial_date(value: dict | None) -> str | None:
    """A partial date (``PartialDateSerializer``) as an ISO 8601 date at its own precision (``2019-04``).

    None when the source qualifies it ("by 2024", "about 2019"): a schema.org date cannot say so.
    """
    if not value or value.get("qualifier"):
        return None
    return value["iso"]


def _present(properties: dict) -> dict:
    return {key: value for key, value in properties.items() if value not in (None, "", [], {})}


def page_graph(kind: str, data: dict, sources: list[dict], **properties) -> dict:
    """The JSON-LD of a record's page: the record as a schema.org node of ``kind`` (empty properties
    left out), and the page (an ``ItemPage`` about it) based on and citing ``sources``.

    schema.org defines ``isBasedOn`` and ``citation`` for creative works such as a page, not for an
    organisation or a grant: the page carries them, and the record points at them as ``subjectOf``.
    """
    page = data["html_url"]
    record = {"@type": kind, "@id": record_id(page), "url": page, **_present(properties)}
    if sources:
        record["subjectOf"] = [{"@id": source["@id"]} for source in sources]
    webpage = {
        "@type": "ItemPage",
        "@id": page,
        "url": page,
        "name": record.get("name", ""),
        "about": {"@id": record["@id"]},
        **_present({"isBasedOn": sources, "citation": sources}),
    }
    return {"@context": SCHEMA_ORG, "@graph": [record, webpage]}


def unique(items: Iterable[dict | None]) -> list[dict]:
    """The nodes once each (by ``@id``), in order; ``None`` left out."""
    seen, result = set(), []
    for item in items:
        if item and item.get("@id", item.get("name")) not in seen:
            seen.add(item.get("@id", item.get("name")))
            result.append(item)
    return result


def as_script(document: dict) -> SafeString:
    """``document`` as a ``<script type="application/ld+json">`` element, safe to put in any page."""
    text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).translate(_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above
