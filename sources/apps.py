"""App configuration of the provenance app."""

from core.apps import CatalogueAppConfig


class SourcesConfig(CatalogueAppConfig):
    """Sources (the documents) and citations (verbatim quotes supporting records and fields)."""

    name = "sources"
    default = True
    verbose_name = "Sources and citations"
