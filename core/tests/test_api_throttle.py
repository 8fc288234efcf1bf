"""Anonymous API clients are throttled at the configured rate; staff are not."""

import pytest
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_a_minute(monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    caches["default"].clear()


def test_it_answers_429_with_retry_after_and_a_reason_once_the_rate_is_used(client):
    assert [client.get("/api/programmes/").status_code for _ in range(2)] == [200, 200]

    response = client.get("/api/organisations/")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "throttled" in response.json()["detail"].lower()


def test_signed_in_users_are_not_held_to_the_anonymous_rate(admin_client):
    assert {admin_client.get("/api/programmes/").status_code for _ in range(4)} == {200}
