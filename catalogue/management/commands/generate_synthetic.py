"""``manage.py generate_synthetic``: a synthetic catalogue beside the real one, for scale tests."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS

from catalogue.synthetic import SYNTHETIC_PREFIX, generate_catalogue, purge_catalogue, synthetic_exists


class Command(BaseCommand):
    help = (
        "Write a synthetic catalogue (organisations in a hierarchy, programmes with lead and partner "
        "organisations, missions, topics, funding streams and about two awards per programme, metrics, "
        "events, aliases, sources and citations) beside the real data, for scale tests and benchmarks. "
        f"Every synthetic record has a slug starting with {SYNTHETIC_PREFIX!r} or hangs off one that does; "
        "--purge deletes exactly those and nothing else. The same --seed and size give the same data. "
        "Rows are written with bulk_create, which sends no signals: django-simple-history records no "
        "history for synthetic data, on purpose."
    )

    def add_arguments(self, parser):
        parser.add_argument("--programmes", type=int, default=0, help="How many programmes to generate.")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random generator (default 1).")
        parser.add_argument(
            "--batch-size", type=int, default=2000, help="Rows per bulk_create batch (SQLite caps it lower)."
        )
        parser.add_argument("--purge", action="store_true", help="Delete the synthetic data and nothing else.")
        parser.add_argument(
            "--replace", action="store_true", help="Purge existing synthetic data before generating."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Database alias (default: default).")

    def progress(self, label: str, rows: int, seconds: float) -> None:
        self.stdout.write(f"  {label:<26} {rows:>9,} rows {seconds:>7.2f} s")

    def handle(self, *args, programmes, seed, batch_size, purge, replace, database, **options):
        if purge and programmes:
            raise CommandError("Give either --purge or --programmes, not both (use --replace to do both).")
        if not purge and programmes < 1:
            raise CommandError("Say how many programmes to generate, e.g. --programmes 100000 (or --purge).")
        if batch_size < 1:
            raise CommandError("--batch-size must be at least 1.")
        started, cpu = time.perf_counter(), time.process_time()
        if purge or (replace and synthetic_exists(database)):
            self.stdout.write("Deleting synthetic data (rows without the prefix are left alone):")
            counts = purge_catalogue(using=database, progress=self.progress)
            self.stdout.write(self.style.SUCCESS(f"Deleted {sum(counts.values()):,} synthetic rows."))
        if programmes:
            if synthetic_exists(database):
                raise CommandError("Synthetic data is already present: pass --replace, or run --purge first.")
            self.stdout.write(f"Generating {programmes:,} synthetic programmes with seed {seed}:")
            counts = generate_catalogue(
                programmes=programmes, seed=seed, batch_size=batch_size, using=database, progress=self.progress
            )
            self.stdout.write(self.style.SUCCESS(f"Wrote {sum(counts.values()):,} synthetic rows."))
        self.stdout.write(
            f"Done in {time.perf_counter() - started:.1f} s ({time.process_time() - cpu:.1f} s of CPU in this process)."
        )
