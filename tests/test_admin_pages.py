"""Every admin page of every catalogue model: rendered for a superuser, closed to others, bounded queries.

One parametrized test per behaviour over every model registered in the admin; each app's
``tests/test_admin.py`` keeps only what is particular to its models.
"""

import factory
import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.apps import catalogue_models
from funding.models import FundingAward, FundingStream
from funding.tests import factories as funding_factories
from organisations.models import Organisation
from organisations.tests import factories as organisations_factories
from organisations.tests.factories import OrganisationFactory, PersonFactory
from programmes.models import Event, Metric, Programme
from programmes.tests import factories as programmes_factories
from programmes.tests.factories import (
    EventFactory,
    MetricFactory,
    ProgrammeFactory,
    ProgrammeOrganisationFactory,
    TopicFactory,
)
from sources.tests import factories as sources_factories

pytestmark = pytest.mark.django_db

MODELS = [model for model in catalogue_models() if admin.site.is_registered(model)]
PAGES = ["changelist", "add", "change", "history", "revert"]


def _factories() -> dict:
    """The factory of each model, from every app's ``tests/factories.py``."""
    modules = [sources_factories, organisations_factories, programmes_factories, funding_factories]
    found = {}
    for module in modules:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, factory.django.DjangoModelFactory) and value._meta.model:
                found.setdefault(value._meta.model, value)
    return found


FACTORIES = _factories()


def _full_programme():
    programme = ProgrammeFactory(parent=ProgrammeFactory(), topics=[TopicFactory()])
    ProgrammeOrganisationFactory(programme=programme)
    return programme


# Rows with every relation the changelist shows filled in, so that a missing join shows as extra queries.
FULL_ROWS = {
    **FACTORIES,
    Organisation: lambda: OrganisationFactory(parent=OrganisationFactory()),
    Programme: _full_programme,
    Metric: lambda: MetricFactory(organisation=OrganisationFactory()),
    Event: lambda: EventFactory(organisations=[OrganisationFactory()], people=[PersonFactory()]),
    FundingStream: lambda: funding_factories.FundingStreamFactory(parent=funding_factories.FundingStreamFactory()),
    FundingAward: lambda: funding_factories.FundingAwardFactory(
        stream=funding_factories.FundingStreamFactory(),
        part_of=funding_factories.FundingAwardFactory(),
        recipient_organisation=OrganisationFactory(),
    ),
}


def page_url(admin_url, model, page: str) -> str:
    """The admin page ``page`` of ``model``, creating a record first for the pages of one record."""
    if page in {"changelist", "add"}:
        return admin_url(model, page)
    record = FACTORIES[model]()
    return admin_url(record, page, record.history.earliest())


def changelist_query_count(client, admin_url, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


def test_it_registers_every_catalogue_model_with_a_factory():
    assert len(MODELS) == len(catalogue_models())
    assert set(MODELS) <= set(FACTORIES)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_it_renders_every_admin_page_for_a_superuser(admin_client, admin_url, model, page):
    response = admin_client.get(page_url(admin_url, model, page))

    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_it_sends_anonymous_visitors_to_the_login_page(client, admin_url, model, page):
    url = page_url(admin_url, model, page)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_it_refuses_staff_without_permissions(client, staff_user, admin_url, model, page):
    url = page_url(admin_url, model, page)
    client.force_login(staff_user)

    response = client.get(url)

    assert response.status_code == 403


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__name__)
def test_its_changelists_make_as_many_queries_for_ten_rows_as_for_one(admin_client, admin_url, model):
    FULL_ROWS[model]()
    changelist_query_count(admin_client, admin_url, model)  # warms the content-type cache and the session
    one_row = changelist_query_count(admin_client, admin_url, model)
    for _ in range(9):
        FULL_ROWS[model]()

    ten_rows = changelist_query_count(admin_client, admin_url, model)

    assert model.objects.count() >= 10
    assert ten_rows == one_row
