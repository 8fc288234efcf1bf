"""Conditional GET and cached results for API lists and search read anonymously.

The website's pages are cached by ``core.page_cache`` in middleware; the API cannot be,
because its anonymous throttle must count every request. These mixins work inside
the view instead (``CachedListMixin`` for lists, ``CachedReadMixin`` for /api/search/),
after authentication, permissions and throttles have run:

- the ETag is the full address (scheme and host with its port too: ``next`` and record links
  are absolute, so one client's ``Host`` must never shape another's answer), the chosen
  format and the catalogue revision (one query), so any
  write makes it stale; ``If-None-Match`` with it, or ``If-Modified-Since`` no older than the
  last write, gets ``304 Not Modified`` without a query for the list;
- otherwise the serialised page is taken from the cache, or made and stored there.

Signed-in clients always get a fresh list (what they may see or do can differ).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from rest_framework import status
from rest_framework.response import Response

from core.page_cache import CACHE_ALIAS, is_not_modified, mark_revalidated, revision_validators


def _plain(data):
    """The serialised data as plain lists and dicts, which pickle without their serializer."""
    if isinstance(data, dict):
        return {key: _plain(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_plain(value) for value in data]
    return data


class CachedReadMixin:
    """See the module docstring: ``cached_response`` serves a read from the cache or makes it."""

    vary = ("Accept", "Authorization", "Cookie")

    def cached_response(self, request, produce: Callable[[], Response]) -> Response:
        """The answer ``produce()`` would give, from the cache when the catalogue has not changed."""
        if not settings.CATALOGUE_PAGE_CACHE_SECONDS or request.user.is_authenticated:
            return produce()
        renderer_format = getattr(getattr(request, "accepted_renderer", None), "format", "")
        etag, last_modified = revision_validators(request.build_absolute_uri(), renderer_format)
        if is_not_modified(request, etag, last_modified):
            response = Response(status=status.HTTP_304_NOT_MODIFIED)
        else:
            cache = caches[CACHE_ALIAS]
            key = "api-read:" + etag.strip('"')
            data = cache.get(key)
            if data is not None:
                response = Response(data)
            else:
                response = produce()
                if response.status_code != status.HTTP_200_OK:
                    return response
                cache.set(key, _plain(response.data), settings.CATALOGUE_PAGE_CACHE_SECONDS)
        mark_revalidated(response, etag, last_modified, self.vary)
        return response


class CachedListMixin(CachedReadMixin):
    """A ``ListModelMixin`` view whose lists are cached for anonymous readers."""

    def list(self, request, *args, **kwargs):
        return self.cached_response(request, lambda: super(CachedListMixin, self).list(request, *args, **kwargs))
