"""``manage.py export_catalogue FILE``: write every record, citation and history row to a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalogue.transfer import export_catalogue


class Command(BaseCommand):
    """Export the whole catalogue (with history) as JSON that ``import_catalogue`` reads."""

    help = "Write every catalogue record, citation and history row to FILE (JSON)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            summary = export_catalogue(file)
        except OSError as exc:
            raise CommandError(f"Cannot write {file}: {exc}") from exc
        self.stdout.write(f"Exported {summary.total} rows to {file}.")
