"""``manage.py refresh_search_index``: rebuild the search documents (and, on PostgreSQL, the stored vectors)."""

from django.core.management.base import BaseCommand
from django.db import DEFAULT_DB_ALIAS

from core import search
from core.apps import catalogue_models


class Command(BaseCommand):
    """Rebuild every search document and the word list from the records, after bulk loads or to repair."""

    help = "Rebuild the search documents of every searchable record (and the PostgreSQL full-text vectors)."

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to rebuild (default: default).")

    def handle(self, *args, **options):
        using = options["database"]
        refreshed = [
            f"{model._default_manager.using(using).all().refresh_search_vectors()} {model._meta.verbose_name_plural}"
            for model in reversed(catalogue_models())
            if hasattr(model._default_manager.all(), "refresh_search_vectors")
        ]
        self.stdout.write(f"Search vectors refreshed: {', '.join(refreshed)}.")
        documents = search.rebuild(using)
        self.stdout.write(f"Search documents rebuilt: {sum(documents.values())} records of {len(documents)} kinds.")
