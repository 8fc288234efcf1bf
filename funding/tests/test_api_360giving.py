"""Funding awards as a 360Giving data package, checked against the standard's JSON schema."""

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest

from funding.api.serializers import GRANT_ID_PREFIX
from funding.tests.factories import FundingAwardFactory

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "schema_360giving.json").read_text())
URL = "/api/funding-awards/360giving/"


def test_the_package_is_valid_360giving(anonymous_client, build_catalogue):
    build_catalogue(copies=2)

    response = anonymous_client().get(URL)

    assert response.status_code == 200
    package = response.json()
    jsonschema.validate(package, SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)
    assert len(package["grants"]) == 4


def test_a_grant_carries_the_award(anonymous_client, build_catalogue):
    catalogue = build_catalogue()

    grants = {grant["id"]: grant for grant in anonymous_client().get(URL).json()["grants"]}

    grant = grants[f"{GRANT_ID_PREFIX}{catalogue.award.pk}"]
    assert grant["currency"] == "GBP"
    assert grant["amountAwarded"] == 250000000
    assert grant["awardDate"] == "2020-03-15"
    assert grant["fundingOrganization"] == [
        {"id": f"{GRANT_ID_PREFIX}org-{catalogue.funder.slug}", "name": catalogue.funder.name}
    ]
    # The recipient programme is represented by its lead organisation.
    assert grant["recipientOrganization"][0]["name"] == catalogue.organisation.name
    assert grant["grantProgramme"] == [{"code": catalogue.stream.slug, "title": catalogue.stream.name}]
    part = grants[f"{GRANT_ID_PREFIX}{catalogue.part.pk}"]
    assert part["amountAwarded"] == 140000000.5
    assert part["relatedActivity"] == [grant["id"]]


def test_an_award_dated_only_to_the_year_is_excluded_with_the_reason_not_given_an_invented_day(
    anonymous_client,
    build_catalogue,
):
    catalogue = build_catalogue()
    undated = FundingAwardFactory(
        funder=catalogue.funder,
        recipient_organisation=catalogue.organisation,
        recipient_programme=None,
        announced_year=2019,
    )

    package = anonymous_client().get(URL).json()

    assert f"{GRANT_ID_PREFIX}{undated.pk}" not in {grant["id"] for grant in package["grants"]}
    excluded = {entry["id"]: entry["reasons"] for entry in package["excluded"]}
    assert "awardDate" in excluded[undated.pk][0]
    jsonschema.validate(package, SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def test_matched_funding_and_awards_without_a_funder_are_excluded(anonymous_client, build_catalogue):
    catalogue = build_catalogue()
    match = FundingAwardFactory(
        is_expected_match=True, announced_month=1, announced_day=2, recipient_programme=catalogue.programme
    )
    anonymous = FundingAwardFactory(
        funder=None,
        funder_description="industry",
        announced_month=1,
        announced_day=2,
        recipient_programme=catalogue.programme,
    )

    excluded = {entry["id"] for entry in anonymous_client().get(URL).json()["excluded"]}

    assert {match.pk, anonymous.pk} <= excluded


def test_a_qualified_amount_says_so_in_the_description(anonymous_client, build_catalogue):
    catalogue = build_catalogue()
    award = FundingAwardFactory(
        funder=catalogue.funder,
        recipient_programme=catalogue.programme,
        amount_gbp=Decimal("1000000000"),
        amount_qualifier="more_than",
        period="per_year",
        announced_month=1,
        announced_day=7,
    )

    grants = {grant["id"]: grant for grant in anonymous_client().get(URL).json()["grants"]}

    assert "more than £1 billion a year" in grants[f"{GRANT_ID_PREFIX}{award.pk}"]["description"]


def test_the_package_takes_the_list_filters(anonymous_client, build_catalogue):
    catalogue = build_catalogue(copies=2)

    package = anonymous_client().get(f"{URL}?funder={catalogue.funder.slug}").json()

    assert {grant["fundingOrganization"][0]["name"] for grant in package["grants"]} == {catalogue.funder.name}


def test_the_package_costs_a_fixed_number_of_queries(anonymous_client, build_catalogue, django_assert_max_num_queries):
    build_catalogue(copies=5)
    client = anonymous_client()

    with django_assert_max_num_queries(3):
        assert client.get(URL).status_code == 200
