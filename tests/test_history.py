"""Edit history in the admin: who changed what and when, restoring a version, deletions, inline edits."""

import pytest
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from core.apps import catalogue_app_labels
from organisations.models import Organisation
from organisations.tests.factories import OrganisationFactory
from programmes.tests.factories import EventFactory, ProgrammeFactory, TopicFactory
from sources.models import Citation
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db



@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Signing in is not under test here; PBKDF2 would spend most of each test's time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def rename_in_admin(change_url, form_data):
    """Rename an organisation through its admin change form, as an editor would."""

    def rename(client, organisation, name: str) -> None:
        data = form_data(client.get(change_url(organisation)))
        data["name"] = name
        response = client.post(change_url(organisation), data)
        assert response.status_code == 302, response.context["adminform"].form.errors

    return rename


def test_every_catalogue_model_has_a_history_admin():
    registered = {model for model in admin.site._registry if model._meta.app_label in catalogue_app_labels()}

    assert len(registered) == 17
    for model in registered:
        assert isinstance(admin.site._registry[model], SimpleHistoryAdmin), model
        assert hasattr(model, "history"), model


def test_an_edit_through_the_admin_records_who_made_it(rename_in_admin, admin_client, admin_user):
    organisation = OrganisationFactory(name="NHSX")

    rename_in_admin(admin_client, organisation, "NHS Transformation Directorate")

    organisation.refresh_from_db()
    assert organisation.name == "NHS Transformation Directorate"
    latest = organisation.history.first()
    assert (latest.history_type, latest.history_user, latest.name) == ("~", admin_user, organisation.name)
    assert organisation.history.count() == 2


def test_the_history_page_lists_the_edit_with_its_author_and_changed_field(
    rename_in_admin,
    history_url,
    admin_client,
    admin_user,
):
    organisation = OrganisationFactory(name="NHSX")
    rename_in_admin(admin_client, organisation, "NHS Transformation Directorate")

    response = admin_client.get(history_url(organisation))

    assert response.status_code == 200
    records = list(response.context["page_obj"])
    assert [record.history_type for record in records] == ["~", "+"]
    assert [change["field"] for change in records[0].history_delta_changes] == ["Name"]
    content = response.content.decode()
    for text in [admin_user.username, "NHSX", "NHS Transformation Directorate"]:
        assert text in content


def test_restoring_an_earlier_version_brings_back_its_values_and_is_itself_recorded(
    rename_in_admin,
    form_data,
    revert_url,
    admin_client,
    admin_user,
):
    organisation = OrganisationFactory(name="Health and Social Care Information Centre", acronym="HSCIC")
    original = organisation.history.get()
    rename_in_admin(admin_client, organisation, "NHS Digital")

    response = admin_client.get(revert_url(organisation, original))
    assert response.status_code == 200
    data = form_data(response)
    assert data["name"] == "Health and Social Care Information Centre"
    response = admin_client.post(revert_url(organisation, original), data)

    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Health and Social Care Information Centre"
    assert organisation.history.count() == 3
    restore = organisation.history.first()
    assert (restore.history_type, restore.history_user) == ("~", admin_user)
    assert restore.history_change_reason == f"Restored version {original.history_id}"


def test_the_revert_page_shows_the_old_value_without_changing_anything(rename_in_admin, revert_url, admin_client):
    organisation = OrganisationFactory(name="NHSX")
    original = organisation.history.get()
    rename_in_admin(admin_client, organisation, "NHS Transformation Directorate")

    response = admin_client.get(revert_url(organisation, original))

    assert response.status_code == 200
    assert 'value="NHSX"' in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.name == "NHS Transformation Directorate"
    assert organisation.history.count() == 2


def test_deleting_through_the_admin_leaves_a_deletion_record(admin_client, admin_user):
    organisation = OrganisationFactory(name="Public Health England")
    pk = organisation.pk
    url = reverse("admin:organisations_organisation_delete", args=[pk])

    response = admin_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=pk).exists()
    deletion = Organisation.history.filter(id=pk).first()
    assert (deletion.history_type, deletion.history_user, deletion.name) == ("-", admin_user, "Public Health England")


def test_the_history_page_of_a_deleted_record_still_opens(history_url, admin_client):
    organisation = OrganisationFactory()
    admin_client.post(reverse("admin:organisations_organisation_delete", args=[organisation.pk]), {"post": "yes"})

    response = admin_client.get(history_url(organisation))

    assert response.status_code == 200
    assert [record.history_type for record in response.context["page_obj"]] == ["-", "+"]


def test_a_citation_added_inline_is_recorded_in_citation_history_with_its_author(
    change_url,
    form_data,
    inline_prefix,
    admin_client,
    admin_user,
):
    organisation = OrganisationFactory()
    source = SourceFactory(text="It was founded in April 2019.")
    response = admin_client.get(change_url(organisation))
    data = form_data(response)
    prefix = inline_prefix(response, Citation)
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-source": source.pk,
            f"{prefix}-0-field_name": "founded",
            f"{prefix}-0-claimed_value": "April 2019",
            f"{prefix}-0-quote": "It was founded in April 2019.",
        }
    )

    response = admin_client.post(change_url(organisation), data)

    assert response.status_code == 302
    citation = organisation.citations.get()
    assert (citation.source, citation.field_name, citation.claimed_value) == (source, "founded", "April 2019")
    record = citation.history.get()
    assert (record.history_type, record.history_user) == ("+", admin_user)


def test_a_citation_edited_and_deleted_inline_is_recorded_in_citation_history(
    change_url,
    form_data,
    admin_client,
    admin_user,
):
    organisation = OrganisationFactory()
    edited = CitationFactory(record=organisation, claimed_value="2019")
    deleted = CitationFactory(record=organisation)
    response = admin_client.get(change_url(organisation))
    data = form_data(response)
    formset = next(
        inline.formset for inline in response.context["inline_admin_formsets"] if inline.formset.model is Citation
    )
    forms = {form.instance.pk: form for form in formset.forms}
    data[forms[edited.pk].add_prefix("claimed_value")] = "2018"
    data[forms[deleted.pk].add_prefix("DELETE")] = "on"

    response = admin_client.post(change_url(organisation), data)

    assert response.status_code == 302
    edited.refresh_from_db()
    assert edited.claimed_value == "2018"
    assert not Citation.objects.filter(pk=deleted.pk).exists()
    assert [(r.history_type, r.history_user) for r in edited.history.all()] == [("~", admin_user), ("+", None)]
    assert Citation.history.filter(id=deleted.pk).first().history_type == "-"


def test_a_citation_naming_a_field_the_record_lacks_is_refused_inline(
    change_url,
    form_data,
    inline_prefix,
    admin_client,
):
    organisation = OrganisationFactory()
    response = admin_client.get(change_url(organisation))
    data = form_data(response)
    prefix = inline_prefix(response, Citation)
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-source": SourceFactory(text="Quoted.").pk,
            f"{prefix}-0-field_name": "no_such_field",
            f"{prefix}-0-quote": "Quoted.",
        }
    )

    response = admin_client.post(change_url(organisation), data)

    assert response.status_code == 200
    assert not organisation.citations.exists()
    assert not Citation.history.exists()


def test_the_history_of_a_programme_shows_topic_changes(change_url, form_data, history_url, admin_client, admin_user):
    programme = ProgrammeFactory()
    topic = TopicFactory(name="Medical imaging")
    data = form_data(admin_client.get(change_url(programme)))
    data["topics"] = [topic.pk]

    response = admin_client.post(change_url(programme), data)

    assert response.status_code == 302
    latest = programme.history.first()
    assert latest.history_user == admin_user
    assert [row.topic_id for row in latest.topics.all()] == [topic.pk]
    response = admin_client.get(history_url(programme))
    assert "topics" in [change["field"].lower() for change in response.context["page_obj"][0].history_delta_changes]


def test_the_history_of_an_event_opens_with_its_participants_recorded(history_url, admin_client):
    event = EventFactory(organisations=[OrganisationFactory()])

    response = admin_client.get(history_url(event))

    assert response.status_code == 200
