"""Uncached search latency at a fixed number of connections: p50 and p99 per endpoint (docs/BENCHMARKS.md).

Serves the project with gunicorn exactly as ``bench/run.py`` does (production settings, the
anonymous page cache and API throttle off, so every request searches), then, for each search
endpoint, keeps ``--connections`` clients busy for ``--duration`` seconds, each sending one
request after another and cycling through the queries below (common and rare words, a typo,
an amount, several words). Latency is measured in the client, from sending to the last byte.

    .venv/bin/python bench/search_latency.py --database-url postgres://postgres@127.0.0.1:5432/DB
    .venv/bin/python bench/search_latency.py --database-url sqlite:////path/to/file.sqlite3

The database must already hold the catalogue (e.g. ``load_catalogue`` then
``generate_synthetic --programmes 100000``); this script does not build it. The client runs on
the same machine as the server, as wrk does in ``bench/run.py``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import fetch_status, free_port, redact, server_environment, stop_server, wait_for_health  # noqa: E402

QUERIES = [
    "health",
    "dementia diagnosis",
    "heron",
    "artifical intelligence",
    "nhs ai lab funding",
    "£250m",
    "kestrel pathway",
    "HDRUK",
]
ENDPOINTS = ["/api/search/?q={q}", "/api/programmes/?search={q}", "/programmes/?q={q}"]


def percentile(values: list[float], share: float) -> float:
    """The ``share`` quantile (0 to 1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def drive(base: str, template: str, connections: int, duration: float) -> tuple[list[float], int]:
    """Latencies (ms) of every request made in ``duration`` seconds by ``connections`` clients, and the non-200s."""
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def client(offset: int) -> None:
        index = offset
        while time.monotonic() < stop_at:
            url = base + template.format(q=urllib.parse.quote(QUERIES[index % len(QUERIES)]))
            began = time.perf_counter()
            status, _body = fetch_status(url)
            elapsed = (time.perf_counter() - began) * 1000
            with lock:
                latencies.append(elapsed)
                failures[0] += status != 200
            index += 1

    threads = [threading.Thread(target=client, args=(offset,)) for offset in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, failures[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"), required=False)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--duration", type=float, default=20, help="Seconds per endpoint (default 20).")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    if not args.database_url:
        parser.error("Give --database-url (or set DATABASE_URL).")

    env = server_environment(args.database_url)  # uncached: every request searches
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = ROOT / "var" / "bench" / "search_latency_gunicorn.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable, "-m", "gunicorn", "nhsdigital_catalogue.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers), "--timeout", "120", "--log-level", "warning", "--error-logfile", str(log),
    ]
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT, check=True
    )
    server = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True)
    try:
        wait_for_health(base, server, log)
        load = os.getloadavg()
        print(f"{redact(args.database_url)}: {args.connections} connections, {args.duration:.0f} s per endpoint, "
              f"{args.workers} gunicorn workers; load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
        print("| endpoint | requests | p50 ms | p99 ms | max ms | non-200 |")
        print("| --- | ---: | ---: | ---: | ---: | ---: |")
        for template in ENDPOINTS:
            drive(base, template, args.connections, 2)  # warm-up: connections, caches of the database
            latencies, failures = drive(base, template, args.connections, args.duration)
            print(f"| `{template.format(q='…')}` | {len(latencies)} | {statistics.median(latencies):.0f} | "
                  f"{percentile(latencies, 0.99):.0f} | {max(latencies):.0f} | {failures} |", flush=True)
    finally:
        stop_server(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
