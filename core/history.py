"""When a record last changed, read from its django-simple-history table."""

from __future__ import annotations

from django.db.models import OuterRef, QuerySet, Subquery


def with_last_changed(queryset: QuerySet) -> QuerySet:
    """Annotate ``last_changed``: the date of the record's latest history row.

    A correlated subquery inside the page's own query, so a detail page shows "Page last
    updated" without one query more. Needs a model with ``history = HistoricalRecords()``.
    """
    history = queryset.model.history.model
    latest = history.objects.filter(id=OuterRef("pk")).order_by("-history_date").values("history_date")[:1]
    return queryset.annotate(last_changed=Subquery(latest))


class LastChangedMixin:
    """For a ``DetailView``: the object carries ``last_changed``, which base.html shows at the foot of the page."""

    def get_queryset(self):
        return with_last_changed(super().get_queryset())
