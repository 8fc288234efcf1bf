"""Move the catalogue revision on whenever a catalogue record changes (``CatalogueRevision``).

Admin edits, API writes, history restores and shell saves all pass through these signals.
Bulk loads (``load_catalogue``, ``import_catalogue``, ``generate_synthetic``) send none for
their rows, so each calls ``CatalogueRevision.bump()`` once at the end.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from core.apps import catalogue_app_labels
from core.models import CatalogueRevision


def _is_catalogue_model(model) -> bool:
    # History rows are written beside the change that already moved the revision on.
    return model._meta.app_label in catalogue_app_labels() and not model.__name__.startswith("Historical")


@receiver(post_save, dispatch_uid="catalogue_revision_on_save")
@receiver(post_delete, dispatch_uid="catalogue_revision_on_delete")
def record_changed(sender, using=None, raw=False, **kwargs):
    if not raw and _is_catalogue_model(sender):
        CatalogueRevision.bump(using=using)


@receiver(m2m_changed, dispatch_uid="catalogue_revision_on_m2m")
def relation_changed(sender, action=None, using=None, **kwargs):
    if action in {"post_add", "post_remove", "post_clear"} and _is_catalogue_model(sender):
        CatalogueRevision.bump(using=using)
