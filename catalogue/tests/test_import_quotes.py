"""import_catalogue checks every claim's quote against its source's text in the file, as the admin and API do."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from sources.models import Citation, Source
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def _export(tmp_path):
    path = tmp_path / "export.json"
    call_command("export_catalogue", str(path), stdout=io.StringIO())
    return path, json.loads(path.read_text("utf-8"))


def test_an_import_refuses_a_quote_not_in_its_source_showing_the_closest_passage(tmp_path):
    citation = CitationFactory(source=SourceFactory(text="NHSX was set up in July 2019."), quote="set up in July 2019")
    path, document = _export(tmp_path)
    for row in document["objects"]:
        if row["model"] == "sources.citation":
            row["fields"]["quote"] = "set up in June 2019"
    path.write_text(json.dumps(document), "utf-8")

    with pytest.raises(CommandError) as error:
        call_command("import_catalogue", str(path), "--replace", stdout=io.StringIO())

    assert f"sources.citation pk={citation.pk}" in str(error.value)
    assert "closest passage of the source is: “set up in July 2019.”" in str(error.value)
    assert Citation.objects.get().quote == "set up in July 2019"


def test_an_import_accepts_typographic_differences(tmp_path):
    source = SourceFactory(text="the UK\u2019s \u201cdigital unit\u201d")
    CitationFactory(source=source, quote="the UK's \"digital unit\"")
    path, _ = _export(tmp_path)

    call_command("import_catalogue", str(path), "--replace", stdout=io.StringIO())

    assert Citation.objects.get().quote == "the UK's \"digital unit\""
    assert Source.objects.get().text == "the UK\u2019s \u201cdigital unit\u201d"
