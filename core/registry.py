"""What each record app contributes to the site-wide pages: search indexes, sitemaps, timeline facts, schema.org.

The site-wide features (the ``catalogue`` app) name no model: each record app declares, in its
own ``contributions`` module, how its records are searched (:class:`SearchIndex`), which of its
pages a sitemap lists (:class:`SitemapSection`) and which of its dates put a record on the
timeline (:class:`DatedField`), how its pages describe a record in schema.org terms
(:func:`register_structured_data`), and registers them here. The ``catalogue`` app loads every
``contributions`` module when Django starts (``autodiscover_modules``), so adding a model means
registering it beside the model, not editing a central list (as NetBox's apps register their
search indexes).

Each kind of contribution keeps a fixed ``order``, so the results page, the sitemap index and
the timeline's tie-break list them the same way whatever order the apps load in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.contrib.sitemaps import Sitemap
from django.db.models import Model, QuerySet
from django.urls import reverse
from django.utils.text import Truncator

SNIPPET_WORDS = 30


@dataclass(frozen=True)
class SearchHit:
    """One matching record: what to call it, where its page is, and a line about it."""

    title: str
    url: str
    snippet: str = ""


@dataclass(frozen=True)
class SearchIndex:
    """How one kind of record is searched and shown among the results.

    ``queryset(query)`` returns the matching records, best first, with what ``hit`` reads
    prefetched (usually the model's ``QuerySet.search()``; ``query`` is read once for every kind,
    a ``core.search.ParsedQuery``); ``hit(record, query)`` describes one (``query`` as written).
    ``list_url_name`` names the page listing every record of the kind (the home page links it).
    """

    kind: str
    label: str
    order: int
    model: type[Model]
    queryset: Callable[[str], QuerySet]
    hit: Callable[[Model, str], SearchHit]
    list_url_name: str = ""


@dataclass(frozen=True)
class SitemapSection:
    """One sitemap of the index: a section name, its ``Sitemap`` class, and the list pages it adds."""

    name: str
    order: int
    sitemap: type[Sitemap]
    list_url_names: Sequence[str] = ()


@dataclass(frozen=True)
class DatedField:
    """A partial-date field that puts its records on the timeline.

    ``what`` says what the date marks ("Founded"), or is a callable of the record for models
    that say it themselves (an event's kind). ``order_by`` is the lookup ordering facts of the
    same date (as the record's title starts); ``select_related`` what ``describe`` and ``page``
    read; ``describe(record)`` the fact's title; ``page(record)`` the record whose page it links.
    """

    model: type[Model]
    field: str
    what: str | Callable[[Model], str]
    kind: str
    order_by: str
    order: int
    describe: Callable[[Model], str] = str
    page: Callable[[Model], Model] = field(default=lambda record: record)
    select_related: Sequence[str] = ()

    def what_for(self, record: Model) -> str:
        """What the date marks, for one record."""
        return self.what(record) if callable(self.what) else self.what


class RecordSitemap(Sitemap):
    """The detail pages of one model, 5,000 to a sitemap page (a count, then one query a page).

    ``/sitemap.xml`` is an index of these pages: one sitemap of 100,000 programmes took 8 s to
    render, and crawlers read an index as readily.
    """

    model: type[Model] | None = None
    fields: Sequence[str] = ("pk", "slug")
    limit = 5000

    def items(self):
        return self.model._default_manager.only(*self.fields).order_by("pk")


def record_sitemap(model: type[Model], fields: Sequence[str] = ("pk", "slug")) -> type[RecordSitemap]:
    """A :class:`RecordSitemap` of ``model``, reading only ``fields`` (what ``get_absolute_url`` needs)."""
    return type(f"{model.__name__}Sitemap", (RecordSitemap,), {"model": model, "fields": tuple(fields)})


class ListPagesSitemap(Sitemap):
    """The pages named by URL name: the home page, the lists and the other site-wide pages."""

    priority = 0.8
    url_names: Sequence[str] = ()

    def items(self) -> list[str]:
        return list(self.url_names)

    def location(self, item: str) -> str:
        return reverse(item)


@dataclass
class Registry:
    """Every contribution registered so far, each kind kept in its ``order``."""

    search_indexes: list[SearchIndex] = field(default_factory=list)
    sitemap_sections: list[SitemapSection] = field(default_factory=list)
    dated_fields: list[DatedField] = field(default_factory=list)
    structured_data: dict[type[Model], Callable] = field(default_factory=dict)

    def _add(self, items: list, item) -> None:
        if any(existing == item for existing in items):
            return  # a module imported twice registers once
        items.append(item)
        items.sort(key=lambda entry: entry.order)


registry = Registry()


def register_search(*indexes: SearchIndex) -> None:
    """Make records searchable on /search/ and /api/search/."""
    for index in indexes:
        registry._add(registry.search_indexes, index)


def register_sitemap(*sections: SitemapSection) -> None:
    """List pages in ``/sitemap.xml``."""
    for section in sections:
        registry._add(registry.sitemap_sections, section)


def register_dated_fields(*fields: DatedField) -> None:
    """Put records on the timeline by these dates."""
    for dated in fields:
        registry._add(registry.dated_fields, dated)


def register_structured_data(model: type[Model], describe: Callable) -> None:
    """Describe the records of ``model`` on their pages as schema.org JSON-LD: ``describe(record, request) -> dict``.

    ``describe`` reads only what the record's page has fetched (see ``core.jsonld``).
    """
    registry.structured_data[model] = describe


def snippet(text: str) -> str:
    """``text`` on one line, cut to :data:`SNIPPET_WORDS` words: the line under a search hit."""
    return Truncator(" ".join((text or "").split())).words(SNIPPET_WORDS)


def with_matching_alias(record: Model, query: str, text: str) -> str:
    """``text`` led by "Also known as X." when one of the record's prefetched ``aliases`` matched, not its name."""
    needle = query.casefold()
    names = [getattr(record, "name", ""), getattr(record, "acronym", "")]
    if any(needle in name.casefold() for name in names):
        return text
    alias = next((alias.name for alias in record.aliases.all() if needle in alias.name.casefold()), None)
    return f"Also known as {alias}. {text}".strip() if alias else text
