"""URLs of records from a route reversed once per process, not by ``reverse()`` for every row.

A list page or API list links each of its rows to its own page: ``reverse()`` walks the
URL resolver's namespaces, converters and quoting each time (about a tenth of a millisecond,
thirty to sixty times a page). :func:`url_for` reverses a route once with a marker for its
one argument, keeps the text either side, and puts each row's slug or key between them.

It gives exactly what ``reverse()`` gives: the parts are kept per URLconf and per script
prefix (``SCRIPT_NAME``), and only values that need no quoting take the short path (an int,
or a slug of ASCII letters, digits, hyphens and underscores where the route accepts one);
any other value, and a missing route, go through ``reverse()`` itself, which raises as before.
The catalogue's routes are not translated (no ``i18n_patterns``, no lazy route strings), so
the active language does not change them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# Digits and a hyphen: the one argument's place, found once in the reversed route.
_SLUG_MARKER = "x-7355608"
_DIGITS_MARKER = "7355608"
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")
_DIGITS = re.compile(r"[0-9]+")


@lru_cache(maxsize=1024)
def _route(urlconf: str, prefix: str, viewname: str, key: str | None) -> tuple[str, str, re.Pattern] | str | None:
    """The route's URL (no argument), or its text before and after the argument and the values
    that may go between; None when it must go through ``reverse()`` every time."""
    if key is None:
        return reverse(viewname)
    for marker, shape in ((_SLUG_MARKER, _SLUG), (_DIGITS_MARKER, _DIGITS)):
        try:
            url = reverse(viewname, kwargs={key: marker})
        except NoReverseMatch:
            continue
        before, found, after = url.partition(marker)
        return (before, after, shape) if found and marker not in after else None
    return None


def url_for(viewname: str, **kwargs) -> str:
    """``reverse(viewname, kwargs=kwargs)`` for a route with no argument or one, cached (see the module)."""
    if len(kwargs) > 1:
        return reverse(viewname, kwargs=kwargs)
    key, value = next(iter(kwargs.items()), (None, None))
    route = _route(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), viewname, key)
    if key is None:
        return route
    if route is not None:
        before, after, shape = route
        if type(value) is int and value >= 0:
            return f"{before}{value}{after}"
        if type(value) is str and shape.fullmatch(value):
            return f"{before}{value}{after}"
    return reverse(viewname, kwargs=kwargs)
