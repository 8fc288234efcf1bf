"""``manage.py refresh_search_index``: rebuild the search documents and the word list."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from core import search


class Command(BaseCommand):
    """Rebuild every search document and the word list from the records, after bulk loads or to repair."""

    help = "Rebuild the search documents of every searchable record and the list of known words."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to rebuild (default: default).")

    def handle(self, *args, **options):
        documents = search.rebuild(options["database"])
        self.stdout.write(f"Search documents rebuilt: {sum(documents.values())} records of {len(documents)} kinds.")
