"""The facets of the programme list: what its filters can narrow by, each option with how many programmes it gives.

Declared here rather than on the view so the app can register them at start-up
(``ProgrammesConfig.ready``), keeping their unfiltered counts current (``core.facet_summary``).
"""

from core.facets import Facet
from programmes.models import Programme, ProgrammeOrganisation

PROGRAMME_FACETS = (
    Facet("organisation", "organisation__slug", "organisation__name", through=ProgrammeOrganisation, key="programme"),
    # A many-to-many table holds each pair once, so its rows need no DISTINCT; an
    # organisation can hold two roles in one programme, so its count does.
    Facet("mission", "mission__slug", "mission__title", through=Programme.missions.through, key="programme",
          distinct=False),
    Facet("kind", "kind", distinct=False),
    Facet("status", "status", distinct=False),
    Facet("topic", "topic__slug", "topic__name", through=Programme.topics.through, key="programme",
          distinct=False),
)
