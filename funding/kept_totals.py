"""Totals of every award by funder and by year, kept in ``core.GroupTotal``: unfiltered pages need not sum every award.

The funding list unfiltered and the home page show totals over every award: at 100,000
programmes (200,000 awards) summing them took about 200 ms per grouping on every request. The
sums of each funder (or funder named only in words) and of each year, per ``TotalCategory``,
are kept instead, exactly as ``FundingAwardQuerySet.sums_by_funder_and_category()`` and
``sums_by_year_and_category()`` compute them; those methods read the kept rows when asked for
the whole table.

Every save and delete of an award recounts the groups it was in before and after (a
``pre_save`` reads the stored funder and year), in the write's transaction; a recount sums the
group afresh, never adds a delta. Bulk writes rebuild them through ``core.facet_summary.rebuild``
(registered in ``FundingConfig.ready``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.db.models.signals import post_delete, post_save, pre_save

from core.models import GroupTotal
from funding.models import KEPT_BY_FUNDER as BY_FUNDER
from funding.models import KEPT_BY_YEAR as BY_YEAR
from funding.models import FundingAward

FUNDER_FIELDS = ("funder_id", "funder_description")


def _funder_group(funder_id: int | None, funder_description: str) -> Q:
    if funder_id is not None:
        return Q(funder_id=funder_id)
    return Q(funder_id=None, funder_description=funder_description)


def _rows_by_funder(sums: Iterable[dict]) -> list[GroupTotal]:
    return [
        GroupTotal(
            total=BY_FUNDER, key=row["funder_id"], text=row["funder_description"], category=row["total_category"],
            amount=row["amount"], rows=row["awards"], approximate=row["approximate"],
        )
        for row in sums
    ]


def _rows_by_year(sums: Iterable[dict]) -> list[GroupTotal]:
    return [
        GroupTotal(
            total=BY_YEAR, key=row["announced_year"], category=row["total_category"],
            amount=row["amount"], rows=row["awards"], approximate=row["approximate"],
        )
        for row in sums
    ]


def recount(funders: Iterable[tuple[int | None, str]], years: Iterable[int | None], using: str) -> None:
    """Sum afresh the awards of ``funders`` (id, description) and ``years``, and store their rows."""
    funders, years = set(funders), set(years)
    awards = FundingAward.objects.using(using)
    kept = GroupTotal.objects.using(using)
    with transaction.atomic(using=using, savepoint=False):
        for funder_id, description in funders:
            group = _funder_group(funder_id, description)
            stored = Q(key=funder_id) if funder_id is not None else Q(key=None, text=description)
            kept.filter(stored, total=BY_FUNDER)._raw_delete(using)
            kept.bulk_create(_rows_by_funder(awards.filter(group)._sums_by(*FUNDER_FIELDS)))
        for year in years:
            kept.filter(total=BY_YEAR, key=year)._raw_delete(using)
            kept.bulk_create(_rows_by_year(awards.filter(announced_year=year)._sums_by("announced_year")))


def rebuild(using: str = "default") -> int:
    """Sum every award afresh by funder and by year (after bulk writes); return the rows kept."""
    awards = FundingAward.objects.using(using)
    rows = [*_rows_by_funder(awards._sums_by(*FUNDER_FIELDS)), *_rows_by_year(awards._sums_by("announced_year"))]
    with transaction.atomic(using=using):
        GroupTotal.objects.using(using).filter(total__in=[BY_FUNDER, BY_YEAR])._raw_delete(using)
        GroupTotal.objects.using(using).bulk_create(rows, batch_size=1000)
    return len(rows)


def _groups(award: FundingAward) -> tuple[tuple[int | None, str], int | None]:
    return (award.funder_id, award.funder_description), award.announced_year


def _before_save(sender, instance, raw=False, using=None, **kwargs):
    if raw or instance.pk is None:
        return
    stored = sender.objects.using(using).filter(pk=instance.pk).values_list(*FUNDER_FIELDS, "announced_year").first()
    instance._kept_totals_stored = ((stored[0], stored[1]), stored[2]) if stored else None


def _after_save(sender, instance, raw=False, using=None, **kwargs):
    if raw:  # loaddata: the loading command rebuilds the totals once at the end
        return
    funder, year = _groups(instance)
    before = getattr(instance, "_kept_totals_stored", None)
    instance._kept_totals_stored = None
    funders, years = [funder], [year]
    if before is not None:
        funders.append(before[0])
        years.append(before[1])
    recount(funders, years, using)


def _after_delete(sender, instance, using=None, **kwargs):
    funder, year = _groups(instance)
    recount([funder], [year], using)


def connect() -> None:
    """Keep the totals current on every save and delete of an award (``FundingConfig.ready``)."""
    uid = "kept_totals_funding_award"
    pre_save.connect(_before_save, sender=FundingAward, dispatch_uid=f"{uid}_pre_save", weak=False)
    post_save.connect(_after_save, sender=FundingAward, dispatch_uid=f"{uid}_post_save", weak=False)
    post_delete.connect(_after_delete, sender=FundingAward, dispatch_uid=f"{uid}_post_delete", weak=False)
