"""App configuration of the shared base, and the one list of the catalogue's record apps.

An app whose records belong to the catalogue (cited, exported, counted in the catalogue
revision) declares it by deriving its ``AppConfig`` from :class:`CatalogueAppConfig`; the
order is ``INSTALLED_APPS``'s, which lists the apps from the bottom layer up. Everything that
needs "every catalogue app" asks :func:`catalogue_apps`, so a new app is one line in settings.
"""

from __future__ import annotations

from django.apps import AppConfig, apps
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model
from django.db.models.signals import post_migrate


class CatalogueAppConfig(AppConfig):
    """An app whose models are catalogue records: ``sources``, ``organisations``, ``programmes``, ``funding``.

    Subclasses set ``default = True``: Django picks the one config of an ``apps`` module marked
    default, and this base, imported there, is not one.
    """

    default = False


def catalogue_apps() -> list[CatalogueAppConfig]:
    """The catalogue's record apps, lowest layer first (``INSTALLED_APPS`` order)."""
    return [config for config in apps.get_app_configs() if isinstance(config, CatalogueAppConfig)]


def catalogue_app_labels() -> frozenset[str]:
    """The labels of :func:`catalogue_apps`."""
    return frozenset(config.label for config in catalogue_apps())


def catalogue_models(*, historical: bool = False) -> list[type[Model]]:
    """The record models of every catalogue app, lowest layer first; their history models with ``historical``."""
    return [
        model
        for config in catalogue_apps()
        for model in config.get_models()
        if model.__name__.startswith("Historical") == historical
    ]


def catalogue_is_empty(using: str = DEFAULT_DB_ALIAS, *, with_history: bool = False) -> bool:
    """True when no record model of the catalogue holds a row; with ``with_history``, no history row either.

    One ``EXISTS`` query per model at most.
    """
    models = [*catalogue_models(), *(catalogue_models(historical=True) if with_history else [])]
    return not any(model._default_manager.using(using).exists() for model in models)


class CoreConfig(AppConfig):
    """Shared building blocks: partial dates, text checks, list machinery, page cache, security."""

    name = "core"
    verbose_name = "Catalogue core"

    def ready(self):
        from core import signals  # noqa: F401 - connects the receivers that keep cached pages fresh
        from core.facet_summary import fill_after_migrate

        # Once every app has migrated: a catalogue from before the kept counts gets them.
        post_migrate.connect(fill_after_migrate, sender=self, dispatch_uid="core_fill_facet_counts")
