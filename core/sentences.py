"""Splitting a description into sentences, for a page's lede (its opening sentence or two)."""

from __future__ import annotations

import re

# A sentence ends at . ! or ? (and any closing quote or bracket) followed by space and a capital,
# a digit, an opening quote or bracket.
_BOUNDARY = re.compile(r"(?<=[.!?])([\"\u201d\u2019)]?)\s+(?=[A-Z0-9£\u201c\u2018\"(])")
# Words whose full stop does not end a sentence ("e.g. NHS Digital", "Dr. Smith", "St. Thomas'").
_ABBREVIATIONS = {"e.g.", "i.e.", "etc.", "dr.", "mr.", "mrs.", "ms.", "prof.", "st.", "no.", "vs.", "cf.", "approx."}
# Two short sentences make a lede; a longer second sentence waits for "About".
LEDE_MAX_CHARACTERS = 250


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences, whitespace collapsed; abbreviations and initials do not end one."""
    text = " ".join(text.split())
    result, start = [], 0
    for match in _BOUNDARY.finditer(text):
        end = match.start() + len(match.group(1))
        last_word = text[start:end].rsplit(" ", 1)[-1].lower()
        if last_word in _ABBREVIATIONS or re.fullmatch(r"[a-z]\.", last_word):
            continue
        result.append(text[start:end])
        start = match.end()
    if text[start:]:
        result.append(text[start:])
    return result


def lede_sentences(text: str) -> list[str]:
    """The first sentence of ``text``, with the second when the two together stay short (at most two)."""
    found = sentences(text)
    if len(found) >= 2 and len(found[0]) + len(found[1]) + 1 <= LEDE_MAX_CHARACTERS:
        return found[:2]
    return found[:1]
