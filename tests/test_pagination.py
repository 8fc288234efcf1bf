"""Pages beyond the first are fetched by key, in order, with their related rows, in a fixed number of queries."""

import pytest
from django.urls import reverse

from core.querysets import DeferredJoinPaginator
from programmes.models import Programme
from programmes.tests.factories import ProgrammeFactory, ProgrammeOrganisationFactory

pytestmark = pytest.mark.django_db


def test_a_later_page_holds_the_same_rows_in_the_same_order_as_a_plain_slice():
    for index in range(23):
        ProgrammeFactory(name=f"Programme {index % 7}")  # repeated names: the order must still be stable
    queryset = Programme.objects.for_listing().order_by("name", "pk")

    page = DeferredJoinPaginator(queryset, 5).page(3)

    assert [p.pk for p in page.object_list] == [p.pk for p in queryset[10:15]]
    assert page.has_next()
    assert page.has_previous()


def test_the_last_page_takes_the_orphans():
    ProgrammeFactory.create_batch(12)

    page = DeferredJoinPaginator(Programme.objects.order_by("pk"), 5, orphans=2).page(2)

    assert len(page.object_list) == 7


def test_a_later_page_keeps_the_prefetched_relations(django_assert_num_queries):
    for _ in range(6):
        ProgrammeOrganisationFactory()
    page = DeferredJoinPaginator(Programme.objects.for_listing(), 4).page(2)

    with django_assert_num_queries(0):
        assert all(list(p.organisation_roles.all()) for p in page.object_list)


def test_the_last_page_of_the_api_costs_one_query_more_than_the_first_whatever_its_number(
    client, django_assert_num_queries
):
    ProgrammeFactory.create_batch(60)
    expected = list(Programme.objects.order_by("name").values_list("name", flat=True)[50:60])

    with django_assert_num_queries(2):  # count, page
        first = client.get("/api/programmes/", {"page_size": 10})
    with django_assert_num_queries(3):  # count, the page's keys, its rows
        last = client.get("/api/programmes/", {"page_size": 10, "page": 6})

    assert first.status_code == last.status_code == 200
    assert [row["name"] for row in last.json()["results"]] == expected
    assert last.json()["next"] is None


def test_a_later_page_of_the_html_list_shows_the_right_programmes(client):
    ProgrammeFactory.create_batch(30)
    expected = list(Programme.objects.order_by("name").values_list("name", flat=True)[25:30])

    response = client.get(reverse("programmes:programme-list"), {"page": 2})

    assert [p.name for p in response.context["programmes"]] == expected
