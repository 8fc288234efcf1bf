"""Time uncached pages in one process: wall time per request, its queries' time, and optionally a profile.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/catalogue_bench .venv/bin/python bench/profile_pages.py \
        /programmes/ /funding/?ordering=-amount --repeat 5
    .venv/bin/python bench/profile_pages.py /programmes/ --profile 25   # cProfile, the 25 costliest functions

Each path is requested through Django's test client (the full middleware, the page cache off,
the facet time budget as configured unless ``--budget-ms`` is given) once to warm up, then
``--repeat`` times. Prints, as markdown, the median wall time, the median time spent in SQL
(the connection's query log) and what is left (Python: views, templates), and the number of
queries, so a change can be judged by where a page's time goes. Read-only.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nhsdigital_catalogue.settings")
os.environ["CATALOGUE_PAGE_CACHE_SECONDS"] = "0"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+", help="Paths to request, e.g. /programmes/")
    parser.add_argument("--repeat", type=int, default=5, help="Timed requests per path (default 5).")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="Also profile the timed requests with cProfile and print the N costliest functions.")
    parser.add_argument("--queries", action="store_true",
                        help="Also print each query of the last request with its time (the first 160 characters).")
    parser.add_argument("--budget-ms", type=int, default=None,
                        help="CATALOGUE_FACET_TIME_BUDGET_MS for this run (default: the setting's).")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1.")
    if args.budget_ms is not None and args.budget_ms < 0:
        parser.error("--budget-ms must be 0 (no limit) or more.")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.budget_ms is not None:
        os.environ["CATALOGUE_FACET_TIME_BUDGET_MS"] = str(args.budget_ms)
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from programmes.models import Programme

    client = Client()
    print(f"Uncached, {Programme.objects.count():,} programmes on {connection.vendor}, "
          f"{args.repeat} timed requests per path after one warm-up\n")
    print("| path | status | queries | wall ms (median) | SQL ms | rest ms |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    profiler = cProfile.Profile() if args.profile else None
    for path in args.paths:
        client.get(path)
        walls, sqls, status, count = [], [], None, 0
        for _ in range(args.repeat):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                began = time.perf_counter()
                if profiler:
                    profiler.enable()
                response = client.get(path)
                if profiler:
                    profiler.disable()
                walls.append((time.perf_counter() - began) * 1000)
            sqls.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
            status, count = response.status_code, len(captured.captured_queries)
        wall, sql = statistics.median(walls), statistics.median(sqls)
        print(f"| `{path}` | {status} | {count} | {wall:.1f} | {sql:.1f} | {wall - sql:.1f} |")
        if args.queries:
            for query in captured.captured_queries:
                print(f"|   | {float(query['time']) * 1000:.1f} ms | {query['sql'][:160]} | | | |")
    if profiler:
        print()
        pstats.Stats(profiler, stream=sys.stdout).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
