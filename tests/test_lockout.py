"""Signing in is locked after five failures for one username from one address (django-axes).

The lock covers every way in: the admin, the browsable API's sign-in page and the token
endpoint. While locked, even the right password is refused, with a 429 that says why and
when to try again; the lock lifts after the cool-off, and a success forgets the failures.
Other usernames at that address, and the username from elsewhere, are not affected.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.hashers import MD5PasswordHasher
from django.core.management import call_command
from django.http import JsonResponse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.security import lockout_response

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery"
WRONG = "not the password"
ADMIN_LOGIN = "/admin/login/"
API_LOGIN = "/api/auth/login/"
TOKEN = "/api/auth/token/"
ADDRESS = "192.0.2.10"
OTHER_ADDRESS = "198.51.100.20"


@pytest.fixture
def colleague(django_user_model):
    """A second staff member who signs in from the same office address."""
    return django_user_model.objects.create_user(username="colleague", password=PASSWORD, is_staff=True)


def sign_in(client, url: str, username: str, password: str, address: str = ADDRESS):
    """POST the sign-in form (or the token endpoint) from ``address``."""
    return client.post(url, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


def fail(client, url: str, username: str, times: int, address: str = ADDRESS):
    return [sign_in(client, url, username, WRONG, address) for _ in range(times)]


def assert_locked_page(response):
    assert response.status_code == 429
    assert response["Content-Type"].startswith("text/html")
    assert response["Retry-After"] == "900"
    html = response.content.decode()
    assert "<h1>Sign-in locked</h1>" in html
    assert "too many failed sign-in attempts" in html
    assert "Try again in 15 minutes." in html
    assert 'class="nhsuk-header' in html  # the site's own layout, not a bare text answer


def expire_attempts(minutes: int) -> None:
    """Move every recorded failure ``minutes`` into the past, as if that time had gone by."""
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=minutes)
        attempt.save()


def test_the_admin_refuses_four_failures_with_the_form_and_locks_at_the_fifth(client, staff_user):
    *first_four, fifth = fail(client, ADMIN_LOGIN, "staff", 5)

    assert [response.status_code for response in first_four] == [200] * 4
    assert "Please enter the correct username and password" in first_four[-1].content.decode()
    assert_locked_page(fifth)
    assert AccessAttempt.objects.get(username="staff", ip_address=ADDRESS).failures_since_start == 5


def test_the_admin_refuses_the_right_password_while_locked(client, staff_user):
    fail(client, ADMIN_LOGIN, "staff", 5)

    response = sign_in(client, ADMIN_LOGIN, "staff", PASSWORD)

    assert_locked_page(response)
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/", REMOTE_ADDR=ADDRESS).status_code == 302  # still sent to the sign-in page


def test_the_lock_lifts_after_the_cool_off(client, staff_user):
    fail(client, ADMIN_LOGIN, "staff", 5)
    expire_attempts(minutes=16)

    response = sign_in(client, ADMIN_LOGIN, "staff", PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.session["_auth_user_id"] == str(staff_user.pk)
    assert not AccessAttempt.objects.filter(username="staff").exists()


def test_the_lock_holds_until_the_cool_off_has_passed(client, staff_user):
    fail(client, ADMIN_LOGIN, "staff", 5)
    expire_attempts(minutes=14)

    assert_locked_page(sign_in(client, ADMIN_LOGIN, "staff", PASSWORD))


def test_another_user_at_the_same_address_is_not_locked(client, staff_user, colleague):
    fail(client, ADMIN_LOGIN, "staff", 5)

    response = sign_in(client, ADMIN_LOGIN, "colleague", PASSWORD)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


def test_the_same_user_from_another_address_is_not_locked(client, staff_user):
    fail(client, ADMIN_LOGIN, "staff", 5)

    response = sign_in(client, ADMIN_LOGIN, "staff", PASSWORD, address=OTHER_ADDRESS)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)


def test_a_successful_sign_in_forgets_the_earlier_failures(client, staff_user):
    fail(client, ADMIN_LOGIN, "staff", 4)
    assert sign_in(client, ADMIN_LOGIN, "staff", PASSWORD).status_code == 302
    client.logout()

    responses = fail(client, ADMIN_LOGIN, "staff", 4)

    assert [response.status_code for response in responses] == [200] * 4
    assert AccessAttempt.objects.get(username="staff").failures_since_start == 4


def test_the_browsable_api_sign_in_page_locks_too(client, staff_user):
    *first_four, fifth = fail(client, API_LOGIN, "staff", 5)

    assert [response.status_code for response in first_four] == [200] * 4
    assert_locked_page(fifth)
    assert_locked_page(sign_in(client, API_LOGIN, "staff", PASSWORD))


def test_the_token_endpoint_locks_at_the_fifth_failure_with_a_json_reason(staff_user):
    client = APIClient()

    *first_four, fifth = fail(client, TOKEN, "staff", 5)

    assert [response.status_code for response in first_four] == [400] * 4
    assert fifth.status_code == 429
    assert fifth["Content-Type"] == "application/json"
    assert fifth["Retry-After"] == "900"
    body = fifth.json()
    assert "too many failed sign-in attempts" in body["detail"]
    assert "Try again in 15 minutes." in body["detail"]


def test_the_token_endpoint_refuses_the_right_password_while_locked(staff_user):
    client = APIClient()
    fail(client, TOKEN, "staff", 5)

    response = sign_in(client, TOKEN, "staff", PASSWORD)

    assert response.status_code == 429
    assert "token" not in response.json()
    assert not Token.objects.filter(user=staff_user).exists()


def test_the_token_endpoint_releases_after_the_cool_off_and_forgets_the_failures(staff_user):
    client = APIClient()
    fail(client, TOKEN, "staff", 5)
    expire_attempts(minutes=16)

    response = sign_in(client, TOKEN, "staff", PASSWORD)

    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=staff_user).key
    assert not AccessAttempt.objects.filter(username="staff").exists()


def test_a_token_sign_in_forgets_the_earlier_failures(staff_user):
    client = APIClient()
    fail(client, TOKEN, "staff", 4)
    assert sign_in(client, TOKEN, "staff", PASSWORD).status_code == 200

    responses = fail(client, TOKEN, "staff", 4)

    assert [response.status_code for response in responses] == [400] * 4


def test_failures_in_the_admin_lock_the_token_endpoint_too(client, staff_user):
    fail(client, ADMIN_LOGIN, "staff", 5)

    response = sign_in(APIClient(), TOKEN, "staff", PASSWORD)

    assert response.status_code == 429


def test_another_user_at_the_same_address_still_gets_a_token(staff_user, colleague):
    client = APIClient()
    fail(client, TOKEN, "staff", 5)

    response = sign_in(client, TOKEN, "colleague", PASSWORD)

    assert response.status_code == 200
    assert response.json()["token"] == Token.objects.get(user=colleague).key


def test_behind_a_proxy_the_forwarded_address_is_the_one_counted(client, settings, staff_user, colleague):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.1"

    for _ in range(5):
        client.post(
            ADMIN_LOGIN, {"username": "staff", "password": WRONG}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=ADDRESS
        )
    # The same username through the same proxy, but from another client address, is not locked.
    response = client.post(
        ADMIN_LOGIN,
        {"username": "staff", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR=proxy,
        HTTP_X_FORWARDED_FOR=f"{ADDRESS}, {OTHER_ADDRESS}",  # a forged left-hand entry is ignored
    )

    assert AccessAttempt.objects.get(username="staff").ip_address == ADDRESS
    assert response.status_code == 302


def test_a_json_sign_in_is_refused_in_json(rf):
    refused = JsonResponse({"detail": "Unable to log in."}, status=400)

    response = lockout_response(rf.post("/some/json/sign-in/"), refused)

    assert response.status_code == 429
    assert json.loads(response.content) == {
        "detail": "There have been too many failed sign-in attempts for this account from your network. "
        "Try again in 15 minutes.",
        "code": "locked_out",
    }


@pytest.fixture
def address_limit(settings):
    """Twenty failures from one address, whatever the usernames, lock the address."""
    settings.AXES_ADDRESS_FAILURE_LIMIT = 20
    return 20


@pytest.fixture
def hashes(monkeypatch):
    """Counts every password hash computed (checking a password, or the decoy for an unknown user)."""
    calls = []
    original = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        calls.append(password)
        return original(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)
    return calls


def spray(client, url: str, count: int, address: str = ADDRESS):
    """One failure each for ``count`` different usernames, as a password sprayer would."""
    return [sign_in(client, url, f"guess-{number}", WRONG, address) for number in range(count)]


def test_one_address_trying_many_usernames_is_locked_at_the_address_limit(staff_user, address_limit):
    client = APIClient()

    *allowed, last = spray(client, TOKEN, address_limit)

    assert {response.status_code for response in allowed} == {400}
    assert last.status_code == 429
    assert last["Retry-After"] == "900"
    assert sign_in(client, TOKEN, "staff", PASSWORD).status_code == 429
    assert not Token.objects.filter(user=staff_user).exists()


def test_a_locked_address_does_not_lock_the_same_user_elsewhere(staff_user, address_limit):
    spray(APIClient(), TOKEN, address_limit)

    response = sign_in(APIClient(), TOKEN, "staff", PASSWORD, address=OTHER_ADDRESS)

    assert response.status_code == 200


def test_failures_across_usernames_in_the_admin_lock_the_address_too(client, staff_user, address_limit):
    spray(client, ADMIN_LOGIN, address_limit)

    assert_locked_page(sign_in(client, ADMIN_LOGIN, "staff", PASSWORD))


def test_no_password_is_hashed_for_a_request_refused_at_a_locked_address(staff_user, address_limit, hashes):
    client = APIClient()
    spray(client, TOKEN, address_limit)
    hashed_while_allowed = len(hashes)

    refused = [*spray(client, TOKEN, 30), sign_in(client, TOKEN, "staff", PASSWORD)]

    assert hashed_while_allowed >= address_limit - 1
    assert {response.status_code for response in refused} == {429}
    assert len(hashes) == hashed_while_allowed


def test_no_password_is_hashed_for_a_locked_username(client, staff_user, hashes):
    fail(client, ADMIN_LOGIN, "staff", 5)
    before = len(hashes)

    assert_locked_page(sign_in(client, ADMIN_LOGIN, "staff", PASSWORD))
    assert_locked_page(sign_in(client, ADMIN_LOGIN, "staff", WRONG))
    assert len(hashes) == before


def test_refused_attempts_add_no_rows(staff_user, address_limit):
    client = APIClient()
    spray(client, TOKEN, address_limit)
    rows = AccessAttempt.objects.count()

    spray(client, TOKEN, 50)

    assert AccessAttempt.objects.count() == rows == address_limit


def test_prune_sign_in_records_deletes_expired_failures_and_old_sign_in_logs(settings):
    settings.AXES_RECORD_DAYS = 30
    now = timezone.now()
    old_failure = AccessAttempt.objects.create(username="a", ip_address=ADDRESS, failures_since_start=1)
    recent_failure = AccessAttempt.objects.create(username="b", ip_address=ADDRESS, failures_since_start=1)
    old_log = AccessLog.objects.create(username="staff", ip_address=ADDRESS)
    recent_log = AccessLog.objects.create(username="staff", ip_address=ADDRESS)
    AccessAttempt.objects.filter(pk=old_failure.pk).update(attempt_time=now - timedelta(minutes=16))
    AccessLog.objects.filter(pk=old_log.pk).update(attempt_time=now - timedelta(days=31))
    AccessLog.objects.filter(pk=recent_log.pk).update(attempt_time=now - timedelta(days=29))
    out = io.StringIO()

    call_command("prune_sign_in_records", stdout=out)

    assert list(AccessAttempt.objects.values_list("pk", flat=True)) == [recent_failure.pk]
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [recent_log.pk]
    assert "1 failed attempts, 0 failure logs, 1 sign-in logs deleted." in out.getvalue()


def test_a_failed_sign_in_deletes_failures_older_than_the_cool_off(client, staff_user):
    stale = AccessAttempt.objects.create(username="someone", ip_address=OTHER_ADDRESS, failures_since_start=3)
    AccessAttempt.objects.filter(pk=stale.pk).update(attempt_time=timezone.now() - timedelta(minutes=16))

    fail(client, ADMIN_LOGIN, "staff", 1)

    assert not AccessAttempt.objects.filter(pk=stale.pk).exists()


def cool_off_setting(**env):
    """``AXES_COOLOFF_TIME`` as a fresh process with the given environment sees it."""
    clean = {key: value for key, value in os.environ.items() if key not in {"DJANGO_ENV", "AXES_COOLOFF_MINUTES"}}
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.AXES_COOLOFF_TIME)",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "nhsdigital_catalogue.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_cool_off_is_read_from_the_environment():
    result = cool_off_setting(AXES_COOLOFF_MINUTES="45")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0:45:00"


def test_a_cool_off_of_zero_is_refused():
    result = cool_off_setting(AXES_COOLOFF_MINUTES="0")

    assert result.returncode != 0
    assert "AXES_COOLOFF_MINUTES" in result.stderr


def test_a_username_longer_than_any_account_is_a_json_400_and_records_nothing(staff_user):
    """Axes would store it in a 255-character column: on PostgreSQL that insert was a 500."""
    response = APIClient().post(TOKEN, {"username": "x" * 300, "password": WRONG}, format="json", REMOTE_ADDR=ADDRESS)

    assert response.status_code == 400
    assert response.json() == {"username": ["Ensure this field has no more than 150 characters."]}
    assert not AccessAttempt.objects.exists()
