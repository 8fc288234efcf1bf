"""The admin of funding streams and awards."""

from decimal import Decimal

import pytest

from funding.models import FundingAward
from funding.tests.factories import FundingAwardFactory

pytestmark = pytest.mark.django_db


def test_it_shows_the_amount_as_a_reader_would_say_it(admin_url, admin_client):
    FundingAwardFactory(amount_gbp=Decimal("250000000"), amount_qualifier="more_than", period="per_year")

    response = admin_client.get(admin_url(FundingAward, "changelist"))

    assert "more than £250 million a year" in response.content.decode()


def test_it_refuses_an_award_counted_inside_itself(admin_url, form_data, admin_client):
    outer = FundingAwardFactory()
    inner = FundingAwardFactory(part_of=outer)
    data = form_data(admin_client.get(admin_url(outer, "change")))
    data["part_of"] = inner.pk

    response = admin_client.post(admin_url(outer, "change"), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["part_of"] == ["An award cannot be counted inside itself."]
    outer.refresh_from_db()
    assert outer.part_of is None
