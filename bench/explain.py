"""EXPLAIN ANALYZE the queries behind the list pages and API endpoints; report sequential scans.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/catalogue_bench .venv/bin/python bench/explain.py

Builds each queryset the way the pages do (``Programme.objects.for_listing()`` through
``ProgrammeFilterSet``, awards through ``FundingAwardFilterSet``, citations of one record,
the last page's ``OFFSET``) with values taken from the database, and prints, as markdown,
each query's execution time, the tables it scans sequentially, and the plan. Read-only.
"""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhsdigital_catalogue.settings")

PAGE = 25


def main() -> None:
    import django

    django.setup()
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.db.models import Count

    from bench.run import pick_word
    from funding.filters import FundingAwardFilterSet
    from funding.models import FundingAward, FundingStream
    from organisations.models import Organisation
    from programmes.filters import ProgrammeFilterSet
    from programmes.models import Mission, Programme, ProgrammeOrganisation, Topic
    from sources.models import Citation

    busiest = Organisation.objects.annotate(n=Count("programme_roles")).order_by("-n", "pk").first()
    funder = Organisation.objects.annotate(n=Count("awards_given")).order_by("-n", "pk").first()
    umbrella = Programme.objects.annotate(n=Count("children")).order_by("-n", "pk").first()
    stream = FundingStream.objects.annotate(n=Count("children")).order_by("-n", "pk").first()
    mission = Mission.objects.annotate(n=Count("programmes")).order_by("-n", "pk").first()
    topic = Topic.objects.annotate(n=Count("programmes")).order_by("-n", "pk").first()
    word = pick_word(list(Programme.objects.order_by("pk").values_list("name", flat=True)[:5000]))
    count = Programme.objects.count()
    programme = Programme.objects.order_by("pk")[count // 2]
    page_ids = list(Programme.objects.order_by("name").values_list("pk", flat=True)[:PAGE])

    def programmes(**data):
        return ProgrammeFilterSet(data, queryset=Programme.objects.for_listing()).qs

    def awards(**data):
        return FundingAwardFilterSet(data, queryset=FundingAward.objects.for_listing()).qs

    queries = {
        "programmes: first page (name)": programmes()[:PAGE],
        "programmes: count": programmes().values("pk").order_by(),
        # DeferredJoinPaginator: the keys of a deep page first (from the name index alone), then its rows.
        f"programmes: last page keys (OFFSET {(count // PAGE) * PAGE})": programmes().values_list("pk", flat=True)[
            (count // PAGE) * PAGE :
        ][:PAGE],
        f"programmes: q={word}": programmes(q=word)[:PAGE],
        f"programmes: organisation={busiest.slug}": programmes(organisation=busiest.slug)[:PAGE],
        "programmes: organisation + role=lead": programmes(organisation=busiest.slug, role="lead")[:PAGE],
        f"programmes: mission={mission.slug}": programmes(mission=mission.slug)[:PAGE],
        f"programmes: topic={topic.slug}": programmes(topic=topic.slug)[:PAGE],
        "programmes: kind=project": programmes(kind="project")[:PAGE],
        "programmes: status=active": programmes(status="active")[:PAGE],
        f"programmes: parent={umbrella.slug}": programmes(parent=umbrella.slug)[:PAGE],
        "programmes: year_min=2020&year_max=2021": programmes(year_min=2020, year_max=2021)[:PAGE],
        "programmes: ordering=-announced": programmes(ordering="-announced")[:PAGE],
        "programmes: ordering=kind": programmes(ordering="kind")[:PAGE],
        "programmes: ordering=status": programmes(ordering="status")[:PAGE],
        "programmes: prefetch organisation_roles of a page": ProgrammeOrganisation.objects.select_related(
            "organisation"
        ).filter(programme_id__in=page_ids),
        "programmes: prefetch topics of a page": Topic.objects.filter(programmes__in=page_ids),
        "awards: ordering=-amount_gbp": awards(ordering="-amount_gbp")[:PAGE],
        "awards: count": awards().values("pk").order_by(),
        f"awards: funder={funder.slug}": awards(funder=funder.slug)[:PAGE],
        "awards: year=2020": awards(year=2020)[:PAGE],
        f"awards: stream={stream.slug}": awards(stream=stream.slug)[:PAGE],
        "awards: of one programme": FundingAward.objects.for_listing().filter(recipient_programme=programme),
        "organisation: by slug": Organisation.objects.for_detail().filter(slug=busiest.slug),
        "organisation: its programme roles": ProgrammeOrganisation.objects.select_related("programme").filter(
            organisation=busiest
        ),
        "organisation: children": Organisation.objects.filter(parent=busiest).order_by("name"),
        "citations of one programme": Citation.objects.for_display().filter(
            content_type=ContentType.objects.get_for_model(Programme), object_id=programme.pk
        ),
        "citations: disputed": Citation.objects.disputed()[:PAGE],
    }
    print(f"# EXPLAIN ANALYZE on {connection.vendor}, {count:,} programmes\n")
    for label, queryset in queries.items():
        plan = queryset.explain(analyze=True) if connection.vendor == "postgresql" else queryset.explain()
        scans = sorted(set(re.findall(r"Seq Scan on (\w+)", plan) + re.findall(r"SCAN (\w+)", plan)))
        time = re.search(r"Execution Time: ([\d.]+) ms", plan)
        print(f"## {label}\n")
        took = f"{time.group(1)} ms" if time else "n/a"
        print(f"- execution: {took}; sequential scans: {', '.join(scans) or 'none'}\n")
        print("```\n" + plan + "\n```\n")


if __name__ == "__main__":
    main()
