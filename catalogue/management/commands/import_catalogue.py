"""``manage.py import_catalogue FILE``: load an export, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.transfer import TransferError, import_catalogue


class Command(BaseCommand):
    """Import a file written by ``export_catalogue``; a bad file changes nothing."""

    help = "Load FILE written by export_catalogue. Nothing changes unless the whole file is good."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="Replace a catalogue that is not empty (in one transaction)."
        )

    def handle(self, *args, file: Path, replace: bool, **options):
        try:
            summary = import_catalogue(file, replace=replace)
        except TransferError as exc:
            raise CommandError(f"Nothing was imported. {exc}") from exc
        for label, count in sorted(summary.counts.items()):
            self.stdout.write(f"{label}: {count}")
        self.stdout.write(f"Imported {summary.total} rows from {file}.")
