"""App configuration of the site as a whole."""

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class CatalogueConfig(AppConfig):
    """Site-wide features over every record app: home, search, timeline, discrepancies, sitemaps,
    export and import, the catalogue loader, the synthetic generator and the API root.

    Each record app contributes its search indexes, sitemaps and timeline facts from its own
    ``contributions`` module (``core.registry``); loading them here keeps this app free of a
    central list of models.
    """

    name = "catalogue"
    verbose_name = "Catalogue site"

    def ready(self):
        autodiscover_modules("contributions")
