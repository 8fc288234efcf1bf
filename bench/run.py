"""Benchmark the catalogue as production serves it, against the floor of the same stack.

``make bench`` (or ``.venv/bin/python bench/run.py [options]``):

1. installs ``wrk`` when it is missing and we may (root with apt-get);
2. with ``--programmes N``, fills a dedicated database (``var/bench/catalogue_bench.sqlite3``,
   or a PostgreSQL database named ``catalogue_bench`` on the server of ``--database-url``)
   with the real catalogue plus N synthetic programmes, reusing it when it already holds them;
3. collects static files and serves the project with gunicorn (2 workers) on a free loopback
   port with ``DJANGO_ENV=production``, a generated ``SECRET_KEY``, ``ALLOWED_HOSTS=127.0.0.1``,
   ``DEBUG`` and ``SECURE_SSL_REDIRECT`` off and the anonymous API throttle lifted;
4. waits for ``/healthz``, warms every endpoint up, then drives each one with wrk for a fixed
   time at a fixed number of connections, and prints a markdown table of requests/s, p50, p99,
   non-2xx responses, socket errors, and the ratio of each p50 to the floor's: ``/robots.txt``,
   a trivial view behind the same middleware, measured in the same run.

The settings are driven only through environment variables, never imported, so the harness
keeps working as production settings change. Nothing here talks to anything but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LUA_SCRIPT = Path(__file__).with_name("report.lua")
BENCH_DIR = ROOT / "var" / "bench"
SQLITE_BENCH_FILE = BENCH_DIR / "catalogue_bench.sqlite3"
POSTGRES_BENCH_DATABASE = "catalogue_bench"
FLOOR_PATH = "/robots.txt"
DEFAULT_PAGE_SIZE = 25
STOP_WORDS = {"about", "across", "their", "there", "these", "which", "with", "within", "programme", "programmes"}


# --- Pure parts (tested in tests/test_bench.py) ---------------------------------------------


@dataclass(frozen=True)
class WrkResult:
    """What one wrk run measured."""

    requests: int
    duration_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    non_2xx: int
    bad_status: int
    errors: int

    @property
    def requests_per_s(self) -> float:
        return self.requests / self.duration_s if self.duration_s else 0.0


@dataclass(frozen=True)
class Row:
    """One line of the results table."""

    path: str
    status: int | None
    result: WrkResult | None
    note: str = ""


def parse_wrk_output(text: str) -> WrkResult:
    """Read the ``BENCH key=value ...`` line that report.lua prints; ``ValueError`` without one.

    ``errors`` adds wrk's socket errors (connect, read, write, timeout); responses outside 2xx
    are counted separately in ``non_2xx``.
    """
    for line in text.splitlines():
        if line.startswith("BENCH "):
            fields = dict(item.split("=", 1) for item in line.split()[1:])
            values = {key: int(float(value)) for key, value in fields.items()}
            return WrkResult(
                requests=values["requests"],
                duration_s=values["duration_us"] / 1e6,
                p50_ms=values["p50_us"] / 1000,
                p90_ms=values["p90_us"] / 1000,
                p99_ms=values["p99_us"] / 1000,
                max_ms=values["max_us"] / 1000,
                non_2xx=values["non2xx"],
                bad_status=values["bad_status"],
                errors=sum(values[key] for key in ("connect", "read", "write", "timeout")),
            )
    raise ValueError(f"wrk printed no BENCH line (was the Lua script loaded?):\n{text}")


def floor_ratio(p50_ms: float, floor_p50_ms: float) -> float | None:
    """How many times the floor's median latency this endpoint's is; ``None`` without a floor."""
    if floor_p50_ms <= 0:
        return None
    return p50_ms / floor_p50_ms


def last_page(count: int, page_size: int) -> int:
    """Number of the last page of ``count`` items (page 1 when there are none)."""
    return max(1, math.ceil(count / page_size))


def pick_word(names: list[str], share: float = 0.02) -> str:
    """A search word from programme names: the one in closest to ``share`` of them (ties: alphabetical).

    Words of five letters or more, not in :data:`STOP_WORDS`, counted once per name. Falls back to
    ``"digital"`` when no word occurs twice, so a search still has something plausible to look for.
    """
    counts = Counter()
    for name in names:
        counts.update({word for word in re.findall(r"[a-z]{5,}", name.lower()) if word not in STOP_WORDS})
    candidates = [(word, count) for word, count in counts.items() if count >= 2]
    if not candidates:
        return "digital"
    target = share * len(names)
    return min(candidates, key=lambda item: (abs(item[1] - target), item[0]))[0]


def endpoints(*, word: str, programme_slug: str | None, organisation_slug: str | None, api_last_page: int) -> list:
    """The paths measured, floor first."""
    quoted = urllib.parse.quote(word)
    return [
        FLOOR_PATH,
        "/programmes/",
        f"/programmes/?q={quoted}",
        f"/programmes/{programme_slug or 'none'}/",
        f"/organisations/{organisation_slug or 'none'}/",
        "/funding/?ordering=-amount",
        "/discrepancies/",
        "/api/programmes/",
        f"/api/programmes/?search={quoted}",
        "/api/funding-awards/?ordering=-amount_gbp",
        f"/api/search/?q={quoted}",
        f"/api/programmes/?page={api_last_page}",
    ]


def select_paths(paths: list[str], only: str) -> list[str]:
    """The floor and the paths containing one of the comma-separated ``only`` texts (all when empty).

    A text ending in ``$`` must be the whole path: ``/programmes/$`` is the list alone.
    """
    wanted = [text.strip() for text in only.split(",") if text.strip()]
    if not wanted:
        return paths

    def chosen(path: str) -> bool:
        return any(path == text[:-1] if text.endswith("$") else text in path for text in wanted)

    return [path for path in paths if path == FLOOR_PATH or chosen(path)]


def format_ms(value: float) -> str:
    """Milliseconds with precision that suits their size: 0.84, 12.3, 1,204."""
    if value < 10:
        return f"{value:.2f}"
    if value < 100:
        return f"{value:.1f}"
    return f"{value:,.0f}"


def format_table(rows: list[Row]) -> str:
    """The markdown results table; the first row is the floor the ratios are taken against."""
    floor = rows[0].result if rows and rows[0].result else None
    lines = [
        "| endpoint | status | requests/s | p50 ms | p99 ms | non-2xx | errors | p50 / floor |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        status = str(row.status) if row.status is not None else "-"
        result = row.result
        if result is None:
            cells = ["-"] * 6
        else:
            ratio = floor_ratio(result.p50_ms, floor.p50_ms) if floor else None
            cells = [
                f"{result.requests_per_s:,.1f}",
                format_ms(result.p50_ms),
                format_ms(result.p99_ms),
                f"{result.non_2xx:,}" + (f" ({result.bad_status})" if result.non_2xx and result.bad_status else ""),
                f"{result.errors:,}",
                f"{ratio:.1f}x" if ratio is not None else "n/a",
            ]
        if result is not None and result.requests == 0:
            cells = ["0", "-", "-", "-", f"{result.errors:,}", "n/a"]
        path = f"`{row.path}`" + (f" {row.note}" if row.note else "")
        lines.append("| " + " | ".join([path, status, *cells]) + " |")
    return "\n".join(lines)


def redact(database_url: str | None) -> str:
    """The database URL without its password, for printing."""
    if not database_url:
        return "the project's default (SQLite under var/)"
    password = urllib.parse.urlsplit(database_url).password
    return database_url.replace(f":{password}@", ":***@", 1) if password else database_url


def bench_database_url(database_url: str | None, name: str = POSTGRES_BENCH_DATABASE) -> str:
    """The dedicated benchmark database (``name`` on PostgreSQL) on the same kind of server as ``database_url``."""
    if database_url and database_url.startswith(("postgres://", "postgresql://", "pgsql://")):
        parts = urllib.parse.urlsplit(database_url)
        return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    if database_url and not database_url.startswith("sqlite:"):
        raise SystemExit(f"--programmes supports SQLite and PostgreSQL, not {redact(database_url)}")
    return f"sqlite:///{SQLITE_BENCH_FILE}"


# --- Running things ---------------------------------------------------------------------------


def say(message: str) -> None:
    print(message, flush=True)


def ensure_wrk() -> str:
    """Path of wrk, installing Debian's package first when it is missing and we are root."""
    found = shutil.which("wrk")
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say("Installing wrk (apt-get install -y wrk) ...")
        install = ["apt-get", "install", "-y", "-qq", "wrk"]
        if subprocess.run(install, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], check=True)
            subprocess.run(install, check=True, capture_output=True)
        found = shutil.which("wrk")
    if not found:
        raise SystemExit("wrk is missing and cannot be installed here: install it (apt-get install wrk) and rerun.")
    return found


def manage(*args: str, env: dict[str, str], capture: bool = False) -> subprocess.CompletedProcess:
    """Run ``manage.py`` with the benchmark's environment; stop the benchmark if it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, text=True, capture_output=capture
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr if capture else ''}")
    return result


def discover(env: dict[str, str]) -> dict:
    """What bench/discover.py reports about the database (counts, search word, slugs)."""
    result = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("discover.py"))],
        cwd=ROOT, env=env, text=True, capture_output=True,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "discover failed")
    return json.loads(result.stdout)


def postgres_admin(database_url: str, statements: list[str | tuple[str, list]]) -> list:
    """Run statements (SQL, or SQL and parameters) on the server's ``postgres`` database; return the last rows."""
    import psycopg2

    parts = urllib.parse.urlsplit(database_url)
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    connection.autocommit = True
    rows = []
    try:
        with connection.cursor() as cursor:
            for statement in statements:
                sql, params = statement if isinstance(statement, tuple) else (statement, [])
                cursor.execute(sql, params)
                rows = cursor.fetchall() if cursor.description else []
    finally:
        connection.close()
    return rows


def prepare_bench_database(database_url: str, programmes: int, seed: int, regenerate: bool, env: dict) -> None:
    """Fill the dedicated database with the real catalogue and ``programmes`` synthetic ones, or reuse it."""
    postgres = database_url.startswith(("postgres", "pgsql"))
    name = urllib.parse.urlsplit(database_url).path.lstrip("/")
    if postgres:
        query = ("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        exists = bool(postgres_admin(database_url, [query]))
    else:
        exists = SQLITE_BENCH_FILE.exists()
    if exists and not regenerate:
        try:
            found = discover(env)["synthetic_programmes"]
        except (RuntimeError, ValueError, KeyError):
            found = None
        if found == programmes:
            say(f"Reusing {redact(database_url)}: it already holds {programmes:,} synthetic programmes.")
            manage("migrate", "--noinput", "-v0", env=env)
            return
    say(f"Creating {redact(database_url)} afresh ...")
    if postgres:
        postgres_admin(database_url, [
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)',
            f'CREATE DATABASE "{name}"',
        ])
    else:
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{SQLITE_BENCH_FILE}{suffix}").unlink(missing_ok=True)
    manage("migrate", "--noinput", "-v0", env=env)
    if subprocess.run([sys.executable, "manage.py", "help", "load_catalogue"], cwd=ROOT, env=env,
                      capture_output=True).returncode == 0:
        manage("load_catalogue", env=env)
    else:
        say("(load_catalogue is not available yet: the benchmark database holds synthetic data only)")
    if programmes:
        manage("generate_synthetic", "--programmes", str(programmes), "--seed", str(seed), env=env)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch_status(url: str, timeout: float = 60) -> tuple[int | None, bytes]:
    """Status and body of one GET, following no redirect; ``None`` when the server does not answer."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except (urllib.error.URLError, OSError):
        return None, b""


def wait_for_health(base: str, server: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited with {server.returncode}; see {log}:\n{log.read_text()[-3000:]}")
        status, _body = fetch_status(f"{base}/healthz", timeout=5)
        if status == 200:
            return
        time.sleep(0.5)
    raise SystemExit(f"{base}/healthz did not answer 200 within {timeout:.0f} s; see {log}")


def drain(base: str, timeout: float = 15) -> bool:
    """Wait up to ``timeout`` seconds for the server to answer the floor promptly again; say whether it did.

    After wrk stops, gunicorn's sync workers still serve the requests queued in the listen
    backlog; on a slow page that can take minutes, and the next endpoint must not pay for it.
    """
    deadline = time.monotonic() + timeout
    while (left := deadline - time.monotonic()) > 0:
        began = time.monotonic()
        status, _body = fetch_status(f"{base}{FLOOR_PATH}", timeout=max(0.5, min(left, 5)))
        if status == 200 and time.monotonic() - began < 1:
            return True
        time.sleep(0.5)
    return False


def api_last_page(base: str, fallback_count: int) -> int:
    """Last page of /api/programmes/, from the API's own count and page size when it answers."""
    status, body = fetch_status(f"{base}/api/programmes/")
    if status == 200:
        try:
            data = json.loads(body)
            count, size = int(data["count"]), len(data["results"])
            return last_page(count, size if size and count > size else DEFAULT_PAGE_SIZE)
        except (ValueError, KeyError, TypeError):
            pass
    return last_page(fallback_count, DEFAULT_PAGE_SIZE)


def run_wrk(wrk: str, url: str, *, connections: int, duration: int, timeout: int = 60) -> WrkResult:
    """Drive ``url`` for ``duration`` whole seconds (wrk takes no fractions) and read report.lua's line."""
    command = [
        wrk, "--threads", str(min(2, connections)), "--connections", str(connections),
        "--duration", f"{duration}s", "--timeout", f"{timeout}s", "--script", str(LUA_SCRIPT), url,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=duration + timeout + 30)
    return parse_wrk_output(result.stdout + result.stderr)


def stop_server(server: subprocess.Popen) -> None:
    """Stop gunicorn and its workers (the process group we started), forcefully after 15 s."""
    try:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()
    except ProcessLookupError:
        pass


def _exit_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # so that ``finally`` stops the server we started


def machine_summary() -> str:
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        memory = f", {kib / 1024 / 1024:.0f} GiB memory"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return f"{os.cpu_count()} CPUs{memory}, Python {platform.python_version()}, load average {load:.2f} at start"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL"),
                        help="Database to serve (default: $DATABASE_URL, else the project's SQLite file).")
    parser.add_argument("--programmes", type=int, default=None,
                        help="Serve a dedicated database with the real catalogue plus N synthetic programmes.")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the synthetic data (default 1).")
    parser.add_argument("--regenerate", action="store_true", help="Rebuild the dedicated database even if it fits.")
    parser.add_argument("--connections", type=int, default=16, help="Concurrent connections (default 16).")
    parser.add_argument("--duration", type=int, default=10, help="Seconds of load per endpoint (default 10).")
    parser.add_argument("--warmup", type=int, default=1, help="Seconds of wrk warm-up per endpoint (default 1).")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2).")
    parser.add_argument("--output", type=Path, help="Append the results (markdown) to this file.")
    parser.add_argument("--bench-database", default=POSTGRES_BENCH_DATABASE, metavar="NAME",
                        help="With --programmes on PostgreSQL, the dedicated database's name "
                        f"(default {POSTGRES_BENCH_DATABASE}).")
    parser.add_argument("--only", default="", metavar="TEXT,TEXT",
                        help="Measure only the endpoints whose path contains one of these, or is it when it ends "
                        "in $ (the floor always): keeps long runs short, e.g. --only '/programmes/$,/funding/'")
    parser.add_argument("--page-cache", action="store_true",
                        help="Keep the anonymous page cache on (default off: every request is rendered).")
    args = parser.parse_args(argv)
    if args.connections < 1 or args.duration < 1 or args.warmup < 0:
        parser.error("--connections and --duration must be at least 1, --warmup not negative.")
    if not re.fullmatch(r"[A-Za-z0-9_]{1,63}", args.bench_database):
        parser.error("--bench-database must be letters, digits and underscores (at most 63).")
    return args


def server_environment(database_url: str | None, *, page_cache: bool = False) -> dict[str, str]:
    """The environment of a measured server: production settings, no throttle, the page cache on or off."""
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update({
        "DJANGO_SETTINGS_MODULE": "nhsdigital_catalogue.settings",
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "API_ANON_THROTTLE_RATE": "",
        "CATALOGUE_PAGE_CACHE_SECONDS": "3600" if page_cache else "0",
        "PYTHONUNBUFFERED": "1",
    })
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    wrk = ensure_wrk()
    database_url = args.database_url
    if args.programmes is not None:
        database_url = bench_database_url(database_url, args.bench_database)

    # The targets are for uncached requests; --page-cache measures what readers mostly get.
    env = server_environment(database_url, page_cache=args.page_cache)
    if args.programmes is not None:
        prepare_bench_database(database_url, args.programmes, args.seed, args.regenerate, env)

    manage("collectstatic", "--noinput", "-v0", env=env)
    facts = discover(env)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    log = BENCH_DIR / "gunicorn.log"
    command = [
        sys.executable, "-m", "gunicorn", "nhsdigital_catalogue.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(args.workers), "--timeout", "120", "--graceful-timeout", "5",
        "--log-level", "warning", "--error-logfile", str(log),
    ]
    started_at = datetime.datetime.now().astimezone()
    header = [
        f"### {started_at:%Y-%m-%d %H:%M %Z}: {facts['programmes']:,} programmes on {redact(database_url)}",
        "",
        f"- Data: {facts['programmes']:,} programmes ({facts['synthetic_programmes']:,} synthetic), "
        f"{facts['organisations']:,} organisations, {facts['funding_awards']:,} funding awards; "
        f"search word `{facts['word']}`; organisation page of the busiest organisation "
        f"({facts['organisation_roles']:,} programme roles).",
        f"- Server: gunicorn, {args.workers} sync workers, on 127.0.0.1:{port}; DJANGO_ENV=production, DEBUG off, "
        "SECURE_SSL_REDIRECT=false, a generated SECRET_KEY.",
        "- **The anonymous API throttle is lifted for this run** (`API_ANON_THROTTLE_RATE=\"\"`); "
        "production keeps its limit.",
        "- Page cache: " + ("**on** (repeated requests are answered from the cache)." if args.page_cache
                            else "off (`CATALOGUE_PAGE_CACHE_SECONDS=0`): every request is rendered."),
        f"- Load: wrk, {args.connections} connections, {args.duration:g} s per endpoint after {args.warmup:g} s "
        f"of warm-up, on the same machine ({machine_summary()}).",
        f"- Floor: `{FLOOR_PATH}`, a trivial view behind the same middleware; ratios are p50 / floor p50.",
    ]
    say("\n".join(header[2:]))
    def start() -> subprocess.Popen:
        server = subprocess.Popen(
            command, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            wait_for_health(base, server, log)
        except BaseException:
            stop_server(server)
            raise
        return server

    def settle(server: subprocess.Popen) -> subprocess.Popen:
        """The server, emptied of requests left over from wrk: drained, or restarted when that is slow."""
        if drain(base):
            return server
        say("    (requests still queued after 15 s: restarting gunicorn so the next endpoint starts clean)")
        stop_server(server)
        return start()

    server = start()
    try:
        paths = endpoints(
            word=facts["word"], programme_slug=facts["programme_slug"],
            organisation_slug=facts["organisation_slug"], api_last_page=api_last_page(base, facts["programmes"]),
        )
        paths = select_paths(paths, args.only)
        rows = []
        for path in paths:
            url = base + path
            began = time.monotonic()
            status, _body = fetch_status(url, timeout=120)
            slow = time.monotonic() - began >= 5  # warm after one request; more would only queue up
            if not slow:
                for _ in range(2):
                    status, _body = fetch_status(url)
            if args.warmup and not slow:
                run_wrk(wrk, url, connections=args.connections, duration=args.warmup)
                server = settle(server)
            say(f"  {path} (status {status}) ...")
            rows.append(Row(path, status, run_wrk(wrk, url, connections=args.connections, duration=args.duration)))
            server = settle(server)
    finally:
        stop_server(server)
    text = "\n".join([*header, "", format_table(rows), ""])
    say("")
    say(text)
    if args.output:
        with args.output.open("a", encoding="utf-8") as out:
            out.write("\n" + text)
        say(f"Appended to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
