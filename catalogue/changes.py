"""The public record of changes: every edit django-simple-history kept, newest first, paged by the database.

Every catalogue model with a history is a *kind* (``organisation``, ``programme``, ``citation``...).
:func:`change_rows` pages the union of their history tables; :func:`describe_changes` fetches one
page's history rows and, for each, the row before it, to say which public fields changed (the
fields the open data publishes, ``catalogue.datapackage.public_fields``: never a computed one).
Who made an edit is shown only where ``CATALOGUE_SHOW_EDITORS`` allows it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Model, OuterRef, Q, QuerySet, Subquery, Value

from catalogue.datapackage import public_fields
from core.apps import catalogue_models
from core.partial_dates import partial_date_name
from sources.models import Citation

CHANGES_PAGE_SIZE = 50
FEED_SIZE = 50
_ACTIONS = {"+": "Added", "~": "Changed", "-": "Deleted"}


def change_kinds() -> dict[str, type[Model]]:
    """Every kind of record whose edits are kept, by name (the model's name), lowest layer first."""
    kinds = {model._meta.model_name: model for model in catalogue_models() if hasattr(model, "history")}
    if len(kinds) != len([model for model in catalogue_models() if hasattr(model, "history")]):
        raise RuntimeError("Two catalogue models share a name; /changes/ names kinds by model name.")
    return kinds


@dataclass
class Change:
    """One edit: which record, what happened, which fields, when and (where allowed) by whom."""

    kind: str
    kind_label: str
    record_id: int
    title: str
    url: str | None
    action: str
    when: datetime.datetime
    history_id: int
    fields: list[str] = field(default_factory=list)
    editor: str | None = None

    @property
    def anchor(self) -> str:
        return f"change-{self.kind}-{self.history_id}"


def change_rows(kind: str | None = None, record_id: int | None = None) -> QuerySet:
    """``(kind index, history id, when)`` of every edit (of one ``kind``, of one record), newest first.

    One UNION ALL over the history tables, ordered and sliced by the database, so a page costs
    the same whatever the length of the history.
    """
    kinds = list(change_kinds().values())
    indexes = [index for index, model in enumerate(kinds) if kind is None or model._meta.model_name == kind]
    branches = []
    for index in indexes:
        rows = kinds[index].history.model.objects.order_by()
        if record_id is not None:
            rows = rows.filter(id=record_id)
        branches.append(
            rows.annotate(change_kind=Value(index)).values_list("change_kind", "history_id", "history_date")
        )
    rows = branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]
    return rows.order_by("-history_date", "-change_kind", "-history_id")


def _title(model: type[Model], instance: Model) -> str:
    # A record whose name reads other records (a role, a relationship, a citation) is named by kind
    # and id: naming it would cost a query per row.
    if getattr(model, "cited_select_related", ()) or model is Citation:
        return f"{str(model._meta.verbose_name).capitalize()} {instance.pk}"
    return str(instance)


def _changed_fields(model: type[Model], row, previous) -> list[str]:
    names = []
    for model_field in public_fields(model):
        if model_field.primary_key or getattr(row, model_field.attname) == getattr(previous, model_field.attname):
            continue
        name = partial_date_name(model_field.attname, model)
        label = name.replace("_", " ") if name != model_field.attname else str(model_field.verbose_name)
        if label not in names:
            names.append(label)
    return names


def _history_rows(model: type[Model], history_ids: list[int]) -> tuple[dict, dict]:
    """The history rows ``history_ids`` of ``model`` and the row before each (two queries)."""
    history = model.history.model
    before = (
        history.objects.filter(id=OuterRef("id"))
        .filter(
            Q(history_date__lt=OuterRef("history_date"))
            | Q(history_date=OuterRef("history_date"), history_id__lt=OuterRef("history_id"))
        )
        .order_by("-history_date", "-history_id")
    )
    rows = history.objects.filter(history_id__in=history_ids).annotate(
        previous_id=Subquery(before.values("history_id")[:1])
    )
    if settings.CATALOGUE_SHOW_EDITORS:
        rows = rows.select_related("history_user")
    rows = {row.history_id: row for row in rows}
    previous_ids = [row.previous_id for row in rows.values() if row.history_type == "~" and row.previous_id]
    previous = history.objects.in_bulk(previous_ids) if previous_ids else {}
    return rows, previous


def _editor(row) -> str | None:
    if not settings.CATALOGUE_SHOW_EDITORS or row.history_user is None:
        return None
    return row.history_user.get_full_name() or row.history_user.get_username()


def describe_changes(rows) -> list[Change]:
    """The edits of ``rows`` (from :func:`change_rows`), described.

    Two queries per kind of record on the page (its history rows, then the rows before them),
    whatever the size of the catalogue or the length of its history.
    """
    kinds = list(change_kinds().values())
    rows = list(rows)
    by_kind: dict[int, list[int]] = defaultdict(list)
    for index, history_id, _ in rows:
        by_kind[index].append(history_id)
    fetched = {index: _history_rows(kinds[index], ids) for index, ids in by_kind.items()}

    changes = []
    for index, history_id, when in rows:
        model = kinds[index]
        history_rows, previous_rows = fetched[index]
        row = history_rows[history_id]
        # Not ``row.instance``: it fetches the fields history leaves out from the live record, a query a row.
        instance = model(**{f.attname: getattr(row, f.attname) for f in public_fields(model)})
        previous = previous_rows.get(row.previous_id)
        has_page = hasattr(model, "get_absolute_url") and row.history_type != "-"
        changes.append(
            Change(
                kind=model._meta.model_name,
                kind_label=str(model._meta.verbose_name).capitalize(),
                record_id=row.id,
                title=_title(model, instance),
                url=instance.get_absolute_url() if has_page else None,
                action=_ACTIONS.get(row.history_type, "Changed"),
                when=when,
                history_id=history_id,
                fields=_changed_fields(model, row, previous) if previous is not None else [],
                editor=_editor(row),
            )
        )
    return changes
