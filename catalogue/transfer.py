"""Export and import of the whole catalogue: every record, citation and history row.

The file is JSON: a small header and Django's own serialisation of each row, with natural
keys for content types and users, so a file written on SQLite loads on PostgreSQL and back.
An import is all or nothing: every row is checked first and the first bad one is named;
nothing is written unless the whole file is good. Every claim's quote is checked against its
source's text in the file, as the admin and the API check it.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.test.utils import override_settings

from core import facet_summary, search
from core.apps import catalogue_is_empty, catalogue_models
from core.models import CatalogueRevision
from core.partial_dates import clean_partial_date
from sources.models import Citation, Source
from sources.quotes import quote_problem

FORMAT_NAME = "nhsdigital-catalogue-export"
FORMAT_VERSION = 1


class LosslessJSONEncoder(DjangoJSONEncoder):
    """Django's JSON encoder, but keeping every microsecond of a timestamp.

    Django's own cuts them to milliseconds, so a history row saved at 12:00:00.000123 came back
    from an import as 12:00:00 and the next export differed from the first.
    """

    def default(self, o):
        if isinstance(o, datetime.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


class TransferError(Exception):
    """A catalogue file that cannot be imported; the message names the first bad record."""


@dataclass(frozen=True)
class TransferSummary:
    """What an export or import moved, counted by model label."""

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def transferred_models() -> list[type]:
    """Every model of the catalogue apps, live models before their history, in dependency order."""
    return [*catalogue_models(), *catalogue_models(historical=True)]


def _history_users(models: list[type]) -> list:
    """Users named in any history row (exported by username, never with a password)."""
    user_ids = set()
    for model in models:
        if any(field.name == "history_user" for field in model._meta.fields):
            user_ids.update(
                model._default_manager.exclude(history_user=None).values_list("history_user_id", flat=True)
            )
    return list(get_user_model()._default_manager.filter(pk__in=user_ids).order_by("pk"))


def export_catalogue(path: Path) -> TransferSummary:
    """Write every catalogue row (and its history) to ``path``; one query per model."""
    models = transferred_models()
    rows, counts = [], {}
    for model in models:
        objects = list(model._default_manager.order_by("pk"))
        counts[model._meta.label] = len(objects)
        rows += serializers.serialize("python", objects, use_natural_foreign_keys=True)
    users = [
        {"username": user.get_username(), "first_name": user.first_name, "last_name": user.last_name,
         "email": user.email, "is_staff": user.is_staff}
        for user in _history_users(models)
    ]
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "users": users, "objects": rows}
    text = json.dumps(document, indent=1, ensure_ascii=False, sort_keys=True, cls=LosslessJSONEncoder)
    path.write_text(text, encoding="utf-8")
    return TransferSummary(counts)


def _read(path: Path) -> dict:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise TransferError(f"{path} is not a readable JSON file: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise TransferError(f"{path} is not a catalogue export (format should be {FORMAT_NAME!r}).")
    if document.get("version") != FORMAT_VERSION:
        raise TransferError(f"{path} has export version {document.get('version')!r}; this catalogue reads 1.")
    if not isinstance(document.get("objects"), list) or not isinstance(document.get("users", []), list):
        raise TransferError(f"{path} has no list of objects.")
    return document


def _describe(index: int, row) -> str:
    if isinstance(row, dict):
        return f"record {index + 1} ({row.get('model', '?')} pk={row.get('pk', '?')})"
    return f"record {index + 1}"


def _ensure_users(users: list) -> None:
    """Create the users history rows name, with unusable passwords, when they are missing."""
    user_model = get_user_model()
    for index, entry in enumerate(users):
        if not isinstance(entry, dict) or not isinstance(entry.get("username"), str) or not entry["username"]:
            raise TransferError(f"user {index + 1} has no username.")
        if not user_model._default_manager.filter(username=entry["username"]).exists():
            user = user_model(
                username=entry["username"],
                first_name=str(entry.get("first_name", ""))[:150],
                last_name=str(entry.get("last_name", ""))[:150],
                email=str(entry.get("email", ""))[:254],
                is_staff=bool(entry.get("is_staff", False)),
            )
            user.set_unusable_password()
            user.save()


def _check_fields(instance) -> None:
    """Field-level checks (types, lengths, choices, ranges, partial dates) needing no other row.

    Rules that involve other rows (uniqueness, hierarchy cycles) are left to the database
    constraints, checked once the whole file is in, because rows may refer forward.
    """
    instance.clean_fields()
    for name in getattr(instance, "_partial_date_names", ()):
        clean_partial_date(instance, name)


class _QuoteCheck:
    """Checks each imported claim's quote against its source's text, reading each source once."""

    def __init__(self, using: str):
        self.using = using
        self.sources: dict[int, tuple[str, str]] = {}

    def __call__(self, citation: Citation) -> None:
        if citation.source_id not in self.sources:
            row = Source.objects.using(self.using).filter(pk=citation.source_id).values_list("title", "text").first()
            self.sources[citation.source_id] = row or ("a source missing from the file", "")
        title, text = self.sources[citation.source_id]
        problem = quote_problem(citation.quote, text, title)
        if problem:
            raise ValidationError({"quote": problem})


def import_catalogue(path: Path, *, replace: bool = False, using: str = DEFAULT_DB_ALIAS) -> TransferSummary:
    """Load an export into the catalogue, all or nothing.

    Refuses a non-empty catalogue unless ``replace``, which first deletes every catalogue row
    (inside the same transaction, so a failed import leaves the old catalogue in place).
    """
    document = _read(path)
    allowed = {model._meta.label_lower for model in transferred_models()}
    connection = connections[using]
    counts: dict[str, int] = {}
    check_quote = _QuoteCheck(using)
    with transaction.atomic(using=using):
        if not catalogue_is_empty(using, with_history=True):
            if not replace:
                raise TransferError("The catalogue is not empty; pass --replace to replace it.")
            for model in reversed(transferred_models()):
                model._base_manager.using(using).all()._raw_delete(using)
        _ensure_users(document.get("users", []))
        # The file carries its own history rows; saving many-to-many data must not add more.
        with override_settings(SIMPLE_HISTORY_ENABLED=False), connection.constraint_checks_disabled():
            for index, row in enumerate(document["objects"]):
                label = row.get("model") if isinstance(row, dict) else None
                if label not in allowed:
                    raise TransferError(f"{_describe(index, row)}: {label!r} is not a catalogue model.")
                try:
                    (deserialized,) = serializers.deserialize(
                        "json", json.dumps([row]), using=using, handle_forward_references=True
                    )
                    instance = deserialized.object
                    if not instance.__class__.__name__.startswith("Historical"):
                        _check_fields(instance)
                    if isinstance(instance, Citation):
                        check_quote(instance)
                    deserialized.save(using=using)
                except (DeserializationError, ValidationError, IntegrityError, ValueError, TypeError) as exc:
                    raise TransferError(f"{_describe(index, row)}: {exc}") from exc
                counts[instance._meta.label] = counts.get(instance._meta.label, 0) + 1
        try:
            connection.check_constraints(table_names=[model._meta.db_table for model in transferred_models()])
        except IntegrityError as exc:
            raise TransferError(f"The file refers to records it does not contain: {exc}") from exc
        search.rebuild(using)  # raw saves send no signal the search documents follow
        facet_summary.rebuild(using)  # nor the facet counts
        CatalogueRevision.bump(using=using)
        statements = connection.ops.sequence_reset_sql(no_style(), transferred_models())
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    return TransferSummary(counts)
