"""What sources contribute to the site-wide pages: search, sitemap and timeline (``core.registry``)."""

from core.registry import (
    DatedField,
    SearchHit,
    SearchIndex,
    SitemapSection,
    record_sitemap,
    register_dated_fields,
    register_search,
    register_sitemap,
    register_structured_data,
    snippet,
)
from core.search import DocumentSpec, register_document
from sources.jsonld import source_json_ld
from sources.models import Source


def source_hit(source: Source, query: str) -> SearchHit:
    """A source among search results: its kind, publisher and date, then its summary."""
    parts = [source.get_kind_display(), source.publisher, str(source.published or "")]
    byline = ", ".join(part for part in parts if part)
    return SearchHit(source.title, source.get_absolute_url(), f"{byline}. {snippet(source.summary)}".strip())


register_search(
    SearchIndex("sources", "Sources", 70, Source, lambda q: Source.objects.search(q), source_hit, "sources:source-list")
)
register_sitemap(SitemapSection("sources", 80, record_sitemap(Source), ["sources:source-list"]))
register_dated_fields(
    DatedField(Source, "published", "Published", "Source", "title", order=9, describe=lambda source: source.title)
)
register_structured_data(Source, source_json_ld)

# What search reads of each record (core.search): one definition for /search/, the API and the lists.
register_document(
    DocumentSpec(
        Source,
        ["title", "publisher", "author", "summary"],
        names=lambda source: [source.title],
        texts=lambda source: [source.publisher, source.author, source.summary],
    )
)
