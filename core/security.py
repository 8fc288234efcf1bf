"""Security pieces the frameworks leave to the project: headers, sign-in lockout answers, client address.

- :class:`SecurityHeadersMiddleware` adds the headers Django's ``SecurityMiddleware`` has no
  setting for (``Permissions-Policy``, ``Cross-Origin-Resource-Policy``).
- :func:`lockout_response` is django-axes' ``AXES_LOCKOUT_CALLABLE``: the answer to a sign-in
  attempt while the username is locked at that address, a styled page or JSON with the reason.
- :func:`client_ip_address` is axes' ``AXES_CLIENT_IP_CALLABLE``: the address to count failures
  against, which behind a reverse proxy is not ``REMOTE_ADDR``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import timedelta

from axes.helpers import get_cool_off
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

LOCKOUT_TEMPLATE = "core/locked_out.html"


class SecurityHeadersMiddleware:
    """Sets ``Permissions-Policy`` and ``Cross-Origin-Resource-Policy`` on every response.

    Both come from settings (``PERMISSIONS_POLICY``, a dict of feature to allowed origins, and
    ``CROSS_ORIGIN_RESOURCE_POLICY``). A view that sets either header itself keeps its own value.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.permissions_policy = permissions_policy_header(getattr(settings, "PERMISSIONS_POLICY", {}))
        self.resource_policy = getattr(settings, "CROSS_ORIGIN_RESOURCE_POLICY", "")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if self.permissions_policy:
            response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        if self.resource_policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy)
        return response


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` → ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in policy.items())


def lockout_message(cool_off: timedelta | None) -> str:
    """What a locked-out person is told: why, and when they may try again."""
    reason = "There have been too many failed sign-in attempts for this account from your network."
    if not cool_off:
        return f"{reason} Ask an administrator to unlock it."
    minutes = max(1, math.ceil(cool_off.total_seconds() / 60))
    return f"{reason} Try again in {minutes} minute{'s' if minutes != 1 else ''}."


def lockout_response(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """429 with the reason: JSON where the refused answer was JSON, otherwise the styled page.

    ``Retry-After`` gives the cool-off in seconds. The username is not echoed back, so the
    page says nothing about whether the account exists.
    """
    cool_off = get_cool_off(request)
    message = lockout_message(cool_off)
    wants_json = original_response is not None and original_response.get("Content-Type", "").startswith(
        "application/json"
    )
    if wants_json:
        response = JsonResponse({"detail": message, "code": "locked_out"}, status=429)
    else:
        response = render(request, LOCKOUT_TEMPLATE, {"message": message}, status=429)
    if cool_off:
        response["Retry-After"] = str(math.ceil(cool_off.total_seconds()))
    return response


def client_ip_address(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or the one the trusted proxies saw.

    With ``TRUSTED_PROXY_COUNT`` set to n (the proxies in front of gunicorn), the address is the
    n-th from the right of ``X-Forwarded-For``: each proxy appends the address it received the
    request from, so entries further left were written by the client and can be forged. Without
    this, every visitor would share the proxy's address and one attacker could lock any
    username out for everybody.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote_addr
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request did not come through all of them.
        return remote_addr
    return forwarded[-proxies]
