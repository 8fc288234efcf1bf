"""The admin of sources and citations: pages, permissions, query counts, disputed fields."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from sources.admin import DISPUTED_FIELDSET_TITLE
from sources.models import Citation, Source
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Signing in is not under test here; PBKDF2 would spend most of each test's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


FACTORIES = {Source: SourceFactory, Citation: CitationFactory}
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
    FACTORIES[model]()
    changelist_query_count(admin_client, model)  # warms the content-type cache and the session
    one_row = changelist_query_count(admin_client, model)
    FACTORIES[model].create_batch(9)

    ten_rows = changelist_query_count(admin_client, model)

    assert model.objects.count() == 10
    assert ten_rows == one_row


def test_it_registers_every_model_of_the_app():
    models = [m for m in apps.get_app_config("sources").get_models() if not m.__name__.startswith("Historical")]

    assert all(admin.site.is_registered(model) for model in models)


def test_it_lists_every_claim_of_a_disputed_field_with_its_source_on_the_change_form(admin_client):
    organisation = OrganisationFactory()
    CitationFactory(
        record=organisation,
        field_name="founded",
        claimed_value="April 2019",
        source=SourceFactory(title="Department of Health press release"),
        quote="NHSX was set up in April 2019.",
    )
    CitationFactory(
        record=organisation,
        field_name="founded",
        claimed_value="July 2019",
        source=SourceFactory(title="Digital Health news"),
        quote="NHSX, launched in July 2019, ...",
    )

    response = admin_client.get(admin_url(organisation, "change"))

    assert response.status_code == 200
    content = response.content.decode()
    section = content[content.index(DISPUTED_FIELDSET_TITLE) :]
    for text in ["founded", "April 2019", "July 2019", "Department of Health press release", "Digital Health news"]:
        assert text in section


def test_it_says_when_no_field_is_disputed(admin_client):
    organisation = OrganisationFactory()
    CitationFactory.create_batch(2, record=organisation, field_name="founded", claimed_value="April 2019")

    response = admin_client.get(admin_url(organisation, "change"))

    assert "None: no two sources claim different values" in response.content.decode()


def test_its_disputed_filter_lists_only_records_whose_sources_disagree(admin_client):
    disputed, agreed = OrganisationFactory(), OrganisationFactory()
    CitationFactory(record=disputed, field_name="name", claimed_value="NHSX")
    CitationFactory(record=disputed, field_name="name", claimed_value="NHS X")
    CitationFactory(record=agreed, field_name="name", claimed_value="NHS Digital")

    response = admin_client.get(admin_url(Organisation, "changelist"), {"disputed": "yes"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [disputed]


def test_its_citation_filter_lists_only_claims_another_source_contradicts(admin_client):
    organisation = OrganisationFactory()
    first = CitationFactory(record=organisation, field_name="name", claimed_value="NHSX")
    second = CitationFactory(record=organisation, field_name="name", claimed_value="NHS X")
    CitationFactory(record=organisation)

    response = admin_client.get(admin_url(Citation, "changelist"), {"disputed": "yes"})

    assert set(response.context["cl"].result_list) == {first, second}


def test_it_finds_citations_by_the_title_of_their_source(admin_client):
    wanted = CitationFactory(source=SourceFactory(title="Topol Review"))
    CitationFactory()

    response = admin_client.get(admin_url(Citation, "changelist"), {"q": "topol"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_it_shows_a_sources_publication_date_as_written(admin_client):
    source = SourceFactory(published_year=2019, published_month=4, published_day=None)

    response = admin_client.get(admin_url(source, "change"))

    assert "April 2019" in response.content.decode()
