"""Deleting a record others depend on is refused, with the list of what depends on it.

Foreign keys say it with ``on_delete=PROTECT``: Django refuses the delete (``ProtectedError``),
the API answers 409 naming the records (``core.api.exceptions``) and the admin shows its
"would require deleting the following protected related objects" page. What a record owns
(its aliases, its own citations) is deleted with it.

Many-to-many links have no ``on_delete`` of their own: Django would silently unlink them.
:func:`protect_links` gives a model the same refusal for chosen links (a mission still
listed by programmes, a person an event names); :class:`ProtectLinksAdminMixin` lists them
on the admin's delete page, as Django lists protected foreign keys.
"""

from __future__ import annotations

from django.db.models import Model, ProtectedError
from django.db.models.signals import pre_delete
from django.utils.text import capfirst

_PROTECTED_LINKS: dict[type[Model], tuple[str, ...]] = {}


def protect_links(model: type[Model], *accessors: str) -> None:
    """Refuse to delete a ``model`` row while any of these many-to-many managers names a record."""
    _PROTECTED_LINKS[model] = accessors
    pre_delete.connect(_refuse_while_linked, sender=model, dispatch_uid=f"protect_links:{model._meta.label}")


def linked_records(instance: Model) -> list[Model]:
    """The records ``instance`` is linked to through its protected links: one query per link."""
    return [
        record for accessor in _PROTECTED_LINKS.get(type(instance), ()) for record in getattr(instance, accessor).all()
    ]


def describe(record: Model) -> str:
    """``"Event: AI Lab launch"``, as Django's admin names a protected object."""
    return f"{capfirst(record._meta.verbose_name)}: {record}"


def _refuse_while_linked(sender, instance, **kwargs):
    if linked := linked_records(instance):
        raise ProtectedError(
            f"Cannot delete {sender._meta.verbose_name} {instance}: {len(linked)} record(s) are linked to it.",
            set(linked),
        )


class ProtectLinksAdminMixin:
    """A ``ModelAdmin`` whose delete page (and bulk delete) also lists the protected links."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        linked = [describe(record) for obj in objs for record in linked_records(obj)]
        return deleted, model_count, perms_needed, [*protected, *linked]
