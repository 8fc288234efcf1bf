"""Facet counts of unfiltered lists, kept in ``core.FacetCount`` so a list page does not count every row.

A list's facets (``core.facets.Facet``) are registered here by their app
(:func:`register_facets`, from ``AppConfig.ready``). For each facet that groups by one column
of one table (a foreign key such as ``organisation_id``, or a plain column such as ``kind``),
a :class:`Summary` keeps one ``FacetCount`` row per value. Every write to the counted table
recounts exactly the values it touched, in the same transaction as the write:

- a save recounts the row's value before and after (``pre_save`` reads the stored one);
- a delete, including a cascade, recounts the deleted row's value (for an automatic
  many-to-many table, whose rows Django deletes without signals, the delete of the record on
  either side recounts the values it was linked to);
- a many-to-many ``add``, ``remove`` or ``clear`` recounts the values of the links changed.

A recount is three indexed statements (count the touched values, delete their rows, insert
the new counts); it is never a delta, so a summary cannot drift from what it counts. Bulk
writes that send no signals (``loaddata``'s raw saves, ``bulk_create``, the synthetic purge's
raw deletes) call :func:`rebuild` when they finish, as ``manage.py refresh_facet_counts`` does.

Only counts of the *unfiltered* table are kept: a facet of a filtered list counts the rows the
filters keep, live, within the page's time budget (``core.facets``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import connections, transaction
from django.db.models import Count, F, IntegerField, Model
from django.db.models.functions import Coalesce
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from core.models import FacetCount


@dataclass(frozen=True)
class Summary:
    """The counts of one facet: rows of ``counted`` grouped by its column ``group``, counting ``key``."""

    name: str
    counted: type[Model]
    group: str
    """The attribute (``organisation_id``, ``kind``) whose values are counted."""
    key: str
    """What one row counts towards (``pk``; ``programme`` on a linking table)."""
    distinct: bool
    integer: bool
    """True when values are integers (foreign keys, years): stored in ``FacetCount.key``, else ``value``."""

    @property
    def column(self) -> str:
        return "key" if self.integer else "value"

    @property
    def fields(self) -> tuple[str, ...]:
        """The attributes a row's value is read from."""
        return (self.group,)

    def value_of(self, read: Callable[[str], object]):
        """The value a row counts towards, given how to ``read`` its attributes (None: it counts nowhere)."""
        return read(self.group)

    def fresh(self, using: str) -> dict:
        """``{value: count}`` counted from the table now (one query): what the stored rows must equal."""
        rows = (
            self.counted._default_manager.using(using)
            .exclude(**{self.group: None})
            .order_by()
            .values_list(self.group)
            .annotate(count=Count(self.key, distinct=self.distinct))
        )
        return {value: count for value, count in rows if count}

    def stored(self, using: str) -> dict:
        """``{value: count}`` as kept in ``FacetCount`` (one query)."""
        rows = FacetCount.objects.using(using).filter(facet=self.name).values_list(self.column, "count")
        return dict(rows)

    def rows(self, counts: dict) -> list[FacetCount]:
        """``FacetCount`` rows for ``{value: count}``, leaving out values no row has. No query."""
        column = self.column
        return [FacetCount(facet=self.name, count=count, **{column: value}) for value, count in counts.items() if count]

    def recount(self, values: Iterable, using: str) -> None:
        """Count ``values`` afresh and store their rows (three queries; none when no value is given)."""
        values = sorted({value for value in values if value is not None})
        if not values:
            return
        counted = (
            self.counted._default_manager.using(using)
            .filter(**{f"{self.group}__in": values})
            .order_by()
            .values_list(self.group)
            .annotate(count=Count(self.key, distinct=self.distinct))
        )
        rows = self.rows(dict(counted))
        with transaction.atomic(using=using, savepoint=False):
            # One DELETE statement: the collector would read the rows first, as every model has delete signals.
            FacetCount.objects.using(using).filter(facet=self.name, **{f"{self.column}__in": values})._raw_delete(using)
            FacetCount.objects.using(using).bulk_create(rows)


@dataclass(frozen=True)
class FirstOfSummary:
    """The counts of a facet whose value is the first set of several foreign keys (an award's recipient:
    its programme, else its organisation). A value is ``(attribute, id)``, stored as ``value`` and ``key``,
    with the related record's slug as ``label``: the order of equal counts, as the live count orders them,
    read from an index rather than by joining every value to its record.
    """

    name: str
    counted: type[Model]
    fields: tuple[str, ...]
    """The foreign keys' attributes, in the order the first set one is taken (``recipient_programme_id``, ...)."""
    slugs: tuple[str, ...]
    """For each foreign key, the lookup of the related record's slug (``recipient_programme__slug``)."""
    key: str
    distinct: bool

    def value_of(self, read: Callable[[str], object]):
        for attname in self.fields:
            if (related := read(attname)) is not None:
                return attname, related
        return None

    def _counted(self, using: str, attname: str, ids: list | None = None):
        index = self.fields.index(attname)
        earlier = {f"{field}__isnull": True for field in self.fields[:index]}
        rows = self.counted._default_manager.using(using).filter(**earlier)
        rows = rows.filter(**{f"{attname}__in": ids}) if ids is not None else rows.exclude(**{attname: None})
        counted = rows.order_by().values_list(attname, self.slugs[index])
        return counted.annotate(count=Count(self.key, distinct=self.distinct))

    def fresh(self, using: str) -> dict:
        """``{(attribute, id, slug): count}`` counted from the table now (one query per foreign key)."""
        return {
            (attname, related, slug): n for attname in self.fields for related, slug, n in self._counted(using, attname)
            if n
        }

    def stored(self, using: str) -> dict:
        rows = FacetCount.objects.using(using).filter(facet=self.name).values_list("value", "key", "label", "count")
        return {(attname, related, slug): n for attname, related, slug, n in rows}

    def rows(self, counts: dict) -> list[FacetCount]:
        return [
            FacetCount(facet=self.name, value=attname, key=related, label=slug, count=n)
            for (attname, related, slug), n in counts.items() if n
        ]

    def recount(self, values: Iterable, using: str) -> None:
        """Count ``values`` (``(attribute, id)`` pairs) afresh and store their rows (three queries per attribute)."""
        by_field: dict[str, set] = {}
        for value in values:
            if value is not None:
                by_field.setdefault(value[0], set()).add(value[1])
        with transaction.atomic(using=using, savepoint=False):
            for attname, ids in by_field.items():
                ids = sorted(ids)
                counts = {(attname, related, slug): n for related, slug, n in self._counted(using, attname, ids)}
                kept = FacetCount.objects.using(using).filter(facet=self.name, value=attname, key__in=ids)
                kept._raw_delete(using)
                FacetCount.objects.using(using).bulk_create(self.rows(counts))

    def relabel(self, attname: str, related: Model, using: str) -> None:
        """Store ``related``'s slug as its label, after it was saved (one UPDATE; it may have been renamed)."""
        kept = FacetCount.objects.using(using).filter(facet=self.name, value=attname, key=related.pk)
        kept.exclude(label=related.slug).update(label=related.slug)


_summaries: dict[str, Summary | FirstOfSummary] = {}
_by_counted: dict[type[Model], list[Summary | FirstOfSummary]] = {}


def summary_name(listed: type[Model], facet_name: str) -> str:
    """The name of the summary of ``listed``'s facet ``facet_name`` ("programmes.programme.kind")."""
    return f"{listed._meta.label_lower}.{facet_name}"


def summary_for(listed: type[Model], facet) -> Summary | None:
    """The summary kept for ``facet`` of ``listed``'s list, or None when its counts are not kept."""
    return _summaries.get(summary_name(listed, facet.name))


@dataclass(frozen=True)
class RelatedLookup:
    """A value and a label read across one foreign key: its column on the counted table, the related table's columns."""

    attname: str
    table: str
    pk_column: str
    value_column: str
    label_column: str


def foreign_key_lookup(counted: type[Model], value, label) -> RelatedLookup | None:
    """For a value and a label that are two fields across one foreign key of ``counted``
    ("organisation__slug", "organisation__name"), where to find them; None for anything else. No query."""
    if not isinstance(value, str) or not isinstance(label, str):
        return None
    value_parts, label_parts = value.split("__"), label.split("__")
    if len(value_parts) != 2 or len(label_parts) != 2 or value_parts[0] != label_parts[0]:
        return None
    try:
        field = counted._meta.get_field(value_parts[0])
    except FieldDoesNotExist:
        return None
    if not (field.many_to_one or field.one_to_one) or not field.concrete:
        return None
    related = field.related_model._meta
    return RelatedLookup(
        attname=field.attname,
        table=related.db_table,
        pk_column=related.pk.column,
        value_column=related.get_field(value_parts[1]).column,
        label_column=related.get_field(label_parts[1]).column,
    )


def _group_of(counted: type[Model], facet) -> tuple[str, bool] | None:
    """The column a facet groups by and whether it holds integers, or None when it is not one column."""
    related = foreign_key_lookup(counted, facet.value, facet.label)
    if related is not None:
        return related.attname, True
    if not isinstance(facet.value, str) or "__" in facet.value:
        return None
    try:
        field = counted._meta.get_field(facet.value)
    except FieldDoesNotExist:
        return None
    label_is_value = facet.label is None or facet.label == facet.value
    if field.concrete and not field.is_relation and label_is_value:
        return field.attname, isinstance(field, IntegerField)
    return None


def first_of_lookups(counted: type[Model], facet) -> list[RelatedLookup] | None:
    """For a facet whose value and label are ``Coalesce`` of fields across foreign keys of ``counted``,
    each key's lookup in order; None for any other facet. No query."""
    if not isinstance(facet.value, Coalesce) or not isinstance(facet.label, Coalesce):
        return None
    values, labels = facet.value.get_source_expressions(), facet.label.get_source_expressions()
    if len(values) != len(labels) or not all(isinstance(e, F) for e in [*values, *labels]):
        return None
    lookups = [foreign_key_lookup(counted, value.name, label.name) for value, label in zip(values, labels, strict=True)]
    return None if None in lookups else lookups


def register_facets(listed: type[Model], facets: Iterable) -> None:
    """Keep counts of those of ``facets`` (of ``listed``'s list) that group by one column; see the module."""
    for facet in facets:
        counted = facet.through or listed
        key = facet.key if facet.through is not None else "pk"
        group, first_of = _group_of(counted, facet), first_of_lookups(counted, facet)
        if group is not None:
            summary = Summary(summary_name(listed, facet.name), counted, group[0], key, facet.distinct, group[1])
        elif first_of is not None:
            fields = tuple(lookup.attname for lookup in first_of)
            slugs = tuple(source.name for source in facet.value.get_source_expressions())
            summary = FirstOfSummary(summary_name(listed, facet.name), counted, fields, slugs, key, facet.distinct)
        else:
            continue
        if summary.name in _summaries:
            continue
        _summaries[summary.name] = summary
        _by_counted.setdefault(counted, []).append(summary)
        _connect(counted)
        if isinstance(summary, FirstOfSummary):
            _connect_relabel(summary)


def summaries() -> list[Summary]:
    """Every summary registered."""
    return list(_summaries.values())


_rebuilds: dict[str, Callable[[str], int]] = {}


def register_rebuild(name: str, rebuild_kept: Callable[[str], int]) -> None:
    """Have :func:`rebuild` also call ``rebuild_kept(using)``: another kept aggregate (an app's totals),
    rebuilt wherever the facet counts are, returning how many rows it keeps."""
    _rebuilds[name] = rebuild_kept


def rebuild(using: str = "default") -> dict[str, int]:
    """Count every summary (and registered aggregate) afresh after bulk writes; return the rows kept of each."""
    kept = {}
    with transaction.atomic(using=using):
        for name, rebuild_kept in _rebuilds.items():
            kept[name] = rebuild_kept(using)
        FacetCount.objects.using(using).all()._raw_delete(using)
        for summary in _summaries.values():
            counts = summary.fresh(using)
            FacetCount.objects.using(using).bulk_create(summary.rows(counts), batch_size=1000)
            kept[summary.name] = len(counts)
    return kept


def fill_after_migrate(sender, using: str = "default", **kwargs) -> None:
    """After ``migrate``: count every summary afresh when none is kept yet but counted rows exist.

    A database whose records predate the kept counts (or lost them) would otherwise show lists
    without counts until ``refresh_facet_counts`` ran. Two small queries when there is nothing to do.
    """
    connection = connections[using]
    if FacetCount._meta.db_table not in connection.introspection.table_names():
        return  # migrated back to before the counts were kept
    if FacetCount.objects.using(using).exists():
        return
    if any(summary.counted._default_manager.using(using).exists() for summary in _summaries.values()):
        rebuild(using)


# Keeping the counts current -------------------------------------------------------------------

_connected: set[type[Model]] = set()


def _connect(counted: type[Model]) -> None:
    if counted in _connected:
        return
    _connected.add(counted)
    uid = f"facet_summary_{counted._meta.label_lower}"
    pre_save.connect(_before_save, sender=counted, dispatch_uid=f"{uid}_pre_save", weak=False)
    post_save.connect(_after_save, sender=counted, dispatch_uid=f"{uid}_post_save", weak=False)
    post_delete.connect(_after_delete, sender=counted, dispatch_uid=f"{uid}_post_delete", weak=False)
    m2m_changed.connect(_links_changed, sender=counted, dispatch_uid=f"{uid}_m2m", weak=False)
    if counted._meta.auto_created:
        # Django deletes an automatic many-to-many table's rows with the record on either side
        # and sends no signal for them: the records' own delete signals recount their links.
        for side in counted._meta.concrete_fields:
            if side.is_relation:
                _connect_side(counted, side)


def _connect_relabel(summary: FirstOfSummary) -> None:
    """Keep the labels (slugs) of ``summary``'s values current when a related record is saved."""
    for attname in summary.fields:
        related_model = summary.counted._meta.get_field(attname.removesuffix("_id")).related_model

        def relabel(sender, instance, raw=False, using=None, _attname=attname, **kwargs):
            if not raw and not kwargs.get("created"):
                summary.relabel(_attname, instance, using)

        uid = f"facet_summary_{summary.name}_{attname}_relabel"
        post_save.connect(relabel, sender=related_model, dispatch_uid=uid, weak=False)


def _connect_side(links: type[Model], side) -> None:
    """Recount ``links``' values linked to a record of ``side``'s model when that record is deleted."""

    def before_delete(sender, instance, using=None, **kwargs):
        linked = links._default_manager.using(using).filter(**{side.attname: instance.pk})
        touched = getattr(instance, "_facet_values_unlinked", {})
        for summary in _by_counted[links]:
            touched[summary.name] = list(linked.values_list(summary.group, flat=True))
        instance._facet_values_unlinked = touched

    def after_delete(sender, instance, using=None, **kwargs):
        touched = getattr(instance, "_facet_values_unlinked", {})
        for summary in _by_counted[links]:
            summary.recount(touched.pop(summary.name, []), using)

    uid = f"facet_summary_{links._meta.label_lower}_{side.name}"
    pre_delete.connect(before_delete, sender=side.related_model, dispatch_uid=f"{uid}_pre_delete", weak=False)
    post_delete.connect(after_delete, sender=side.related_model, dispatch_uid=f"{uid}_post_delete", weak=False)


def _before_save(sender, instance, raw=False, using=None, **kwargs):
    if raw or instance.pk is None:
        return
    fields = sorted({field for summary in _by_counted[sender] for field in summary.fields})
    instance._facet_values_stored = sender._default_manager.using(using).filter(pk=instance.pk).values(*fields).first()


def _after_save(sender, instance, raw=False, using=None, **kwargs):
    if raw:  # loaddata: load_catalogue rebuilds the counts once at the end
        return
    stored = getattr(instance, "_facet_values_stored", None)
    instance._facet_values_stored = None
    for summary in _by_counted[sender]:
        after = summary.value_of(lambda attname: getattr(instance, attname))
        before = summary.value_of(stored.get) if stored is not None else None
        if stored is not None and before == after:
            continue  # the value did not change, so neither did any count
        summary.recount([before, after], using)


def _after_delete(sender, instance, using=None, **kwargs):
    for summary in _by_counted[sender]:
        summary.recount([summary.value_of(lambda attname: getattr(instance, attname))], using)


def _links_changed(sender, instance, action, model=None, pk_set=None, using=None, **kwargs):
    """A many-to-many ``add``, ``remove`` or ``clear`` on a counted linking table (``sender``)."""
    if action not in {"pre_clear", "post_clear", "post_add", "post_remove"}:
        return
    for summary in _by_counted[sender]:
        group_field = sender._meta.get_field(summary.group.removesuffix("_id"))
        grouped_by_other_side = group_field.related_model is model and not isinstance(instance, model)
        if not grouped_by_other_side:
            # Links of one grouped record (a mission's programmes) changed: only its count moves.
            if action != "pre_clear":
                summary.recount([instance.pk], using)
            continue
        if action == "pre_clear":
            own_side = next(
                field for field in sender._meta.concrete_fields
                if field.is_relation and field is not group_field and isinstance(instance, field.related_model)
            )
            links = sender._default_manager.using(using).filter(**{own_side.attname: instance.pk})
            cleared = getattr(instance, "_facet_values_cleared", {})
            cleared[summary.name] = list(links.values_list(summary.group, flat=True))
            instance._facet_values_cleared = cleared
        elif action == "post_clear":
            summary.recount(getattr(instance, "_facet_values_cleared", {}).pop(summary.name, []), using)
        else:
            summary.recount(pk_set or (), using)

