"""Load the catalogue's fixtures (``fixtures/*.json``, in file-name order) in one transaction.

``python manage.py load_catalogue`` loads (or reloads) every fixture file; records keep their
fixed primary keys, so running it again updates rows in place instead of adding new ones.
``--if-empty`` does nothing when the catalogue already has organisations or programmes, so
that ``make run`` never overwrites what staff have edited.

Source texts: a source naming a ``seed_file`` gets the text of that file under
``settings.CATALOGUE_SEEDS_DIR``, so that, once loaded, the catalogue checks and shows quotes
from its own database and no longer needs the seed folder. A seed file that is missing keeps
the text the source already had (a reload without the folder loses nothing) and is reported.

History: Django's ``loaddata`` saves rows "raw", which django-simple-history skips, but it
would still add a history row for every many-to-many change. The command therefore switches
history off while loading and then writes at most one history row per loaded record: a
creation row the first time, a change row when the fixture changed the record, and nothing
when the record is as its latest history row already shows. Loading twice adds no history.
"""

from __future__ import annotations

import json
from collections import Counter
from io import StringIO
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.test.utils import override_settings
from django.utils import timezone

from core import facet_summary
from core.apps import catalogue_is_empty
from core.models import CatalogueRevision
from sources.models import Source

DEFAULT_FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
HISTORY_REASON = "Loaded from fixtures by load_catalogue"


class Command(BaseCommand):
    help = "Load the catalogue fixtures (fixtures/*.json) in order, atomically; --if-empty to keep existing data."
    # Like migrate: loading data needs the models only, not URLs or views (which may be mid-change).
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Load only into an empty catalogue (no record of any kind), keeping edits made since.",
        )
        parser.add_argument(
            "--fixtures-dir",
            default=str(DEFAULT_FIXTURES_DIR),
            help="Folder of fixture files to load, in file-name order (default: the project's fixtures/).",
        )

    def handle(self, *args, if_empty=False, fixtures_dir=None, **options):
        database = DEFAULT_DB_ALIAS
        if if_empty and not catalogue_is_empty(database):
            self.stdout.write("The catalogue already has data; nothing loaded (--if-empty).")
            return

        files = fixture_files(Path(fixtures_dir))
        records = {path: read_records(path) for path in files}

        with transaction.atomic(using=database):
            texts = Source.objects.using(database).exclude(text="").values_list("pk", "text", "captured_at")
            kept_texts = {pk: (text, captured_at) for pk, text, captured_at in texts}
            # History is written once, afterwards, rather than once per many-to-many change.
            with override_settings(SIMPLE_HISTORY_ENABLED=False):
                for path in files:
                    load_file(path, records[path], database)
            missing = fill_source_texts(Path(settings.CATALOGUE_SEEDS_DIR), kept_texts, database)
            history_rows = record_history([r for recs in records.values() for r in recs], database)
            # loaddata saves raw rows, bypassing Model.save(), so the search index is rebuilt here.
            call_command("refresh_search_index", database=database, stdout=StringIO())
            facet_summary.rebuild(database)  # nor the facet counts
            CatalogueRevision.bump(using=database)  # loaddata's raw saves do not move it on

        counts = Counter(record["model"] for recs in records.values() for record in recs)
        self.stdout.write(f"Loaded {sum(counts.values())} records from {len(files)} fixture files:")
        for label in sorted(counts):
            self.stdout.write(f"  {label}: {counts[label]}")
        self.stdout.write(f"History rows written: {history_rows} (none for records unchanged since their last one).")
        for source, kept_text in missing:
            state = "kept the text it had" if kept_text else "has no text: quotes from it cannot be checked"
            self.stderr.write(f"Seed file {source.seed_file} of source {source.pk} not found; {state}.")


def fill_source_texts(folder: Path, kept: dict[int, tuple[str, object]], database: str) -> list[tuple[Source, bool]]:
    """Give each source naming a seed file that file's text (one update per source whose text changed).

    ``kept`` holds the text and capture time each source had before the load; a text that is
    unchanged keeps its capture time, and a missing file keeps the old text. Returns the
    sources whose file is missing, each with whether it kept a text.
    """
    missing = []
    now = timezone.now()
    for source in Source.objects.using(database).exclude(seed_file="").order_by("pk"):
        old_text, old_captured = kept.get(source.pk, ("", None))
        path = folder / source.seed_file
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            missing.append((source, bool(old_text)))
            text = old_text
        captured = old_captured if text == old_text else now
        if text and (text, captured) != (source.text, source.captured_at):
            Source.objects.using(database).filter(pk=source.pk).update(text=text, captured_at=captured)
    return missing


def fixture_files(folder: Path) -> list[Path]:
    """The ``*.json`` files of ``folder`` in name order; refuses a missing or empty folder."""
    if not folder.is_dir():
        raise CommandError(f"Fixtures folder {folder} does not exist.")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise CommandError(f"Fixtures folder {folder} has no .json files.")
    return files


def read_records(path: Path) -> list[dict]:
    """The records of one fixture file, checked for the shape ``loaddata`` needs (model, pk, fields)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CommandError(f"Fixture {path.name} is not readable JSON: {exc}") from exc
    if not isinstance(data, list):
        raise CommandError(f"Fixture {path.name} must hold a list of records.")
    for number, record in enumerate(data, start=1):
        if not isinstance(record, dict) or "model" not in record or "pk" not in record:
            raise CommandError(f"Fixture {path.name}, record {number}: every record needs a model and a fixed pk.")
        try:
            apps.get_model(record["model"])
        except (LookupError, ValueError) as exc:
            raise CommandError(
                f"Fixture {path.name}, record {number} ({record['model']} pk={record['pk']}): unknown model."
            ) from exc
    return data


def load_file(path: Path, records: list[dict], database: str) -> None:
    """``loaddata`` one file; any failure becomes a ``CommandError`` naming the file and, where it can, the record."""
    try:
        call_command("loaddata", str(path), database=database, verbosity=0)
    except Exception as exc:
        message = str(exc).strip()
        if path.name not in message:
            message = f"{message} (fixture {path.name})"
        if "pk=" not in message:
            # Broken references surface only when constraints are checked at the end of the file,
            # and PostgreSQL then names the key but not the record: find the record ourselves.
            dangling = find_dangling_reference(records, database)
            if dangling:
                message = f"{message} Record {dangling}."
        raise CommandError(f"Could not load fixture {path.name}; nothing was loaded. {message}") from exc


def find_dangling_reference(records: list[dict], database: str) -> str | None:
    """The first record of a file whose foreign key points at a row neither in the database nor in the file."""
    in_file = {(record["model"].lower(), record["pk"]) for record in records}
    for record in records:
        model = apps.get_model(record["model"])
        for name, value in record.get("fields", {}).items():
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation or not (field.many_to_one or field.many_to_many):
                continue
            targets = value if field.many_to_many else [value]
            target_model = field.related_model
            for target in targets:
                if target is None or isinstance(target, list):  # empty, or a natural key
                    continue
                if (target_model._meta.label_lower, target) in in_file:
                    continue
                if not target_model._default_manager.using(database).filter(pk=target).exists():
                    return (
                        f"{record['model']} pk={record['pk']}: {name}={target!r} points at no "
                        f"{target_model._meta.label_lower}"
                    )
    return None


def record_history(records: list[dict], database: str) -> int:
    """Write one history row for each loaded record that is new or differs from its latest history row."""
    pks_by_model: dict[type, list] = {}
    for record in records:
        model = apps.get_model(record["model"])
        if hasattr(model._meta, "simple_history_manager_attribute"):
            pks_by_model.setdefault(model, []).append(record["pk"])

    written = 0
    for model, pks in pks_by_model.items():
        history = getattr(model, model._meta.simple_history_manager_attribute)
        history_model = history.model
        m2m_fields = list(getattr(history_model, "_history_m2m_fields", []))
        latest = {}
        for row in history_model.objects.using(database).filter(id__in=pks).order_by("id", "-history_date", "-pk"):
            latest.setdefault(row.id, row)
        created, changed = [], []
        for instance in model._default_manager.using(database).filter(pk__in=pks):
            previous = latest.get(instance.pk)
            if previous is None or previous.history_type == "-":  # new, or deleted and now back
                created.append(instance)
            elif differs(instance, previous, history_model, m2m_fields):
                changed.append(instance)
        if m2m_fields:
            # bulk_history_create leaves out many-to-many state; a save writes the row with it.
            for instance in created + changed:
                instance._change_reason = HISTORY_REASON
                instance.save(using=database)
            for instance in created:
                newest = history_model.objects.using(database).filter(id=instance.pk).latest("history_date", "pk")
                history_model.objects.using(database).filter(pk=newest.pk).update(history_type="+")
        else:
            history.bulk_history_create(created, default_change_reason=HISTORY_REASON)
            history.bulk_history_create(changed, update=True, default_change_reason=HISTORY_REASON)
        written += len(created) + len(changed)
    return written


def differs(instance, previous, history_model, m2m_fields) -> bool:
    """True when ``instance`` no longer matches the history row ``previous`` (fields or many-to-many)."""
    for field in history_model.tracked_fields:
        if getattr(instance, field.attname) != getattr(previous, field.attname):
            return True
    for field in m2m_fields:
        current = set(getattr(instance, field.name).values_list("pk", flat=True))
        target = field.m2m_reverse_field_name()
        recorded = set(getattr(previous, field.name).values_list(f"{target}_id", flat=True))
        if current != recorded:
            return True
    return False
