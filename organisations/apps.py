"""App configuration of the organisations app."""

from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    """Organisations in a hierarchy, people and roles, and stated relationships."""

    name = "organisations"
