"""Search across every kind of record, for the /search/ page and the API's /api/search/.

Each kind is searched through its model's ``QuerySet.search()`` (organisations and programmes
match their aliases and acronyms too), so the page, the API and each list's ``q`` filter agree
on what matches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import Model, Prefetch, QuerySet
from django.utils.text import Truncator

from core.validators import without_control_characters
from funding.models import FundingAward
from organisations.models import Organisation, Person, Role
from programmes.models import Event, Mission, Programme
from sources.models import Source

MAX_QUERY_LENGTH = 200
SNIPPET_WORDS = 30


class QueryTooLong(ValueError):
    """The search text is longer than :data:`MAX_QUERY_LENGTH` characters."""


@dataclass(frozen=True)
class SearchHit:
    """One matching record: what to call it, where its page is, and a line about it."""

    title: str
    url: str
    snippet: str = ""


@dataclass
class SearchGroup:
    """The matches of one kind of record: the first ``limit_per_kind`` hits and the full count."""

    kind: str
    label: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0

    @property
    def has_more(self) -> bool:
        """True when more records matched than are listed."""
        return self.total > len(self.hits)


@dataclass(frozen=True)
class _Kind:
    kind: str
    label: str
    queryset: Callable[[str], QuerySet]
    hit: Callable[[Model, str], SearchHit]


def _truncate(text: str) -> str:
    return Truncator(" ".join(text.split())).words(SNIPPET_WORDS)


def _matching_alias(record: Model, query: str) -> str | None:
    """The first prefetched alias containing the query, when the name itself does not."""
    needle = query.casefold()
    names = [getattr(record, "name", ""), getattr(record, "acronym", "")]
    if any(needle in name.casefold() for name in names):
        return None
    return next((alias.name for alias in record.aliases.all() if needle in alias.name.casefold()), None)


def _with_alias(record: Model, query: str, text: str) -> str:
    alias = _matching_alias(record, query)
    return f"Also known as {alias}. {text}".strip() if alias else text


def _organisation_hit(organisation: Organisation, query: str) -> SearchHit:
    text = f"{organisation.get_kind_display()}. {_truncate(organisation.description)}"
    return SearchHit(str(organisation), organisation.get_absolute_url(), _with_alias(organisation, query, text))


def _programme_hit(programme: Programme, query: str) -> SearchHit:
    return SearchHit(programme.name, programme.get_absolute_url(), _with_alias(programme, query, programme.summary))


def _person_hit(person: Person, query: str) -> SearchHit:
    roles = "; ".join(f"{role.title}, {role.organisation.name}" for role in person.roles.all())
    return SearchHit(str(person), person.get_absolute_url(), roles or _truncate(person.description))


def _mission_hit(mission: Mission, query: str) -> SearchHit:
    text = f"{mission.get_kind_display()} of {mission.organisation.name}. {_truncate(mission.statement)}"
    return SearchHit(mission.title, mission.get_absolute_url(), text)


def _award_hit(award: FundingAward, query: str) -> SearchHit:
    recipient = award.recipient
    text = f"{award.display_amount} from {award.funder_name}"
    if recipient is not None:
        text += f" to {recipient.name}"
    return SearchHit(award.title, award.get_absolute_url(), text + ".")


def _event_hit(event: Event, query: str) -> SearchHit:
    when = str(event.date) if event.date else "Date not stated"
    return SearchHit(event.name, event.get_absolute_url(), f"{when}. {_truncate(event.description)}".strip())


def _source_hit(source: Source, query: str) -> SearchHit:
    parts = [source.get_kind_display(), source.publisher, str(source.published or "")]
    byline = ", ".join(part for part in parts if part)
    return SearchHit(source.title, source.get_absolute_url(), f"{byline}. {_truncate(source.summary)}".strip())


KINDS: tuple[_Kind, ...] = (
    _Kind(
        "organisations",
        "Organisations",
        lambda q: Organisation.objects.search(q).prefetch_related("aliases"),
        _organisation_hit,
    ),
    _Kind(
        "programmes",
        "Programmes",
        lambda q: Programme.objects.search(q).prefetch_related("aliases"),
        _programme_hit,
    ),
    _Kind(
        "people",
        "People",
        lambda q: Person.objects.search(q).prefetch_related(
            Prefetch("roles", queryset=Role.objects.select_related("organisation"))
        ),
        _person_hit,
    ),
    _Kind("missions", "Missions", lambda q: Mission.objects.search(q).for_listing(), _mission_hit),
    _Kind("funding", "Funding awards", lambda q: FundingAward.objects.search(q).for_listing(), _award_hit),
    _Kind("events", "Events", lambda q: Event.objects.search(q).chronological(), _event_hit),
    _Kind("sources", "Sources", lambda q: Source.objects.search(q), _source_hit),
)
"""Every searchable kind, in the order the results page lists them."""

KIND_NAMES = tuple(kind.kind for kind in KINDS)


def clean_query(query: str) -> str:
    """The query with control characters, surrounding and repeated whitespace removed; raises :class:`QueryTooLong`.

    (Stored text holds no control characters, and PostgreSQL refuses a NUL in a query.)
    """
    query = " ".join(without_control_characters(query or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"Search for at most {MAX_QUERY_LENGTH} characters (you gave {len(query)}).")
    return query


def search_catalogue(query: str, limit_per_kind: int = 20, kinds: Iterable[str] | None = None) -> list[SearchGroup]:
    """Records of every kind (or of ``kinds``) matching ``query``, grouped by kind, in a fixed order.

    Kinds with no match are left out; an empty query gives an empty list. Raises
    :class:`QueryTooLong` past :data:`MAX_QUERY_LENGTH` characters and ``ValueError`` for an
    unknown kind. Costs two queries per kind searched (a count and the page of hits), plus one
    per prefetch (organisation and programme aliases, people's roles) when that kind matched.
    """
    query = clean_query(query)
    wanted = set(KIND_NAMES if kinds is None else kinds)
    if unknown := wanted - set(KIND_NAMES):
        raise ValueError(f"Unknown kind(s): {', '.join(sorted(unknown))}. Choose from {', '.join(KIND_NAMES)}.")
    if not query:
        return []
    groups = []
    for kind in KINDS:
        if kind.kind not in wanted:
            continue
        queryset = kind.queryset(query)
        total = queryset.count()
        if not total:
            continue
        records = list(queryset[: max(limit_per_kind, 0)]) if limit_per_kind else []
        hits = [kind.hit(record, query) for record in records]
        groups.append(SearchGroup(kind.kind, kind.label, hits, total))
    return groups
