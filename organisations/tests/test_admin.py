"""The admin of organisations, aliases, relationships, people and roles."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Organisation, OrganisationAlias, OrganisationRelationship, Person, Role
from organisations.tests.factories import (
    OrganisationAliasFactory,
    OrganisationFactory,
    OrganisationRelationshipFactory,
    PersonFactory,
    RoleFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Signing in is not under test here; PBKDF2 would spend most of each test's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


FACTORIES = {
    Organisation: OrganisationFactory,
    OrganisationAlias: OrganisationAliasFactory,
    OrganisationRelationship: OrganisationRelationshipFactory,
    Person: PersonFactory,
    Role: RoleFactory,
}
# Rows with every relation the changelist shows filled in, so that a missing join shows as extra queries.
FULL_ROWS = {**FACTORIES, Organisation: lambda: OrganisationFactory(parent=OrganisationFactory())}
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
    models = [m for m in apps.get_app_config("organisations").get_models() if not m.__name__.startswith("Historical")]

    assert all(admin.site.is_registered(model) for model in models)


def test_it_shows_the_cycle_error_when_an_organisation_would_become_its_own_ancestor(form_data, admin_client):
    directorate = OrganisationFactory(name="Data Services")
    body = OrganisationFactory(name="NHS Digital")
    directorate.parent = body
    directorate.save()
    data = form_data(admin_client.get(admin_url(body, "change")))
    data["parent"] = directorate.pk

    response = admin_client.post(admin_url(body, "change"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["parent"] == ["An organisation cannot be its own ancestor."]
    assert "An organisation cannot be its own ancestor." in response.content.decode()
    body.refresh_from_db()
    assert body.parent is None


def test_it_refuses_to_make_an_organisation_its_own_parent(form_data, admin_client):
    organisation = OrganisationFactory()
    data = form_data(admin_client.get(admin_url(organisation, "change")))
    data["parent"] = organisation.pk

    response = admin_client.post(admin_url(organisation, "change"), data)

    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert organisation.parent is None


def test_it_finds_an_organisation_by_its_former_name(admin_client):
    nhs_digital = OrganisationFactory(name="NHS Digital")
    OrganisationAliasFactory(organisation=nhs_digital, name="Health and Social Care Information Centre")
    OrganisationAliasFactory(organisation=nhs_digital, name="HSCIC")
    OrganisationFactory(name="NHSX")

    response = admin_client.get(admin_url(Organisation, "changelist"), {"q": "HSCIC"})

    assert list(response.context["cl"].result_list) == [nhs_digital]


def test_it_shows_the_founding_date_as_written_on_the_change_form(admin_client):
    organisation = OrganisationFactory(founded_year=2019, founded_month=4, founded_qualifier="about")

    response = admin_client.get(admin_url(organisation, "change"))

    assert "about April 2019" in response.content.decode()


def test_it_saves_an_alias_and_a_role_added_inline(form_data, admin_client):
    organisation = OrganisationFactory()
    person = PersonFactory()
    response = admin_client.get(admin_url(organisation, "change"))
    data = form_data(response)
    prefixes = {inline.formset.model: inline.formset.prefix for inline in response.context["inline_admin_formsets"]}
    aliases, roles = prefixes[OrganisationAlias], prefixes[Role]
    data.update({f"{aliases}-TOTAL_FORMS": "1", f"{aliases}-0-name": "HSCIC", f"{aliases}-0-kind": "abbreviation"})
    data.update(
        {
            f"{roles}-TOTAL_FORMS": "1",
            f"{roles}-0-person": person.pk,
            f"{roles}-0-title": "Chief Executive",
            f"{roles}-0-started_year": "2020",
        }
    )

    response = admin_client.post(admin_url(organisation, "change"), data)

    assert response.status_code == 302
    assert list(organisation.aliases.values_list("name", flat=True)) == ["HSCIC"]
    role = organisation.roles.get()
    assert (role.person, role.title, str(role.started)) == (person, "Chief Executive", "2020")
