"""The admin of funding streams and awards."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from funding.models import FundingAward, FundingStream
from funding.tests.factories import FundingAwardFactory, FundingStreamFactory
from organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Signing in is not under test here; PBKDF2 would spend most of each test's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


FACTORIES = {FundingStream: FundingStreamFactory, FundingAward: FundingAwardFactory}
# Rows with every relation the changelist shows filled in, so that a missing join shows as extra queries.
FULL_ROWS = {
    FundingStream: lambda: FundingStreamFactory(parent=FundingStreamFactory()),
    FundingAward: lambda: FundingAwardFactory(
        stream=FundingStreamFactory(),
        part_of=FundingAwardFactory(),
        recipient_organisation=OrganisationFactory(),
    ),
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
    models = [m for m in apps.get_app_config("funding").get_models() if not m.__name__.startswith("Historical")]

    assert all(admin.site.is_registered(model) for model in models)


def test_it_shows_the_amount_as_a_reader_would_say_it(admin_client):
    FundingAwardFactory(amount_gbp=Decimal("250000000"), amount_qualifier="more_than", period="per_year")

    response = admin_client.get(admin_url(FundingAward, "changelist"))

    assert "more than £250,000,000 a year" in response.content.decode()


def test_it_refuses_an_award_counted_inside_itself(form_data, admin_client):
    outer = FundingAwardFactory()
    inner = FundingAwardFactory(part_of=outer)
    data = form_data(admin_client.get(admin_url(outer, "change")))
    data["part_of"] = inner.pk

    response = admin_client.post(admin_url(outer, "change"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["part_of"] == ["An award cannot be counted inside itself."]
    outer.refresh_from_db()
    assert outer.part_of is None
