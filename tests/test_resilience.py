"""A slow or missing database: 503 with Retry-After (the site's page, JSON under /api/), then recovery.

The database is made unreachable for this test's connection only (its cursor refuses, as a
dropped server would), never by stopping the shared server; a slow query is a real
``pg_sleep`` past a short ``statement_timeout`` on PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError, connection
from django.urls import path

from nhsdigital_catalogue import urls as site_urls
from programmes.tests.factories import ProgrammeFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.test_resilience")]

ROOT = Path(__file__).resolve().parent.parent


def slow_view(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_sleep(2)")


# This module is the URLconf of its tests: the whole site plus a slow page and a slow API address.
urlpatterns = [path("test-only/slow/", slow_view), path("api/test-only/slow/", slow_view), *site_urls.urlpatterns]
handler400, handler404, handler500 = site_urls.handler400, site_urls.handler404, site_urls.handler500


def outage(monkeypatch):
    """Every new query on this connection fails as it would with the server unreachable."""

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(connection, "create_cursor", refuse)
    return monkeypatch


@pytest.fixture
def database_down(monkeypatch):
    return outage(monkeypatch)


@pytest.fixture
def quiet_client(client, settings):
    """A client that shows the answer a visitor would get, not the exception (DEBUG off)."""
    settings.DEBUG = False
    client.raise_request_exception = False
    return client


def assert_unavailable(response):
    assert response.status_code == 503, response.content[:300]
    assert response["Retry-After"] == "30"


def test_a_page_is_the_sites_own_503_while_the_database_is_unreachable(quiet_client, database_down):
    response = quiet_client.get("/programmes/")

    assert_unavailable(response)
    html = response.content.decode()
    assert "Sorry, the service is unavailable" in html
    assert 'class="nhsuk-header' in html
    assert "Connection refused" not in html


def test_the_api_is_a_json_503_while_the_database_is_unreachable(quiet_client, database_down):
    response = quiet_client.get("/api/programmes/")

    assert_unavailable(response)
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "database_unavailable"


def test_a_view_that_meets_the_outage_is_a_503_with_debug_on_too(client, settings, database_down):
    settings.DEBUG = True  # Django's handler500 is not used then: the middleware answers

    response = client.get("/api/programmes/")

    assert_unavailable(response)
    assert response.json()["code"] == "database_unavailable"


def test_healthz_is_503_while_the_database_is_unreachable(quiet_client, database_down):
    assert quiet_client.get("/healthz").status_code == 503


def test_a_cached_page_whose_revision_cannot_be_read_is_a_503_too(quiet_client, page_cache, database_down):
    """The page cache's query runs in middleware, before any view: handler500 answers it."""
    response = quiet_client.get("/programmes/")

    assert_unavailable(response)
    assert "Sorry, the service is unavailable" in response.content.decode()


def test_service_resumes_by_itself_when_the_database_answers_again(quiet_client, monkeypatch):
    ProgrammeFactory(name="Skin Analytics")
    database_down = outage(monkeypatch)
    assert_unavailable(quiet_client.get("/api/programmes/"))

    database_down.undo()

    assert quiet_client.get("/healthz").status_code == 200
    assert quiet_client.get("/programmes/").status_code == 200
    api = quiet_client.get("/api/programmes/")
    assert api.status_code == 200
    assert api.json()["results"][0]["name"] == "Skin Analytics"


@pytest.fixture
def short_statement_timeout():
    if connection.vendor != "postgresql":
        pytest.skip("statement_timeout is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SET statement_timeout = 100")  # undone with the test's transaction


@pytest.mark.parametrize(("address", "kind"), [("/test-only/slow/", "text/html"), ("/api/test-only/slow/", "json")])
def test_a_query_past_the_statement_timeout_is_a_503_with_retry_after(
    quiet_client, short_statement_timeout, address, kind
):
    response = quiet_client.get(address)

    assert_unavailable(response)
    assert kind in response["Content-Type"]


PRINT_OPTIONS = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'].get('options'))"
WEB_PROCESS = ["-c", f"import nhsdigital_catalogue.wsgi; {PRINT_OPTIONS}"]
COMMAND = ["manage.py", "shell", "-c", PRINT_OPTIONS]


def database_options(command: list[str], **env) -> str:
    """The PostgreSQL ``options`` a fresh process sees, started as ``command``."""
    # Importing wsgi.py in this process (the schemathesis tests do) marks it a web process.
    clean = {key: value for key, value in os.environ.items() if key not in {"DJANGO_ENV", "CATALOGUE_WEB_PROCESS"}}
    result = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "nhsdigital_catalogue.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


POSTGRES = "postgres://postgres@127.0.0.1:5432/unused"


def test_web_processes_get_a_five_second_statement_timeout_by_default():
    options = database_options(WEB_PROCESS, DATABASE_URL=POSTGRES)

    assert "-c statement_timeout=5000" in options


def test_the_statement_timeout_is_read_from_the_environment():
    options = database_options(WEB_PROCESS, DATABASE_URL=POSTGRES, DATABASE_STATEMENT_TIMEOUT_MS="1500")

    assert "-c statement_timeout=1500" in options


def test_management_commands_and_the_tests_run_without_the_statement_timeout():
    plain_process = database_options(["-c", f"import django; django.setup(); {PRINT_OPTIONS}"], DATABASE_URL=POSTGRES)
    options = database_options(COMMAND, DATABASE_URL=POSTGRES)

    assert "statement_timeout" not in plain_process
    assert "statement_timeout" not in options
    assert "random_page_cost" in options
