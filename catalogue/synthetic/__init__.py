"""A synthetic catalogue for scale tests, kept beside the real one and removable without touching it.

:func:`generate_catalogue` writes a plausible catalogue of any size (organisations in a
hierarchy, programmes with lead and partner organisations, missions, topics, funding streams
and awards, metrics, events, aliases, sources and citations) from word lists and a seeded
random generator: the same ``seed`` and size give the same data, with no network access.

Every synthetic record can be told from a real one: records with a slug have slugs starting
with :data:`SYNTHETIC_PREFIX`; the rest (roles, aliases, awards, citations, links) hang off a
record that does. :func:`purge_catalogue` deletes exactly those.

Rows are written with ``bulk_create``, which sends no signals, so django-simple-history
records no history for synthetic data; that is intended (history of invented rows is noise).
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable, Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import connections, models, transaction
from django.db.models import Q

from catalogue.synthetic.generator import SYNTHETIC_PREFIX, Plan, Progress, _Generator, _Writer
from core import facet_summary, search
from core.models import CatalogueRevision
from funding.models import FundingAward, FundingStream
from organisations.models import Organisation, OrganisationAlias, OrganisationRelationship, Person, Role
from programmes.models import Event, Metric, Mission, Programme, ProgrammeAlias, ProgrammeOrganisation, Topic
from sources.models import Citation, Source

__all__ = ["SYNTHETIC_PREFIX", "Plan", "generate_catalogue", "purge_catalogue", "synthetic_exists"]

SLUGGED_MODELS = [Organisation, Person, Topic, Mission, FundingStream, Programme, Metric, Event, Source]


def synthetic_exists(using: str = "default") -> bool:
    """True when any synthetic record with a slug is present (one query per model, stopping at the first)."""
    return any(
        model.objects.using(using).filter(slug__startswith=SYNTHETIC_PREFIX).exists() for model in SLUGGED_MODELS
    )


def _quiet(label: str, rows: int, seconds: float) -> None:
    """A progress callback that reports nothing."""


def _sqlite_fast_load(connection) -> Callable[[], None]:
    """Turn off fsync and enlarge the page cache for the load; returns the function that restores them.

    Only outside a transaction (SQLite ignores ``synchronous`` inside one) and only on SQLite.
    A crash mid-load can then corrupt the file, which is acceptable for a scale-test database.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return lambda: None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous = OFF")
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB
        cursor.execute("PRAGMA temp_store = MEMORY")

    def restore() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA synchronous = {int(synchronous)}")
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")

    return restore


def _analyze(connection, tables: Iterable[str]) -> None:
    """Refresh the planner's statistics for the tables just filled (as autovacuum would, later).

    On PostgreSQL also VACUUM, when not inside a transaction (VACUUM cannot be): it sets the
    visibility map, without which an index-only scan (a count, the keys of a deep page) still
    visits every row it counts.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
            for table in tables:
                cursor.execute(f"{command} {connection.ops.quote_name(table)}")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")


def generate_catalogue(
    *, programmes: int, seed: int = 1, batch_size: int = 2000, using: str = "default", progress: Progress = _quiet
) -> dict[str, int]:
    """Write a synthetic catalogue of ``programmes`` programmes in one transaction; return rows per model.

    Refuses (``ValueError``) when synthetic data is already present: purge it first. Costs about
    one ``INSERT`` per ``batch_size`` rows (fewer rows per statement on SQLite, which caps
    parameters per query), plus ``ANALYZE`` of the tables written.
    """
    if programmes < 1:
        raise ValueError("Generate at least one programme.")
    if synthetic_exists(using):
        raise ValueError("Synthetic data is already present; purge it first.")
    connection = connections[using]
    writer = _Writer(using, batch_size, progress)
    restore = _sqlite_fast_load(connection)
    # The load builds about a million model instances that form no garbage cycles; the cyclic
    # collector's passes over an ever larger heap would cost about a quarter of the run.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with transaction.atomic(using=using):
            rng = random.Random(seed)  # noqa: S311 - invented test data, not secrets
            _Generator(Plan.for_programmes(programmes), rng, writer).run()
            started = time.perf_counter()
            documents = search.rebuild(using)  # bulk_create sends no signals
            progress("Search documents", sum(documents.values()), time.perf_counter() - started)
            started = time.perf_counter()
            counts = facet_summary.rebuild(using)
            progress("Facet counts", sum(counts.values()), time.perf_counter() - started)
            CatalogueRevision.bump(using=using)  # bulk_create sends no signals
            committing = time.perf_counter()
        # PostgreSQL checks the (deferred) foreign keys of every row here, at commit.
        progress("COMMIT", sum(writer.counts.values()), time.perf_counter() - committing)
    finally:
        if collecting:
            gc.enable()
        restore()
    started = time.perf_counter()
    tables = sorted({model._meta.db_table for model in _written_models()})
    _analyze(connection, tables)
    progress("VACUUM, ANALYZE", len(tables), time.perf_counter() - started)
    return writer.counts


def _written_models() -> list[type[models.Model]]:
    return [
        Organisation, OrganisationAlias, OrganisationRelationship, Person, Role, Topic, Mission, FundingStream,
        Programme, ProgrammeOrganisation, Programme.topics.through, Programme.missions.through, ProgrammeAlias,
        FundingAward, Metric, Event, Event.programmes.through, Event.organisations.through, Event.people.through,
        Source, Citation,
    ]


def purge_catalogue(*, using: str = "default", progress: Progress = _quiet) -> dict[str, int]:
    """Delete every synthetic row, and nothing else, in one transaction; return rows deleted per model.

    Synthetic means: a slug starting with ``syn-``, or hanging off (by foreign key) a record that
    has one. Deletes run as plain ``DELETE ... WHERE`` statements, children first (about thirty
    statements in all), rather than through Django's collector: the collector would load every
    row into memory, stop at the ``PROTECT`` links between synthetic rows, and write a history
    row for each deletion. If a real record points at a synthetic one, the transaction fails on
    that foreign key and nothing is deleted.
    """
    syn = {"slug__startswith": SYNTHETIC_PREFIX}
    programmes = Programme.objects.using(using).filter(**syn)
    organisations = Organisation.objects.using(using).filter(**syn)
    people = Person.objects.using(using).filter(**syn)
    events = Event.objects.using(using).filter(**syn)
    streams = FundingStream.objects.using(using).filter(**syn)
    awards = FundingAward.objects.using(using).filter(
        Q(recipient_programme__in=programmes) | Q(recipient_organisation__in=organisations)
        | Q(funder__in=organisations) | Q(stream__in=streams)
    )
    types = ContentType.objects.db_manager(using).get_for_models(*_cited_models())
    cited = Q(source__in=Source.objects.using(using).filter(**syn))
    for model, content_type in types.items():
        records = _synthetic_rows(model, using, programmes, organisations, people, events)
        cited |= Q(content_type=content_type, object_id__in=records.values("pk"))

    steps: list[tuple[str, models.QuerySet]] = [
        ("Citation", Citation.objects.using(using).filter(cited)),
        ("FundingAward", awards),
        ("Metric", Metric.objects.using(using).filter(Q(**syn) | Q(programme__in=programmes)
                                                      | Q(organisation__in=organisations))),
        ("Event.programmes", Event.programmes.through.objects.using(using).filter(
            Q(event__in=events) | Q(programme__in=programmes))),
        ("Event.organisations", Event.organisations.through.objects.using(using).filter(
            Q(event__in=events) | Q(organisation__in=organisations))),
        ("Event.people", Event.people.through.objects.using(using).filter(Q(event__in=events) | Q(person__in=people))),
        ("Event", events),
        ("Programme.topics", Programme.topics.through.objects.using(using).filter(
            Q(programme__in=programmes) | Q(topic__slug__startswith=SYNTHETIC_PREFIX))),
        ("Programme.missions", Programme.missions.through.objects.using(using).filter(
            Q(programme__in=programmes) | Q(mission__slug__startswith=SYNTHETIC_PREFIX))),
        ("ProgrammeOrganisation", ProgrammeOrganisation.objects.using(using).filter(
            Q(programme__in=programmes) | Q(organisation__in=organisations))),
        ("ProgrammeAlias", ProgrammeAlias.objects.using(using).filter(programme__in=programmes)),
        ("Programme", programmes),
        ("Mission", Mission.objects.using(using).filter(**syn)),
        ("FundingStream", streams),
        ("Topic", Topic.objects.using(using).filter(**syn)),
        ("Role", Role.objects.using(using).filter(Q(person__in=people) | Q(organisation__in=organisations))),
        ("Person", people),
        ("OrganisationAlias", OrganisationAlias.objects.using(using).filter(organisation__in=organisations)),
        ("OrganisationRelationship", OrganisationRelationship.objects.using(using).filter(
            Q(subject__in=organisations) | Q(object__in=organisations))),
        ("Organisation", organisations),
        ("Source", Source.objects.using(using).filter(**syn)),
    ]
    counts: dict[str, int] = {}
    with transaction.atomic(using=using):
        for label, queryset in steps:
            started = time.perf_counter()
            # _raw_delete: one DELETE statement, no collector, no signals (so no history rows).
            counts[label] = queryset._raw_delete(using)
            progress(label, counts[label], time.perf_counter() - started)
        for model in SLUGGED_MODELS:  # history rows of synthetic records edited since (bulk_create wrote none)
            historical = model.history.model.objects.using(using).filter(**syn)
            if deleted := historical._raw_delete(using):
                counts[f"{model.__name__} history"] = deleted
        search.rebuild(using)  # the raw deletes sent no signals; what is left is small
        facet_summary.rebuild(using)
        CatalogueRevision.bump(using=using)
    return counts


def _cited_models() -> list[type[models.Model]]:
    """Models whose synthetic rows may carry citations."""
    return [Programme, Organisation, Person, Mission, FundingStream, Metric, Event, FundingAward,
            ProgrammeOrganisation, ProgrammeAlias, OrganisationAlias, OrganisationRelationship, Role]


def _synthetic_rows(model, using, programmes, organisations, people, events) -> models.QuerySet:
    """The synthetic rows of ``model``: by slug where it has one, else by the synthetic record it hangs off."""
    manager = model.objects.using(using)
    if model in SLUGGED_MODELS:
        return manager.filter(slug__startswith=SYNTHETIC_PREFIX)
    by_parent = {
        FundingAward: Q(recipient_programme__in=programmes) | Q(recipient_organisation__in=organisations),
        ProgrammeOrganisation: Q(programme__in=programmes) | Q(organisation__in=organisations),
        ProgrammeAlias: Q(programme__in=programmes),
        OrganisationAlias: Q(organisation__in=organisations),
        OrganisationRelationship: Q(subject__in=organisations) | Q(object__in=organisations),
        Role: Q(person__in=people) | Q(organisation__in=organisations),
    }
    return manager.filter(by_parent[model])
