"""App configuration of the provenance app."""

from django.db.models.signals import post_migrate

from core.apps import CatalogueAppConfig


class SourcesConfig(CatalogueAppConfig):
    """Sources (the documents) and citations (verbatim quotes supporting records and fields)."""

    name = "sources"
    default = True
    verbose_name = "Sources and citations"

    def ready(self):
        from sources.groups import ensure_editorial_groups

        # After auth's own post_migrate receiver has created this app's permissions.
        post_migrate.connect(ensure_editorial_groups, sender=self, dispatch_uid="sources_editorial_groups")
