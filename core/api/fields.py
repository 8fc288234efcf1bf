"""Serializer fields whose answers match what the schema promises."""

from __future__ import annotations

from rest_framework import serializers
from rest_framework.fields import empty


class BlankAsNullURLField(serializers.URLField):
    """A web address, or ``null`` when there is none: never ``""``, which is not a ``format: uri``.

    The model stores "no address" as ``""`` (a blank ``URLField``); clients read it as ``null``
    and may write ``null`` or ``""`` for it.
    """

    def __init__(self, **kwargs):
        # Read-only copies (list rows) lose ``allow_blank`` in DRF, yet still answer ``null`` for no address.
        if kwargs.get("allow_blank") or kwargs.get("read_only"):
            kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def run_validation(self, data=empty):
        if data is None and self.allow_blank:
            data = ""
        return super().run_validation(data)

    def to_representation(self, value):
        return value or None
