"""The admin of topics, programmes, aliases, programme organisations, missions, metrics and events."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.tests.factories import OrganisationFactory, PersonFactory
from programmes.models import Event, Metric, Mission, Programme, ProgrammeAlias, ProgrammeOrganisation, Topic
from programmes.tests.factories import (
    EventFactory,
    MetricFactory,
    MissionFactory,
    ProgrammeAliasFactory,
    ProgrammeFactory,
    ProgrammeOrganisationFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Signing in is not under test here; PBKDF2 would spend most of each test's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


FACTORIES = {
    Topic: TopicFactory,
    Programme: ProgrammeFactory,
    ProgrammeAlias: ProgrammeAliasFactory,
    ProgrammeOrganisation: ProgrammeOrganisationFactory,
    Mission: MissionFactory,
    Metric: MetricFactory,
    Event: EventFactory,
}


def _full_programme():
    programme = ProgrammeFactory(parent=ProgrammeFactory(), topics=[TopicFactory()])
    ProgrammeOrganisationFactory(programme=programme)
    return programme


# Rows with every relation the changelist shows filled in, so that a missing join shows as extra queries.
FULL_ROWS = {
    **FACTORIES,
    Programme: _full_programme,
    Metric: lambda: MetricFactory(organisation=OrganisationFactory()),
    Event: lambda: EventFactory(organisations=[OrganisationFactory()], people=[PersonFactory()]),
}

PAGES = ["changelist", "add", "change", "history", "revert"]


def admin_url(obj_or_model, page: str) -> str:
    """The admin URL of ``page`` for a model (changelist, add) or an object (change, history, revert)."""
    opts = obj_or_model._meta
    prefix = f"admin:{opts.app_label}_{opts.model_name}"
    if page in {"changelist", "add"}:
        return reverse(f"{prefix}_{page}")
    if page == "revert":
        version = obj_or_model.history.earliest()
        return reverse(f"{prefix}_simple_history", args=[obj_or_model.pk, version.history_id])
    return reverse(f"{prefix}_{page}", args=[obj_or_model.pk])


def page_url(model, page: str) -> str:
    return admin_url(model if page in {"changelist", "add"} else FACTORIES[model](), page)


def changelist_query_count(client, model) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda model: model.__name__)
def test_it_renders_every_admin_page_for_a_superuser(admin_client, model, page):
    response = admin_client.get(page_url(model, page))

    assert response.status_code == 200


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda model: model.__name__)
def test_it_sends_anonymous_visitors_to_the_login_page(client, model, page):
    url = page_url(model, page)

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda model: model.__name__)
def test_it_refuses_staff_without_permissions(client, staff_user, model, page):
    url = page_url(model, page)
    client.force_login(staff_user)

    response = client.get(url)

    assert response.status_code == 403


@pytest.mark.parametrize("model", list(FACTORIES), ids=lambda model: model.__name__)
def test_its_changelists_make_as_many_queries_for_ten_rows_as_for_one(admin_client, model):
    FULL_ROWS[model]()
    changelist_query_count(admin_client, model)  # warms the content-type cache and the session
    one_row = changelist_query_count(admin_client, model)
    for _ in range(9):
        FULL_ROWS[model]()

    ten_rows = changelist_query_count(admin_client, model)

    assert model.objects.count() >= 10
    assert ten_rows == one_row


def test_it_registers_every_model_of_the_app():
    models = [m for m in apps.get_app_config("programmes").get_models() if not m.__name__.startswith("Historical")]

    assert all(admin.site.is_registered(model) for model in models)


def test_it_shows_the_lead_organisations_in_the_programme_list(admin_client):
    programme = ProgrammeFactory()
    ProgrammeOrganisationFactory(programme=programme, organisation=OrganisationFactory(name="NHSX"))
    ProgrammeOrganisationFactory(programme=programme, role="partner", organisation=OrganisationFactory(name="PHE"))

    response = admin_client.get(admin_url(Programme, "changelist"))

    content = response.content.decode()
    assert "NHSX" in content
    assert "PHE" not in content


def test_it_finds_a_programme_by_its_alias(admin_client):
    wanted = ProgrammeAliasFactory(name="Digital Innovation Hub Programme").programme
    ProgrammeFactory()

    response = admin_client.get(admin_url(Programme, "changelist"), {"q": "innovation hub"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_it_saves_an_organisation_added_to_a_programme_inline(form_data, inline_prefix, admin_client):
    programme = ProgrammeFactory()
    organisation = OrganisationFactory()
    response = admin_client.get(admin_url(programme, "change"))
    data = form_data(response)
    prefix = inline_prefix(response, ProgrammeOrganisation)
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-organisation": organisation.pk, f"{prefix}-0-role": "lead"})

    response = admin_client.post(admin_url(programme, "change"), data)

    assert response.status_code == 302
    assert programme.leads() == [organisation]


def test_it_shows_a_target_date_with_its_qualifier(admin_client):
    programme = ProgrammeFactory(target_year=2024, target_month=None, target_qualifier="by")

    response = admin_client.get(admin_url(programme, "change"))

    assert "by 2024" in response.content.decode()
