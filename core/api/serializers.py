"""Serializer pieces every app's API shares: partial dates, links, model validation, expansions.

(Citations, and the base of every cited record's serializer, are ``sources.api.serializers``.)

* :class:`PartialDateSerializer` reads and writes the four columns of a ``PartialDateField``
  as one object that keeps its precision (``{"year": 2019, "month": 4, "day": null, ...}``).
* :class:`LinkField` writes a related object by slug (or id) and reads it back as
  ``{"slug", "name", "url"}`` so a client can follow it.
* :class:`CatalogueModelSerializer` runs the model's ``full_clean()`` before saving, so a
  write that breaks a constraint or a ``clean()`` rule is a 400 naming the field, never a 500;
  its text fields refuse control characters and free text past
  :data:`core.text_checks.MAX_TEXT_LENGTH`, as the admin's do.
* :class:`ExpandableSerializer` keeps list responses slim: named expansions
  (``?expand=citations,organisations``) add the heavier fields.
"""

from __future__ import annotations

import copy

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.relations import MANY_RELATION_KWARGS
from rest_framework.settings import api_settings

from core.api.fields import BlankAsNullURLField
from core.partial_dates import DateQualifier, PartialDate, partial_date_name
from core.reversing import url_for
from core.text_checks import MAX_TEXT_LENGTH, reject_control_characters

# The widest integers both SQLite and PostgreSQL store in each kind of integer column.
_INTEGER_MAXIMUM = {
    "SmallIntegerField": 32767,
    "PositiveSmallIntegerField": 32767,
    "IntegerField": 2147483647,
    "PositiveIntegerField": 2147483647,
    "BigIntegerField": 9223372036854775807,
    "PositiveBigIntegerField": 9223372036854775807,
}
_INTEGER_MINIMUM = {
    "SmallIntegerField": -32768,
    "IntegerField": -2147483648,
    "BigIntegerField": -9223372036854775808,
}


class StrictTypesMixin:
    """Refuse JSON values of the wrong type instead of coercing them (``"name": 5``, ``"year": "2019"``).

    DRF turns a number into text and ``"2019"`` into a number; the schema promises a client
    that text is text, so a mismatch is a 400 naming the field.
    """

    def to_internal_value(self, data):
        if isinstance(data, dict):
            errors = {}
            for name, field in self.fields.items():
                if field.read_only or name not in data or data[name] is None:
                    continue
                expected = _json_type(field)
                if expected is not None and not _is_json_type(data[name], expected):
                    errors[name] = [f"Must be {expected}."]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)


def _json_type(field) -> str | None:
    if isinstance(field, serializers.BooleanField):
        return "true or false"
    if isinstance(field, serializers.IntegerField):
        return "a whole number"
    if isinstance(field, serializers.DecimalField):
        return 'a decimal number written as a string, e.g. "1000000.00"'
    if isinstance(field, serializers.ChoiceField | serializers.CharField):
        return "text"
    return None


def _is_json_type(value, expected: str) -> bool:
    if expected == "true or false":
        return isinstance(value, bool)
    if expected == "a whole number":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, str)


class PartialDateSerializer(StrictTypesMixin, serializers.Serializer):
    """A date known to the year, the month or the day, kept at the precision given.

    Declare it with ``source="*"`` under the name of the model's ``PartialDateField``;
    it reads the descriptor and writes the four ``<name>_*`` columns.
    """

    year = serializers.IntegerField(min_value=1800, max_value=2200)
    month = serializers.IntegerField(min_value=1, max_value=12, allow_null=True, required=False)
    day = serializers.IntegerField(min_value=1, max_value=31, allow_null=True, required=False)
    qualifier = serializers.ChoiceField(
        choices=DateQualifier.choices,
        required=False,
        default=DateQualifier.ON,
        help_text='"" (on or in), "by", "about", "before", "after" or "end_of".',
    )
    display = serializers.CharField(read_only=True, help_text='As a reader would say it: "by April 2019".')
    iso = serializers.CharField(read_only=True, help_text="YYYY, YYYY-MM or YYYY-MM-DD, at the date's own precision.")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(*args, **kwargs)

    def to_representation(self, instance):
        value = instance if isinstance(instance, PartialDate) else getattr(instance, self.field_name)
        if value is None:
            return None
        return {
            "year": value.year,
            "month": value.month,
            "day": value.day,
            "qualifier": value.qualifier,
            "display": str(value),
            "iso": value.iso(),
        }

    def run_validation(self, data=empty):
        if data is None and self.field_name:
            return self._columns(None)
        return super().run_validation(data)

    def validate(self, attrs):
        # A PATCH makes nested fields optional too, so ``{}`` or ``{"month": 5}`` arrives here
        # without a year: say what is missing rather than fail on it.
        if attrs.get("year") is None:
            raise serializers.ValidationError(
                {"year": ["A date needs its year (month, day and qualifier are optional); send null for no date."]}
            )
        value = PartialDate(attrs["year"], attrs.get("month"), attrs.get("day"), attrs.get("qualifier", ""))
        try:
            value.validate()
        except ValueError as exc:
            raise serializers.ValidationError({"day" if value.day is not None else "month": [str(exc)]}) from exc
        return self._columns(value)

    def _columns(self, value: PartialDate | None) -> dict:
        name = self.field_name
        return {
            f"{name}_year": value.year if value else None,
            f"{name}_month": value.month if value else None,
            f"{name}_day": value.day if value else None,
            f"{name}_qualifier": value.qualifier if value else DateQualifier.ON,
        }


class LinkField(serializers.RelatedField):
    """A related object: written as its slug (or id), read as ``{"slug", "name", "url"}``.

    ``view_name`` is the API route of the related object (``"api:organisation-detail"``).
    Costs no query to read when the relation was ``select_related``/prefetched.
    """

    default_error_messages = {
        "does_not_exist": "There is no {model} with {lookup} {value}.",
        "invalid": "Give the {lookup} as text.",
    }

    def __init__(self, view_name: str, lookup_field: str = "slug", **kwargs):
        self.view_name = view_name
        self.lookup_field = lookup_field
        super().__init__(**kwargs)

    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {key: value for key, value in kwargs.items() if key in MANY_RELATION_KWARGS}
        return LinkListField(child_relation=cls(*args, **kwargs), **list_kwargs)

    def use_pk_only_optimization(self):
        return False

    def run_validation(self, data=empty):
        if data == "":  # DRF would read "" as null; a slug is never empty
            self.fail("invalid", lookup=self.lookup_field)
        return super().run_validation(data)

    def to_internal_value(self, data):
        queryset = self.get_queryset()
        if self.lookup_field == "pk":
            if isinstance(data, bool) or not isinstance(data, int) or not 1 <= data <= 2**62:
                self.fail("does_not_exist", model=queryset.model._meta.verbose_name, lookup="id", value=repr(data))
        elif not isinstance(data, str) or len(data) > 200:
            self.fail("invalid", lookup=self.lookup_field)
        try:
            return queryset.get(**{self.lookup_field: data})
        except ObjectDoesNotExist:
            lookup = "id" if self.lookup_field == "pk" else self.lookup_field
            self.fail("does_not_exist", model=queryset.model._meta.verbose_name, lookup=lookup, value=repr(data))

    def to_representation(self, value):
        request = self.context.get("request")
        key = "id" if self.lookup_field == "pk" else self.lookup_field
        lookup_value = getattr(value, self.lookup_field)
        url = url_for(self.view_name, **{"pk" if key == "id" else key: lookup_value})
        return {
            key: lookup_value,
            "name": str(value),
            "url": request.build_absolute_uri(url) if request else url,
        }

    def get_choices(self, cutoff=None):
        # The browsable API's form would list every row; a slug box is enough.
        return {}


class LinkListField(serializers.ManyRelatedField):
    """Several :class:`LinkField` values: a JSON list of slugs (an object is refused, not read as its keys)."""

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class ApiUrlField(serializers.HyperlinkedIdentityField):
    """The record's own API URL, without the ``?format=`` DRF's ``reverse`` would carry over."""

    def __init__(self, view_name: str, **kwargs):
        super().__init__(view_name=view_name, **kwargs)
        self.reverse = self._reverse

    @staticmethod
    def _reverse(viewname, kwargs=None, request=None, format=None):
        url = url_for(viewname, **(kwargs or {}))
        return request.build_absolute_uri(url) if request else url


class CatalogueModelSerializer(StrictTypesMixin, serializers.ModelSerializer):
    """A model serializer that validates like the admin does and links to the public page.

    ``validate()`` builds the would-be instance from the input and runs ``full_clean()`` on
    it, so the model's ``clean()`` rules, field validators, unique and check constraints all
    answer 400 with the field named. Many-to-many values are set after saving and so are
    left out of that check (their own fields validate them).
    """

    html_url = serializers.SerializerMethodField(help_text="The catalogue's public page of this record.")

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        # Keep amounts exact: "79000000.00", never a float.
        models.DecimalField: serializers.DecimalField,
        # No address is null, not "" (which a "format: uri" schema refuses).
        models.URLField: BlankAsNullURLField,
    }

    @extend_schema_field(OpenApiTypes.URI)
    def get_html_url(self, obj) -> str | None:
        try:
            path = obj.get_absolute_url()
        except AttributeError:
            return None
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        internal_type = model_field.get_internal_type()
        if internal_type in _INTEGER_MAXIMUM and "choices" not in field_kwargs:
            # SQLite stores any integer; PostgreSQL refuses out-of-range ones with a 500.
            # (Django's own range validators follow the database in use: SQLite's is 2**63.)
            maximum, minimum = _INTEGER_MAXIMUM[internal_type], _INTEGER_MINIMUM.get(internal_type, 0)
            field_kwargs["max_value"] = min(field_kwargs.get("max_value", maximum), maximum)
            field_kwargs["min_value"] = max(field_kwargs.get("min_value", minimum), minimum)
        if issubclass(field_class, serializers.CharField):
            # DRF refuses only NUL; the others are as unwelcome, and a text column has no limit.
            field_kwargs["validators"] = [*field_kwargs.get("validators", []), reject_control_characters]
            if isinstance(model_field, models.TextField) and field_kwargs.get("max_length") is None:
                field_kwargs["max_length"] = MAX_TEXT_LENGTH
        return field_class, field_kwargs

    def validate(self, attrs):
        attrs = super().validate(attrs)
        model = self.Meta.model
        many_to_many = {field.name for field in model._meta.many_to_many}
        instance = copy.copy(self.instance) if self.instance is not None else model()
        for name, value in attrs.items():
            if name not in many_to_many:
                setattr(instance, name, value)
        try:
            instance.full_clean()
        except DjangoValidationError as exc:
            raise serializers.ValidationError(self._field_errors(exc)) from exc
        return attrs

    def _field_errors(self, exc: DjangoValidationError) -> dict[str, list[str]]:
        """Django's errors keyed by this serializer's field names (``announced_month`` → ``announced``)."""
        errors: dict[str, list[str]] = {}
        for name, messages in exc.message_dict.items():
            if name == NON_FIELD_ERRORS:
                key = api_settings.NON_FIELD_ERRORS_KEY
            else:
                key = partial_date_name(name, self.Meta.model)
            if key not in self.fields and key != api_settings.NON_FIELD_ERRORS_KEY:
                messages = [f"{name}: {message}" for message in messages]
                key = api_settings.NON_FIELD_ERRORS_KEY
            errors.setdefault(key, []).extend(messages)
        return errors


class ExpandableSerializer(serializers.Serializer):
    """Slim list rows; ``Meta.expansions`` names groups of extra fields a client may ask for.

    ``Meta.expansions = {"citations": ["citations", "claims", "disputed_fields"], ...}``. Without a
    request (schema generation) every field is kept; the schema marks the expandable ones as
    optional. With one, fields of expansions not asked for are dropped.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is None:
            return
        wanted = self.context.get("expand", set())
        for expansion, names in self.Meta.expansions.items():
            if expansion not in wanted:
                for name in names:
                    self.fields.pop(name, None)


def expandable(field: serializers.Field) -> serializers.Field:
    """Mark a list field as present only on request: optional in the schema, never written.

    Such fields are declared with ``required=False`` instead of ``read_only=True`` so the
    generated schema does not promise them on every row; list serializers are never used
    for input, so they cannot be written either.
    """
    field.required = False
    field.read_only = False
    return field
