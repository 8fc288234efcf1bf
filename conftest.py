"""Fixtures shared by every app's tests."""

import pytest
from django.conf import settings
from django.core.cache import caches


@pytest.fixture
def seeds_dir():
    """The folder of source documents; tests that need it are skipped, with the reason, without it."""
    path = settings.CATALOGUE_SEEDS_DIR
    if not path.is_dir():
        pytest.skip(f"source documents not found at {path} (set CATALOGUE_SEEDS_DIR)")
    return path


@pytest.fixture
def staff_user(django_user_model):
    """A staff member with no model permissions: may sign in to the admin, may not edit."""
    return django_user_model.objects.create_user(
        username="staff", password="correct horse battery", email="staff@example.org", is_staff=True
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Hash test passwords with a cheap hasher: the real one costs most of a second per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no throttle history or cached page from the one before."""
    caches["default"].clear()


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    """Pages are rendered afresh in tests (query counts are pinned); tests of the cache turn it on."""
    settings.CATALOGUE_PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings):
    """The page and API list caches on, in an empty cache of this test's own."""
    settings.CATALOGUE_PAGE_CACHE_SECONDS = 60
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
    caches["default"].clear()
