"""App configuration of the programmes app."""

from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    """Programmes, missions, metrics, events and topics."""

    name = "programmes"
