"""Funding awards in schema.org terms, from their API serializer (``core.jsonld``)."""

from __future__ import annotations

from decimal import Decimal

from core.jsonld import reference, serialized
from core.models import AmountQualifier
from funding.api.serializers import FundingAwardSerializer
from funding.models import FundingAward
from organisations.jsonld import ORGANISATION_PAGE
from programmes.jsonld import PROGRAMME_PAGE
from sources.jsonld import cited_page


def monetary_amount(data: dict) -> dict:
    """The award's amount as a MonetaryAmount: an exact or approximate ``value``, or the bound
    (``minValue``, ``maxValue``) a qualified figure gives, and the amount as the source states it."""
    amount = Decimal(data["amount_gbp"])
    value = int(amount) if amount == amount.to_integral_value() else float(amount)
    bound = {
        AmountQualifier.MORE_THAN: "minValue",
        AmountQualifier.AT_LEAST: "minValue",
        AmountQualifier.UP_TO: "maxValue",
    }.get(data["amount_qualifier"], "value")
    return {
        "@type": "MonetaryAmount",
        "currency": data["currency"],
        bound: value,
        "description": data["display_amount"],
    }


def award_json_ld(award: FundingAward, request) -> dict:
    """A funding award as a MonetaryGrant: its amount, funder and what it funds (all joined in on its page)."""
    data = serialized(
        FundingAwardSerializer,
        award,
        request,
        ["html_url", "title", "description", "amount_gbp", "currency", "amount_qualifier", "display_amount", "funder",
         "funder_description", "recipient_programme", "recipient_organisation", "citations"],
    )
    funder = reference(request, "Organization", data["funder"], ORGANISATION_PAGE)
    if funder is None and data["funder_description"]:
        funder = {"@type": "Organization", "name": data["funder_description"]}
    funded = [
        reference(request, "Project", data["recipient_programme"], PROGRAMME_PAGE),
        reference(request, "Organization", data["recipient_organisation"], ORGANISATION_PAGE),
    ]
    return cited_page(
        "MonetaryGrant",
        data,
        request,
        name=data["title"],
        description=data["description"],
        amount=monetary_amount(data),
        funder=funder,
        fundedItem=[item for item in funded if item],
    )
