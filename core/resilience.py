"""Graceful failure: clear answers when a request is too big, the code breaks, or the database is slow or gone.

- A database that does not answer (unreachable, out of connections, or a query past
  PostgreSQL's ``statement_timeout``) is a ``503 Service Unavailable`` with ``Retry-After``:
  the site's own 503 page, or JSON under ``/api/``. Nothing is cached or retried; the next
  request tries the database again, so service resumes by itself once it answers.
- Every other unhandled error is the site's 500 page, or a JSON 500 under ``/api/``.
- A body too large (``DATA_UPLOAD_MAX_MEMORY_SIZE``) or with too many fields is a 413; other
  refused requests a 400, in JSON under ``/api/``.

:class:`DatabaseUnavailableMiddleware` answers database errors raised by views (with or
without ``DEBUG``); :func:`server_error` and :func:`bad_request` are the root URLconf's
``handler500``/``handler400``, which Django also uses for errors raised in middleware. None
of these answers queries the database.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
TOO_LARGE_ERRORS = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)
API_PREFIX = "/api/"
TOO_LARGE_MESSAGE = "The request is too large: at most {bytes:,} bytes of body and {fields:,} form fields are accepted."


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def too_large_message() -> str:
    return TOO_LARGE_MESSAGE.format(
        bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 0, fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS or 0
    )


def service_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with ``Retry-After``: JSON under /api/, the site's page elsewhere. No database query."""
    if is_api_request(request):
        response = JsonResponse(
            {
                "detail": "The catalogue's database is not answering (too slow or unreachable). Try again shortly.",
                "code": "database_unavailable",
            },
            status=503,
        )
    else:
        response = render(request, "503.html", status=503)
    response["Retry-After"] = str(settings.CATALOGUE_RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database error raised by a view into :func:`service_unavailable` (logged as an error)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.error("Database unavailable: %s %s", request.method, request.path, exc_info=exception)
            return service_unavailable(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a 503 for a database error, else a 500; JSON under /api/, the site's pages elsewhere."""
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return service_unavailable(request)
    if is_api_request(request):
        return JsonResponse(
            {"detail": "Something went wrong on the server; it has been logged. Try again later.", "code": "error"},
            status=500,
        )
    return render(request, "500.html", status=500)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler400``: 413 for a body too large or with too many fields, else 400; JSON under /api/."""
    too_large = isinstance(exception, TOO_LARGE_ERRORS)
    status = 413 if too_large else 400
    message = too_large_message() if too_large else "The request could not be understood."
    if is_api_request(request):
        return JsonResponse({"detail": message, "code": "too_large" if too_large else "bad_request"}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
