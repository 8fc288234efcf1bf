"""CSV export of any API list (``?format=csv``): one row per record, nested values flattened."""

from __future__ import annotations

import csv
import io
import unicodedata

from rest_framework.renderers import BaseRenderer, JSONRenderer

# Cells a spreadsheet would run as a formula (CSV injection); they are prefixed with a quote.
# The first character is compared in its NFKC form, so the fullwidth U+FF1D, U+FF0B, U+FF0D
# and U+FF20 (which some spreadsheets read as = + - @) and the small U+FE66 are caught too.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def flatten(value, prefix: str = "") -> dict[str, str]:
    """``{"a": {"b": 1}, "c": [x, y]}`` → ``{"a.b": "1", "c": "x; y"}``.

    Objects become dotted columns; lists become one cell, each item shown by its name,
    title, slug or id when it is an object (so a list of links reads "NHSX; HDR UK").
    """
    if isinstance(value, dict):
        columns: dict[str, str] = {}
        for key, item in value.items():
            columns.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return columns
    if isinstance(value, list):
        return {prefix: LIST_SEPARATOR.join(_item_text(item) for item in value)}
    return {prefix: _cell(value)}


def _item_text(item) -> str:
    if isinstance(item, dict):
        for key in ("name", "title", "slug", "field", "id", "display"):
            if item.get(key) not in (None, ""):
                return _cell(item[key])
        return LIST_SEPARATOR.join(f"{key}={text}" for key, text in flatten(item).items())
    return _cell(item)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if unicodedata.normalize("NFKC", text[:1]).startswith(_FORMULA_STARTS) else text


class CatalogueJSONDownloadRenderer(JSONRenderer):
    """``?format=json-download``: the whole (filtered) list in one JSON answer, to save as a file.

    The list pages' "Download JSON" links use it: the same rows as the page, every page of them,
    in the same order; plain ``?format=json`` stays paginated. The rows come in the paginated
    shape the schema documents, as a single page: ``{"count": n, "next": null, "previous": null,
    "results": [...]}``.
    """

    format = "json-download"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, list):
            data = {"count": len(data), "next": None, "previous": None, "results": data}
        return super().render(data, accepted_media_type, renderer_context)


class CatalogueCSVRenderer(BaseRenderer):
    """Renders a list (or one record, or an error body) as CSV with a header row.

    The columns are the union of every row's flattened keys, in first-seen order, so rows
    with and without an optional nested value line up.
    """

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None:
            return b""
        if isinstance(data, dict) and "results" in data and isinstance(data["results"], list):
            data = data["results"]
        rows = [flatten(row) for row in (data if isinstance(data, list) else [data])]
        header: dict[str, None] = {}
        for row in rows:
            header.update(dict.fromkeys(row))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        return out.getvalue().encode(self.charset)
