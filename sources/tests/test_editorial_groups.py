"""The editorial groups: a contributor adds and changes sources and claims; an editor may also rank and delete."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from programmes.tests.factories import ProgrammeFactory
from sources.groups import CONTRIBUTOR, EDITOR
from sources.models import Citation, ClaimRank
from sources.tests.factories import CitationFactory, SourceFactory

pytestmark = pytest.mark.django_db

QUOTE = "The NHS AI Lab was announced in 2019."


@pytest.fixture
def member(django_user_model):
    """A staff member of one of the editorial groups."""

    def make(group: str):
        user = django_user_model.objects.create_user(username=group.lower(), is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def _body(source, **changes) -> dict:
    programme = ProgrammeFactory(slug="ai-lab")
    return {
        "source": source.slug,
        "record_kind": "programme",
        "record_id": programme.pk,
        "field": "announced",
        "claimed_value": "2019",
        "quote": QUOTE,
        **changes,
    }


def test_the_groups_exist_after_migrate_with_their_permissions():
    contributor = set(Group.objects.get(name=CONTRIBUTOR).permissions.values_list("codename", flat=True))
    editor = set(Group.objects.get(name=EDITOR).permissions.values_list("codename", flat=True))

    assert {"add_source", "change_source", "add_citation", "change_citation"} <= contributor
    assert not {"delete_source", "delete_citation", "rank_citation"} & contributor
    assert contributor | {"delete_source", "delete_citation", "rank_citation"} == editor


def test_a_contributor_adds_a_claim_through_the_api_ranked_normal(member, token_client):
    source = SourceFactory(text=QUOTE)

    response = token_client(member(CONTRIBUTOR)).post("/api/claims/", _body(source), format="json")

    assert response.status_code == 201, response.json()
    assert Citation.objects.get().rank == ClaimRank.NORMAL


def test_a_contributor_may_not_rank_a_claim_or_delete_one(member, token_client):
    source = SourceFactory(text=QUOTE)
    client = token_client(member(CONTRIBUTOR))
    existing = CitationFactory(source=source, quote=QUOTE)

    preferred = _body(source, rank="preferred", rank_reason="The body says so.")
    ranked = client.post("/api/claims/", preferred, format="json")
    reranked = client.patch(
        f"/api/claims/{existing.pk}/", {"rank": "deprecated", "rank_reason": "A misnomer."}, format="json"
    )
    deleted = client.delete(f"/api/claims/{existing.pk}/")

    assert (ranked.status_code, reranked.status_code, deleted.status_code) == (403, 403, 403)
    assert "editor" in ranked.json()["detail"]
    existing.refresh_from_db()
    assert existing.rank == ClaimRank.NORMAL
    assert Citation.objects.count() == 1


def test_an_editor_ranks_and_deletes_claims(member, token_client):
    source = SourceFactory(text=QUOTE)
    client = token_client(member(EDITOR))
    existing = CitationFactory(source=source, quote=QUOTE)

    ranked = client.patch(f"/api/claims/{existing.pk}/", {"rank": "preferred", "rank_reason": "Dated."}, format="json")
    existing.refresh_from_db()
    deleted = client.delete(f"/api/claims/{existing.pk}/")

    assert (ranked.status_code, existing.rank) == (200, ClaimRank.PREFERRED)
    assert deleted.status_code == 204
    assert not Citation.objects.exists()


def test_the_admin_shows_a_contributor_the_rank_read_only_and_an_editor_a_field(member, client):
    claim = CitationFactory(quote=QUOTE, source=SourceFactory(text=QUOTE))
    url = reverse("admin:sources_citation_change", args=[claim.pk])

    client.force_login(member(CONTRIBUTOR))
    as_contributor = client.get(url)
    client.force_login(member(EDITOR))
    as_editor = client.get(url)

    assert as_contributor.status_code == as_editor.status_code == 200
    assert "rank" not in as_contributor.context["adminform"].form.fields
    assert "rank" in as_editor.context["adminform"].form.fields
