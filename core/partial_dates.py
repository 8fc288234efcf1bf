"""Dates known only to the year or month, kept at the precision the source gives.

Sources say "April 2019", "by 2024" or "21 January 2020"; storing those as a ``DateField``
would invent a day. A :class:`PartialDateField` instead adds four real columns to its model
(``<name>_year``, ``<name>_month``, ``<name>_day`` and ``<name>_qualifier``) and a
descriptor that reads them back as a :class:`PartialDate`, which prints as written.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from functools import total_ordering

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q


class DateQualifier(models.TextChoices):
    """How a partial date relates to the event: on it, by it, about it."""

    ON = "", "On or in"
    BY = "by", "By"
    ABOUT = "about", "About"
    BEFORE = "before", "Before"
    AFTER = "after", "After"
    END_OF = "end_of", "By the end of"


_QUALIFIER_PREFIX = {
    DateQualifier.ON: "",
    DateQualifier.BY: "by ",
    DateQualifier.ABOUT: "about ",
    DateQualifier.BEFORE: "before ",
    DateQualifier.AFTER: "after ",
    DateQualifier.END_OF: "by the end of ",
}


@total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A year, a month of a year, or a full date, with an optional qualifier."""

    year: int
    month: int | None = None
    day: int | None = None
    qualifier: str = DateQualifier.ON

    @classmethod
    def parse(cls, text: str, qualifier: str = DateQualifier.ON) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` otherwise."""
        parts = text.strip().split("-")
        widths = [4, 2, 2][: len(parts)]
        if not 1 <= len(parts) <= 3 or any(not p.isdigit() or len(p) != w for p, w in zip(parts, widths, strict=True)):
            raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD.")
        numbers = [int(part) for part in parts] + [None] * (3 - len(parts))
        value = cls(numbers[0], numbers[1], numbers[2], qualifier)
        value.validate()
        return value

    @property
    def precision(self) -> str:
        """``"day"``, ``"month"`` or ``"year"``: how much of the date the source gave."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def validate(self) -> None:
        """Raise ``ValueError`` for a month without a year, a day without a month, or 30 February."""
        if self.day is not None and self.month is None:
            raise ValueError("A day needs a month.")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"Month {self.month} is not between 1 and 12.")
        if self.day is not None:
            last_day = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last_day:
                raise ValueError(f"{calendar.month_name[self.month]} {self.year} has no day {self.day}.")

    def iso(self) -> str:
        """The date at its own precision: ``2019``, ``2019-04`` or ``2020-01-21``."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text

    def earliest(self) -> datetime.date:
        """The first day the partial date can mean; used for sorting, never for display."""
        return datetime.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        if self.day is not None:
            text = f"{self.day} {calendar.month_name[self.month]} {self.year}"
        elif self.month is not None:
            text = f"{calendar.month_name[self.month]} {self.year}"
        else:
            text = str(self.year)
        return _QUALIFIER_PREFIX.get(self.qualifier, "") + text

    def __lt__(self, other: PartialDate) -> bool:
        return (self.year, self.month or 0, self.day or 0) < (other.year, other.month or 0, other.day or 0)


class _PartialDateDescriptor:
    """Reads and writes the four columns of a partial date as one :class:`PartialDate`."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        year = getattr(instance, f"{self.name}_year")
        if year is None:
            return None
        return PartialDate(
            year,
            getattr(instance, f"{self.name}_month"),
            getattr(instance, f"{self.name}_day"),
            getattr(instance, f"{self.name}_qualifier"),
        )

    def __set__(self, instance, value: PartialDate | None):
        setattr(instance, f"{self.name}_year", value.year if value else None)
        setattr(instance, f"{self.name}_month", value.month if value else None)
        setattr(instance, f"{self.name}_day", value.day if value else None)
        setattr(instance, f"{self.name}_qualifier", value.qualifier if value else DateQualifier.ON)


class PartialDateField:
    """Declares a partial date on a model: four columns and a :class:`PartialDate` attribute.

    Use it like a field (``founded = PartialDateField("founded")``) and list
    ``*partial_date_constraints("founded", "organisation")`` in the model's ``Meta.constraints``.
    """

    def __init__(self, verbose_name: str, help_text: str = ""):
        self.verbose_name = verbose_name
        self.help_text = help_text

    def contribute_to_class(self, cls, name, **kwargs):
        models.PositiveSmallIntegerField(
            f"{self.verbose_name} (year)",
            null=True,
            blank=True,
            validators=[MinValueValidator(1800), MaxValueValidator(2200)],
            help_text=self.help_text,
        ).contribute_to_class(cls, f"{name}_year")
        models.PositiveSmallIntegerField(
            f"{self.verbose_name} (month)",
            null=True,
            blank=True,
            validators=[MinValueValidator(1), MaxValueValidator(12)],
            help_text="Leave empty when the source gives only the year.",
        ).contribute_to_class(cls, f"{name}_month")
        models.PositiveSmallIntegerField(
            f"{self.verbose_name} (day)",
            null=True,
            blank=True,
            validators=[MinValueValidator(1), MaxValueValidator(31)],
            help_text="Leave empty when the source gives only the month or year.",
        ).contribute_to_class(cls, f"{name}_day")
        models.CharField(
            f"{self.verbose_name} (qualifier)",
            max_length=10,
            blank=True,
            choices=DateQualifier.choices,
            default=DateQualifier.ON,
            help_text='For dates stated as "by 2024", "about January 2020" and the like.',
        ).contribute_to_class(cls, f"{name}_qualifier")
        setattr(cls, name, _PartialDateDescriptor(name))
        # Lets model.clean() validate every partial date the model declares.
        cls._partial_date_names = (*getattr(cls, "_partial_date_names", ()), name)


def partial_date_constraints(name: str, model_name: str) -> list[models.CheckConstraint]:
    """Database checks that keep a partial date's precision consistent and its parts in range."""
    year, month, day = f"{name}_year", f"{name}_month", f"{name}_day"
    return [
        models.CheckConstraint(
            condition=Q(**{f"{month}__isnull": True}) | Q(**{f"{year}__isnull": False}),
            name=f"{model_name}_{name}_month_needs_year",
            violation_error_message="A month needs a year.",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{day}__isnull": True}) | Q(**{f"{month}__isnull": False}),
            name=f"{model_name}_{name}_day_needs_month",
            violation_error_message="A day needs a month.",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{month}__isnull": True}) | Q(**{f"{month}__gte": 1, f"{month}__lte": 12}),
            name=f"{model_name}_{name}_month_in_range",
            violation_error_message="The month must be between 1 and 12.",
        ),
        models.CheckConstraint(
            condition=Q(**{f"{day}__isnull": True}) | Q(**{f"{day}__gte": 1, f"{day}__lte": 31}),
            name=f"{model_name}_{name}_day_in_range",
            violation_error_message="The day must be between 1 and 31.",
        ),
    ]


def clean_partial_date(instance, name: str) -> None:
    """Raise a ``ValidationError`` on the year field when the parts do not make a real date."""
    year = getattr(instance, f"{name}_year")
    month = getattr(instance, f"{name}_month")
    day = getattr(instance, f"{name}_day")
    if year is None:
        if month is not None or day is not None:
            raise ValidationError({f"{name}_year": "Give the year before the month or day."})
        return
    try:
        PartialDate(year, month, day).validate()
    except ValueError as exc:
        raise ValidationError({f"{name}_month" if day is None else f"{name}_day": str(exc)}) from exc


PARTIAL_DATE_COLUMN_SUFFIXES = ("_year", "_month", "_day", "_qualifier")
"""The columns a :class:`PartialDateField` adds, as suffixes of its name."""


def partial_date_columns(name: str) -> tuple[str, str, str, str]:
    """The four columns of the partial date ``name``: ``(name_year, name_month, name_day, name_qualifier)``."""
    return tuple(f"{name}{suffix}" for suffix in PARTIAL_DATE_COLUMN_SUFFIXES)


def partial_date_name(field_name: str, model: type[models.Model] | None = None) -> str:
    """The partial date a column belongs to: ``announced`` for ``announced_year``; any other name unchanged.

    With ``model``, only the partial dates it declares count (``period_years`` stays itself);
    without, any of the four suffixes is taken off.
    """
    for suffix in PARTIAL_DATE_COLUMN_SUFFIXES:
        base = field_name.removesuffix(suffix)
        if base != field_name and (model is None or base in getattr(model, "_partial_date_names", ())):
            return base
    return field_name
