"""Optimistic locking of API writes: an ``ETag`` on every record read, ``If-Match`` on every write.

The tag names the record's version: ``"<model>-<pk>-<history id>"``, the id of its latest
django-simple-history row (see :mod:`core.versions`), which changes with every save through
the API or the admin. A client that sends the tag it read back in ``If-Match`` on ``PUT``,
``PATCH`` or ``DELETE`` is answered 412 Precondition Failed, with nothing written, if the record
changed in between; the body names the current version.

A write without ``If-Match`` goes ahead, as HTTP intends: the header is the client's way of
asking for the check. Staff editing by hand use the admin, whose forms always check.

Tags are strong, but a weak one (``W/"..."``) is accepted too: a proxy compressing the
response (Django's own ``GZipMiddleware``, nginx's gzip) weakens the tag it passes on, and it
still names the same version.
"""

from __future__ import annotations

import re

from django.db import transaction
from django.utils.http import parse_etags
from rest_framework.exceptions import ValidationError

from core.api.exceptions import PreconditionFailed
from core.versions import NO_VERSION, last_change, latest_history_id, lock_record, version_token

VERSION_ANNOTATION = "catalogue_version"
DETAIL_ACTIONS = frozenset({"retrieve", "update", "partial_update", "destroy"})
WRITE_ACTIONS = frozenset({"update", "partial_update", "destroy"})


def etag_for(instance, token: str) -> str:
    """The record's entity tag at version ``token``: ``"programme-12-345"``."""
    return f'"{instance._meta.model_name}-{instance.pk}-{token}"'


IF_MATCH_PATTERN = r'^\s*(\*|(W/)?"[^"]*"(\s*,\s*(W/)?"[^"]*")*)\s*$'
"""What an ``If-Match`` header may hold: ``*`` or a comma-separated list of (weak) quoted entity tags."""


def is_well_formed_if_match(header: str) -> bool:
    """Whether ``header`` is ``*`` or a list of quoted entity tags (anything else is a client's mistake, a 400)."""
    return re.match(IF_MATCH_PATTERN, header) is not None


def if_match_passes(header: str, etag: str) -> bool:
    """Whether an ``If-Match`` value names ``etag`` (or is ``*``); a malformed value names nothing."""
    tags = parse_etags(header)
    if tags == ["*"]:
        return True
    return any(tag.removeprefix("W/") == etag for tag in tags)


class VersionedWritesMixin:
    """A ``ModelViewSet`` mixin: ``ETag`` on reads and writes of one record, ``If-Match`` honoured.

    Costs no query to read: the version comes with the record, as a subquery annotation of the
    detail queryset. A write carrying ``If-Match`` is checked twice: when the record is fetched
    (so a stale write is refused before its body is validated) and again, with the record's row
    locked, just before saving (so two writes sent with the same tag cannot both pass); that
    second check costs two queries, and telling the client the new tag after a save one more.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        if getattr(self, "action", None) in DETAIL_ACTIONS:
            queryset = queryset.annotate(**{VERSION_ANNOTATION: latest_history_id(queryset.model)})
        return queryset

    def get_object(self):
        instance = super().get_object()
        history_id = getattr(instance, VERSION_ANNOTATION, None)
        self.current_etag = etag_for(instance, NO_VERSION if history_id is None else str(history_id))
        if self.action in WRITE_ACTIONS:
            self._check_if_match(instance, self.current_etag)
        return instance

    def _check_if_match(self, instance, etag: str) -> None:
        header = self.request.headers.get("If-Match")
        if header is not None and not is_well_formed_if_match(header):
            raise ValidationError(
                {
                    "If-Match": [
                        'Send "*" or the ETag you read, in double quotes (e.g. "programme-12-345"); '
                        "this is not a list of entity tags. Nothing was written."
                    ]
                }
            )
        if header is not None and not if_match_passes(header, etag):
            raise PreconditionFailed(
                detail=(
                    f"The {instance._meta.verbose_name} has changed since the version you sent in If-Match "
                    f"(it was last saved {last_change(type(instance), instance.pk)}). Nothing was written: "
                    "read it again, reapply your change and send its new ETag."
                ),
                etag=etag,
            )

    def recheck_version(self, instance) -> None:
        """Lock the record and check ``If-Match`` against its committed version. Call inside ``atomic()``."""
        header = self.request.headers.get("If-Match")
        if header is None or parse_etags(header) == ["*"]:
            return
        lock_record(type(instance), instance.pk)
        self._check_if_match(instance, etag_for(instance, version_token(type(instance), instance.pk)))

    # Each write in a savepoint: the lock is held until the save is done, and a database error
    # rolls back cleanly (PostgreSQL would otherwise refuse every later query of the request).
    def perform_update(self, serializer):
        with transaction.atomic():
            self.recheck_version(serializer.instance)
            super().perform_update(serializer)
        instance = serializer.instance
        self.current_etag = etag_for(instance, version_token(type(instance), instance.pk))

    def perform_destroy(self, instance):
        with transaction.atomic():
            self.recheck_version(instance)
            super().perform_destroy(instance)
        self.current_etag = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        etag = getattr(self, "current_etag", None)
        if etag and response.status_code == 200 and getattr(self, "action", None) in DETAIL_ACTIONS:
            response["ETag"] = etag
        return response
