"""The timeline: every dated fact of every record app, paged by the database.

Which dates put a record on the timeline is registered by each app (``core.registry.DatedField``
in its ``contributions`` module); this module pages their union and fetches each page's records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Model, Q, QuerySet, Value
from django.db.models.functions import Coalesce, Lower
from django.utils.safestring import SafeString

from core.charts import TimelineMark, timeline_chart
from core.partial_dates import PartialDate, partial_date_name
from core.registry import DatedField, registry
from sources.models import Citation

TIMELINE_PAGE_SIZE = 200


@dataclass
class TimelineEntry:
    """One dated fact: what happened, to which record, when, and the claims where sources differ."""

    date: PartialDate
    what: str
    title: str
    url: str | None
    kind: str
    claims: list[Citation] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        return (self.date.year, self.date.month or 0, self.date.day or 0, self.title.casefold(), self.what)


def timeline_fields() -> list[DatedField]:
    """Every dated field on the timeline, in a fixed order (the index a fact's row carries)."""
    return list(registry.dated_fields)


def dated_facts() -> QuerySet:
    """Every dated fact as ``(field index, pk, year, month, day, title)`` rows, in date order.

    One UNION ALL over :func:`timeline_fields`, ordered and paged by the database, so a page of
    the timeline costs the same whether the catalogue dates fifty facts or half a million. Months
    and days a source does not give sort first within their year or month.
    """
    branches = [
        spec.model._default_manager.filter(**{f"{spec.field}_year__isnull": False})
        .order_by()
        .annotate(
            timeline_field=Value(index),
            sort_year=F(f"{spec.field}_year"),
            sort_month=Coalesce(f"{spec.field}_month", Value(0)),
            sort_day=Coalesce(f"{spec.field}_day", Value(0)),
            sort_title=Lower(spec.order_by),
        )
        .values_list("timeline_field", "pk", "sort_year", "sort_month", "sort_day", "sort_title")
        for index, spec in enumerate(timeline_fields())
    ]
    return branches[0].union(*branches[1:], all=True).order_by(
        "sort_year", "sort_month", "sort_day", "sort_title", "timeline_field", "pk"
    )


def _timeline_records(model: type[Model], keys: set, select_related: set[str]) -> dict:
    return model._default_manager.filter(pk__in=keys).select_related(*sorted(select_related)).in_bulk()


def timeline_entries(rows=None) -> list[TimelineEntry]:
    """The facts of ``rows`` (from :func:`dated_facts`; all of them when None), with their records and claims.

    One query per kind of record on the page and one for the claims of disputed dates: at most
    eight, whatever the size of the catalogue.
    """
    fields = timeline_fields()
    rows = list(dated_facts() if rows is None else rows)
    keys: dict[type[Model], set] = defaultdict(set)
    joins: dict[type[Model], set[str]] = defaultdict(set)
    for index, key, *_ in rows:
        keys[fields[index].model].add(key)
        joins[fields[index].model].update(fields[index].select_related)
    records = {model: _timeline_records(model, model_keys, joins[model]) for model, model_keys in keys.items()}

    claims: dict[tuple, list[Citation]] = defaultdict(list)
    if keys:
        on_page = Q()
        for model, model_keys in keys.items():
            on_page |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=model_keys)
        for citation in Citation.objects.disputed().for_display().filter(on_page):
            key = (citation.content_type.model_class(), citation.object_id, partial_date_name(citation.field_name))
            claims[key].append(citation)

    entries = []
    for index, key, *_ in rows:
        spec = fields[index]
        record = records[spec.model][key]
        entries.append(
            TimelineEntry(
                getattr(record, spec.field),
                spec.what_for(record),
                spec.describe(record),
                spec.page(record).get_absolute_url(),
                spec.kind,
                claims.get((spec.model, key, spec.field), []),
            )
        )
    return entries


def timeline_picture(entries: list[TimelineEntry], *, title: str = "Dated facts along the years") -> SafeString:
    """``entries`` on a year axis, one lane per kind of record, each at its date's precision (no query).

    The same facts as the list the page shows under it; an empty string when there are none.
    """
    return timeline_chart(
        [TimelineMark(entry.date, entry.kind, f"{entry.what}, {entry.title}") for entry in entries],
        title=title,
        description="Each fact is placed at the date the catalogue records: a year, a month or a day.",
        chart_id="timeline-chart",
    )
