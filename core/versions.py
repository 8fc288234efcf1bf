"""Version tokens: the id of a record's latest django-simple-history row, and the row lock around a save.

Every save through the admin or the API writes a history row, so the token changes with every
write; an editor who read version 41 and finds 42 on saving would overwrite someone else's edit.
Used by the admin's change form (a hidden field) and by the API (``ETag``/``If-Match``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from simple_history.utils import get_history_model_for_model

NO_VERSION = "0"
"""The token of a record without history (loaded by a script that wrote none)."""


def _history_rows(model: type[models.Model], pk):
    history = get_history_model_for_model(model)
    return history.objects.filter(**{model._meta.pk.attname: pk})


def latest_version(model: type[models.Model], pk):
    """The record's latest history row with its author, or None when it has none. One query."""
    return _history_rows(model, pk).select_related("history_user").order_by("-history_id").first()


def version_token(model: type[models.Model], pk) -> str:
    """The record's current version token. One query."""
    history_id = _history_rows(model, pk).order_by("-history_id").values_list("history_id", flat=True).first()
    return NO_VERSION if history_id is None else str(history_id)


def latest_history_id(model: type[models.Model]) -> Subquery:
    """A subquery of the latest history id of each row, to annotate a queryset (no extra query)."""
    history = get_history_model_for_model(model)
    rows = history.objects.filter(**{model._meta.pk.attname: OuterRef("pk")}).order_by("-history_id")
    return Subquery(rows.values("history_id")[:1])


def lock_record(model: type[models.Model], pk) -> None:
    """Lock the record's row until the transaction ends, so two saves of it run one after the other.

    Call inside ``transaction.atomic()``; on SQLite (which serialises writers anyway) it is a no-op.
    One query.
    """
    list(model._default_manager.select_for_update().filter(pk=pk).values_list("pk", flat=True))


def last_change(model: type[models.Model], pk) -> str:
    """When and by whom the record was last saved: "at 5 March 2025, 14:03:07 by alice". One query."""
    latest = latest_version(model, pk)
    if latest is None:
        return "at an unknown time by an unrecorded user"
    when = formats.date_format(timezone.localtime(latest.history_date), "j F Y, H:i:s")
    user = latest.history_user
    who = user.get_username() if user is not None else "an unrecorded user (a script or import)"
    return f"at {when} by {who}"


def stale_version_message(model: type[models.Model], pk) -> str:
    """What an admin editor whose form is out of date is told. One query."""
    return (
        f"Someone else saved this record since you opened it ({last_change(model, pk)}). "
        "Reload to see their changes; your edits were not saved."
    )
