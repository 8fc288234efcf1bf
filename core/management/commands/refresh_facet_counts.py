"""``manage.py refresh_facet_counts``: count every list's unfiltered facets afresh (``core.facet_summary``)."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from core import facet_summary


class Command(BaseCommand):
    """Rebuild the kept facet counts from the records: after writes that sent no signals, or to repair."""

    help = "Count the unfiltered facets of every list afresh (the counts every write keeps current)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to rebuild (default: default).")

    def handle(self, *args, **options):
        kept = facet_summary.rebuild(options["database"])
        self.stdout.write(f"Facet counts rebuilt: {sum(kept.values())} values of {len(kept)} facets.")
