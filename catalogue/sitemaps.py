"""Sitemaps of every public page, as the record apps register them (``core.registry``).

``/sitemap.xml`` is an index: a section of the site-wide and list pages first, then one section
per kind of record, each in pages of 5,000 addresses.
"""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap

from core.registry import ListPagesSitemap, registry

# The site-wide pages around the registered lists.
LEADING_PAGES = ("catalogue:home",)
TRAILING_PAGES = ("catalogue:timeline", "catalogue:discrepancies", "catalogue:changes", "catalogue:data")


def sitemaps() -> dict[str, type[Sitemap]]:
    """The sections of ``/sitemap.xml`` by name: ``pages`` (home, lists, site-wide pages), then each kind."""
    list_pages = [name for section in registry.sitemap_sections for name in section.list_url_names]
    pages = type(
        "PagesSitemap", (ListPagesSitemap,), {"url_names": (*LEADING_PAGES, *list_pages, *TRAILING_PAGES)}
    )
    return {"pages": pages, **{section.name: section.sitemap for section in registry.sitemap_sections}}
