"""Pieces shared by the FilterSets of every app (each app owns its own FilterSet)."""

import django_filters
from django import forms
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower


class CatalogueFilterSet(django_filters.FilterSet):
    """A FilterSet whose errors tell a person what to do, in the NHS.UK error-message style.

    "Select a valid choice. That choice is not one of the available choices." becomes "Select a
    kind from the list"; a year out of range becomes "Enter a year from 1800 to 2200". Pairs named
    in ``Meta.ranges`` (``[("year_min", "year_max")]``) must not run backwards. The HTML lists and
    the API share these messages, as they share the FilterSet.
    """

    def get_form_class(self):
        """The form class, built once per FilterSet class as a declared Django form is.

        django-filter builds a new class from fresh fields on every request (a tenth of an API
        list's time). Here each filter's field depends on its class alone: no filter takes its
        queryset or choices from the request (a callable queryset would, and is refused). Each
        form still deep-copies the fields, and a model choice field its queryset, as Django's
        forms do, so no request sees another's values or rows.
        """
        form_class = type(self).__dict__.get("_catalogue_form_class")
        if form_class is None:
            if any(callable(getattr(filter_, "queryset", None)) for filter_ in self.filters.values()):
                raise TypeError(f"{type(self).__name__}: a filter's queryset depends on the request.")
            form_class = super().get_form_class()
            type(self)._catalogue_form_class = form_class
        return form_class

    @property
    def form(self):
        form = super().form
        if not getattr(form, "errors_humanised", False):
            for name, field in form.fields.items():
                field.error_messages.update(_messages_for(name, field, self.filters.get(name), self._meta.model))
            form.errors_humanised = True
        return form

    def is_valid(self) -> bool:
        valid = super().is_valid()
        if not valid:
            return False
        for low, high in getattr(self.Meta, "ranges", ()):
            start, end = self.form.cleaned_data.get(low), self.form.cleaned_data.get(high)
            if start is not None and end is not None and start > end:
                first, second = _label(self.form.fields[low]), _label(self.form.fields[high])
                self.form.add_error(low, f"'{first}' must be the same as or before '{second.lower()}'")
                valid = False
        return valid


def _label(field) -> str:
    return str(field.label or "").rstrip(":")


def _messages_for(name: str, field, filter_=None, model=None) -> dict[str, str]:
    """Error messages for one form field, saying what to enter rather than what went wrong.

    The thing to choose or enter is named in the singular by what the filter reads: a record
    filter by its model's ``verbose_name`` ("Choose an organisation from the list"), a number by
    its model field's. Labels are not used: django-filter derives them from lookup paths
    ("Programmes", "Organisation roles organisation", "Amount (GBP) is greater than or equal to").
    """
    if isinstance(field, forms.ModelChoiceField):
        choose = f"Choose {_a(str(field.queryset.model._meta.verbose_name))} from the list"
        return {"invalid_choice": choose, "invalid_pk_value": choose, "invalid_list": choose}
    if isinstance(field, forms.ChoiceField):
        # A choice of a fixed list (a kind, a status) is named by its parameter, as the caller typed it.
        thing = "sort order" if isinstance(filter_, django_filters.OrderingFilter) else name.replace("_", " ")
        return {"invalid_choice": f"Choose {_a(thing)} from the list"}
    if isinstance(field, forms.IntegerField) and getattr(field, "is_year", False):
        bounds = f"from {field.min_value} to {field.max_value}"
        return {
            "invalid": f"Enter a year as 4 digits, {bounds}",
            "min_value": f"Enter a year {bounds}",
            "max_value": f"Enter a year {bounds}",
        }
    if isinstance(field, forms.DecimalField | forms.IntegerField | forms.FloatField):
        model_field = _field(model, filter_.field_name) if model is not None and filter_ is not None else None
        thing = str(model_field.verbose_name) if model_field is not None else name.replace("_", " ")
        return {
            "invalid": f"Enter the {thing} as a number",
            "min_value": f"The {thing} must be %(limit_value)s or more",
            "max_value": f"The {thing} must be %(limit_value)s or less",
        }
    return {}


def _a(noun: str) -> str:
    """The noun with its indefinite article by its first letter ("an organisation", "a kind").

    Spelling, not sound, decides: right for every noun the catalogue's filters use.
    """
    return ("an " if noun[:1].lower() in set("aeiou") else "a ") + noun


class SearchFilter(django_filters.CharFilter):
    """Free-text search, delegated to the model's ``QuerySet.search()``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Search")
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        return qs.search(value) if value else qs


class YearField(forms.IntegerField):
    """An integer field that says "Enter a year from 1800 to 2200" when given anything else."""

    is_year = True


class YearFilter(django_filters.NumberFilter):
    """A four-digit year, range-checked so both databases accept the same values."""

    field_class = YearField

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1800)
        kwargs.setdefault("max_value", 2200)
        super().__init__(**kwargs)


class OrderingFilter(django_filters.OrderingFilter):
    """django-filter's ordering as a person expects it, ignoring empty entries and ending on the key.

    - Text (a name, a title) sorts case-insensitively: "Accelerating…" before "AI-supported…".
    - A partial date's ``<name>_year`` sorts by year, then month, then day, so newest first gives
      December 2018, November 2018, 2018, 2016, whatever the precision of each.
    - Rows without a value (undated) come last, in either direction, on both databases.
    - ``?ordering=`` or ``?ordering=,`` would otherwise clear the order altogether, and rows that tie
      on the chosen field could move between pages; the key makes every order total.
    """

    def filter(self, qs, value):
        chosen = [self.get_ordering_value(param) for param in value or () if param]
        if not chosen:
            return qs
        return qs.order_by(*(term for param in chosen for term in order_terms(qs.model, param)), "pk")


def order_terms(model, param: str) -> list:
    """The ORDER BY terms of one ``ordering`` value (``name``, ``-announced_year``) on ``model``. No query."""
    descending = param.startswith("-")
    name = param.removeprefix("-")
    names = [name]
    if name.endswith("_year") and "__" not in name:
        prefix = name.removesuffix("_year")
        names += [f"{prefix}_{part}" for part in ("month", "day") if _has_field(model, f"{prefix}_{part}")]
    terms = []
    for field_name in names:
        field = _field(model, field_name)
        text = isinstance(field, models.CharField | models.TextField) and not field.choices
        expression = Lower(field_name) if text else F(field_name)
        terms.append(expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True))
    return terms


def _field(model, path: str):
    """The model field at the end of a lookup path such as ``funder__name`` (None when there is none)."""
    field = None
    for part in path.split("__"):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = field.related_model or model
    return field


def _has_field(model, name: str) -> bool:
    return _field(model, name) is not None


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
