"""Helpers of the API tests: a small connected catalogue, users with chosen permissions, clients.

Kept beside the API (not in a conftest) so every app's ``test_api_*.py`` can import the same
builders; they use the factories in ``<app>/tests/factories.py``.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

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

CATALOGUE_APPS = ("sources", "organisations", "programmes", "funding")


def build_catalogue(copies: int = 1) -> SimpleNamespace:
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


def user_with(*codenames: str, username: str = "editor"):
    """A staff user holding the given model permissions (``"add_programme"``, ...)."""
    user = get_user_model().objects.create_user(username=username, is_staff=True)
    if codenames:
        user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return user


def token_client(user) -> APIClient:
    """A client that authenticates every request with the user's API token."""
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def anonymous_client() -> APIClient:
    """A client with no credentials; the throttle's counters are reset first."""
    cache.clear()
    return APIClient()


def database_snapshot() -> dict[str, int]:
    """Row counts of every catalogue table and its history, to show a refused write changed nothing."""
    counts = {}
    for app_label in CATALOGUE_APPS:
        for model in apps.get_app_config(app_label).get_models():
            counts[model._meta.label] = model._default_manager.count()
    return counts
