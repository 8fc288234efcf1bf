"""App configuration of the provenance app."""

from django.apps import AppConfig


class SourcesConfig(AppConfig):
    """Sources (the documents) and citations (verbatim quotes supporting records and fields)."""

    name = "sources"
    verbose_name = "Sources and citations"
