"""The API's JSON parser: DRF's, with a bound on how deeply a body may nest.

Python's JSON decoder recurses once per level, so ``[[[[…]]]]`` a thousand deep raises
``RecursionError`` (a 500), anonymously too, on any endpoint that reads a body. No catalogue
body nests more than a few levels; deeper is refused as a 400 naming the limit.
"""

from __future__ import annotations

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_JSON_DEPTH = 20


def json_depth(data, *, limit: int) -> int:
    """How deeply ``data`` (parsed JSON) nests, counting each list or object; stops past ``limit``.

    Iterative, so it cannot itself run out of stack.
    """
    deepest = 0
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        pending.extend((child, depth + 1) for child in children)
    return deepest


class DepthLimitedJSONParser(JSONParser):
    """``JSONParser`` refusing bodies nested deeper than :data:`MAX_JSON_DEPTH` with a 400."""

    max_depth = MAX_JSON_DEPTH

    def parse(self, stream, media_type=None, parser_context=None):
        message = f"JSON parse error - the body nests lists or objects deeper than {self.max_depth} levels."
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(message) from None
        if json_depth(data, limit=self.max_depth) > self.max_depth:
            raise ParseError(message)
        return data
