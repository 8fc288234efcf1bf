"""Forgiving search (``core.search``): each kind of forgiveness, ranking, "Did you mean", and the index kept in step."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from catalogue.search import did_you_mean, search_catalogue
from core.models import SearchDocument, SearchWord
from funding.models import FundingAward
from funding.tests.factories import FundingAwardFactory
from organisations.models import Organisation, Person
from organisations.tests.factories import OrganisationAliasFactory, OrganisationFactory, PersonFactory, RoleFactory
from programmes.models import Programme
from programmes.tests.factories import ProgrammeAliasFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def names(queryset) -> list[str]:
    return [record.name for record in queryset]


def test_a_misspelt_word_finds_the_record():
    programme = ProgrammeFactory(name="Artificial Intelligence in Imaging")
    ProgrammeFactory(name="Cardiac devices")

    assert list(Programme.objects.search("artifical intelligence")) == [programme]


def test_a_plural_finds_the_singular_and_the_singular_the_plural():
    lab = OrganisationFactory(name="NHS AI Lab")
    hubs = ProgrammeFactory(name="Digital Innovation Hubs")

    assert list(Organisation.objects.search("AI labs")) == [lab]
    assert list(Programme.objects.search("innovation hub")) == [hubs]


def test_case_hyphens_and_spacing_are_forgiven():
    nhsx = OrganisationFactory(name="NHSX")
    hdr = OrganisationFactory(name="Health Data Research UK", acronym="HDR UK")
    icaird = ProgrammeFactory(name="Industrial Centre for AI Research in Digital Diagnostics")
    ProgrammeAliasFactory(programme=icaird, name="i-CAIRD")

    assert list(Organisation.objects.search("NHS-X")) == [nhsx]
    assert list(Organisation.objects.search("nhsx")) == [nhsx]
    assert list(Organisation.objects.search("HDRUK")) == [hdr]
    assert list(Organisation.objects.search("hdr uk")) == [hdr]
    assert list(Programme.objects.search("iCAIRD")) == [icaird]


def test_an_amount_finds_the_award_however_it_is_written():
    award = FundingAwardFactory(title="Money for the lab", amount_gbp=Decimal("250000000.00"))
    FundingAwardFactory(title="Other money", amount_gbp=Decimal("25000000.00"))

    for written in ("£250m", "£250 million", "£250,000,000"):
        assert list(FundingAward.objects.search(written)) == [award], written


def test_records_matching_every_word_rank_before_those_matching_fewer():
    one = ProgrammeFactory(name="Lab funding round", summary="Money.")
    all_words = ProgrammeFactory(name="NHS AI Lab funding", summary="Money.")
    three = ProgrammeFactory(name="NHS AI funding pilots", summary="Pilots.")

    assert list(Programme.objects.search("nhs ai lab funding")) == [all_words, three, one]


def test_a_word_found_in_a_name_ranks_before_the_same_word_found_in_a_description():
    described = ProgrammeFactory(name="Records", summary="Links to the imaging network.")
    named = ProgrammeFactory(name="Imaging network", summary="Scans.")

    assert list(Programme.objects.search("imaging")) == [named, described]


def test_a_record_matches_and_ranks_by_its_own_document_not_another_kinds_with_the_same_key():
    programme = ProgrammeFactory(name="Cardiac devices", summary="Scans.")
    organisation = OrganisationFactory(name="Imaging network")
    # Line the keys up: an organisation's document must not be read as the programme's.
    Organisation.objects.filter(pk=organisation.pk).update(id=programme.pk)
    SearchDocument.objects.filter(model="organisations.organisation", object_id=organisation.pk).update(
        object_id=programme.pk
    )

    assert list(Programme.objects.search("imaging")) == []
    assert list(Programme.objects.search("cardiac")) == [programme]
    assert [o.pk for o in Organisation.objects.search("imaging")] == [programme.pk]


def test_a_searched_list_can_be_filtered_counted_reordered_and_used_as_a_subquery():
    named = ProgrammeFactory(name="Imaging network", kind="project")
    described = ProgrammeFactory(name="Records", summary="Links to the imaging network.", kind="programme")
    ProgrammeFactory(name="Cardiac devices")
    found = Programme.objects.search("imaging")

    assert found.count() == 2
    assert list(found.filter(kind="project")) == [named]
    assert list(found.order_by("-name")) == [described, named]
    assert set(Programme.objects.filter(pk__in=found.values("pk"))) == {named, described}
    first, second = found
    assert (first, second) == (named, described)
    assert first.search_rank > second.search_rank


def test_a_query_of_words_that_occur_nowhere_finds_nothing():
    ProgrammeFactory(name="NHS App")

    assert list(Programme.objects.search("xyzzyq")) == []


def test_did_you_mean_offers_a_respelling_that_finds_something_when_nothing_matched(client):
    PersonFactory(name="Indra Joshi")

    assert search_catalogue("Joshee") == []
    assert did_you_mean("Joshee") == "joshi"
    html = client.get("/search/", {"q": "Joshee"}).content.decode()
    assert 'Did you mean <a href="/search/?q=joshi">joshi</a>?' in html


def test_did_you_mean_is_empty_when_no_known_word_is_near(client):
    PersonFactory(name="Indra Joshi")

    assert did_you_mean("qqqqqq") == ""
    assert "Did you mean" not in client.get("/search/", {"q": "qqqqqq"}).content.decode()


def test_the_api_says_did_you_mean_and_documents_it(anonymous_client):
    PersonFactory(name="Indra Joshi")
    client = anonymous_client()

    assert client.get("/api/search/", {"q": "Joshee"}).json()["did_you_mean"] == "joshi"
    assert client.get("/api/search/", {"q": "Joshi"}).json()["did_you_mean"] == ""
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "did_you_mean" in schema["components"]["schemas"]["SearchResults"]["properties"]


def test_the_search_page_the_list_filter_and_the_api_agree(client, anonymous_client):
    for name in ("NHS AI Lab funding", "AI Lab", "Funding round", "Unrelated"):
        ProgrammeFactory(name=name)
    expected = names(Programme.objects.search("ai lab funding"))

    page = search_catalogue("ai lab funding")
    listed = client.get("/programmes/", {"q": "ai lab funding"}).context["page_obj"].object_list
    api = anonymous_client().get("/api/programmes/", {"search": "ai lab funding"}).json()["results"]

    assert expected == ["NHS AI Lab funding", "AI Lab", "Funding round"]
    assert [hit.title for group in page for hit in group.hits if group.kind == "programmes"] == expected
    assert sorted(names(listed)) == sorted(expected)
    assert sorted(row["name"] for row in api) == sorted(expected)


# The index kept in step ---------------------------------------------------------------------


def test_a_new_record_is_found_at_once_and_an_edit_moves_it():
    programme = ProgrammeFactory(name="Telehealth pilot")
    assert list(Programme.objects.search("telehealth")) == [programme]

    programme.name = "Virtual wards"
    programme.save()

    assert list(Programme.objects.search("telehealth")) == []
    assert list(Programme.objects.search("virtual ward")) == [programme]


def test_a_deleted_record_leaves_no_document():
    organisation = OrganisationFactory(name="Short-lived Agency")
    organisation.delete()

    assert list(Organisation.objects.search("short-lived")) == []
    assert not SearchDocument.objects.filter(model="organisations.organisation", object_id=organisation.pk).exists()


def test_an_alias_or_role_change_updates_its_owner():
    organisation = OrganisationFactory(name="NHS Digital")
    alias = OrganisationAliasFactory(organisation=organisation, name="HSCIC")
    person = PersonFactory(name="Sarah Wilkinson")
    RoleFactory(person=person, title="Chief Executive")

    assert list(Organisation.objects.search("hscic")) == [organisation]
    assert list(Person.objects.search("chief executive")) == [person]
    alias.delete()
    assert list(Organisation.objects.search("hscic")) == []


def test_refresh_search_index_rebuilds_documents_lost_or_stale():
    programme = ProgrammeFactory(name="Telehealth pilot")
    SearchDocument.objects.all().delete()
    Programme.objects.filter(pk=programme.pk).update(name="Virtual wards")  # no signal

    call_command("refresh_search_index", stdout=StringIO())

    assert list(Programme.objects.search("virtual wards")) == [programme]
    assert list(Programme.objects.search("telehealth")) == []
    # The rebuild set the index's triggers aside and put them back: new records are found at once.
    newer = ProgrammeFactory(name="Ambient voice")
    assert list(Programme.objects.search("ambient voice")) == [newer]


def test_a_full_rebuild_writes_what_refreshing_each_record_alone_writes(real_catalogue, db):
    from core.search import refresh_documents, searchable_models

    def documents():
        return sorted(SearchDocument.objects.values_list("model", "object_id", "names", "body"))

    def words():
        return sorted(SearchWord.objects.values_list("word", flat=True))

    rebuilt, rebuilt_words = documents(), words()  # load_catalogue ends with a full rebuild
    SearchDocument.objects.all().delete()
    SearchWord.objects.all().delete()
    for model in searchable_models():
        for pk in model.objects.values_list("pk", flat=True):
            refresh_documents(model, [pk])

    assert documents() == rebuilt
    assert words() == rebuilt_words
    for model in searchable_models():  # every record has exactly one document
        documented = [object_id for label, object_id, *_ in rebuilt if label == model._meta.label_lower]
        assert documented == sorted(model.objects.values_list("pk", flat=True)), model
        assert documented or model.__name__ in {"FundingStream", "Metric"}


def test_import_catalogue_rebuilds_the_index(tmp_path):
    programme = ProgrammeFactory(name="Telehealth pilot")
    call_command("export_catalogue", str(tmp_path / "export.json"), stdout=StringIO())
    SearchDocument.objects.all().delete()

    call_command("import_catalogue", str(tmp_path / "export.json"), "--replace", stdout=StringIO())

    assert names(Programme.objects.search("telehealth")) == [programme.name]


def test_generate_synthetic_and_its_purge_keep_the_index_in_step():
    call_command("generate_synthetic", "--programmes", "5", "--seed", "1", stdout=StringIO())
    synthetic = Programme.objects.filter(slug__startswith="syn-")
    documents = SearchDocument.objects.filter(model="programmes.programme")

    def documented():
        return set(documents.values_list("object_id", flat=True))

    assert len(synthetic) == 5
    assert documented() == set(Programme.objects.values_list("pk", flat=True))  # the synthetic ones and any other
    first = synthetic.order_by("pk").first()
    assert first in Programme.objects.search(first.name)[:5]

    call_command("generate_synthetic", "--purge", stdout=StringIO())
    assert documented() == set(Programme.objects.values_list("pk", flat=True))
    assert not documented() & {first.pk}
