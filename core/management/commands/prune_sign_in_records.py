"""``manage.py prune_sign_in_records``: delete expired failed sign-ins and old sign-in logs."""

from django.core.management.base import BaseCommand

from core.sign_in import prune_sign_in_records


class Command(BaseCommand):
    help = (
        "Delete failed sign-in attempts older than the cool-off (AXES_COOLOFF_MINUTES) and sign-in "
        "logs older than AXES_RECORD_DAYS. Safe to run at any time, e.g. daily from cron."
    )

    def handle(self, *args, **options):
        counts = prune_sign_in_records()
        self.stdout.write(", ".join(f"{count} {kind}" for kind, count in counts.items()) + " deleted.")
