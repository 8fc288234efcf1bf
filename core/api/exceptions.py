"""The API's error bodies: always JSON, always naming the field and the reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError, RestrictedError
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response
from rest_framework.views import exception_handler

from core.resilience import TOO_LARGE_ERRORS, too_large_message


class PreconditionFailed(APIException):
    """412: the record changed since the version a write named in ``If-Match``.

    The body is ``{"detail": ..., "current_version": <ETag>}`` and the answer carries the
    current ``ETag`` too, so a client can read the record again knowing what to expect.
    """

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record has changed since the version named in If-Match; nothing was written."
    default_code = "precondition_failed"

    def __init__(self, detail: str | None = None, *, etag: str):
        self.etag = etag
        super().__init__({"detail": detail or self.default_detail, "current_version": etag})


def catalogue_exception_handler(exc, context):
    """DRF's handler, plus clear 400/409/413 answers for errors DRF would let through as a 500 or HTML 400."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, (ProtectedError, RestrictedError)):
        referrers = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        blockers = sorted({f"{obj._meta.verbose_name}: {obj}" for obj in referrers})
        return Response(
            {
                "detail": "This record is referred to by others; remove or re-point them first.",
                "referenced_by": blockers,
            },
            status=status.HTTP_409_CONFLICT,
        )
    if isinstance(exc, TOO_LARGE_ERRORS):
        return Response(
            {"detail": too_large_message(), "code": "too_large"}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
        )
    if isinstance(exc, IntegrityError):
        return Response(
            {"detail": f"The change breaks a database rule: {exc}"},
            status=status.HTTP_400_BAD_REQUEST,
        )
    response = exception_handler(exc, context)
    if isinstance(exc, PreconditionFailed):
        response["ETag"] = exc.etag
    return response
