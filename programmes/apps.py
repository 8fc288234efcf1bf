"""App configuration of the programmes app."""

from core.apps import CatalogueAppConfig


class ProgrammesConfig(CatalogueAppConfig):
    """Programmes, missions, metrics, events and topics."""

    name = "programmes"
    default = True
