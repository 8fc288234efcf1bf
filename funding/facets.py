"""The facets of the funding award list: each option with how many awards it gives.

Declared here rather than on the view so the app can register them at start-up
(``FundingConfig.ready``), keeping their unfiltered counts current (``core.facet_summary``).
The recipient facet (a programme or an organisation) groups by two columns, so it is always
counted live, within the page's time budget.
"""

from django.db.models.functions import Coalesce

from core.facets import Facet

AWARD_FACETS = (
    Facet("funder", "funder__slug", "funder__name", distinct=False),
    Facet(
        "recipient",
        Coalesce("recipient_programme__slug", "recipient_organisation__slug"),
        Coalesce("recipient_programme__name", "recipient_organisation__name"),
        distinct=False,
    ),
    Facet("stream", "stream__slug", "stream__name", distinct=False),
    Facet("year", "announced_year", "announced_year", distinct=False),
    Facet("qualifier", "amount_qualifier", distinct=False),
    Facet("period", "period", distinct=False),
)
