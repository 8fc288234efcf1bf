"""App configuration of the funding app."""

from core.apps import CatalogueAppConfig


class FundingConfig(CatalogueAppConfig):
    """Funding awards (who gives how much to whom, over what period) and funding streams."""

    name = "funding"
    default = True
