"""A small mixin for list pages filtered by an app's FilterSet (the same one the API uses).

``FilteredListMixin`` binds ``filterset_class`` to the query string, answers 400 with the
form's messages when a filter value is invalid (never a 500, never silently ignored), and
adds to the context:

- ``filter``: the bound FilterSet (``filter.form`` for the inputs and errors);
- ``is_filtered``: whether any filter other than ordering is set;
- ``active_filters``: one :class:`ActiveFilter` per filter set, each with the URL that removes it;
- ``facets``: for each :class:`Facet` declared, its options with how many rows each would give.

Facet counts cost one aggregate query per facet, whatever the number of options: the rows that
every *other* filter keeps, grouped by the facet's value (``values().annotate(Count())``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Case, Count, Expression, F, Model, QuerySet, When
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse

from core.facet_summary import (
    FirstOfSummary,
    RelatedLookup,
    Summary,
    first_of_lookups,
    foreign_key_lookup,
    summary_for,
)
from core.models import FacetCount
from core.query_strings import query_string, value_links
from core.querysets import DeferredJoinPaginator
from core.time_budget import BudgetSpent, TimeBudget

# Query parameters that are not filters: they change the order or the page, not the rows.
NOT_FILTERS = frozenset({"ordering", "page"})


@dataclass(frozen=True)
class Facet:
    """A filter whose options are shown with counts.

    ``name`` is the query parameter; ``value`` the lookup (or expression) from the listed model to
    the parameter's value (a slug, a choice); ``label`` the lookup to the option's text, or None
    to take it from the filter's choices.

    A facet over a to-many relation may name the table that links the two (``through``) and
    its foreign key to the listed model (``key``); ``value`` and ``label`` are then lookups from
    that table. Counting there skips the listed model's table altogether when nothing else is
    filtered, which at 100,000 programmes cuts a facet from hundreds of milliseconds to tens.
    """

    name: str
    value: str | Expression
    label: str | Expression | None = None
    limit: int = 50
    """Options shown at most, those with most rows first: a select of 100,000 recipients helps no one."""
    through: type[Model] | None = None
    key: str = ""
    distinct: bool = True
    """Count distinct rows; False where the lookup cannot repeat a row (a column, a foreign key)."""


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False
    href: str = ""


@dataclass
class FacetCounts:
    facet: Facet
    label: str
    options: list[FacetOption] = field(default_factory=list)
    truncated: bool = False
    """True when more options have rows than the facet's ``limit`` shows."""
    counted: bool = True
    """False when counting took longer than the page's time budget: options are shown without counts."""

    @property
    def name(self) -> str:
        return self.facet.name


@dataclass(frozen=True)
class ActiveFilter:
    """A filter in use, as a removable tag: "Kind: Programme", linking to the URL without it."""

    name: str
    label: str
    value: str
    remove_href: str


def _expression(path: str | Expression) -> Expression:
    return F(path) if isinstance(path, str) else path


class PageOutOfRange(Exception):
    """A list was asked for a page it does not have; carries its last page and the link to it."""

    def __init__(self, last_page: int, href: str):
        super().__init__(f"There is no such page; the last is {last_page}.")
        self.last_page, self.href = last_page, href


class PagedListMixin:
    """List views paged by :class:`DeferredJoinPaginator`; a page past the end answers 404 with the last page's link."""

    paginator_class = DeferredJoinPaginator

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except PageOutOfRange as missing:
            context = {"last_page": missing.last_page, "last_page_href": missing.href}
            return TemplateResponse(request, "404.html", context, status=404)

    def paginate_queryset(self, queryset, page_size):
        """Django's pagination, except that a page past the end (or not a number) offers the last page."""
        try:
            return super().paginate_queryset(queryset, page_size)
        except Http404:
            paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
            last = paginator.num_pages
            raise PageOutOfRange(last, self.request.path + query_string(self.request.GET, page=last)) from None


class FilteredListMixin(PagedListMixin):
    """List views filtered by ``filterset_class``; see the module docstring."""

    filterset_class = None
    facets: tuple[Facet, ...] = ()
    filter_labels: dict[str, str] = {}
    """Labels of filters and facets, by query parameter, where the FilterSet's own are not for readers."""
    api_list_url_name: str | None = None
    """The API list served by the same FilterSet (``"api:programme-list"``): the page links its downloads."""

    def get_filterset(self, queryset: QuerySet):
        return self.filterset_class(self.request.GET or None, queryset=queryset, request=self.request)

    def get_queryset(self):
        queryset = super().get_queryset()
        self.filterset = self.get_filterset(queryset)
        # An unbound FilterSet (no query string) is valid and lists everything.
        self.filter_is_valid = not self.filterset.is_bound or self.filterset.is_valid()
        if not self.filter_is_valid:
            return queryset.none()
        return self.filterset.qs

    def render_to_response(self, context, **response_kwargs):
        if not self.filter_is_valid:
            response_kwargs.setdefault("status", 400)
        return super().render_to_response(context, **response_kwargs)

    def get_context_data(self, **kwargs):
        active = self.active_filters() if self.filter_is_valid else []
        return super().get_context_data(
            filter=self.filterset,
            filter_is_valid=self.filter_is_valid,
            is_filtered=bool(active),
            active_filters=active,
            facets=self.facet_counts(),
            downloads=self.downloads() if self.filter_is_valid else [],
            **kwargs,
        )

    def downloads(self) -> list[tuple[str, str]]:
        """"Download CSV" and "Download JSON" links: the API list with this page's filters and order.

        The API list uses the same FilterSet and queryset order, and exports every page of it, so
        each file holds exactly the rows this list shows across its pages. No query.
        """
        if self.api_list_url_name is None:
            return []
        url = reverse(self.api_list_url_name)
        return [
            ("Download CSV", url + query_string(self.request.GET, page=None, format="csv")),
            ("Download JSON", url + query_string(self.request.GET, page=None, format="json-download")),
        ]

    # Active filters -------------------------------------------------------------------------

    def _filter_label(self, name: str) -> str:
        if name in self.filter_labels:
            return self.filter_labels[name]
        return str(self.filterset.form.fields[name].label or name.replace("_", " ")).rstrip(":")

    def _display_value(self, name: str, value) -> str:
        """The value as a reader knows it: an object's name, a choice's label, the text typed. No query."""
        choices = getattr(self.filterset.form.fields[name], "choices", None)
        if isinstance(value, Model) or choices is None:
            return str(value)
        return str(dict(choices).get(value, value))

    def active_filters(self) -> list[ActiveFilter]:
        """The filters set in the query string, each with the link that removes just it. No query."""
        if not self.filterset.is_bound:
            return []
        result = []
        for name in self.filterset.filters:
            if name in NOT_FILTERS:
                continue
            value = self.filterset.form.cleaned_data.get(name)
            if value in (None, "", [], ()):
                continue
            result.append(
                ActiveFilter(
                    name=name,
                    label=self._filter_label(name),
                    value=self._display_value(name, value),
                    remove_href=query_string(self.request.GET, **{name: None}),
                )
            )
        return result

    # Facets ---------------------------------------------------------------------------------

    def queryset_without(self, excluded: str) -> QuerySet | None:
        """The base queryset with every valid filter applied except ``excluded``, or None when none applies.

        No query until evaluated.
        """
        queryset, applied = self.filterset.queryset, False
        cleaned = self.filterset.form.cleaned_data if self.filterset.is_bound else {}
        for name, value in cleaned.items():
            if name in NOT_FILTERS or name == excluded or value in (None, "", [], ()):
                continue
            queryset, applied = self.filterset.filters[name].filter(queryset, value), True
        return queryset if applied else None

    def facet_counts(self) -> list[FacetCounts]:
        """Each facet's options with their counts; one aggregate query per facet, within the page's time budget.

        A facet whose query does not finish within what is left of ``self.time_budget`` is shown
        without counts (``counted`` False): its fixed choices stay selectable, the chosen option
        stays chosen, and the page says why the counts are missing.
        """
        cleaned = self.filterset.form.cleaned_data if self.filterset.is_bound else {}
        budget = self.time_budget
        result = []
        for facet in self.facets:
            selected = cleaned.get(facet.name)
            selected_value = self._selected_value(facet, selected)
            try:
                counts = budget.run(lambda facet=facet, selected=selected: self._count_options(facet, selected))
            except BudgetSpent:
                group = self._facet_options(facet, {}, selected, selected_value)
                group.counted = False
                result.append(group)
                continue
            truncated = len(counts) > facet.limit
            if truncated:
                counts = dict(list(counts.items())[: facet.limit])
            group = self._facet_options(facet, counts, selected, selected_value)
            group.truncated = truncated
            result.append(group)
        return result

    @cached_property
    def time_budget(self) -> TimeBudget:
        """The time the page's optional aggregates (facets, totals) share: ``CATALOGUE_FACET_TIME_BUDGET_MS``."""
        return TimeBudget()

    def _rows_counted(self, facet: Facet) -> tuple[QuerySet, str]:
        """The rows a facet counts (the listed model's, or its linking table's) and the key counted."""
        model = self.filterset.queryset.model
        counted, key = (facet.through, facet.key) if facet.through is not None else (model, "pk")
        rows = counted._default_manager.all()
        rows_kept = self.queryset_without(facet.name)
        if rows_kept is not None:  # unfiltered, the IN (subquery) would only slow the count down
            rows = rows.filter(**{f"{key}__in": rows_kept.order_by().values("pk")})
        return rows, key

    def _summary(self, facet: Facet) -> Summary | None:
        """The kept counts of ``facet`` when they answer this page: no other filter narrows its rows. No query."""
        summary = summary_for(self.filterset.queryset.model, facet)
        if summary is None or self.queryset_without(facet.name) is not None:
            return None
        return summary

    def _grouped(self, facet: Facet, values: dict[str, Expression]) -> QuerySet:
        """The facet's groups: the rows ``values`` names (``facet_value`` or ``facet_key``, maybe
        ``facet_label``) with ``facet_count``, unordered. No query until evaluated.

        Read from the facet's kept counts when no other filter narrows the list (a few dozen
        rows; a kept facet's label is its value or is joined afterwards), else counted from the
        rows the other filters keep.
        """
        summary = self._summary(facet)
        if summary is not None:
            stored = F(summary.column)
            return FacetCount.objects.filter(facet=summary.name).values(
                **dict.fromkeys(values, stored), facet_count=F("count")
            )
        rows, key = self._rows_counted(facet)
        return rows.values(**values).annotate(facet_count=Count(key, distinct=facet.distinct))

    def _count_options(self, facet: Facet, selected) -> dict[str, dict]:
        """``{value: {"facet_label": ..., "facet_count": ...}}``, the chosen option first, then by count (one query)."""
        related = foreign_key_lookup(facet.through or self.filterset.queryset.model, facet.value, facet.label)
        if related is not None:
            return self._count_options_by_key(facet, related, selected)
        summary = self._summary(facet)
        if isinstance(summary, FirstOfSummary):
            return self._count_options_first_of(facet, summary, selected)
        values = {"facet_value": _expression(facet.value)}
        if facet.label is not None:
            values["facet_label"] = _expression(facet.label)
        selected_value = self._selected_value(facet, selected)
        # The chosen option first, so the limit never hides it, then those with most rows.
        chosen_first = [Case(When(facet_value=selected_value, then=0), default=1)] if selected_value else []
        rows = self._grouped(facet, values).exclude(facet_value=None).order_by(*chosen_first, "-facet_count", *values)
        if facet.label is not None:
            rows = rows[: facet.limit + 1]
        return {row["facet_value"]: row for row in rows if row["facet_value"] != ""}

    def _count_options_by_key(self, facet: Facet, related: RelatedLookup, selected):
        """Counts grouped by the foreign key alone, the labels joined to the few groups kept (one query).

        Grouping by ``organisation_id`` rather than by the organisation's slug and name reads the
        counted table only (its foreign-key index), and joins the organisations to the 51 groups
        kept instead of to every row: at 100,000 programmes about half the time. Unfiltered, the
        groups come from the kept counts (``core.facet_summary``): a read of at most a few
        thousand small rows whatever the catalogue's size.
        """
        selected_key = getattr(selected, "pk", None)
        chosen_first = [Case(When(facet_key=selected_key, then=0), default=1)] if selected_key is not None else []
        grouped = (
            self._grouped(facet, {"facet_key": F(related.attname)})
            .exclude(facet_key=None)
            .order_by(*chosen_first, "-facet_count", "facet_key")[: facet.limit + 1]
        )
        connection = connections[grouped.db]
        try:
            grouped_sql, params = grouped.query.get_compiler(connection=connection).as_sql()
        except EmptyResultSet:  # the filters can match nothing (a search with no word to look for)
            return {}
        qn = connection.ops.quote_name
        # Only quoted names from the models' metadata and the ORM's own SQL; values stay parameters.
        sql = (
            f"SELECT counted.facet_key, labels.{qn(related.value_column)}, labels.{qn(related.label_column)}, "  # noqa: S608
            f"counted.facet_count FROM ({grouped_sql}) counted "
            f"INNER JOIN {qn(related.table)} labels ON labels.{qn(related.pk_column)} = counted.facet_key"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            found = cursor.fetchall()
        found.sort(key=lambda row: (row[0] != selected_key, -row[3], row[0]))
        return {
            value: {"facet_value": value, "facet_label": label, "facet_count": count}
            for _key, value, label, count in found
            if value not in (None, "")
        }

    def _count_options_first_of(self, facet: Facet, summary: FirstOfSummary, selected) -> dict[str, dict]:
        """The kept counts of a facet over the first set of several foreign keys, labels joined (one query).

        The ``limit + 1`` most common values, equal counts in slug order as the live count gives
        them, come from the kept rows' index, so only they (and the chosen value) are joined to
        their records, however many values there are (100,000 award recipients).
        """
        connection = connections[FacetCount.objects.db]
        qn = connection.ops.quote_name
        joins, values, labels, chosen, join_params, chosen_params = [], [], [], [], [], []
        selected_value = self._selected_value(facet, selected)
        for index, related in enumerate(first_of_lookups(summary.counted, facet)):
            attname, table, pk = related.attname, qn(related.table), qn(related.pk_column)
            value_column = qn(related.value_column)
            alias = f"labels_{index}"
            joins.append(f"LEFT JOIN {table} {alias} ON kept.value = %s AND {alias}.{pk} = kept.{qn('key')}")
            join_params.append(attname)
            values.append(f"{alias}.{value_column}")
            labels.append(f"{alias}.{qn(related.label_column)}")
            key_of_slug = f"SELECT {pk} FROM {table} WHERE {value_column} = %s"  # noqa: S608 - quoted names
            chosen.append(f"(chosen.value = %s AND chosen.{qn('key')} IN ({key_of_slug}))")
            chosen_params += [attname, selected_value]
        table, count, key = qn(FacetCount._meta.db_table), qn("count"), qn("key")
        columns = f"{key}, value, {count}, label"
        # The chosen value too, wherever it ranks, so the limit never hides it.
        top = f"SELECT {columns} FROM {table} WHERE facet = %s ORDER BY {count} DESC, label LIMIT %s"  # noqa: S608
        if selected_value:
            top = (
                f"SELECT * FROM ({top}) top_values UNION "  # noqa: S608 - quoted names
                f"SELECT {columns} FROM {table} chosen WHERE chosen.facet = %s AND ({' OR '.join(chosen)})"
            )
        # Only quoted names from the models' metadata; values stay parameters.
        sql = (
            f"SELECT COALESCE({', '.join(values)}), COALESCE({', '.join(labels)}), kept.{count} "  # noqa: S608
            f"FROM ({top}) kept {' '.join(joins)} ORDER BY kept.{count} DESC, kept.label"
        )
        params = [summary.name, facet.limit + 1]
        if selected_value:
            params += [summary.name, *chosen_params]
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *join_params])  # the kept values' subquery comes before the joins
            found = cursor.fetchall()
        found.sort(key=lambda row: row[0] != selected_value)  # the chosen first; sort() keeps the rest's order
        return {
            value: {"facet_value": value, "facet_label": label, "facet_count": n}
            for value, label, n in found[: facet.limit + 1]
            if value not in (None, "")
        }

    def _selected_value(self, facet: Facet, selected) -> str:
        """The query-string value of the option chosen in ``facet`` ("" when none). No query."""
        form_field = self.filterset.form.fields[facet.name]
        value = getattr(selected, getattr(form_field, "to_field_name", None) or "pk", selected)
        return "" if value is None else str(value)

    def _facet_options(self, facet: Facet, counts: dict, selected, selected_value: str) -> FacetCounts:
        form_field = self.filterset.form.fields[facet.name]
        group = FacetCounts(facet, self._filter_label(facet.name))
        if facet.label is None:
            labels = [(str(value), str(label)) for value, label in form_field.choices if value not in ("", None)]
        else:
            labels = sorted(
                ((str(value), str(row["facet_label"])) for value, row in counts.items()),
                key=lambda pair: pair[1].casefold(),
            )
        if selected_value and selected_value not in {value for value, _ in labels}:
            labels.append((selected_value, self._display_value(facet.name, selected)))
        counted = {str(value): row["facet_count"] for value, row in counts.items()}
        link = value_links(self.request.GET, facet.name)  # the rest of the query string encoded once
        for value, label in labels:
            count = counted.get(value, 0)
            if count == 0 and value != selected_value and facet.label is not None:
                continue
            group.options.append(
                FacetOption(
                    value=value,
                    label=label,
                    count=count,
                    selected=value == selected_value,
                    href=link(value),
                )
            )
        return group
