"""Fixtures shared by every app's tests: settings for speed and isolation, test data, clients, admin helpers.

Helpers that take arguments are fixtures returning a function (``user_with("add_programme")``),
so tests ask for them by name like any other fixture and no test helper ships in the application.
"""

from __future__ import annotations

import time
from decimal import Decimal
from io import StringIO
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.apps import catalogue_models
from funding.tests.factories import FundingAwardFactory, FundingStreamFactory
from organisations.tests.factories import OrganisationAliasFactory, OrganisationFactory, PersonFactory, RoleFactory
from programmes.tests.factories import (
    EventFactory,
    MetricFactory,
    MissionFactory,
    ProgrammeAliasFactory,
    ProgrammeFactory,
    ProgrammeOrganisationFactory,
    TopicFactory,
)
from sources.tests.factories import CitationFactory, SourceFactory


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


@pytest.fixture(autouse=True)
def _no_facet_time_budget(settings):
    """Facet counts never give up in tests, however busy the machine; tests of the budget set one."""
    settings.CATALOGUE_FACET_TIME_BUDGET_MS = 0


@pytest.fixture
def spent_budget(monkeypatch):
    """List pages get a facet time budget already run out, as on a catalogue too large to count within it."""
    from core.time_budget import TimeBudget

    class Spent(TimeBudget):
        def __init__(self, *args, **kwargs):
            super().__init__(1)
            self.deadline = time.monotonic() - 1

    monkeypatch.setattr("core.facets.TimeBudget", Spent)


@pytest.fixture(autouse=True)
def _open_data_storage(settings, tmp_path):
    """The open-data downloads are saved in this test's own folder, never in the working copy's var/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "open_data": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }


@pytest.fixture
def page_cache(settings):
    """The page and API list caches on, in an empty cache of this test's own."""
    settings.CATALOGUE_PAGE_CACHE_SECONDS = 60
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
    caches["default"].clear()


# Test data ----------------------------------------------------------------------------------


def _build_catalogue(copies: int = 1) -> SimpleNamespace:
    """``copies`` connected groups of every kind of record, each record cited.

    The first group's programme has a disputed ``announced`` (two sources claim different
    dates). Returns the first group's records by name.
    """
    first = None
    for _ in range(copies):
        source, other_source = SourceFactory(), SourceFactory()
        funder = OrganisationFactory(kind="funder")
        organisation = OrganisationFactory(parent=funder)
        OrganisationAliasFactory(organisation=organisation)
        person = PersonFactory()
        RoleFactory(person=person, organisation=organisation)
        topic = TopicFactory()
        mission = MissionFactory(organisation=organisation)
        programme = ProgrammeFactory(topics=[topic], missions=[mission])
        ProgrammeAliasFactory(programme=programme)
        mission.other_organisations.add(funder)
        ProgrammeOrganisationFactory(programme=programme, organisation=organisation)
        metric = MetricFactory(programme=programme)
        event = EventFactory(organisations=[organisation], programmes=[programme], people=[person])
        stream = FundingStreamFactory(administered_by=funder)
        award = FundingAwardFactory(
            funder=funder,
            recipient_programme=programme,
            stream=stream,
            announced_month=3,
            announced_day=15,
            amount_gbp=Decimal("250000000.00"),
        )
        part = FundingAwardFactory(
            funder=funder,
            recipient_programme=None,
            recipient_organisation=organisation,
            part_of=award,
            amount_gbp=Decimal("140000000.50"),
            announced_month=3,
            announced_day=16,
        )
        for record in (funder, organisation, person, mission, programme, metric, event, stream, award, part):
            CitationFactory(record=record, source=source)
        CitationFactory(record=programme, source=source, field_name="announced", claimed_value="June 2019")
        CitationFactory(record=programme, source=other_source, field_name="announced", claimed_value="July 2019")
        if first is None:
            first = SimpleNamespace(
                source=source,
                other_source=other_source,
                funder=funder,
                organisation=organisation,
                person=person,
                topic=topic,
                mission=mission,
                programme=programme,
                metric=metric,
                event=event,
                stream=stream,
                award=award,
                part=part,
            )
    return first


@pytest.fixture
def build_catalogue(db):
    """``build_catalogue(copies=1)``: connected groups of every kind of record, each cited."""
    return _build_catalogue


@pytest.fixture(scope="module")
def real_catalogue(django_db_setup, django_db_blocker):
    """The real catalogue (``load_catalogue`` of ``fixtures/``) loaded once for a test module, rolled back after.

    Each test still runs in its own savepoint (ask for ``db`` too), so tests may change data freely.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_catalogue", stdout=StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def database_snapshot(db):
    """``database_snapshot()``: row counts of every catalogue table and its history (a refused write changes none)."""

    def snapshot() -> dict[str, int]:
        models = [*catalogue_models(), *catalogue_models(historical=True)]
        return {model._meta.label: model._default_manager.count() for model in models}

    return snapshot


# Users and API clients ------------------------------------------------------------------------


@pytest.fixture
def user_with(db):
    """``user_with("add_programme", ..., username="editor")``: a staff user holding those model permissions."""

    def make(*codenames: str, username: str = "editor"):
        user = get_user_model().objects.create_user(username=username, is_staff=True)
        if codenames:
            user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
        return user

    return make


@pytest.fixture
def token_client(db):
    """``token_client(user)``: an API client that authenticates every request with the user's token."""

    def make(user) -> APIClient:
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


@pytest.fixture
def anonymous_client():
    """``anonymous_client()``: an API client with no credentials; the throttle's counters are reset first."""

    def make() -> APIClient:
        cache.clear()
        return APIClient()

    return make


# The admin ------------------------------------------------------------------------------------


def _admin_url(obj_or_model, page: str, version=None) -> str:
    """The admin URL of ``page``: of a model (changelist, add) or of an object (change, history, delete),
    or the page restoring an object to the history row ``version`` (revert)."""
    opts = obj_or_model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    if page in {"changelist", "add"}:
        return reverse(f"{prefix}_{page}")
    if page == "revert":
        return reverse(f"{prefix}_simple_history", args=[obj_or_model.pk, version.history_id])
    return reverse(f"{prefix}_{page}", args=[obj_or_model.pk])


@pytest.fixture
def admin_url():
    """``admin_url(obj_or_model, page, version=None)``: any admin page of a model or record (see ``_admin_url``)."""
    return _admin_url


@pytest.fixture
def change_url():
    """``change_url(obj)``: the admin change form of ``obj``."""
    return lambda obj: _admin_url(obj, "change")


@pytest.fixture
def history_url():
    """``history_url(obj)``: the admin history page of ``obj``."""
    return lambda obj: _admin_url(obj, "history")


@pytest.fixture
def revert_url():
    """``revert_url(obj, version)``: the admin page that restores ``obj`` to the history row ``version``."""
    return lambda obj, version: _admin_url(obj, "revert", version)


@pytest.fixture
def inline_prefix():
    """``inline_prefix(response, model)``: the form prefix of the inline of ``model`` on a rendered change form."""

    def prefix(response, model) -> str:
        return next(
            inline.formset.prefix
            for inline in response.context["inline_admin_formsets"]
            if inline.formset.model is model
        )

    return prefix


@pytest.fixture
def form_data():
    """``form_data(response)``: the POST data of an admin form as rendered, each field's value, inlines included."""

    def data_of(response) -> dict:
        forms = [response.context["adminform"].form]
        for inline in response.context.get("inline_admin_formsets", []):
            forms += [inline.formset.management_form, *inline.formset.forms]
        data = {}
        for form in forms:
            for field in form:
                value = field.value()
                if value is not None and value is not False:
                    data[field.html_name] = "on" if value is True else value
        return data

    return data_of
