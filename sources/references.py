"""A page's numbered references: each source once, numbered in the order the page first cites it.

A record's page marks each fact with ``[1]``-style links (``{% cite %}``) and lists the
references at its foot (``{% references %}``), as an encyclopaedia's footnotes do: one number
per source document, and under it every quote the page draws from that document, each linking
back to the fact it supports. One :class:`References` serves one rendering of one page
(``sources.context_processors.references`` puts a fresh one in each request's context). Nothing
here queries the database: the citations come with their sources prefetched
(``sources.citations.cited()``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Model

from sources.citations import field_label
from sources.models import Citation, Source
from sources.quotes import normalise_whitespace


@dataclass
class Support:
    """One claim a quote makes on the page: the citation and what it supports ("NHSX: founded")."""

    citation: Citation
    label: str
    backlinks: list[str] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"citation-{self.citation.pk}"


@dataclass
class Quote:
    """One passage of a source, listed once under it, with every claim on the page that it supports.

    Several citations may quote the same words (a name and a kind read off one sentence); the
    page shows the words once, and each claim beside them.
    """

    text: str
    supports: list[Support] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.supports[0].anchor


@dataclass
class Reference:
    """One source in a page's references: its number and the quotes the page takes from it."""

    number: int
    source: Source
    quotes: dict[str, Quote] = field(default_factory=dict)
    """The quotes by their words (whitespace collapsed), in the order the page first cites them."""

    @property
    def anchor(self) -> str:
        return f"reference-{self.number}"

    def quote_list(self) -> list[Quote]:
        return list(self.quotes.values())


@dataclass(frozen=True)
class Mark:
    """One ``[n]`` link beside a fact: the reference's number, the quote it points to, its own id."""

    number: int
    target: str
    anchor: str
    title: str


class References:
    """The references of one page, numbered by first use; each source appears once."""

    def __init__(self) -> None:
        self._by_source: dict[int, Reference] = {}
        self._uses = 0

    def __iter__(self):
        return iter(sorted(self._by_source.values(), key=lambda reference: reference.number))

    def __len__(self) -> int:
        return len(self._by_source)

    def _support(self, citation: Citation, record: Model | None) -> Support:
        reference = self._by_source.get(citation.source_id)
        if reference is None:
            reference = Reference(len(self._by_source) + 1, citation.source)
            self._by_source[citation.source_id] = reference
        words = normalise_whitespace(citation.quote)
        quote = reference.quotes.setdefault(words, Quote(citation.quote))
        for support in quote.supports:
            if support.citation.pk == citation.pk:
                return support
        label = field_label(type(record) if record is not None else None, citation.field_name)
        name = str(record) if record is not None else ""
        support = Support(citation, f"{name}: {label}" if label else name)
        quote.supports.append(support)
        return support

    def cite(self, citations: list[Citation], record: Model | None) -> list[Mark]:
        """Number the sources of ``citations`` (new sources get the next number) and return one mark
        per source, in number order, each pointing at the first of its quotes that supports this fact."""
        marks: dict[int, Mark] = {}
        for citation in citations:
            support = self._support(citation, record)
            number = self._by_source[citation.source_id].number
            if number in marks:
                support.backlinks.append(marks[number].anchor)
                continue
            self._uses += 1
            anchor = f"cite-ref-{number}-{self._uses}"
            support.backlinks.append(anchor)
            marks[number] = Mark(number, support.anchor, anchor, citation.source.title)
        return sorted(marks.values(), key=lambda mark: mark.number)

    def number_of(self, citation: Citation) -> int | None:
        """The number of the citation's source on this page, once a fact or :meth:`add` has listed it."""
        reference = self._by_source.get(citation.source_id)
        return reference.number if reference else None

    def add(self, citations: list[Citation], record: Model | None) -> None:
        """List ``citations`` among the references without a mark in the text (a record's remaining quotes)."""
        for citation in citations:
            self._support(citation, record)
