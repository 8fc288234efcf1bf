"""Production settings pass Django's deployment checklist (``manage.py check --deploy``) with no warning."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_check_deploy_reports_no_issues_in_production():
    # The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE in this process (async.E001 in a deployment).
    inherited = {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {key: value for key, value in os.environ.items() if key not in inherited}
    env = {
        **clean,
        "DJANGO_ENV": "production",
        # A key shaped like a real one: security.W009 flags short or low-variety keys.
        "SECRET_KEY": secrets.token_urlsafe(45)[:60],
        "ALLOWED_HOSTS": "catalogue.example",
    }

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
