"""Sources in the API (slim rows in lists, the quotes drawn from each in its detail), and the citations
every cited record's serializer shows (:class:`CitedModelSerializer`)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.api.serializers import (
    ApiUrlField,
    CatalogueModelSerializer,
    ExpandableSerializer,
    LinkField,
    PartialDateSerializer,
    expandable,
)
from sources.citations import field_label
from sources.models import Citation, ClaimStatus, FieldClaims, Source


class CitationSerializer(serializers.ModelSerializer):
    """A claim as shown on a record: the source, the field, the value as written with its qualifier,
    the date it refers to, its rank, and the quote."""

    source = LinkField("api:source-detail", read_only=True)
    field = serializers.CharField(source="field_name", read_only=True, help_text="Empty for the record as a whole.")
    as_of = PartialDateSerializer(read_only=True, help_text="The date the claim refers to, when the source gives one.")
    value_as_claimed = serializers.CharField(
        read_only=True, help_text='The value with its qualifier in words, e.g. "at least £37 million".'
    )

    class Meta:
        model = Citation
        fields = [
            "source",
            "field",
            "claimed_value",
            "qualifier",
            "value_as_claimed",
            "as_of",
            "rank",
            "rank_reason",
            "quote",
            "note",
        ]
        read_only_fields = fields


class FieldClaimsSerializer(serializers.Serializer):
    """The claims of one field and what they amount to."""

    field = serializers.CharField(source="name")
    label = serializers.SerializerMethodField(help_text='The field as a reader says it, e.g. "founded".')
    status = serializers.ChoiceField(
        choices=ClaimStatus.choices,
        help_text="agreed; disputed (sources disagree, none preferred: every claim stands); decided (one claim "
        "preferred, with its reason); changed (the value changed over time: see each claim's as_of).",
    )
    claims = CitationSerializer(many=True)

    def get_label(self, field: FieldClaims) -> str:
        return field_label(self.context.get("model"), field.name)


class DisputedFieldSerializer(serializers.Serializer):
    """A field whose sources claim different values, with each claim."""

    field = serializers.CharField()
    status = serializers.ChoiceField(
        choices=ClaimStatus.choices, help_text="disputed, or decided when one claim is preferred (with its reason)."
    )
    claims = CitationSerializer(many=True)


def disputed_fields(obj) -> list[dict]:
    """The record's disputed fields (no query when ``citations`` was prefetched)."""
    fields = obj.claims_by_field()
    return [
        {"field": name, "status": fields[name].status, "claims": claims}
        for name, claims in sorted(obj.disputed_fields().items())
    ]


class CitedModelSerializer(CatalogueModelSerializer):
    """A catalogue record's serializer with its claims, field by field, and its disputed fields (read-only)."""

    citations = CitationSerializer(many=True, read_only=True)
    claims = serializers.SerializerMethodField(
        help_text="Every field some source makes a claim about, with the claims and what they amount to."
    )
    disputed_fields = serializers.SerializerMethodField(
        help_text="Fields whose sources claim different values; the catalogue shows every claim."
    )

    @extend_schema_field(FieldClaimsSerializer(many=True))
    def get_claims(self, obj):
        fields = sorted(obj.claims_by_field().values(), key=lambda field: field.name)
        return FieldClaimsSerializer(fields, many=True, context={**self.context, "model": type(obj)}).data

    @extend_schema_field(DisputedFieldSerializer(many=True))
    def get_disputed_fields(self, obj):
        return DisputedFieldSerializer(disputed_fields(obj), many=True, context=self.context).data


_SELF = ApiUrlField(view_name="api:source-detail", lookup_field="slug")


class SourceQuoteSerializer(serializers.ModelSerializer):
    """A quote taken from the source, and the record (kind and id) it supports."""

    record_kind = serializers.CharField(source="content_type.model", read_only=True)
    record_id = serializers.IntegerField(source="object_id", read_only=True)
    field = serializers.CharField(source="field_name", read_only=True)

    class Meta:
        model = Citation
        fields = ["record_kind", "record_id", "field", "claimed_value", "quote", "note"]
        read_only_fields = fields


class SourceSerializer(CatalogueModelSerializer):
    """A source document in full, with every quote the catalogue takes from it."""

    api_url = _SELF
    published = PartialDateSerializer()
    citations = SourceQuoteSerializer(many=True, read_only=True)

    class Meta:
        model = Source
        fields = [
            "api_url",
            "html_url",
            "slug",
            "title",
            "kind",
            "publisher",
            "author",
            "published",
            "seed_file",
            "url",
            "summary",
            "citations",
        ]


class SourceListSerializer(ExpandableSerializer, CatalogueModelSerializer):
    """A source in a list; ``expand=citations`` adds its quotes."""

    api_url = _SELF
    published = PartialDateSerializer(read_only=True)
    citations = expandable(SourceQuoteSerializer(many=True))

    class Meta:
        model = Source
        fields = [
            "api_url",
            "html_url",
            "slug",
            "title",
            "kind",
            "publisher",
            "author",
            "published",
            "url",
            "citations",
        ]
        read_only_fields = fields
        expansions = {"citations": ["citations"]}
