"""The admin of topics, programmes, aliases, programme organisations, missions, metrics and events."""

import pytest

from organisations.tests.factories import OrganisationFactory
from programmes.models import Programme, ProgrammeOrganisation
from programmes.tests.factories import (
    ProgrammeAliasFactory,
    ProgrammeFactory,
    ProgrammeOrganisationFactory,
)

pytestmark = pytest.mark.django_db


def test_it_shows_the_lead_organisations_in_the_programme_list(admin_url, admin_client):
    programme = ProgrammeFactory()
    ProgrammeOrganisationFactory(programme=programme, organisation=OrganisationFactory(name="NHSX"))
    ProgrammeOrganisationFactory(programme=programme, role="partner", organisation=OrganisationFactory(name="PHE"))

    response = admin_client.get(admin_url(Programme, "changelist"))

    content = response.content.decode()
    assert "NHSX" in content
    assert "PHE" not in content


def test_it_finds_a_programme_by_its_alias(admin_url, admin_client):
    wanted = ProgrammeAliasFactory(name="Digital Innovation Hub Programme").programme
    ProgrammeFactory()

    response = admin_client.get(admin_url(Programme, "changelist"), {"q": "innovation hub"})

    assert list(response.context["cl"].result_list) == [wanted]


def test_it_saves_an_organisation_added_to_a_programme_inline(admin_url, form_data, inline_prefix, admin_client):
    programme = ProgrammeFactory()
    organisation = OrganisationFactory()
    response = admin_client.get(admin_url(programme, "change"))
    data = form_data(response)
    prefix = inline_prefix(response, ProgrammeOrganisation)
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-organisation": organisation.pk, f"{prefix}-0-role": "lead"})

    response = admin_client.post(admin_url(programme, "change"), data)

    assert response.status_code == 302
    assert programme.leads() == [organisation]


def test_it_shows_a_target_date_with_its_qualifier(admin_url, admin_client):
    programme = ProgrammeFactory(target_year=2024, target_month=None, target_qualifier="by")

    response = admin_client.get(admin_url(programme, "change"))

    assert "by 2024" in response.content.decode()
