"""Funding awards and streams in the API. Amounts are exact decimals, written and read as strings."""

from collections.abc import Callable

from django.db.models import Prefetch, QuerySet
from rest_framework import serializers

from core.api.serializers import (
    ApiUrlField,
    ExpandableSerializer,
    LinkField,
    PartialDateSerializer,
    expandable,
)
from funding.models import FundingAward, FundingStream
from organisations.models import Organisation
from programmes.models import Programme, ProgrammeOrganisation
from sources.api.serializers import CitationSerializer, CitedModelSerializer

_AWARD = ApiUrlField(view_name="api:fundingaward-detail")
_STREAM = ApiUrlField(view_name="api:fundingstream-detail", lookup_field="slug")


class FundingAwardSerializer(CitedModelSerializer):
    """A funding award in full: amount with qualifier and period, funder, recipient, parts, citations."""

    api_url = _AWARD
    funder = LinkField("api:organisation-detail", queryset=Organisation.objects.all(), required=False, allow_null=True)
    recipient_programme = LinkField(
        "api:programme-detail", queryset=Programme.objects.all(), required=False, allow_null=True
    )
    recipient_organisation = LinkField(
        "api:organisation-detail", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    stream = LinkField(
        "api:fundingstream-detail", queryset=FundingStream.objects.all(), required=False, allow_null=True
    )
    part_of = LinkField(
        "api:fundingaward-detail",
        lookup_field="pk",
        queryset=FundingAward.objects.all(),
        required=False,
        allow_null=True,
        help_text="Id of a larger award this amount is counted inside.",
    )
    announced = PartialDateSerializer()
    display_amount = serializers.CharField(
        read_only=True, help_text='As a reader would say it: "more than £1,000,000,000 a year".'
    )
    currency = serializers.SerializerMethodField(help_text="Always GBP.")
    parts = LinkField("api:fundingaward-detail", lookup_field="pk", many=True, read_only=True)

    class Meta:
        model = FundingAward
        fields = [
            "api_url",
            "html_url",
            "id",
            "title",
            "description",
            "amount_gbp",
            "currency",
            "amount_qualifier",
            "period",
            "period_years",
            "display_amount",
            "funder",
            "funder_description",
            "recipient_programme",
            "recipient_organisation",
            "stream",
            "part_of",
            "is_expected_match",
            "announced",
            "parts",
            "citations",
            "claims",
            "disputed_fields",
        ]

    def get_currency(self, obj) -> str:
        return "GBP"


class FundingAwardListSerializer(ExpandableSerializer, FundingAwardSerializer):
    """An award in a list; ``expand=citations`` adds citations."""

    funder = LinkField("api:organisation-detail", read_only=True, allow_null=True)
    recipient_programme = LinkField("api:programme-detail", read_only=True, allow_null=True)
    recipient_organisation = LinkField("api:organisation-detail", read_only=True, allow_null=True)
    stream = LinkField("api:fundingstream-detail", read_only=True, allow_null=True)
    part_of = LinkField("api:fundingaward-detail", lookup_field="pk", read_only=True, allow_null=True)
    announced = PartialDateSerializer(read_only=True)
    citations = expandable(CitationSerializer(many=True))
    claims = expandable(serializers.SerializerMethodField())
    disputed_fields = expandable(serializers.SerializerMethodField())

    class Meta(FundingAwardSerializer.Meta):
        fields = [name for name in FundingAwardSerializer.Meta.fields if name not in {"description", "parts"}]
        read_only_fields = fields
        expansions = {"citations": ["citations", "claims", "disputed_fields"]}


class FundingStreamSerializer(CitedModelSerializer):
    """A funding stream in full: its parent and sub-streams, administrator, awards and citations."""

    api_url = _STREAM
    parent = LinkField(
        "api:fundingstream-detail", queryset=FundingStream.objects.all(), required=False, allow_null=True
    )
    administered_by = LinkField(
        "api:organisation-detail", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    programme = LinkField(
        "api:programme-detail",
        queryset=Programme.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the programme this fund also is.",
    )
    children = LinkField("api:fundingstream-detail", many=True, read_only=True)
    awards = LinkField("api:fundingaward-detail", lookup_field="pk", many=True, read_only=True)

    class Meta:
        model = FundingStream
        fields = [
            "api_url",
            "html_url",
            "slug",
            "name",
            "parent",
            "administered_by",
            "programme",
            "description",
            "children",
            "awards",
            "citations",
            "claims",
            "disputed_fields",
        ]


class FundingStreamListSerializer(ExpandableSerializer, CitedModelSerializer):
    """A funding stream in a list; ``expand=citations`` adds citations."""

    api_url = _STREAM
    parent = LinkField("api:fundingstream-detail", read_only=True, allow_null=True)
    administered_by = LinkField("api:organisation-detail", read_only=True, allow_null=True)
    citations = expandable(CitationSerializer(many=True))
    claims = expandable(serializers.SerializerMethodField())
    disputed_fields = expandable(serializers.SerializerMethodField())

    class Meta:
        model = FundingStream
        fields = [
            "api_url",
            "html_url",
            "slug",
            "name",
            "parent",
            "administered_by",
            "description",
            "citations",
            "claims",
            "disputed_fields",
        ]
        read_only_fields = fields
        expansions = {"citations": ["citations", "claims", "disputed_fields"]}


# --- 360Giving Data Standard -------------------------------------------------------------

GRANT_ID_PREFIX = "360G-nhsdigitalcatalogue-"
"""Prefix of every 360Giving identifier this catalogue mints (grants and organisations without an
org-id). 360Giving issues registered prefixes; replace this one when the catalogue is registered."""


def _organization(organisation: Organisation) -> dict:
    return {"id": f"{GRANT_ID_PREFIX}org-{organisation.slug}", "name": organisation.name}


def grant_problems(award: FundingAward) -> list[str]:
    """Why the award cannot be published as a valid 360Giving grant (empty when it can). No query."""
    problems = []
    if award.is_expected_match:
        problems.append("Matched funding expected from others, not an award made.")
    if award.funder is None:
        problems.append("No funding organisation is named (360Giving requires fundingOrganization).")
    if not _recipients(award):
        problems.append("No recipient organisation, nor a lead organisation of the recipient programme.")
    if award.announced is None or award.announced.precision != "day":
        problems.append("The award date is not known to the day (360Giving's awardDate needs YYYY-MM-DD).")
    return problems


def _recipients(award: FundingAward) -> list[Organisation]:
    if award.recipient_organisation is not None:
        return [award.recipient_organisation]
    if award.recipient_programme is not None:
        return award.recipient_programme.leads()
    return []


def as_360giving_grant(award: FundingAward, absolute_url: Callable[[str], str] | None = None) -> dict:
    """The award as a 360Giving grant; call only when :func:`grant_problems` is empty. No query.

    Needs ``funder``, ``recipient_*``, ``stream``, ``part_of`` joined in and the recipient
    programme's ``organisation_roles`` prefetched (:func:`threesixtygiving_awards`).
    ``absolute_url`` turns the award's path into the address published (the path itself without it).
    """
    description = award.description or award.title
    if award.amount_qualifier != "exact":
        description += f" (The amount is stated as {award.display_amount}.)"
    elif award.period != "one_off":
        description += f" ({award.display_amount}.)"
    url = award.get_absolute_url()
    grant = {
        "id": f"{GRANT_ID_PREFIX}{award.pk}",
        "title": award.title,
        "description": description,
        "currency": "GBP",
        "amountAwarded": float(award.amount_gbp) if award.amount_gbp % 1 else int(award.amount_gbp),
        "awardDate": award.announced.iso(),
        "recipientOrganization": [_organization(organisation) for organisation in _recipients(award)],
        "fundingOrganization": [_organization(award.funder)],
        "url": absolute_url(url) if absolute_url else url,
    }
    if award.stream is not None:
        grant["grantProgramme"] = [{"code": award.stream.slug, "title": award.stream.name}]
    if award.period == "over_years" and award.period_years:
        grant["plannedDates"] = [{"duration": str(award.period_years * 12)}]
    if award.part_of_id is not None:
        grant["relatedActivity"] = [f"{GRANT_ID_PREFIX}{award.part_of_id}"]
    return grant


def threesixtygiving_awards(awards: QuerySet) -> QuerySet:
    """``awards`` with what :func:`as_360giving_grant` reads: two queries when evaluated."""
    return awards.select_related(
        "funder", "recipient_programme", "recipient_organisation", "stream", "part_of"
    ).prefetch_related(
        Prefetch(
            "recipient_programme__organisation_roles",
            queryset=ProgrammeOrganisation.objects.select_related("organisation"),
        )
    )


def as_360giving_package(awards: QuerySet, absolute_url: Callable[[str], str] | None = None) -> dict:
    """``{"grants": [...], "excluded": [{"id", "url", "reasons"}]}`` for ``awards`` (two queries).

    Awards that cannot make a valid grant (no named funder, no recipient organisation, a date
    not known to the day, matched funding only expected) are listed under ``excluded`` with the
    reasons (:func:`grant_problems`) rather than published with invented values.
    """
    grants, excluded = [], []
    for award in threesixtygiving_awards(awards):
        if problems := grant_problems(award):
            url = award.get_absolute_url()
            excluded.append({"id": award.pk, "url": absolute_url(url) if absolute_url else url, "reasons": problems})
        else:
            grants.append(as_360giving_grant(award, absolute_url))
    return {"grants": grants, "excluded": excluded}
