"""App configuration of the shared core."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Shared building blocks and the site-wide pages (home, search, timeline)."""

    name = "core"
    verbose_name = "Catalogue core"

    def ready(self):
        from core import signals  # noqa: F401 - connects the receivers that keep cached pages fresh
