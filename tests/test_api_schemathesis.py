"""Schemathesis over every operation of the generated OpenAPI schema, in process (WSGI).

Each operation is one test: a small catalogue is built, then Hypothesis generates requests
(valid and invalid, with a fixed seed and a bounded number of examples) and schemathesis
checks every answer: no 500, a documented status code and content type, a body matching
the schema. Requests carry a superuser's token, so writes (POST, PUT, PATCH, DELETE) are
fuzzed too; the database is rolled back after each operation. A second run sends no
credentials: reads as anyone sees them, writes refused with the documented 401.

Both runs use the repository's ``schemathesis.toml``, as the full run does (100 examples per
operation with every check, documented in docs/SECURITY.md): every check runs, and the few
operations that rightly refuse well-formed input (a filter naming a slug no record has, wrong
credentials, a stale ``If-Match``) say so there, per operation, with the reason.
"""

from pathlib import Path

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle

from nhsdigital_catalogue.wsgi import application

# Hypothesis derandomizes (a seed fixed by each test's name), so runs repeat exactly.
MAX_EXAMPLES = 15

CONFIG = schemathesis.config.SchemathesisConfig.from_path(Path(django_settings.BASE_DIR) / "schemathesis.toml")

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)


@pytest.fixture
def in_process_requests():
    """Keep the test's database connection across requests, as Django's own test client does.

    Requests go straight to the WSGI handler, which closes "old" connections when a request
    ends; inside the test's transaction that would close PostgreSQL's connection mid-test.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def superuser_token(build_catalogue, token_client, db, django_user_model, monkeypatch, in_process_requests):
    """The Authorization header of a superuser, with a catalogue to read and write."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": None})
    cache.clear()
    build_catalogue()
    user = django_user_model.objects.create_superuser(username="fuzzer", email="fuzzer@example.org")
    client = token_client(user)
    return client._credentials["HTTP_AUTHORIZATION"]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.django_db
def test_every_operation_conforms_to_the_schema(case, superuser_token):
    case.cookies = {}  # no made-up session cookie beside the real token
    case.call_and_validate(headers={"Authorization": superuser_token})


@pytest.fixture
def anonymous_reader(build_catalogue, db, monkeypatch, in_process_requests):
    """No credentials at all, with a catalogue to read (writes must be the documented 401)."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": None})
    cache.clear()
    build_catalogue()


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.django_db
def test_every_operation_conforms_to_the_schema_anonymously(case, anonymous_reader):
    case.cookies = {}
    case.headers = {key: value for key, value in (case.headers or {}).items() if key.lower() != "authorization"}
    case.call_and_validate()


def test_only_operations_that_refuse_well_formed_input_may_answer_it_with_a_400():
    """``schemathesis.toml`` widens "positive data acceptance" per operation, never for the whole API."""
    allowed_400 = set()
    for result in schema.get_all_operations():
        operation = result.ok()
        expected = CONFIG.projects.default.checks_config_for(operation=operation).positive_data_acceptance
        if "400" in expected.expected_statuses:
            allowed_400.add(operation.label)

    assert "GET /api/programmes/" in allowed_400  # ?organisation=xyz
    assert "POST /api/auth/token/" in allowed_400  # wrong credentials
    assert "PATCH /api/programmes/{slug}/" in allowed_400  # "parent": "xyz"
    assert "GET /api/sources/" not in allowed_400  # no filter names a record
    assert "GET /api/search/" not in allowed_400
    assert "GET /api/programmes/{slug}/" not in allowed_400
    assert "DELETE /api/programmes/{slug}/" not in allowed_400
