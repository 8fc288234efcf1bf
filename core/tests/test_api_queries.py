"""Every endpoint costs the same number of queries for a few records as for many."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

LISTS = {
    "/api/organisations/?expand=aliases,citations": 4,
    "/api/people/?expand=citations": 4,
    "/api/programmes/?expand=organisations,missions,topics,citations": 6,
    "/api/missions/?expand=programmes,citations": 4,
    "/api/metrics/?expand=citations": 3,
    "/api/events/?expand=organisations,programmes,people,citations": 6,
    "/api/funding-awards/?expand=citations": 3,
    "/api/funding-streams/?expand=citations": 3,
    "/api/sources/?expand=citations": 3,
    "/api/programmes/": 2,
    "/api/funding-awards/?format=csv": 1,
    "/api/funding-awards/360giving/": 2,
    # A word matching each kind; reading the query against the word list is one query, counting
    # every kind one more (core.search.totals), then a page per kind and three prefetches.
    "/api/search/?q=nhs+digital+award+launch+alex+mission": 12,
}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.content[:300])
    return len(context)


@pytest.mark.parametrize(("url", "expected"), LISTS.items())
def test_a_list_costs_a_fixed_number_of_queries(anonymous_client, build_catalogue, url, expected):
    build_catalogue(copies=1)
    client = anonymous_client()
    few = _queries(client, url)
    build_catalogue(copies=4)

    many = _queries(client, url)

    assert few == many == expected


DETAILS = {
    "organisation": ("/api/organisations/{organisation.slug}/", 6),
    "person": ("/api/people/{person.slug}/", 4),
    "programme": ("/api/programmes/{programme.slug}/", 12),
    "mission": ("/api/missions/{mission.slug}/", 4),
    "metric": ("/api/metrics/{metric.slug}/", 2),
    "event": ("/api/events/{event.slug}/", 5),
    "award": ("/api/funding-awards/{award.pk}/", 3),
    "stream": ("/api/funding-streams/{stream.slug}/", 4),
    "source": ("/api/sources/{source.slug}/", 2),
}


@pytest.mark.parametrize(("url", "expected"), DETAILS.values(), ids=DETAILS.keys())
def test_a_detail_costs_a_fixed_number_of_queries(anonymous_client, build_catalogue, url, expected):
    catalogue = build_catalogue(copies=1)
    build_catalogue(copies=3)
    client = anonymous_client()

    assert _queries(client, url.format(**vars(catalogue))) == expected
