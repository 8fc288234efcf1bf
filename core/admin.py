"""Admin pieces every app shares: edit history with restore, version-checked forms, partial dates.

Every catalogue admin derives from :class:`CatalogueAdmin` (django-simple-history's admin: a
history page listing who changed which fields when, and a revert view per version). Its change
form is a :class:`VersionCheckedForm`, which refuses to save over an edit someone else made
since the form was opened. (Admins of cited records derive from ``sources.admin.CitedAdmin``.)

Every text box, inlines' included (:class:`CatalogueTabularInline`), refuses control characters
and free text longer than :data:`core.text_checks.MAX_TEXT_LENGTH`.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.db import models, router, transaction
from simple_history.admin import SimpleHistoryAdmin

from core.partial_dates import partial_date_columns
from core.text_checks import MAX_TEXT_LENGTH, reject_control_characters
from core.versions import lock_record, stale_version_message, version_token


def partial_date_fieldset(name: str, title: str) -> tuple[str, dict]:
    """A fieldset with a partial date's four columns on one row and the date as written below.

    The admin must also define ``<name>_as_written = partial_date_display(name)`` and list it in
    ``readonly_fields``.
    """
    return (
        title,
        {
            "fields": [partial_date_columns(name), f"{name}_as_written"],
            "description": "Give only as much of the date as the source does: the year, the month, or the day.",
        },
    )


def partial_date_display(name: str, description: str | None = None):
    """An admin method showing a partial date as a reader sees it ("April 2019", "by 2024")."""

    @admin.display(description=description or f"{name.replace('_', ' ')} (as written)", ordering=f"{name}_year")
    def display(self, obj) -> str | None:
        value = getattr(obj, name, None)
        return str(value) if value else None  # None shows the admin's empty-value dash

    display.__name__ = f"{name}_as_written"
    return display


PERIOD_FIELDSETS = [
    partial_date_fieldset("started", "Started"),
    partial_date_fieldset("ended", "Ended"),
    partial_date_fieldset("as_of", "As of"),
]
"""The fieldsets of a tie that holds for a time (a role, a relationship): when it started, ended, or was stated."""


class PeriodAdminMixin:
    """An admin of a tie with ``started``, ``ended`` and ``as_of`` partial dates: list :data:`PERIOD_FIELDSETS`
    after its own, and each date shows as written."""

    readonly_fields = ["started_as_written", "ended_as_written", "as_of_as_written"]

    started_as_written = partial_date_display("started")
    ended_as_written = partial_date_display("ended")
    as_of_as_written = partial_date_display("as_of")


class CleanTextMixin:
    """Admin (or inline) whose text boxes refuse control characters and over-long free text.

    Applies to every char and text column of the model, so a new field is covered without a
    change here; a field with choices is a select box and needs neither check.
    """

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and db_field.max_length is None and not db_field.choices:
            kwargs.setdefault("max_length", MAX_TEXT_LENGTH)
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if isinstance(db_field, models.CharField | models.TextField) and isinstance(formfield, forms.CharField):
            formfield.validators.append(reject_control_characters)
        return formfield


class CatalogueTabularInline(CleanTextMixin, admin.TabularInline):
    """A tabular inline of a catalogue record (aliases, roles, organisations of a programme)."""


VERSION_FIELD = "version_token"


class VersionTokenField(forms.CharField):
    """The hidden version token: bookkeeping, never reported as a changed field in the admin log."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data) -> bool:
        return False


class VersionCheckedForm(forms.ModelForm):
    """A change form that refuses to save over an edit made since it was opened (optimistic locking).

    The form carries the record's version token (the id of its latest history row, see
    :mod:`core.versions`) in a hidden field. On saving, the record's row is locked until the
    admin's transaction ends and its token compared with the one the form was opened with; if
    they differ, the form is invalid with a non-field error saying when and by whom the record
    changed, and nothing is written (inlines included: the admin saves nothing unless every
    form is valid). Opening the form costs one query; checking it two (the lock, the token),
    and one more to word the refusal.

    The revert view of django-simple-history renders this form over an old version; the token
    is still that of the record's current version, so a restore is refused just the same if
    the record changed while the old version was on screen.
    """

    version_token = VersionTokenField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self._is_change() and not self.is_bound:
            self.initial[VERSION_FIELD] = version_token(type(self.instance), self.instance.pk)

    def _is_change(self) -> bool:
        return self.instance.pk is not None and not self.instance._state.adding

    def clean(self):
        cleaned_data = super().clean()
        if self._is_change():
            self._check_version(cleaned_data.get(VERSION_FIELD) or "")
        return cleaned_data

    def _check_version(self, posted: str) -> None:
        model, pk = type(self.instance), self.instance.pk
        if transaction.get_connection(router.db_for_write(model)).in_atomic_block:
            # Another editor's save of this record now waits for ours to commit (PostgreSQL),
            # so it reads our history row and is refused in turn rather than slipping in.
            lock_record(model, pk)
        if not posted:
            raise forms.ValidationError(
                "This form does not say which version of the record it was opened on. "
                "Reload the page and make your edits again; they were not saved.",
                code="missing_version",
            )
        if posted != version_token(model, pk):
            raise forms.ValidationError(stale_version_message(model, pk), code="stale_version")


class CatalogueAdmin(CleanTextMixin, SimpleHistoryAdmin):
    """Base of every catalogue admin: a history page per record, a revert view per version, and a
    change form refusing to overwrite someone else's edit (:class:`VersionCheckedForm`)."""

    list_per_page = 50
    form = VersionCheckedForm
    # Links in the catalogue are https; an address typed without a scheme gets it.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        if not issubclass(self.form, VersionCheckedForm):
            # An admin bringing its own form still gets the version check.
            self.form = type(self.form.__name__, (VersionCheckedForm, self.form), {})

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None or not fieldsets or VERSION_FIELD in flatten_fieldsets(fieldsets):
            return fieldsets
        # The admin renders only the fields its fieldsets name; the hidden token rides in the first.
        name, options = fieldsets[0]
        return [(name, {**options, "fields": [*options["fields"], VERSION_FIELD]}), *fieldsets[1:]]

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # As the change view does: the version check's row lock lasts until the restore is saved.
        with transaction.atomic(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        match = request.resolver_match
        if match is not None and (match.url_name or "").endswith("_simple_history"):
            # Saved from simple_history's revert view: say which version was brought back.
            obj._change_reason = f"Restored version {match.args[-1]}"
        super().save_model(request, obj, form, change)
