"""App configuration of the funding app."""

from django.apps import AppConfig


class FundingConfig(AppConfig):
    """Funding awards (who gives how much to whom, over what period) and funding streams."""

    name = "funding"
