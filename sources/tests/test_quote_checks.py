"""Quotes are checked when a claim is saved: in the admin (inline and on its own) and by the model's clean()."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from organisations.tests.factories import OrganisationFactory
from sources.models import Citation
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "NHSX, the digital unit of the UK\u2019s National Health Service, was set up in July 2019.\n"
    "It has five missions."
)


def _inline_data(admin_client, change_url, form_data, inline_prefix, record, **claim):
    response = admin_client.get(change_url(record))
    data = form_data(response)
    prefix = inline_prefix(response, Citation)
    total = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
    data.update({f"{prefix}-{total}-{name}": value for name, value in claim.items()})
    return data


def test_the_inline_refuses_a_quote_not_in_the_source_and_shows_the_closest_passage(
    admin_client, change_url, form_data, inline_prefix
):
    organisation, source = OrganisationFactory(), SourceFactory(title="Computer Weekly", text=TEXT)
    data = _inline_data(
        admin_client, change_url, form_data, inline_prefix, organisation,
        source=source.pk, field_name="founded", claimed_value="July 2019", quote="was set up in June 2019",
    )  # fmt: skip

    response = admin_client.post(change_url(organisation), data)

    assert response.status_code == 200
    assert "This quote is not in “Computer Weekly”" in response.text
    assert "closest passage of the source is: “was set up in July 2019.”" in response.text
    assert not organisation.citations.exists()


def test_the_inline_accepts_straight_quotes_and_extra_whitespace(admin_client, change_url, form_data, inline_prefix):
    organisation, source = OrganisationFactory(), SourceFactory(text=TEXT)
    data = _inline_data(
        admin_client, change_url, form_data, inline_prefix, organisation,
        source=source.pk, field_name="founded", claimed_value="July 2019",
        quote="the UK's National  Health Service, was set up in July 2019.\n It has",
    )  # fmt: skip

    response = admin_client.post(change_url(organisation), data)

    assert response.status_code == 302
    assert organisation.citations.get().claimed_value == "July 2019"


def test_a_source_with_no_text_cannot_be_cited_and_the_editor_is_told_why(
    admin_client, change_url, form_data, inline_prefix
):
    organisation, source = OrganisationFactory(), SourceFactory(title="A blog post", text="")
    data = _inline_data(
        admin_client, change_url, form_data, inline_prefix, organisation, source=source.pk, quote="Anything at all."
    )

    response = admin_client.post(change_url(organisation), data)

    assert response.status_code == 200
    assert "“A blog post” has no text yet" in response.text
    assert not Citation.objects.exists()


def test_a_claim_left_unchanged_does_not_block_saving_its_record_after_its_source_changed(
    admin_client, change_url, form_data
):
    organisation = OrganisationFactory()
    stale = CitationFactory(record=organisation, source=SourceFactory(text="Other words entirely."), in_source=False)
    data = form_data(admin_client.get(change_url(organisation)))
    data["description"] = "Edited."

    response = admin_client.post(change_url(organisation), data)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.description == "Edited."
    assert Citation.objects.get().quote == stale.quote


def test_the_citation_admin_refuses_a_changed_quote_not_in_the_source(admin_client, admin_url, form_data):
    citation = CitationFactory(source=SourceFactory(text=TEXT), quote="It has five missions.")
    data = form_data(admin_client.get(admin_url(citation, "change")))
    data["quote"] = "It has six missions."

    response = admin_client.post(admin_url(citation, "change"), data)

    assert response.status_code == 200
    assert "closest passage of the source is: “It has five missions.”" in response.text
    citation.refresh_from_db()
    assert citation.quote == "It has five missions."


def test_the_citation_admin_adds_a_claim_whose_quote_is_in_the_source(admin_client, admin_url):
    organisation, source = OrganisationFactory(), SourceFactory(text=TEXT)
    data = {
        "source": source.pk,
        "content_type": ContentType.objects.get_for_model(organisation).pk,
        "object_id": organisation.pk,
        "field_name": "founded",
        "claimed_value": "July 2019",
        "qualifier": "stated",
        "rank": "normal",
        "quote": "was set up in July 2019",
        "as_of_qualifier": "",
    }

    response = admin_client.post(admin_url(Citation, "add"), data)

    assert response.status_code == 302
    assert Citation.objects.get().quote == "was set up in July 2019"


def test_clean_checks_a_new_claim_and_a_changed_quote_but_not_an_unchanged_one():
    source = SourceFactory(text=TEXT)
    new = Citation(record=OrganisationFactory(), source=source, quote="It has seven missions.")
    with pytest.raises(ValidationError) as error:
        new.full_clean()
    assert "It has five missions." in error.value.message_dict["quote"][0]

    stored = CitationFactory(source=SourceFactory(text="Other words."), quote="Not there.", in_source=False)
    stored = Citation.objects.get(pk=stored.pk)
    stored.full_clean()  # unchanged: the review queue lists it, saving the record is not blocked
    stored.source = source
    with pytest.raises(ValidationError):
        stored.full_clean()
