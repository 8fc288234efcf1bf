"""Settings read the environment, reject bad values, and refuse an unsafe production start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from nhsdigital_catalogue.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parent.parent


def run_check(**env):
    """Run ``manage.py check`` in a fresh process with the given environment."""
    clean = {key: value for key, value in os.environ.items() if key not in {"DJANGO_ENV", "SECRET_KEY", "DEBUG"}}
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_env_bool_rejects_a_misspelt_value(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "ture")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG")


def test_env_bool_reads_the_usual_words(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "Yes")
    assert env_bool("SOME_FLAG") is True
    monkeypatch.setenv("SOME_FLAG", "0")
    assert env_bool("SOME_FLAG", default=True) is False


def test_env_int_rejects_text(monkeypatch):
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_NUMBER"):
        env_int("SOME_NUMBER", 1)


def test_env_list_splits_and_strips(monkeypatch):
    monkeypatch.setenv("SOME_HOSTS", " a.example , ,b.example")
    assert env_list("SOME_HOSTS") == ["a.example", "b.example"]


def test_debug_is_off_unless_asked_for():
    clean = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**clean, "DJANGO_SETTINGS_MODULE": "nhsdigital_catalogue.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check(DJANGO_ENV="production", ALLOWED_HOSTS="catalogue.example")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = run_check(DJANGO_ENV="production", SECRET_KEY="x" * 60, ALLOWED_HOSTS="")
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_an_unknown_environment_name_is_refused():
    result = run_check(DJANGO_ENV="staging")
    assert result.returncode != 0
    assert "DJANGO_ENV" in result.stderr
