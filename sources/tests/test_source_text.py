"""A source's text: pasted or uploaded in the admin (HTML reduced to text); quotes re-checked when it changes."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sources.models import Citation, Source
from sources.tests.factories import CitationFactory, SourceFactory
from sources.text import UnreadableDocument, document_text, html_to_text

HTML = """<!doctype html><html><head><title>Ignored head</title><style>p{color:red}</style></head>
<body><nav>Home | News</nav><h1>NHSX launches</h1><p>NHSX was set up&nbsp;in <b>July</b> 2019.</p>
<script>alert("x")</script><ul><li>First &amp; second</li><li>Third</li></ul></body></html>"""


def test_html_is_reduced_to_its_readable_text_a_line_per_block():
    assert html_to_text(HTML) == "NHSX launches\n\nNHSX was set up in July 2019.\n\nFirst & second\n\nThird"


def test_a_text_file_is_decoded_and_tidied():
    assert document_text("a.TXT", "caf\u00e9\r\nline two\x0c  \n\n\n\nend".encode()) == "café\nline two\n\nend"
    assert document_text("old.txt", "caf\u00e9".encode("cp1252")) == "café"


def test_other_files_are_refused():
    with pytest.raises(UnreadableDocument, match=r"\.txt or \.html"):
        document_text("report.pdf", b"%PDF-1.4")


def _source_form(admin_client, admin_url, source=None, **changes):
    url = reverse("admin:sources_source_add") if source is None else admin_url(source, "change")
    response = admin_client.get(url)
    data = {}
    form = response.context["adminform"].form
    for field in form:
        value = field.value()
        if value not in (None, False):
            data[field.html_name] = value
    data.update(changes)
    return url, data


@pytest.mark.django_db
def test_staff_add_a_source_by_pasting_its_text(admin_client, admin_url):
    url, data = _source_form(
        admin_client, admin_url, title="A press release", slug="a-press-release", kind="press_release",
        text="NHSX was set up in July 2019.", date_as_written="Published 3 July 2019",
    )  # fmt: skip

    response = admin_client.post(url, data)

    assert response.status_code == 302
    source = Source.objects.get(slug="a-press-release")
    assert (source.text, source.date_as_written) == ("NHSX was set up in July 2019.", "Published 3 July 2019")
    assert source.captured_at is not None


@pytest.mark.django_db
def test_staff_add_a_source_by_uploading_an_html_file(admin_client, admin_url):
    url, data = _source_form(admin_client, admin_url, title="A web page", slug="a-web-page", kind="news")
    data["upload"] = SimpleUploadedFile("page.html", HTML.encode(), content_type="text/html")

    response = admin_client.post(url, data)

    assert response.status_code == 302
    text = Source.objects.get(slug="a-web-page").text
    assert "NHSX was set up in July 2019." in text
    assert "alert" not in text
    assert "Home | News" not in text


@pytest.mark.django_db
def test_an_upload_of_another_kind_of_file_is_refused(admin_client, admin_url):
    url, data = _source_form(admin_client, admin_url, title="A PDF", slug="a-pdf", kind="report")
    data["upload"] = SimpleUploadedFile("report.pdf", b"%PDF-1.4")

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Upload a .txt or .html file" in response.text
    assert not Source.objects.filter(slug="a-pdf").exists()


@pytest.mark.django_db
def test_editing_the_text_lists_the_quotes_no_longer_in_it_and_deletes_nothing(admin_client, admin_url):
    source = SourceFactory(text="NHSX was set up in April 2019. It has five missions.")
    kept = CitationFactory(source=source, quote="It has five missions.")
    lost = CitationFactory(source=source, quote="NHSX was set up in April 2019.")
    new_text = "NHSX was set up in July 2019. It has five missions."
    url, data = _source_form(admin_client, admin_url, source, text=new_text)

    response = admin_client.post(url, data)

    assert response.status_code == 302
    source.refresh_from_db()
    assert source.text.startswith("NHSX was set up in July 2019.")
    assert set(Citation.objects.values_list("pk", flat=True)) == {kept.pk, lost.pk}
    (message,) = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert "1 quote citing this source is no longer in its text" in message
    assert f"/admin/sources/citation/{lost.pk}/change/" in message
    assert f"/citation/{kept.pk}/" not in message
    assert source.quotes_not_found() == [lost]


@pytest.mark.django_db
def test_editing_other_fields_leaves_the_capture_time_alone(admin_client, admin_url):
    source = SourceFactory()
    url, data = _source_form(admin_client, admin_url, source, summary="A new summary.")

    admin_client.post(url, data)

    source.refresh_from_db()
    assert (source.summary, source.captured_at) == ("A new summary.", None)
