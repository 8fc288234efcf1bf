"""Hostile input everywhere: every API write, every admin add form, every list with a bad query string.

Each text field is sent markup, SQL, odd Unicode, control characters and a 100,000-character
string. The catalogue must never answer 500; it refuses what it cannot store (control
characters, text past a field's limit) with the field named, and stores everything else
verbatim, shown escaped on the record's public page.
"""

from __future__ import annotations

import itertools

import pytest
from django import forms
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from rest_framework import serializers
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from catalogue.api.urls import router
from core.apps import catalogue_app_labels
from organisations.models import Organisation, OrganisationAlias
from programmes.models import Programme
from programmes.tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ACCEPTED = {
    "markup": SCRIPT,
    "sql": "'; DROP TABLE programmes_programme; --",
    "right-to-left-override": "\u202e",
    "combining-accent": "e\u0301",
    "emoji": "😀",
}
REFUSED = {
    "nul": "\x00",
    "escape-sequence": "\x1b[31mred",
    "100000-characters": "x" * 100_000,
}
_slugs = itertools.count()


@pytest.fixture(autouse=True)
def _no_throttle(monkeypatch):
    """The sweep sends hundreds of anonymous requests; the throttle is tested elsewhere."""
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": None})


@pytest.fixture
def catalogue(build_catalogue):
    return build_catalogue()


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser(username="root", email="root@example.org")


@pytest.fixture
def api(superuser) -> APIClient:
    client = APIClient()
    client.force_authenticate(superuser)
    return client


def new_slug() -> str:
    return f"hostile-{next(_slugs)}"


def assert_no_raw_script(response) -> None:
    """Nothing in an HTML answer runs the injected script: it is there escaped or not at all."""
    if "html" in response.get("Content-Type", ""):
        assert SCRIPT not in response.content.decode(), response.request


# API writes ------------------------------------------------------------------------------------


def api_bodies(catalogue) -> dict[str, dict]:
    """The smallest valid body of a POST to each list endpoint."""
    return {
        "organisations": {"name": "Base", "kind": "other"},
        "programmes": {"name": "Base", "summary": "Base."},
        "funding-awards": {
            "title": "Base",
            "amount_gbp": "1000.00",
            "funder": catalogue.funder.slug,
            "recipient_programme": catalogue.programme.slug,
        },
        "funding-streams": {"name": "Base"},
        "missions": {"title": "Base", "order": 1, "organisation": catalogue.organisation.slug, "statement": "Base."},
        "people": {"name": "Base"},
        "events": {"name": "Base"},
        "metrics": {"name": "Base", "value": "5", "unit": "logins", "programme": catalogue.programme.slug},
        "sources": {"title": "Base"},
        "claims": {
            "source": catalogue.source.slug,
            "record_kind": "organisation",
            "record_id": catalogue.organisation.pk,
            "quote": QUOTE_IN_EVERY_SOURCE,
        },
    }


# A sentence every factory source's text holds: a claim's quote must be in its source.
QUOTE_IN_EVERY_SOURCE = "The NHS announced a programme."
# Text that names something, or must be found in a source, rather than describes it: filled in validly.
CONSTRAINED_API_TEXT = {"claims": {"record_slug", "field", "quote"}}


VIEWSETS = {prefix: viewset for prefix, viewset, _ in router.registry}


def api_text_fields(prefix: str, fitting: str | None = None) -> list[str]:
    """The writable free-text fields of an endpoint (not slugs, addresses or choices).

    With ``fitting``, only the fields long enough to hold it (the SQL payload overflows an acronym).
    """
    fields = VIEWSETS[prefix].serializer_class().fields
    return [
        name
        for name, field in fields.items()
        if type(field) is serializers.CharField
        and not field.read_only
        and name not in CONSTRAINED_API_TEXT.get(prefix, set())
        and (fitting is None or field.max_length is None or len(fitting) <= field.max_length)
    ]


def api_body(prefix: str, catalogue, value: str, fields: list[str]) -> dict:
    body = {**api_bodies(catalogue)[prefix], **dict.fromkeys(fields, value)}
    if "slug" in VIEWSETS[prefix].serializer_class().fields:
        body["slug"] = new_slug()
    return body


def test_every_api_write_endpoint_is_swept(catalogue):
    """A new endpoint fails here until it has a body above."""
    assert set(api_bodies(catalogue)) == set(VIEWSETS)
    for prefix in VIEWSETS:
        assert api_text_fields(prefix), prefix


@pytest.mark.parametrize("value", ACCEPTED.values(), ids=ACCEPTED.keys())
@pytest.mark.parametrize("prefix", sorted(VIEWSETS))
def test_the_api_stores_hostile_text_verbatim_and_shows_it_escaped(api, catalogue, prefix, value):
    text_fields = api_text_fields(prefix, fitting=value)
    body = api_body(prefix, catalogue, value, text_fields)

    response = api.post(f"/api/{prefix}/", body, format="json")

    assert response.status_code == 201, response.json()
    created = response.json()
    model = VIEWSETS[prefix].queryset.model
    record = model.objects.get(pk=created["id"]) if "id" in created else model.objects.get(slug=body["slug"])
    for name in text_fields:
        assert getattr(record, name) == value, name
        assert created[name] == value, name
    assert Programme.objects.exists()  # the table the SQL payload names is still there
    if created.get("html_url"):
        page = api.get(created["html_url"])
        assert page.status_code == 200
        assert_no_raw_script(page)
        if value == SCRIPT:
            assert ESCAPED_SCRIPT in page.content.decode()


@pytest.mark.parametrize("value", REFUSED.values(), ids=REFUSED.keys())
@pytest.mark.parametrize("prefix", sorted(VIEWSETS))
def test_the_api_refuses_unstorable_text_naming_every_field(database_snapshot, api, catalogue, prefix, value):
    text_fields = api_text_fields(prefix)
    body = api_body(prefix, catalogue, value, text_fields)
    before = database_snapshot()

    response = api.post(f"/api/{prefix}/", body, format="json")

    assert response.status_code == 400
    assert set(text_fields) <= set(response.json())
    assert database_snapshot() == before


@pytest.mark.parametrize("value", REFUSED.values(), ids=REFUSED.keys())
def test_an_api_update_refuses_unstorable_text_too(api, catalogue, value):
    url = f"/api/programmes/{catalogue.programme.slug}/"

    response = api.patch(url, {"description": value}, format="json")

    assert response.status_code == 400
    assert "description" in response.json()
    catalogue.programme.refresh_from_db()
    assert catalogue.programme.description != value


def test_free_text_is_bounded_even_where_the_database_is_not(api, catalogue):
    """``TextField`` has no limit in the database; the API's is documented in the schema."""
    response = api.patch(f"/api/programmes/{catalogue.programme.slug}/", {"description": "x" * 10_001}, format="json")

    assert response.status_code == 400
    assert "10000" in response.json()["description"][0]
    schema = api.get("/api/schema/?format=json").json()
    assert schema["components"]["schemas"]["ProgrammeRequest"]["properties"]["description"]["maxLength"] == 10_000


def test_line_breaks_and_tabs_are_ordinary_text(api, catalogue):
    text = "First paragraph.\r\n\r\nSecond\tparagraph."

    response = api.patch(f"/api/programmes/{catalogue.programme.slug}/", {"description": text}, format="json")

    assert response.status_code == 200
    catalogue.programme.refresh_from_db()
    assert catalogue.programme.description == text


# Admin add forms -------------------------------------------------------------------------------

ADMIN_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in catalogue_app_labels()),
    key=lambda model: model._meta.label,
)
# Text that names something rather than describes it: filled in validly, not with hostile text.
CONSTRAINED_TEXT = {"sources.Citation": {"field_name", "quote"}}


def admin_extras(model, catalogue) -> dict:
    """What a model's own rules need beyond its required fields (a recipient, a distinct object...)."""
    return {
        "funding.FundingAward": {"recipient_programme": catalogue.programme.pk},
        "organisations.OrganisationRelationship": {"subject": catalogue.funder.pk, "object": catalogue.organisation.pk},
        "programmes.Metric": {"programme": catalogue.programme.pk},
        "programmes.ProgrammeRelationship": {"subject": catalogue.programme.pk, "object": ProgrammeFactory().pk},
        "sources.Citation": {
            "content_type": ContentType.objects.get_for_model(Organisation).pk,
            "object_id": catalogue.organisation.pk,
            "quote": QUOTE_IN_EVERY_SOURCE,
        },
    }.get(model._meta.label, {})


def add_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")


def admin_text_fields(form, model, fitting: str | None = None) -> list[str]:
    """The form's free-text boxes; with ``fitting``, only those long enough to hold it."""
    return [
        name
        for name, field in form.fields.items()
        if type(field) is forms.CharField
        and name != "version_token"
        and name not in CONSTRAINED_TEXT.get(model._meta.label, set())
        and (fitting is None or field.max_length is None or len(fitting) <= field.max_length)
    ]


def admin_form_data(client, model, catalogue, value: str, fitting: bool = False) -> tuple[dict, list[str]]:
    """A valid add form for ``model`` with ``value`` in every free-text field, and those fields' names."""
    response = client.get(add_url(model))
    assert response.status_code == 200
    form = response.context["adminform"].form
    data = {}
    for inline in response.context.get("inline_admin_formsets", []):
        management = inline.formset.management_form
        data.update({management.add_prefix(name): management[name].value() for name in management.fields})
    for name, field in form.fields.items():
        initial = form[name].value()
        if initial not in (None, "", [], False):
            data[name] = initial
        if not field.required or name in data:
            continue
        if isinstance(field, forms.ModelChoiceField):
            data[name] = field.queryset.order_by("pk").first().pk
        elif isinstance(field, forms.SlugField):
            data[name] = new_slug()
        elif isinstance(field, forms.IntegerField | forms.DecimalField):
            data[name] = "1"
        elif isinstance(field, forms.ChoiceField):
            data[name] = next(choice for choice, _ in field.choices if choice)
        else:
            data[name] = "Base"
    data.update(admin_extras(model, catalogue))
    text_fields = admin_text_fields(form, model, fitting=value if fitting else None)
    data.update(dict.fromkeys(text_fields, value))
    return data, text_fields


def test_every_admin_add_form_is_swept():
    assert len(ADMIN_MODELS) == 17


@pytest.mark.parametrize("value", ACCEPTED.values(), ids=ACCEPTED.keys())
@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_an_admin_add_form_stores_hostile_text_verbatim_and_shows_it_escaped(admin_client, catalogue, model, value):
    data, text_fields = admin_form_data(admin_client, model, catalogue, value, fitting=True)
    assert text_fields, model
    known = set(model._default_manager.values_list("pk", flat=True))

    response = admin_client.post(add_url(model), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    record = model._default_manager.exclude(pk__in=known).get()
    for name in text_fields:
        assert getattr(record, name) == value, name
    for url in [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[record.pk]),
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"),
    ]:
        page = admin_client.get(url)
        assert page.status_code == 200, url
        assert_no_raw_script(page)
    if hasattr(record, "get_absolute_url"):
        public = admin_client.get(record.get_absolute_url())
        assert public.status_code == 200
        assert_no_raw_script(public)
        if value == SCRIPT:
            assert ESCAPED_SCRIPT in public.content.decode()


@pytest.mark.parametrize("value", REFUSED.values(), ids=REFUSED.keys())
@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_an_admin_add_form_refuses_unstorable_text_naming_every_field(
    database_snapshot,
    admin_client,
    catalogue,
    model,
    value,
):
    data, text_fields = admin_form_data(admin_client, model, catalogue, value)
    before = database_snapshot()

    response = admin_client.post(add_url(model), data)

    # The admin answers a refused form by showing it again (200) with each field's error.
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    # A source's full text is bounded higher than other free text: a long document is no attack.
    long_enough = {
        name for name in text_fields if (getattr(model._meta.get_field(name), "max_length", None) or 0) >= len(value)
    }
    assert set(text_fields) - long_enough <= set(errors), errors
    assert database_snapshot() == before


def test_an_inline_refuses_a_control_character_too(change_url, form_data, inline_prefix, admin_client, catalogue):
    organisation = catalogue.organisation
    url = change_url(organisation)
    response = admin_client.get(url)
    data = form_data(response)
    prefix = inline_prefix(response, OrganisationAlias)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(total + 1),
            f"{prefix}-{total}-name": "Bell\x07",
            f"{prefix}-{total}-kind": "former",
        }
    )
    aliases = organisation.aliases.count()

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "U+0007" in response.content.decode()
    assert organisation.aliases.count() == aliases


# Hostile query strings ------------------------------------------------------------------------

HTML_LISTS = [
    "/",
    "/timeline/",
    "/discrepancies/",
    "/search/",
    "/sources/",
    "/organisations/",
    "/people/",
    "/programmes/",
    "/missions/",
    "/funding/",
]
API_LISTS = [f"/api/{prefix}/" for prefix in sorted(VIEWSETS)] + ["/api/search/", "/api/funding-awards/360giving/"]
HOSTILE_QUERIES = [
    f"q={SCRIPT}",
    "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "q='; DROP TABLE programmes_programme; --",
    "q=%00",
    "q=%E2%80%AE%F0%9F%98%80",
    "q=" + "x" * 5_000,
    "page=-1",
    "page=0",
    "page=abc",
    "page=99999999",
    "page=99999999999999999999999",
    "page_size=-1",
    "ordering=nonsense",
    f"ordering={SCRIPT}",
    "ordering=-",
    "organisation=no-such-slug",
    f"organisation={SCRIPT}",
    "organisation=%00",
    "funder=no-such-slug",
    "kind=%3Cscript%3E",
    "year=abc",
    "year_min=abc",
    "year_max=99999999999999999999",
    "amount_min=abc",
    "amount_min=1e400",
    "top_level=%00",
    "expand=%3Cscript%3E",
    "limit=abc",
    f"format={SCRIPT}",
    "q=a&q=b&page=1&page=2",
]


def failures(client, urls, **headers) -> list[tuple[str, int]]:
    """The addresses answered with a 500, or with the injected script unescaped in HTML."""
    bad = []
    for url in urls:
        response = client.get(url, **headers)
        if response.status_code >= 500:
            bad.append((url[:120], response.status_code))
        elif "html" in response.get("Content-Type", "") and SCRIPT in response.content.decode():
            bad.append((url[:120], "unescaped script"))
    return bad


@pytest.mark.parametrize("path", HTML_LISTS)
def test_a_list_page_survives_hostile_query_strings(client, catalogue, path):
    assert failures(client, [f"{path}?{query}" for query in HOSTILE_QUERIES]) == []


@pytest.mark.parametrize("path", API_LISTS)
def test_an_api_list_survives_hostile_query_strings(catalogue, path):
    urls = [f"{path}?{query}" for query in HOSTILE_QUERIES]

    assert failures(APIClient(), urls, HTTP_ACCEPT="application/json") == []
    assert failures(APIClient(), urls, HTTP_ACCEPT="text/html") == []  # the browsable API


ADMIN_QUERIES = [
    "q=%00",
    f"q={SCRIPT}",
    "q=" + "x" * 5_000,
    "p=-1",
    "p=abc",
    "p=99999999",
    "o=nonsense",
    "o=99",
    "disputed=%3Cscript%3E",
    "kind__exact=%3Cscript%3E",
    "id__gt=abc",
    "password__startswith=a",
]


@pytest.mark.parametrize("model", ADMIN_MODELS, ids=lambda model: model.__name__)
def test_an_admin_list_survives_hostile_query_strings(admin_client, catalogue, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")

    assert failures(admin_client, [f"{url}?{query}" for query in ADMIN_QUERIES]) == []


UNKNOWN_RECORDS = [
    "no-such-slug",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "%00",
    "%E2%80%AE",
    "99999999999999999999999",
    "-1",
    "x" * 2_000,
]
DETAIL_PATHS = [
    "/organisations/{}/",
    "/people/{}/",
    "/programmes/{}/",
    "/missions/{}/",
    "/events/{}/",
    "/sources/{}/",
    "/funding/{}/",
    *[f"/api/{prefix}/{{}}/" for prefix in sorted(VIEWSETS)],
]


def test_an_unknown_record_is_a_404_whatever_its_address(client, catalogue):
    answers = {(path, lookup): client.get(path.format(lookup)) for path in DETAIL_PATHS for lookup in UNKNOWN_RECORDS}

    assert {key[0][:60] + key[1][:20]: r.status_code for key, r in answers.items() if r.status_code != 404} == {}
    for response in answers.values():
        assert_no_raw_script(response)


def test_a_write_to_an_unknown_record_is_a_404(api, catalogue):
    statuses = {
        (prefix, lookup[:20]): api.patch(f"/api/{prefix}/{lookup}/", {"name": "x"}, format="json").status_code
        for prefix in ("programmes", "funding-awards")
        for lookup in UNKNOWN_RECORDS
    }

    assert {key: status for key, status in statuses.items() if status != 404} == {}


# Deeply nested JSON ----------------------------------------------------------------------------


def nested(depth: int) -> str:
    """``{"username": [[[...]]]}`` with ``depth`` levels of lists, as raw JSON text."""
    return '{"username": ' + "[" * depth + "]" * depth + ', "password": "x"}'


@pytest.mark.parametrize("depth", [25, 1_000, 100_000])
def test_deeply_nested_json_to_the_token_endpoint_is_a_json_400(depth):
    response = APIClient().post("/api/auth/token/", nested(depth), content_type="application/json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "deeper than 20 levels" in response.json()["detail"]


@pytest.mark.parametrize("prefix", sorted(VIEWSETS))
def test_deeply_nested_json_to_every_api_write_is_a_json_400_and_changes_nothing(
    database_snapshot,
    api,
    catalogue,
    prefix,
):
    before = database_snapshot()

    response = api.post(f"/api/{prefix}/", nested(1_000), content_type="application/json")

    assert response.status_code == 400
    assert "deeper than 20 levels" in response.json()["detail"]
    assert database_snapshot() == before


def test_a_deep_patch_of_a_record_is_a_json_400_and_changes_nothing(api, catalogue):
    body = '{"name": ' + '{"a": ' * 3_000 + "1" + "}" * 3_000 + "}"

    response = api.patch(f"/api/programmes/{catalogue.programme.slug}/", body, content_type="application/json")

    assert response.status_code == 400
    assert "deeper than 20 levels" in response.json()["detail"]
    assert Programme.objects.get(pk=catalogue.programme.pk).name == catalogue.programme.name


def test_json_nested_within_the_limit_is_parsed_as_usual():
    response = APIClient().post("/api/auth/token/", nested(10), content_type="application/json")

    assert response.status_code == 400
    assert "username" in response.json()  # the serializer's own complaint: not a string


# Empty and partial partial dates ---------------------------------------------------------------

PARTIAL_DATE_FIELDS = [
    ("programmes", "programme", "announced"),
    ("programmes", "programme", "target"),
    ("events", "event", "date"),
    ("organisations", "organisation", "founded"),
    ("funding-awards", "award", "announced"),
    ("metrics", "metric", "as_of"),
    ("sources", "source", "published"),
]


@pytest.mark.parametrize("value", [{}, {"month": 5}, {"qualifier": "by"}, {"year": None}])
@pytest.mark.parametrize(("prefix", "record", "field"), PARTIAL_DATE_FIELDS)
def test_a_partial_date_without_a_year_is_a_400_naming_the_year(
    database_snapshot,
    api,
    catalogue,
    prefix,
    record,
    field,
    value,
):
    instance = getattr(catalogue, record)
    lookup = instance.pk if prefix == "funding-awards" else instance.slug
    stored = getattr(type(instance).objects.get(pk=instance.pk), field)
    before = database_snapshot()

    response = api.patch(f"/api/{prefix}/{lookup}/", {field: value}, format="json")

    assert response.status_code == 400, response.content
    assert "year" in response.json()[field]
    assert database_snapshot() == before
    assert getattr(type(instance).objects.get(pk=instance.pk), field) == stored


def test_an_empty_date_on_create_is_a_400_too(api, catalogue):
    body = {**api_bodies(catalogue)["programmes"], "announced": {}}

    response = api.post("/api/programmes/", body, format="json")

    assert response.status_code == 400
    assert "year" in response.json()["announced"]
