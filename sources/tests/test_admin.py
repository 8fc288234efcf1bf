"""The admin of sources and citations: pages, permissions, query counts, disputed fields."""

import pytest

from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from sources.admin import DISPUTED_FIELDSET_TITLE
from sources.models import Citation
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_it_lists_every_claim_of_a_disputed_field_with_its_source_on_the_change_form(admin_url, admin_client):
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


def test_it_says_when_no_field_is_disputed(admin_url, admin_client):
    organisation = OrganisationFactory()
    CitationFactory.create_batch(2, record=organisation, field_name="founded", claimed_value="April 2019")

    response = admin_client.get(admin_url(organisation, "change"))

    assert "None: no two sources claim different values" in response.content.decode()


def test_its_disputed_filter_lists_only_records_whose_sources_disagree(admin_url, admin_client):
    disputed, agreed = OrganisationFactory(), OrganisationFactory()
    CitationFactory(record=disputed, field_name="name", claimed_value="NHSX")
    CitationFactory(record=disputed, field_name="name", claimed_value="NHS X")
    CitationFactory(record=agreed, field_name="name", claimed_value="NHS Digital")

    response = admin_client.get(admin_url(Organisation, "changelist"), {"disputed": "yes"})

    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [disputed]


def test_its_citation_filter_lists_only_claims_another_source_contradicts(admin_url, admin_client):
    organisation = OrganisationFactory()
    first = CitationFactory(record=organisation, field_name="name", claimed_value="NHSX")
    second = CitationFactory(record=organisation, field_name="name", claimed_value="NHS X")
    CitationFactory(record=organisation)

    response = admin_client.get(admin_url(Citation, "changelist"), {"disputed": "yes"})

    assert set(response.context["cl"].result_list) == {first, second}


def test_it_finds_citations_by_the_title_of_their_source(admin_url, admin_client):
    wanted = CitationFactory(source=SourceFactory(title="Topol Review"))
    CitationFactory()

    response = admin_client.get(admin_url(Citation, "changelist"), {"q": "topol"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_it_shows_a_sources_publication_date_as_written(admin_url, admin_client):
    source = SourceFactory(published_year=2019, published_month=4, published_day=None)

    response = admin_client.get(admin_url(source, "change"))

    assert "April 2019" in response.content.decode()
