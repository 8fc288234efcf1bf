"""``manage.py refresh_search_index``: recompute the stored search vectors (PostgreSQL)."""

from django.core.management.base import BaseCommand

from organisations.models import Organisation
from programmes.models import Programme


class Command(BaseCommand):
    """Recompute every programme's and organisation's search vector, after bulk loads."""

    help = "Recompute the full-text search vectors of programmes and organisations (PostgreSQL only)."

    def handle(self, *args, **options):
        programmes = Programme.objects.all().refresh_search_vectors()
        organisations = Organisation.objects.all().refresh_search_vectors()
        self.stdout.write(f"Search vectors refreshed: {programmes} programmes, {organisations} organisations.")
