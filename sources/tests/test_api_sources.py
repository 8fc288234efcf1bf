"""/api/sources/: a source's detail carries its text (read-only); a list never loads it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from sources.models import Source
from sources.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

TEXT = "NHSX was set up in July 2019.\nThe NHS AI Lab will spend \u00a3250 million over three years."
TEXT_FIELDS = {"text", "date_as_written", "captured_at"}


def test_a_detail_carries_the_text_and_where_it_came_from(anonymous_client):
    source = SourceFactory(text=TEXT, date_as_written="Published 8 August 2019")

    response = anonymous_client().get(f"/api/sources/{source.slug}/")

    assert response.status_code == 200
    body = response.json()
    assert body["text"] == TEXT
    assert body["date_as_written"] == "Published 8 August 2019"
    assert "captured_at" in body


def test_a_list_neither_shows_nor_loads_the_text(anonymous_client):
    SourceFactory(text=TEXT)

    with CaptureQueriesContext(connection) as queries:
        response = anonymous_client().get("/api/sources/?expand=citations")

    assert response.status_code == 200
    (row,) = response.json()["results"]
    assert not TEXT_FIELDS & set(row)
    column = f'"{Source._meta.db_table}"."text"'
    assert not [query["sql"] for query in queries.captured_queries if column in query["sql"]]


def test_the_text_is_read_only_through_the_api(user_with, token_client):
    source = SourceFactory(text=TEXT)
    client = token_client(user_with("change_source"))
    etag = client.get(f"/api/sources/{source.slug}/")["ETag"]

    response = client.patch(
        f"/api/sources/{source.slug}/", {"text": "Something else.", "summary": "New"}, format="json", HTTP_IF_MATCH=etag
    )

    assert response.status_code == 200, response.json()
    source.refresh_from_db()
    assert (source.text, source.summary) == (TEXT, "New")


def test_the_schema_documents_the_text_on_the_detail_only():
    components = APIClient().get("/api/schema/?format=json").json()["components"]["schemas"]

    text = components["Source"]["properties"]["text"]
    assert text["readOnly"] is True
    assert "full text" in text["description"]
    assert not TEXT_FIELDS & set(components["SourceList"]["properties"])
    assert not TEXT_FIELDS & set(components.get("SourceRequest", {}).get("properties", {}))
