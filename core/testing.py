"""Helpers for tests of the admin: its addresses, and the data a rendered change form would post."""

from __future__ import annotations

from django.urls import reverse


def change_url(obj) -> str:
    """The admin change form of ``obj``."""
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def history_url(obj) -> str:
    """The admin history page of ``obj``."""
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history", args=[obj.pk])


def revert_url(obj, version) -> str:
    """The admin page that restores ``obj`` to the history row ``version``."""
    return reverse(
        f"admin:{obj._meta.app_label}_{obj._meta.model_name}_simple_history", args=[obj.pk, version.history_id]
    )


def inline_prefix(response, model) -> str:
    """The form prefix of the inline of ``model`` on a rendered admin change form."""
    return next(
        inline.formset.prefix
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is model
    )


def form_data(response) -> dict:
    """The POST data of an admin form as rendered: each field's current value, inlines included."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is not None and value is not False:
                data[field.html_name] = "on" if value is True else value
    return data
