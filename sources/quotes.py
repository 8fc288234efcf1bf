"""Checking that a claim's quote really is in its source's text: the one home of the rule.

Pure Python (no Django), so tests and scripts can use it directly. A quote and a text are
compared after :func:`comparable`: every run of whitespace (spaces, tabs, line breaks,
non-breaking spaces) becomes one space, and typographic quote marks and dashes become their
plain forms (curly quotes and apostrophes, en and em dashes). Every other character has to match
exactly: case, spelling, punctuation, numbers.

Both transformations map a character to one character once whitespace is collapsed, so a
position in the comparable text is the same position in the whitespace-collapsed original:
:class:`SourceText` uses that to show the passage as the source writes it, with the
sentences around it.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass
from functools import cached_property

# Curly and low quote marks, primes, and every dash and the minus sign, as their plain forms.
TYPOGRAPHIC = str.maketrans(
    {
        **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
        **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033", '"'),
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)

CLOSEST_PASSAGE_WORDS = 40
"""The most words of the source a refusal shows as the closest passage."""

_CANDIDATES = 8  # windows of the most shared words that SequenceMatcher then compares

# A sentence ends at . ! ? (with any closing quote or bracket) before a space, or at a line break.
_SENTENCE_END = re.compile(r"[.!?][\"'\u2019\u201d)\]]*(?= )")


def normalise_whitespace(text: str) -> str:
    """``text`` with each run of whitespace (Unicode included) turned into one space, ends trimmed."""
    return " ".join(text.split())


def comparable(text: str) -> str:
    """``text`` as quotes are compared: whitespace collapsed, typographic quote marks and dashes plain."""
    return normalise_whitespace(text).translate(TYPOGRAPHIC)


def quote_in_source(quote: str, text: str) -> bool:
    """True when ``quote`` occurs in ``text``, ignoring only whitespace and typographic quote marks and dashes.

    An empty (or all-whitespace) quote is never "found": a claim needs words to check.
    """
    needle = comparable(quote)
    return bool(needle) and needle in comparable(text)


def closest_passage(quote: str, text: str) -> str:
    """The passage of ``text`` most like ``quote`` (as many words, at most :data:`CLOSEST_PASSAGE_WORDS`).

    Windows of the quote's length slide over the text's words, scored by how many of the
    quote's words they hold (one pass); the best few, and their neighbours, are then ranked by
    :class:`difflib.SequenceMatcher`. "" when the text is empty. Linear in the text's length.
    """
    words = normalise_whitespace(text).split(" ")
    target = comparable(quote)
    if not words[0] or not target:
        return ""
    size = max(1, min(len(target.split(" ")), CLOSEST_PASSAGE_WORDS, len(words)))
    wanted = set(target.casefold().split(" "))
    hits = [word.translate(TYPOGRAPHIC).casefold() in wanted for word in words]
    score = sum(hits[:size])
    scores = [score]
    for start in range(1, len(words) - size + 1):
        score += hits[start + size - 1] - hits[start - 1]
        scores.append(score)
    best_starts = sorted(range(len(scores)), key=lambda start: -scores[start])[:_CANDIDATES]
    candidates = {start for best in best_starts for start in range(best - 2, best + 3) if 0 <= start < len(scores)}
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(target)

    def ratio(start: int) -> tuple[float, int]:
        matcher.set_seq1(" ".join(words[start : start + size]).translate(TYPOGRAPHIC))
        return matcher.ratio(), -start

    best = max(sorted(candidates), key=ratio)
    return " ".join(words[best : best + size])


def quote_problem(quote: str, text: str, source_title: str = "the source") -> str | None:
    """Why ``quote`` cannot be accepted from ``text`` (with the closest passage), or None when it is there."""
    if not normalise_whitespace(text):
        return (
            f"“{source_title}” has no text yet, so no quote from it can be checked: add the document's text "
            "on the source's page (paste it, or upload a .txt or .html file), then cite it."
        )
    if quote_in_source(quote, text):
        return None
    passage = closest_passage(quote, text)
    return (
        f"This quote is not in “{source_title}” (whitespace and typographic quote marks and dashes aside, "
        f"it must match word for word). The closest passage of the source is: “{passage}”"
    )


@dataclass(frozen=True)
class Passage:
    """A quote as it stands in its source: the sentence before, the quote's own sentence around it, the one after."""

    before: str
    lead: str
    quote: str
    tail: str
    after: str


class SourceText:
    """A source's text prepared once for finding many quotes in it (a source page shows them all).

    Building it costs one pass over the text; each :meth:`find` one substring search.
    """

    def __init__(self, text: str):
        # Joining the collapsed lines gives normalise_whitespace(text); each line also starts a sentence.
        lines = [line for line in (normalise_whitespace(line) for line in text.splitlines()) if line]
        self.text = " ".join(lines)
        self.key = self.text.translate(TYPOGRAPHIC)
        self._line_starts = []
        position = 0
        for line in lines:
            self._line_starts.append(position)
            position += len(line) + 1

    @cached_property
    def _sentence_starts(self) -> list[int]:
        ends = (match.end() + 1 for match in _SENTENCE_END.finditer(self.text))
        return sorted({0, *self._line_starts, *ends})

    def _sentence(self, position: int) -> tuple[int, int]:
        """The start and end of the sentence holding ``position``."""
        starts = self._sentence_starts
        index = bisect.bisect_right(starts, position) - 1
        end = starts[index + 1] - 1 if index + 1 < len(starts) else len(self.text)
        return starts[index], end

    def contains(self, quote: str) -> bool:
        """True when ``quote`` is in the text (the rule of :func:`quote_in_source`)."""
        needle = comparable(quote)
        return bool(needle) and needle in self.key

    def find(self, quote: str) -> Passage | None:
        """The quote in context, as the source writes it; None when it is not there (any more)."""
        needle = comparable(quote)
        start = self.key.find(needle) if needle else -1
        if start < 0:
            return None
        end = start + len(needle)
        first_start, _ = self._sentence(start)
        _, last_end = self._sentence(max(start, end - 1))
        before = after = ""
        if first_start > 0:
            previous_start, _ = self._sentence(first_start - 2)
            before = self.text[previous_start : first_start - 1]
        if last_end < len(self.text):
            _, next_end = self._sentence(last_end + 1)
            after = self.text[last_end + 1 : next_end]
        return Passage(
            before=before,
            lead=self.text[first_start:start],
            quote=self.text[start:end],
            tail=self.text[end:last_end],
            after=after,
        )

    def search(self, words: str, limit: int = 20) -> list[str]:
        """Sentences holding ``words`` (case, whitespace and typographic marks ignored), in text order."""
        needle = comparable(words)
        if not needle:
            return []
        found: list[str] = []
        seen_starts: set[int] = set()
        # A case-blind regex rather than casefold(), which may change lengths and so positions.
        for match in re.finditer(re.escape(needle), self.key, flags=re.IGNORECASE):
            sentence_start, sentence_end = self._sentence(match.start())
            if sentence_start not in seen_starts:
                seen_starts.add(sentence_start)
                found.append(self.text[sentence_start:sentence_end])
                if len(found) == limit:
                    break
        return found
