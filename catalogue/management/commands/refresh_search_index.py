"""``manage.py refresh_search_index``: recompute the stored search vectors (PostgreSQL)."""

from django.core.management.base import BaseCommand

from core.apps import catalogue_models


class Command(BaseCommand):
    """Recompute the search vector of every record whose model keeps one, after bulk loads."""

    help = "Recompute the full-text search vectors of the records that keep one (PostgreSQL only)."

    def handle(self, *args, **options):
        refreshed = [
            f"{model._default_manager.all().refresh_search_vectors()} {model._meta.verbose_name_plural}"
            for model in reversed(catalogue_models())
            if hasattr(model._default_manager.all(), "refresh_search_vectors")
        ]
        self.stdout.write(f"Search vectors refreshed: {', '.join(refreshed)}.")
