"""``manage.py publish_data DIR``: write the open-data downloads of /data/ into a folder."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from catalogue.downloads import DOWNLOAD_FILES, build_downloads


class Command(BaseCommand):
    """Write the Data Package zip and the 360Giving file, as /data/ serves them, for a scheduled job."""

    help = "Write the catalogue's Data Package zip and 360Giving file into DIR (the files /data/ offers)."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path)
        parser.add_argument(
            "--base-url",
            default=settings.CATALOGUE_SITE_URL,
            help="The site's public address, which the files link to (default: CATALOGUE_SITE_URL).",
        )

    def handle(self, *args, directory: Path, base_url: str, **options):
        if not base_url:
            raise CommandError("Give --base-url or set CATALOGUE_SITE_URL: the files link to the catalogue's pages.")
        files = build_downloads(base_url.rstrip("/") + "/")
        try:
            directory.mkdir(parents=True, exist_ok=True)
            for name in DOWNLOAD_FILES:
                (directory / name).write_bytes(files[name])
        except OSError as exc:
            raise CommandError(f"Cannot write to {directory}: {exc}") from exc
        self.stdout.write(f"Wrote {', '.join(DOWNLOAD_FILES)} to {directory}.")
