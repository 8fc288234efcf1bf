"""What a sign-in may cost: django-axes' lockout per address as well as per username, and pruning.

The admin, the browsable API's sign-in page and the token endpoint all check the password
through ``authenticate()``, whose first backend is axes': a request that is already locked out
is refused there, before Django's backend hashes anything (a password hash costs most of a
second of CPU by design, even for an unknown username). So what one address can make the
server hash is bounded by the two limits below, per cool-off:

- ``AXES_FAILURE_LIMIT`` failures for one username from one address lock that pair (a
  colleague elsewhere, or at the same office, is unaffected);
- ``AXES_ADDRESS_FAILURE_LIMIT`` failures from one address, whatever the usernames, lock
  the address: one client trying hundreds of usernames gets no further.

Failures older than the cool-off are deleted on every sign-in (by axes) and by
``manage.py prune_sign_in_records``, which also deletes the records of successful sign-ins
older than ``AXES_RECORD_DAYS``.

:func:`admin_login` is the admin's sign-in page, sending an unsafe ``?next=`` to the admin.
"""

from __future__ import annotations

from datetime import timedelta

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme


class AddressLimitedAxesHandler(AxesDatabaseHandler):
    """Axes' database handler, which also locks an address after too many failures across usernames.

    ``get_failures`` is one query (both sums in one aggregate), as axes' own is. It reports
    the failures of the username at this address, or the address's failures scaled to
    ``AXES_FAILURE_LIMIT`` when those are nearer their own limit, so axes' one comparison
    with ``AXES_FAILURE_LIMIT`` applies both limits.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        address = getattr(request, "axes_ip_address", None)
        if address is None:
            return super().get_failures(request, credentials)
        username = get_client_username(request, credentials)
        totals = AccessAttempt.objects.filter(
            ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
        ).aggregate(
            pair=Sum("failures_since_start", filter=Q(username=username)),
            address=Sum("failures_since_start"),
        )
        pair, from_address = totals["pair"] or 0, totals["address"] or 0
        address_limit = settings.AXES_ADDRESS_FAILURE_LIMIT
        if not address_limit:
            return pair
        limit = get_failure_limit(request, credentials)
        return max(pair, from_address * limit // address_limit)


def prune_sign_in_records(*, now=None) -> dict[str, int]:
    """Delete failures older than the cool-off and sign-in logs older than ``AXES_RECORD_DAYS``.

    Three ``DELETE`` queries; returns how many rows of each kind went.
    """
    now = now or timezone.now()
    log_threshold = now - timedelta(days=settings.AXES_RECORD_DAYS)
    return {
        "failed attempts": AccessAttempt.objects.filter(attempt_time__lt=now - settings.AXES_COOLOFF_TIME).delete()[0],
        "failure logs": AccessFailureLog.objects.filter(attempt_time__lt=log_threshold).delete()[0],
        "sign-in logs": AccessLog.objects.filter(attempt_time__lt=log_threshold).delete()[0],
    }


def admin_login(request, extra_context=None):
    """The admin's sign-in, whose fallback for an unsafe ``?next=`` is the admin, not the API.

    Django's ``LoginView`` ignores a ``next`` pointing at another site (no open redirect) and
    then goes to ``LOGIN_REDIRECT_URL``, the browsable API's root; someone signing in to the
    admin expects the admin. So an unsafe ``next`` is replaced by the admin's index first.
    """
    admin_index = reverse("admin:index", current_app=admin.site.name)
    for params_name in ("GET", "POST"):
        params = getattr(request, params_name)
        target = params.get(REDIRECT_FIELD_NAME)
        if target is not None and not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            params = params.copy()
            params[REDIRECT_FIELD_NAME] = admin_index
            setattr(request, params_name, params)
    return admin.site.login(request, extra_context)
