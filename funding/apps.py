"""App configuration of the funding app."""

from core.apps import CatalogueAppConfig


class FundingConfig(CatalogueAppConfig):
    """Funding awards (who gives how much to whom, over what period) and funding streams."""

    name = "funding"
    default = True

    def ready(self):
        from core.facet_summary import register_facets, register_rebuild
        from funding import kept_totals
        from funding.facets import AWARD_FACETS
        from funding.models import FundingAward

        register_facets(FundingAward, AWARD_FACETS)  # their unfiltered counts kept current
        kept_totals.connect()  # and the totals over every award
        register_rebuild("funding.totals", kept_totals.rebuild)
