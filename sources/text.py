"""A source document's readable text, from an uploaded ``.txt`` or ``.html`` file.

HTML is reduced with BeautifulSoup (Python's own ``html.parser``, so no C library): scripts,
styles, navigation and other furniture dropped, each block (paragraph, heading, list item,
table cell) on a line of its own, entities decoded. Control characters, which pasted and
converted documents bring by accident, become spaces, as the text check would refuse them.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from bs4 import BeautifulSoup

from core.text_checks import without_control_characters

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm")

# Elements whose content is not part of the document a reader reads.
_FURNITURE = ["script", "style", "noscript", "template", "head", "nav", "iframe", "svg", "form", "button"]
_BLOCKS = [
    "p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "pre", "figure",
    "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "tr", "caption", "br", "hr", "title",
]  # fmt: skip
_BLANK_LINES = re.compile(r"\n{3,}")


class UnreadableDocument(ValueError):
    """A file that is not a ``.txt`` or ``.html`` document in a known encoding."""


def decode(data: bytes) -> str:
    """Bytes as text: UTF-8 (with or without a byte-order mark), else Windows-1252, as browsers guess."""
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableDocument("The file is neither UTF-8 nor Windows-1252 text.")


def html_to_text(html: str) -> str:
    """The readable text of an HTML document, a line per block, with no more than one blank line in a row."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup.find_all(_FURNITURE):
        element.decompose()
    for element in soup.find_all(_BLOCKS):
        element.insert_before("\n")
        element.insert_after("\n")
    return tidy(soup.get_text())


def tidy(text: str) -> str:
    """Line endings unified, control characters and trailing spaces gone, runs of blank lines cut to one."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [" ".join(without_control_characters(line).split()) for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def document_text(name: str, data: bytes) -> str:
    """The text of an uploaded document named ``name``: ``.txt`` as it is, ``.html`` reduced to its text."""
    suffix = PurePath(name).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return tidy(decode(data))
    if suffix in HTML_SUFFIXES:
        return html_to_text(decode(data))
    raise UnreadableDocument(f"Upload a .txt or .html file, not {suffix or 'a file without an extension'}.")
