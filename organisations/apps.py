"""App configuration of the organisations app."""

from core.apps import CatalogueAppConfig


class OrganisationsConfig(CatalogueAppConfig):
    """Organisations in a hierarchy, people and roles, and stated relationships."""

    name = "organisations"
    default = True
