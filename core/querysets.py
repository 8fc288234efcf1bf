"""Query helpers shared by the apps' pages: bounded lists on pages about one record."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Window


def head_and_total(queryset: QuerySet, limit: int) -> tuple[list, int]:
    """The first ``limit`` rows of ``queryset`` and how many rows it has in all.

    One query, whatever the number of rows: each row carries the total as a window count, so a
    page about an organisation with thousands of awards shows the largest few and says how many
    there are, without a second COUNT query.
    """
    rows = list(queryset.annotate(rows_in_all=Window(Count("pk")))[:limit])
    return rows, (rows[0].rows_in_all if rows else 0)
