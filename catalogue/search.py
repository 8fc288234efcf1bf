"""Search across every kind of record, for the /search/ page and the API's /api/search/.

Each kind is searched through the :class:`~core.registry.SearchIndex` its app registers
(usually the model's ``QuerySet.search()``; organisations and programmes match their aliases
and acronyms too), so the page, the API and each list's ``q`` filter agree on what matches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from core import search as forgiving
from core.registry import SearchHit, SearchIndex, registry
from core.text_checks import without_control_characters

MAX_QUERY_LENGTH = 200


class QueryTooLong(ValueError):
    """The search text is longer than :data:`MAX_QUERY_LENGTH` characters."""


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


def search_indexes() -> list[SearchIndex]:
    """Every searchable kind, in the order the results page lists them (as the apps registered them)."""
    return list(registry.search_indexes)


def kind_names() -> tuple[str, ...]:
    """The names of the searchable kinds (``organisations``, ``programmes``...), in order."""
    return tuple(index.kind for index in registry.search_indexes)


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

    Kinds with no match are left out; an empty query gives an empty list. Matching forgives
    misspellings, word forms, case, hyphens, spacing and the ways of writing amounts
    (``core.search``); each kind lists the records matching most words first. Raises
    :class:`QueryTooLong` past :data:`MAX_QUERY_LENGTH` characters and ``ValueError`` for an
    unknown kind. Costs one query counting every kind's matches (``core.search.totals``), one
    page of hits per kind that matched, and one per prefetch (organisation and programme
    aliases, people's roles) when that kind matched.
    """
    query = clean_query(query)
    names = kind_names()
    wanted = set(names if kinds is None else kinds)
    if unknown := wanted - set(names):
        raise ValueError(f"Unknown kind(s): {', '.join(sorted(unknown))}. Choose from {', '.join(names)}.")
    if not query:
        return []
    groups = []
    parsed = forgiving.parse(query)  # read once (a query or two of the word list) for every kind
    kinds = [kind for kind in search_indexes() if kind.kind in wanted]
    counts = forgiving.totals(parsed, [kind.model for kind in kinds])  # one query for every kind
    for kind in kinds:
        total = counts[kind.model]
        if not total:
            continue
        queryset = kind.queryset(parsed)
        records = list(queryset[: max(limit_per_kind, 0)]) if limit_per_kind else []
        hits = [kind.hit(record, query) for record in records]
        groups.append(SearchGroup(kind.kind, kind.label, hits, total))
    return groups


def did_you_mean(query: str, kinds: Iterable[str] | None = None) -> str:
    """A respelt ``query`` that finds something, for when ``query`` found nothing ("" when there is none).

    Each misspelt word is replaced by the nearest word the catalogue holds ("artficial
    inteligence" → "artificial intelligence"); the respelt query is offered only if it matches.
    """
    respelt = forgiving.suggestion(clean_query(query))
    if not respelt or respelt.casefold() == clean_query(query).casefold():
        return ""
    return respelt if search_catalogue(respelt, limit_per_kind=0, kinds=kinds) else ""
