"""The admin of organisations, aliases, relationships, people and roles."""

import pytest

from organisations.models import Organisation, OrganisationAlias, Role
from organisations.tests.factories import (
    OrganisationAliasFactory,
    OrganisationFactory,
    PersonFactory,
)

pytestmark = pytest.mark.django_db


def test_it_shows_the_cycle_error_when_an_organisation_would_become_its_own_ancestor(
    admin_url, form_data, admin_client
):
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


def test_it_refuses_to_make_an_organisation_its_own_parent(admin_url, form_data, admin_client):
    organisation = OrganisationFactory()
    data = form_data(admin_client.get(admin_url(organisation, "change")))
    data["parent"] = organisation.pk

    response = admin_client.post(admin_url(organisation, "change"), data)

    assert response.status_code == 200
    assert "parent" in response.context["adminform"].form.errors
    organisation.refresh_from_db()
    assert organisation.parent is None


def test_it_finds_an_organisation_by_its_former_name(admin_url, admin_client):
    nhs_digital = OrganisationFactory(name="NHS Digital")
    OrganisationAliasFactory(organisation=nhs_digital, name="Health and Social Care Information Centre")
    OrganisationAliasFactory(organisation=nhs_digital, name="HSCIC")
    OrganisationFactory(name="NHSX")

    response = admin_client.get(admin_url(Organisation, "changelist"), {"q": "HSCIC"})

    assert list(response.context["cl"].result_list) == [nhs_digital]


def test_it_shows_the_founding_date_as_written_on_the_change_form(admin_url, admin_client):
    organisation = OrganisationFactory(founded_year=2019, founded_month=4, founded_qualifier="about")

    response = admin_client.get(admin_url(organisation, "change"))

    assert "about April 2019" in response.content.decode()


def test_it_saves_an_alias_and_a_role_added_inline(admin_url, form_data, admin_client):
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
