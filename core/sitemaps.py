"""Sitemaps of every public page: the site-wide pages, each list and each record's page."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from funding.models import FundingAward
from organisations.models import Organisation, Person
from programmes.models import Event, Mission, Programme
from sources.models import Source


class StaticSitemap(Sitemap):
    """The home page, the lists and the site-wide pages."""

    priority = 0.8

    def items(self) -> list[str]:
        return [
            "core:home",
            "organisations:organisation-list",
            "organisations:person-list",
            "programmes:programme-list",
            "programmes:mission-list",
            "funding:award-list",
            "sources:source-list",
            "core:timeline",
            "core:discrepancies",
        ]

    def location(self, item: str) -> str:
        return reverse(item)


class RecordSitemap(Sitemap):
    """The detail pages of one model, 5,000 to a sitemap page (a count, then one query a page).

    ``/sitemap.xml`` is an index of these pages: one sitemap of 100,000 programmes took 8 s to
    render, and crawlers read an index as readily.
    """

    model = None
    fields = ("pk", "slug")
    limit = 5000

    def items(self):
        return self.model._default_manager.only(*self.fields).order_by("pk")


def _record_sitemap(model, fields=("pk", "slug")) -> type[RecordSitemap]:
    return type(f"{model.__name__}Sitemap", (RecordSitemap,), {"model": model, "fields": fields})


SITEMAPS = {
    "pages": StaticSitemap,
    "organisations": _record_sitemap(Organisation),
    "people": _record_sitemap(Person),
    "programmes": _record_sitemap(Programme),
    "missions": _record_sitemap(Mission),
    "events": _record_sitemap(Event),
    "funding": _record_sitemap(FundingAward, fields=("pk",)),
    "sources": _record_sitemap(Source),
}
