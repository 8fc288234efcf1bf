"""How text becomes searchable words, the same way for stored records and for queries.

One function (:func:`words`) turns any text into the words search compares: case folded,
plurals and common endings cut ("labs" and "lab", "funded", "funding" and "fund"), hyphenated
and dotted words kept both split and joined ("i-CAIRD" gives "i", "caird" and "icaird"), and
amounts of money written as one word ("£250m", "£250 million" and "£250,000,000" all give
"gbp250000000"). Records are stored as these words and queries are read with the same function,
so a query matches however either side was written. Nothing here touches the database.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal, InvalidOperation

# "£250m", "£ 1.5 billion", "£250,000" (the pound sign is what makes a number an amount).
AMOUNT = re.compile(r"£\s?(\d[\d,]*(?:\.\d+)?)\s*(bn|billion|m|million|mn|k|thousand)?(?![a-z0-9])", re.IGNORECASE)
MULTIPLIERS = {"bn": 10**9, "billion": 10**9, "m": 10**6, "mn": 10**6, "million": 10**6, "k": 10**3, "thousand": 10**3}
# A word, with inner hyphens, apostrophes or dots ("nhs-x", "children's", "e.g").
WORD = re.compile(r"[0-9a-z]+(?:[-'\u2019.][0-9a-z]+)*")
JOINERS = re.compile(r"[-'\u2019.]")
# Words too common to tell records apart; a query of nothing else keeps them.
STOP_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with"})


def stem(word: str) -> str:
    """``word`` without a plural or common verb ending, so word forms meet ("labs" → "lab", "funding" → "fund").

    Deliberately small and predictable (both sides of every comparison go through it, so it
    need not produce real words): it only has to map a word's forms onto one string.
    """
    if len(word) <= 3 or not word.isalpha():
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("ed") and len(word) > 4 and not word.endswith("eed"):
        return word[:-2]
    if (word.endswith("es") and word[-3] in "sxz") or word.endswith(("ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def amount_word(number: str, unit: str | None = "") -> str:
    """The one word an amount of pounds is stored and searched as: ``gbp`` and the whole number of pounds."""
    try:
        value = Decimal(number.replace(",", "")) * MULTIPLIERS.get((unit or "").lower(), 1)
    except InvalidOperation:
        return ""
    return f"gbp{int(value)}"


def _with_amounts_as_words(text: str) -> str:
    return AMOUNT.sub(lambda match: f" {amount_word(match.group(1), match.group(2))} ", text)


def word_groups(text: str) -> list[list[str]]:
    """Each written word of ``text`` as its searchable forms: the whole word, then its parts if it had any.

    ``"NHS-X funds"`` gives ``[["nhsx", "nhs", "x"], ["fund"]]``; amounts give one ``gbp`` word.
    """
    return [list(_forms(written)) for written in _written_words(text)]


def words(text: str) -> list[str]:
    """Every searchable word of ``text``, in order (a hyphenated word gives its parts, then itself joined)."""
    found = []
    for written in _written_words(text):
        found.extend(_in_order(written))
    return found


def _written_words(text: str) -> list[str]:
    folded = (text or "").casefold()
    # Only a pound sign starts an amount: most texts skip the substitution.
    return WORD.findall(_with_amounts_as_words(folded) if "£" in folded else folded)


# Rebuilding the index normalises the same few thousand words millions of times: each written
# word's forms are worked out once (bounded, as queries pass through here too).
@functools.lru_cache(maxsize=65536)
def _forms(written: str) -> tuple[str, ...]:
    parts = [part for part in JOINERS.split(written) if part]
    whole = stem("".join(parts))
    return (whole, *(stem(part) for part in parts)) if len(parts) > 1 else (whole,)


@functools.lru_cache(maxsize=65536)
def _in_order(written: str) -> tuple[str, ...]:
    forms = _forms(written)
    return forms[1:] + forms[:1]


def compact(name: str) -> str:
    """A name as one word, letters and digits only: "HDR UK" → "hdruk", "i-CAIRD" → "icaird"."""
    return stem("".join(re.findall(r"[0-9a-z]+", (name or "").casefold())))


def document(*texts: str) -> str:
    """The searchable form of ``texts``: their words, space separated, with a space before the first and after the last.

    The surrounding spaces let a search ask for " word" (a word's start) or " word " (the whole
    word) with a plain substring match, which both databases index.
    """
    joined = " ".join(word for text in texts for word in words(text))
    return f" {joined} " if joined else ""


def names_document(*names: str) -> str:
    """The searchable form of a record's names: their words, and each name of several words also as one word."""
    joined, compacted = [], []
    for name in names:
        if not name:
            continue
        found = words(name)
        joined.append(" ".join(found))
        if len(found) > 1:
            compacted.append(compact(name))
    text = " ".join(part for part in [*joined, *compacted] if part)
    return f" {text} " if text else ""
