"""Checks every catalogue write passes, whether it comes through the admin or the API.

* :func:`reject_control_characters`: text free of control characters. PostgreSQL refuses a
  NUL byte in text (a 500 if it reaches the database); the others are invisible in a page and
  only ever arrive by accident (pasted from a PDF, a terminal, a hostile client).
* :data:`MAX_TEXT_LENGTH`: a bound on free text (``TextField`` has none in the database), so
  a runaway paste or a hostile client cannot store megabytes in a description.
* Version tokens: the id of a record's latest django-simple-history row. Every save through
  the admin or the API writes a history row, so the token changes with every write; an
  editor who read version 41 and finds 42 on saving would overwrite someone else's edit.
  Used by the admin's change form (a hidden field) and by the API (``ETag``/``If-Match``).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.deconstruct import deconstructible
from simple_history.utils import get_history_model_for_model

# Ten times the longest description in the catalogue's seed data.
MAX_TEXT_LENGTH = 10_000

# C0 controls but tab, line feed and carriage return; DEL; C1 controls. Unicode format
# characters (right-to-left marks, zero-width joiners) are legitimate in names and kept.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@deconstructible
class ControlCharacterValidator:
    """Refuses text holding a control character, naming the first one (``U+0000``)."""

    message = "Remove the control character {codepoint} (at position {position}); it cannot be stored or shown."
    code = "control_character"

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        match = _CONTROL_CHARACTERS.search(value)
        if match is not None:
            codepoint = f"U+{ord(match.group()):04X}"
            raise ValidationError(
                self.message.format(codepoint=codepoint, position=match.start() + 1),
                code=self.code,
                params={"codepoint": codepoint},
            )

    def __eq__(self, other) -> bool:
        return isinstance(other, ControlCharacterValidator)


reject_control_characters = ControlCharacterValidator()


def without_control_characters(text: str) -> str:
    """``text`` with each control character replaced by a space: for search words, which are not stored."""
    return _CONTROL_CHARACTERS.sub(" ", text)


# Version tokens ------------------------------------------------------------------------------

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
