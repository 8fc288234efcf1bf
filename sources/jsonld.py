"""Sources in schema.org terms, and the sources a record's citations point at (``core.jsonld``)."""

from __future__ import annotations

from core.jsonld import page_graph, partial_date, reference, serialized, unique
from sources.api.serializers import SourceSerializer
from sources.models import Source, SourceKind

_TYPES = {
    SourceKind.NEWS: "NewsArticle",
    SourceKind.PRESS_RELEASE: "NewsArticle",
    SourceKind.BLOG: "BlogPosting",
    SourceKind.REPORT: "Report",
    SourceKind.OVERVIEW: "Article",
}


def cited_sources(data: dict, request) -> list[dict]:
    """The sources a record's citations quote (its serializer's ``citations``), each once, as CreativeWorks."""
    return unique(
        reference(request, "CreativeWork", citation["source"], "sources:source-detail")
        for citation in data.get("citations", [])
    )


def cited_page(kind: str, data: dict, request, **properties) -> dict:
    """The JSON-LD of a cited record's page (``core.jsonld.page_graph``), based on the sources its citations quote."""
    return page_graph(kind, data, cited_sources(data, request), **properties)


def source_json_ld(source: Source, request) -> dict:
    """A source document as a schema.org article or report (no query)."""
    data = serialized(
        SourceSerializer, source, request, ["html_url", "title", "kind", "publisher", "author", "published", "url"]
    )
    return page_graph(
        _TYPES.get(data["kind"], "CreativeWork"),
        data,
        [],
        name=data["title"],
        headline=data["title"][:110],
        publisher={"@type": "Organization", "name": data["publisher"]} if data["publisher"] else None,
        author={"@type": "Person", "name": data["author"]} if data["author"] else None,
        datePublished=partial_date(data["published"]),
        sameAs=data["url"],
    )
