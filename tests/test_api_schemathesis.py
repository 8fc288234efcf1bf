"""Schemathesis over every operation of the generated OpenAPI schema, in process (WSGI).

Each operation is one test: a small catalogue is built, then Hypothesis generates requests
(valid and invalid, with a fixed seed and a bounded number of examples) and schemathesis
checks every answer: no 500, a documented status code and content type, a body matching
the schema. Requests carry a superuser's token, so writes (POST, PUT, PATCH, DELETE) are
fuzzed too; the database is rolled back after each operation. A second run sends no
credentials: reads as anyone sees them, writes refused with the documented 401.

The full run, 100 examples per operation with every check, is documented in docs/SECURITY.md.
"""

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.specs.openapi.checks import positive_data_acceptance

from nhsdigital_catalogue.wsgi import application

# Hypothesis derandomizes (a seed fixed by each test's name), so runs repeat exactly.
MAX_EXAMPLES = 15

schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


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
    # Every check runs but "schema-valid data is accepted": a well-formed slug naming no record
    # (``?organisation=xyz``, ``"parent": "xyz"``) or a body breaking a cross-field rule (years
    # given for a one-off amount) is rightly a 400, which the schema cannot express.
    case.cookies = {}  # no made-up session cookie beside the real token
    case.call_and_validate(headers={"Authorization": superuser_token}, excluded_checks=[positive_data_acceptance])


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
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
