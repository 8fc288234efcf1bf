"""Pieces shared by the FilterSets of every app (each app owns its own FilterSet)."""

import django_filters
from django import forms


class SearchFilter(django_filters.CharFilter):
    """Free-text search, delegated to the model's ``QuerySet.search()``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Search")
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return qs.search(value) if value else qs


class YearFilter(django_filters.NumberFilter):
    """A four-digit year, range-checked so both databases accept the same values."""

    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1800)
        kwargs.setdefault("max_value", 2200)
        super().__init__(**kwargs)


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's ordering that ignores empty entries and ends on the primary key.

    ``?ordering=`` or ``?ordering=,`` would otherwise clear the order altogether, and rows
    that tie on the chosen field could move between pages; the key makes every order total.
    """

    def filter(self, qs, value):
        chosen = [self.get_ordering_value(param) for param in value or () if param]
        return qs.order_by(*chosen, "pk") if chosen else qs


class AliasedOrderingFilter(OrderingFilter):
    """An ``OrderingFilter`` that also accepts short aliases, e.g. ``amount`` for ``amount_gbp``."""

    def __init__(self, *args, aliases: dict[str, str] | None = None, **kwargs):
        self.aliases = aliases or {}
        super().__init__(*args, **kwargs)
        extra = []
        for alias in self.aliases:
            extra += [(alias, f"{alias} (ascending)"), (f"-{alias}", f"{alias} (descending)")]
        self.extra["choices"] = [*self.extra["choices"], *extra]

    def get_ordering_value(self, param):
        descending = param.startswith("-")
        name = param.removeprefix("-")
        if name in self.aliases:
            param = ("-" if descending else "") + self.aliases[name]
        return super().get_ordering_value(param)
