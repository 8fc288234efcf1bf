"""What programmes contribute to the site-wide pages: search, sitemaps and timeline (``core.registry``)."""

from core.registry import (
    DatedField,
    SearchHit,
    SearchIndex,
    SitemapSection,
    record_sitemap,
    register_dated_fields,
    register_search,
    register_sitemap,
    register_structured_data,
    snippet,
    with_matching_alias,
)
from core.search import DocumentSpec, RelatedText, register_document
from programmes.jsonld import event_json_ld, mission_json_ld, programme_json_ld
from programmes.models import Event, Metric, Mission, Programme, ProgrammeAlias


def programme_hit(programme: Programme, query: str) -> SearchHit:
    """A programme among search results: its summary, and the alias that matched."""
    text = with_matching_alias(programme, query, programme.summary)
    return SearchHit(programme.name, programme.get_absolute_url(), text)


def mission_hit(mission: Mission, query: str) -> SearchHit:
    """A mission among search results: whose it is and its statement."""
    text = f"{mission.get_kind_display()} of {mission.organisation.name}. {snippet(mission.statement)}"
    return SearchHit(mission.title, mission.get_absolute_url(), text)


def event_hit(event: Event, query: str) -> SearchHit:
    """An event among search results: its date as written, then its description."""
    when = str(event.date) if event.date else "Date not stated"
    return SearchHit(event.name, event.get_absolute_url(), f"{when}. {snippet(event.description)}".strip())


def _name(record) -> str:
    return record.name


register_search(
    SearchIndex(
        "programmes",
        "Programmes",
        20,
        Programme,
        lambda q: Programme.objects.search(q).prefetch_related("aliases"),
        programme_hit,
        "programmes:programme-list",
    ),
    SearchIndex(
        "missions",
        "Missions",
        40,
        Mission,
        lambda q: Mission.objects.search(q).for_listing(),
        mission_hit,
        "programmes:mission-list",
    ),
    SearchIndex(
        "events",
        "Events",
        60,
        Event,
        lambda q: Event.objects.search(q).chronological(),
        event_hit,
        "catalogue:timeline",
    ),
)
register_sitemap(
    SitemapSection("programmes", 30, record_sitemap(Programme), ["programmes:programme-list"]),
    SitemapSection("missions", 40, record_sitemap(Mission), ["programmes:mission-list"]),
    SitemapSection("events", 50, record_sitemap(Event)),
)
register_dated_fields(
    DatedField(Event, "date", lambda event: event.get_kind_display(), "Event", "name", order=0, describe=_name),
    DatedField(Programme, "announced", "Announced", "Programme", "name", order=1, describe=_name),
    DatedField(Programme, "started", "Started", "Programme", "name", order=2, describe=_name),
    DatedField(Programme, "target", "Target date", "Programme", "name", order=3, describe=_name),
)
register_structured_data(Programme, programme_json_ld)
register_structured_data(Mission, mission_json_ld)
register_structured_data(Event, event_json_ld)

# What search reads of each record (core.search): one definition for /search/, the API and the lists.
register_document(
    DocumentSpec(
        Programme,
        ["name", "summary", "description", "location"],
        names=lambda programme: [programme.name, *programme.aliases],
        texts=lambda programme: [programme.summary, programme.description, programme.location],
        related=[RelatedText(ProgrammeAlias, "programme_id", "name", "aliases")],
    )
)
register_document(
    DocumentSpec(
        Mission,
        ["title", "statement"],
        names=lambda mission: [mission.title],
        texts=lambda mission: [mission.statement],
    )
)
register_document(
    DocumentSpec(
        Event,
        ["name", "description", "location"],
        names=lambda event: [event.name],
        texts=lambda event: [event.description, event.location],
    )
)
register_document(
    DocumentSpec(
        Metric,
        ["name", "unit", "period", "description"],
        names=lambda metric: [metric.name],
        texts=lambda metric: [metric.unit, metric.period, metric.description],
    )
)
