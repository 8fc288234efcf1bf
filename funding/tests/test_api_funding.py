"""The funding award endpoints: exact amounts, ids, the model's rules, CSV."""

import csv
import io
from decimal import Decimal

import pytest

from funding.models import FundingAward

pytestmark = pytest.mark.django_db


def test_amounts_are_exact_decimal_strings_with_qualifier_and_period(anonymous_client, build_catalogue):
    catalogue = build_catalogue()

    body = anonymous_client().get(f"/api/funding-awards/{catalogue.part.pk}/").json()

    assert body["amount_gbp"] == "140000000.50"
    assert body["currency"] == "GBP"
    assert body["amount_qualifier"] == "exact"
    assert body["period"] == "one_off"
    assert body["display_amount"] == "£140,000,000.50"
    assert body["part_of"]["id"] == catalogue.award.pk


def test_awards_are_addressed_by_id(anonymous_client):
    assert anonymous_client().get("/api/funding-awards/not-a-number/").status_code == 404
    assert anonymous_client().get("/api/funding-awards/99999999999999999999999/").status_code == 404


def test_it_creates_an_award_with_an_exact_amount(build_catalogue, token_client, user_with):
    catalogue = build_catalogue()
    body = {
        "title": "AI Award",
        "amount_gbp": "140000000.01",
        "period": "over_years",
        "period_years": 3,
        "funder": catalogue.funder.slug,
        "recipient_programme": catalogue.programme.slug,
        "announced": {"year": 2019, "month": 6, "day": 3},
    }

    response = token_client(user_with("add_fundingaward")).post("/api/funding-awards/", body, format="json")

    assert response.status_code == 201, response.json()
    award = FundingAward.objects.get(pk=response.json()["id"])
    assert award.amount_gbp == Decimal("140000000.01")
    assert award.display_amount == "£140,000,000.01 over 3 years"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"period": "over_years"}, "non_field_errors"),
        ({"period_years": 3}, "non_field_errors"),
        ({"amount_gbp": "-1.00"}, "amount_gbp"),
        ({"amount_gbp": "1000000000000.00"}, "amount_gbp"),
        ({"amount_gbp": 5}, "amount_gbp"),
        ({"announced": {"year": 2019, "day": 4}}, "announced"),
        ({"part_of": 0}, "part_of"),
    ],
)
def test_it_refuses_an_award_breaking_a_rule_naming_the_field(
    build_catalogue,
    database_snapshot,
    token_client,
    user_with,
    change,
    field,
):
    catalogue = build_catalogue()
    before = database_snapshot()

    response = token_client(user_with("change_fundingaward")).patch(
        f"/api/funding-awards/{catalogue.award.pk}/", change, format="json"
    )

    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert database_snapshot() == before


def test_an_award_cannot_be_counted_inside_its_own_part(build_catalogue, token_client, user_with):
    catalogue = build_catalogue()

    response = token_client(user_with("change_fundingaward")).patch(
        f"/api/funding-awards/{catalogue.award.pk}/", {"part_of": catalogue.part.pk}, format="json"
    )

    assert response.status_code == 400
    assert "part_of" in response.json()


def test_deleting_an_award_with_parts_is_a_409(build_catalogue, token_client, user_with):
    catalogue = build_catalogue()

    response = token_client(user_with("delete_fundingaward")).delete(f"/api/funding-awards/{catalogue.award.pk}/")

    assert response.status_code == 409
    assert len(response.json()["referenced_by"]) == 1
    assert FundingAward.objects.filter(pk=catalogue.award.pk).exists()


def test_the_list_exports_as_csv_with_flattened_columns(anonymous_client, build_catalogue):
    build_catalogue(copies=2)

    response = anonymous_client().get("/api/funding-awards/?format=csv&ordering=amount")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="fundingaward.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 4  # the whole list, not a page
    assert rows[0]["amount_gbp"] == "140000000.50"
    assert rows[0]["funder.slug"]
    assert rows[0]["announced.iso"] == "2020-03-16"
    assert rows[0]["api_url"].endswith("/")  # no ?format=csv carried into links


def test_it_filters_by_funder_recipient_and_amount(anonymous_client, build_catalogue):
    catalogue = build_catalogue(copies=2)
    client = anonymous_client()

    assert client.get(f"/api/funding-awards/?funder={catalogue.funder.slug}").json()["count"] == 2
    assert client.get(f"/api/funding-awards/?recipient={catalogue.programme.slug}").json()["count"] == 1
    assert client.get("/api/funding-awards/?amount_min=200000000").json()["count"] == 2
