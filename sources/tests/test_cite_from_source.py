"""Citing from a source in the admin: find the passage, choose the record, state the claim, save in one step."""

import pytest
from django.urls import reverse

from organisations.tests.factories import OrganisationFactory
from programmes.tests.factories import ProgrammeFactory
from sources.models import Citation
from sources.tests.factories import SourceFactory

pytestmark = pytest.mark.django_db

TEXT = (
    "NHS AI Lab news\n\nThe NHS AI Lab was announced in August 2019. It will spend \u00a3250 million.\n"
    "NHSX will run the AI Lab."
)


def cite_url(source) -> str:
    return reverse("admin:sources_source_cite", args=[source.pk])


def test_a_source_page_links_to_citing_from_it(admin_client, admin_url):
    source = SourceFactory()

    response = admin_client.get(admin_url(source, "change"))

    assert f'href="{cite_url(source)}"' in response.text


def test_it_finds_the_sentences_holding_the_words_with_a_link_to_quote_each(admin_client):
    source = SourceFactory(text=TEXT)

    response = admin_client.get(cite_url(source), {"q": "ai lab"})

    assert response.status_code == 200
    passages = [passage for passage, _ in response.context["passages"]]
    assert passages == ["NHS AI Lab news", "The NHS AI Lab was announced in August 2019.", "NHSX will run the AI Lab."]
    assert "quote=The+NHS+AI+Lab+was+announced" in response.context["passages"][1][1]


def test_it_finds_records_of_every_kind_by_name(admin_client):
    source = SourceFactory(text=TEXT)
    programme = ProgrammeFactory(name="NHS AI Lab programme")
    organisation = OrganisationFactory(name="NHS AI Lab")
    OrganisationFactory(name="Unrelated")

    response = admin_client.get(cite_url(source), {"record_q": "AI Lab", "quote": "It will spend"})

    found = {(row.kind, row.record) for row, _ in response.context["records"]}
    assert found == {("programme", programme), ("organisation", organisation)}
    link = {row.record: url for row, url in response.context["records"]}[programme]
    assert f"record=programme%3A{programme.pk}" in link
    assert "quote=It+will+spend" in link


def test_it_saves_the_claim_in_one_step_with_the_quote_checked(admin_client):
    source, programme = SourceFactory(text=TEXT), ProgrammeFactory()
    url = cite_url(source) + f"?record=programme:{programme.pk}&quote=announced+in+August+2019"
    form = admin_client.get(url).context["form"]
    assert form.initial["quote"] == "announced in August 2019"

    response = admin_client.post(
        url,
        {
            "record": f"programme:{programme.pk}", "field_name": "announced", "claimed_value": "August 2019",
            "qualifier": "stated", "as_of_qualifier": "", "rank": "normal", "quote": "announced in August 2019",
        },
    )  # fmt: skip

    assert response.status_code == 302
    claim = Citation.objects.get()
    assert (claim.source, claim.record, claim.field_name, claim.claimed_value) == (
        source, programme, "announced", "August 2019",
    )  # fmt: skip


def test_a_quote_not_in_the_text_is_refused_with_the_closest_passage(admin_client):
    source, programme = SourceFactory(text=TEXT), ProgrammeFactory()

    response = admin_client.post(
        cite_url(source),
        {"record": f"programme:{programme.pk}", "rank": "normal", "quote": "It will spend £25 million."},
    )

    assert response.status_code == 400
    assert "closest passage of the source is: “It will spend £250 million.”" in response.text
    assert not Citation.objects.exists()


def test_a_field_the_record_lacks_is_refused(admin_client):
    source, programme = SourceFactory(text=TEXT), ProgrammeFactory()

    response = admin_client.post(
        cite_url(source), {"record": f"programme:{programme.pk}", "field_name": "salary", "quote": "NHSX will run"}
    )

    assert response.status_code == 400
    assert not Citation.objects.exists()


def test_a_source_with_no_text_says_to_add_it_first(admin_client):
    response = admin_client.get(cite_url(SourceFactory(text="")))

    assert "This source has no text yet" in response.text


def test_it_needs_the_permission_to_add_claims(client, user_with):
    client.force_login(user_with("view_source", "change_source"))

    response = client.get(cite_url(SourceFactory()))

    assert response.status_code == 403
