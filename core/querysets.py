"""Query helpers shared by the apps' pages and API: bounded lists, pages that stay fast to the last."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, Window


def head_and_total(queryset: QuerySet, limit: int) -> tuple[list, int]:
    """The first ``limit`` rows of ``queryset`` and how many rows it has in all.

    One query, whatever the number of rows: each row carries the total as a window count, so a
    page about an organisation with thousands of awards shows the largest few and says how many
    there are, without a second COUNT query.
    """
    rows = list(queryset.annotate(rows_in_all=Window(Count("pk")))[:limit])
    return rows, (rows[0].rows_in_all if rows else 0)


class DeferredJoinPaginator(Paginator):
    """A paginator that fetches a page beyond the first in two steps: its primary keys, then its rows.

    ``OFFSET 100000`` over whole rows reads and throws away 100,000 rows; over the primary keys
    alone, an index on the list's order (``programme_lower_name_idx``: lower(name), id) answers it without
    touching the table. The rows of the page are then fetched by key, with the queryset's own
    ``select_related`` and ``prefetch_related``. Pages beyond the first cost one query more
    than the first, whatever their number and the size of the list; the first page, which
    most readers see, is fetched in one step.
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom == 0 or not isinstance(self.object_list, QuerySet):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        keys = list(self.object_list.values_list("pk", flat=True)[bottom:top])
        # filter() drops the slice and keeps the related lookups; the keys keep the order.
        by_key = {row.pk: row for row in self.object_list.filter(pk__in=keys).order_by()}
        return self._get_page([by_key[key] for key in keys if key in by_key], number, self)
