"""Cached pages and conditional GET for anonymous readers, out of date the moment anything is written.

``PageCacheMiddleware`` answers a GET or HEAD from someone not signed in:

- with ``304 Not Modified`` when the request's ``If-None-Match`` names the current ETag (the
  page is not rendered at all), or ``If-Modified-Since`` is no older than the last write;
- else from the cache (Redis when ``REDIS_URL`` is set, each process's memory otherwise);
- else by rendering the page, then storing it.

The ETag and the cache key are the page's full address (scheme, host and port as well as the
path: pages carry absolute links, and Django checks a host's name but not its port), the
``Accept`` header and the catalogue
revision (``CatalogueRevision``, one query), so any write through the admin, the API or a
command makes every cached page stale at once, in every server process.

Left alone: signed-in users (pages show what they may edit), requests with credentials,
the admin, the API (its anonymous throttle must see every request), the health check,
responses that set cookies or carry a CSP nonce (a nonce must never be served twice), and
anything but a 200.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_http_date_safe

from core.models import CatalogueRevision

CACHE_ALIAS = "default"
UNCACHED_PREFIXES = ("/admin/", "/api/", "/healthz", "/static/")


def _is_cacheable_request(request) -> bool:
    if request.method not in {"GET", "HEAD"} or not settings.CATALOGUE_PAGE_CACHE_SECONDS:
        return False
    if request.path.startswith(UNCACHED_PREFIXES) or "HTTP_AUTHORIZATION" in request.META:
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def _is_cacheable_response(response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
        and b'nonce="' not in response.content
    )


def revision_validators(*parts: str) -> tuple[str, int]:
    """The ETag of a representation named by ``parts`` at the current revision, and when that moved on.

    One query (``CatalogueRevision.current``).
    """
    number, changed_at = CatalogueRevision.current()
    fingerprint = "|".join((str(number), *parts))
    return '"' + hashlib.sha256(fingerprint.encode()).hexdigest()[:32] + '"', int(changed_at.timestamp())


def is_not_modified(request, etag: str, last_modified: int) -> bool:
    """True when the client's copy is current: ``If-None-Match`` names ``etag`` or, without it,
    ``If-Modified-Since`` is no older than the last write."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return etag in tags or if_none_match.strip() == "*"
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and since >= last_modified


def mark_revalidated(response, etag: str, last_modified: int, vary: tuple[str, ...]) -> None:
    """Give ``response`` its validators; shared caches may keep it but must ask again before each use."""
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = "public, no-cache"
    patch_vary_headers(response, vary)


class PageCacheMiddleware:
    """See the module docstring."""

    vary = ("Accept", "Cookie")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _is_cacheable_request(request):
            return self.get_response(request)
        etag, last_modified = revision_validators(request.build_absolute_uri(), request.headers.get("Accept", ""))
        if is_not_modified(request, etag, last_modified):
            response = HttpResponseNotModified()
            mark_revalidated(response, etag, last_modified, self.vary)
            return response

        cache = caches[CACHE_ALIAS]
        key = "page:" + etag.strip('"')
        response = cache.get(key)
        if response is None:
            response = self.get_response(request)
            if not _is_cacheable_response(response):
                return response
            mark_revalidated(response, etag, last_modified, self.vary)
            cache.set(key, response, settings.CATALOGUE_PAGE_CACHE_SECONDS)
        return response
