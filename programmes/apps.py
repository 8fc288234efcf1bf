"""App configuration of the programmes app."""

from core.apps import CatalogueAppConfig


class ProgrammesConfig(CatalogueAppConfig):
    """Programmes, missions, metrics, events and topics."""

    name = "programmes"
    default = True

    def ready(self):
        from core.delete_policy import protect_links
        from core.facet_summary import register_facets
        from organisations.models import Organisation, Person
        from programmes.facets import PROGRAMME_FACETS
        from programmes.models import Mission, Programme

        # An event's own links go with it; a record an event names, or a mission a programme
        # pursues, may not vanish from under them (core.delete_policy).
        protect_links(Programme, "missions", "events")
        protect_links(Mission, "programmes")
        protect_links(Organisation, "events")
        protect_links(Person, "events")
        register_facets(Programme, PROGRAMME_FACETS)  # their unfiltered counts kept current
