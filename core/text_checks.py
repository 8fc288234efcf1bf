"""Checks every text a catalogue write stores, whether it comes through the admin or the API.

* :func:`reject_control_characters`: text free of control characters. PostgreSQL refuses a
  NUL byte in text (a 500 if it reaches the database); the others are invisible in a page and
  only ever arrive by accident (pasted from a PDF, a terminal, a hostile client).
* :data:`MAX_TEXT_LENGTH`: a bound on free text (``TextField`` has none in the database), so
  a runaway paste or a hostile client cannot store megabytes in a description.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

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
