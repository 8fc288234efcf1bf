"""Sources in the API: slim rows in lists; the quotes drawn from each source in its detail."""

from rest_framework import serializers

from core.api.serializers import (
    ApiUrlField,
    CatalogueModelSerializer,
    ExpandableSerializer,
    PartialDateSerializer,
    expandable,
)
from sources.models import Citation, Source

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
