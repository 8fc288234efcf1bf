"""The pure parts of bench/run.py: reading wrk's output, ratios, the table; no wrk is run."""

import pytest

from bench.run import (
    FLOOR_PATH,
    Row,
    WrkResult,
    bench_database_url,
    endpoints,
    floor_ratio,
    format_table,
    last_page,
    parse_wrk_output,
    pick_word,
    redact,
    select_paths,
)

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8000/robots.txt
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency    13.52ms    2.10ms  40.12ms   80.00%
  11803 requests in 10.01s, 2.91MB read
Requests/sec:   1179.12
Transfer/sec:    297.92KB
BENCH requests=11803 duration_us=10010000 p50_us=13250 p90_us=15800 p99_us=21400 max_us=40120 non2xx=3 \
bad_status=404 connect=0 read=2 write=0 timeout=1 status=3
"""


def result(p50_ms: float, requests: int = 1000, non_2xx: int = 0) -> WrkResult:
    return WrkResult(
        requests=requests, duration_s=10.0, p50_ms=p50_ms, p90_ms=p50_ms * 1.5, p99_ms=p50_ms * 2,
        max_ms=p50_ms * 3, non_2xx=non_2xx, bad_status=500 if non_2xx else 0, errors=0,
    )


def test_it_reads_the_line_the_lua_script_prints():
    parsed = parse_wrk_output(WRK_OUTPUT.replace("\\\n", ""))

    assert parsed.requests == 11803
    assert parsed.duration_s == pytest.approx(10.01)
    assert parsed.requests_per_s == pytest.approx(1179.12, rel=1e-3)
    assert parsed.p50_ms == pytest.approx(13.25)
    assert parsed.p99_ms == pytest.approx(21.4)
    assert parsed.non_2xx == 3
    assert parsed.bad_status == 404
    assert parsed.errors == 3  # read + timeout; status errors are the non-2xx count


def test_it_rejects_output_without_the_lua_line():
    with pytest.raises(ValueError, match="BENCH"):
        parse_wrk_output("Running 10s test @ http://127.0.0.1:8000/\n  0 requests in 10.00s")


def test_the_ratio_is_p50_over_the_floor_p50():
    assert floor_ratio(30.0, 10.0) == pytest.approx(3.0)
    assert floor_ratio(10.0, 10.0) == pytest.approx(1.0)


def test_there_is_no_ratio_without_a_floor():
    assert floor_ratio(30.0, 0.0) is None


def test_the_table_puts_ratios_against_the_first_row():
    table = format_table([
        Row(FLOOR_PATH, 200, result(2.0)),
        Row("/programmes/", 200, result(25.0)),
        Row("/api/search/?q=x", 404, result(3.0, non_2xx=120)),
    ])
    lines = table.splitlines()

    assert lines[0].startswith("| endpoint | status | requests/s | p50 ms | p99 ms | non-2xx | errors | p50 / floor |")
    assert lines[2] == "| `/robots.txt` | 200 | 100.0 | 2.00 | 4.00 | 0 | 0 | 1.0x |"
    assert lines[3] == "| `/programmes/` | 200 | 100.0 | 25.0 | 50.0 | 0 | 0 | 12.5x |"
    assert "| 120 (500) |" in lines[4]
    assert lines[4].endswith("| 1.5x |")


def test_the_table_shows_an_endpoint_that_answered_nothing():
    table = format_table([Row(FLOOR_PATH, 200, result(2.0)), Row("/funding/", None, result(0.0, requests=0))])

    assert table.splitlines()[-1] == "| `/funding/` | - | 0 | - | - | - | 0 | n/a |"


def test_the_last_page_rounds_up():
    assert last_page(100_051, 25) == 4003
    assert last_page(100_000, 25) == 4000
    assert last_page(0, 25) == 1


def test_the_search_word_is_one_a_few_names_share():
    names = [f"Stroke Imaging Programme {i}" for i in range(50)] + ["Sepsis Alerts", "Sepsis Pathway"] + ["Other"] * 48

    assert pick_word(names, share=0.02) == "sepsis"
    assert pick_word(["A", "B"]) == "digital"


def test_the_endpoints_start_with_the_floor_and_end_with_the_last_page():
    paths = endpoints(word="sepsis care", programme_slug="p", organisation_slug="o", api_last_page=4003)

    assert paths[0] == FLOOR_PATH
    assert "/programmes/?q=sepsis%20care" in paths
    assert "/programmes/p/" in paths
    assert "/organisations/o/" in paths
    assert paths[-1] == "/api/programmes/?page=4003"
    assert "/discrepancies/" in paths
    assert len(paths) == 12


def test_only_keeps_the_floor_and_the_paths_named():
    paths = endpoints(word="w", programme_slug="p", organisation_slug="o", api_last_page=3)
    chosen = select_paths(paths, "/funding/, /api/search/")

    assert chosen == [FLOOR_PATH, "/funding/?ordering=-amount", "/api/search/?q=w"]
    assert select_paths(paths, "/programmes/$") == [FLOOR_PATH, "/programmes/"]
    assert select_paths(paths, "") == paths


def test_the_bench_database_is_dedicated():
    assert bench_database_url("postgres://u:pw@127.0.0.1:5432/catalogue") == "postgres://u:pw@127.0.0.1:5432/catalogue_bench"
    assert bench_database_url("postgres://u@127.0.0.1:5432/x", "mine_bench") == "postgres://u@127.0.0.1:5432/mine_bench"
    assert bench_database_url(None).endswith("var/bench/catalogue_bench.sqlite3")
    with pytest.raises(SystemExit):
        bench_database_url("mysql://127.0.0.1/catalogue")


def test_passwords_are_not_printed():
    assert redact("postgres://u:secret@127.0.0.1:5432/x") == "postgres://u:***@127.0.0.1:5432/x"
    assert redact("sqlite:////work/var/x.sqlite3") == "sqlite:////work/var/x.sqlite3"
