"""Sources in the API (slim rows in lists, the quotes drawn from each in its detail), and the citations
every cited record's serializer shows (:class:`CitedModelSerializer`)."""

from django.contrib.contenttypes.models import ContentType
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied

from core.api.serializers import (
    ApiUrlField,
    CatalogueModelSerializer,
    ExpandableSerializer,
    LinkField,
    PartialDateSerializer,
    expandable,
)
from sources.citations import citable_field_choices, cited_kinds, field_label, record_link
from sources.models import Citation, ClaimRank, ClaimStatus, FieldClaims, Source, may_rank


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
    """A source document in full, with its text and every quote the catalogue takes from it.

    The text (which may run to megabytes) is on the detail only, never in a list; it is read-only here:
    staff set it in the admin, where a change re-checks every quote citing the source.
    """

    api_url = _SELF
    published = PartialDateSerializer()
    citations = SourceQuoteSerializer(many=True, read_only=True)
    text = serializers.CharField(
        read_only=True,
        help_text="The document's full text, as published: every quote citing it is checked against it. "
        "Empty while no text has been taken. Read-only (set in the admin); on the detail only, not in lists.",
    )

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
            "text",
            "date_as_written",
            "captured_at",
            "citations",
        ]
        read_only_fields = ["text", "date_as_written", "captured_at"]


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


class ClaimRecordSerializer(serializers.Serializer):
    """The record a claim supports."""

    kind = serializers.CharField(help_text='The kind of record, e.g. "programme", "organisation".')
    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField(allow_null=True, help_text="The catalogue page that shows the record, if any.")


class ClaimSerializer(CatalogueModelSerializer):
    """A claim, read and written on its own: the record (by kind and id or slug), the field by name, the value
    as written with its qualifier, the date it refers to, its rank, and the quote, checked against the source's text.
    """

    api_url = ApiUrlField(view_name="api:claim-detail", lookup_field="pk")
    source = LinkField("api:source-detail", queryset=Source.objects.all())
    record_kind = serializers.ChoiceField(
        choices=[], write_only=True, required=False, help_text="The kind of record the claim supports."
    )
    record_id = serializers.IntegerField(
        write_only=True, required=False, min_value=1, max_value=2**62, help_text="The record's id (or its slug)."
    )
    record_slug = serializers.CharField(
        write_only=True, required=False, max_length=200, help_text="The record's slug, for kinds that have one."
    )
    record = serializers.SerializerMethodField()
    field = serializers.CharField(
        source="field_name", required=False, allow_blank=True, max_length=60,
        help_text="The field the claim supports, by name (e.g. \"founded\"); empty for the record as a whole.",
    )  # fmt: skip
    as_of = PartialDateSerializer(help_text="The date the claim refers to, when the source gives one.")
    value_as_claimed = serializers.CharField(read_only=True)

    class Meta:
        model = Citation
        fields = [
            "id",
            "api_url",
            "source",
            "record_kind",
            "record_id",
            "record_slug",
            "record",
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
        read_only_fields = ["id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record_kind"].choices = list(cited_kinds())

    @extend_schema_field(ClaimRecordSerializer)
    def get_record(self, obj) -> dict:
        link = record_link(obj.record)
        request = self.context.get("request")
        url = request.build_absolute_uri(link.url) if request and link.url else link.url
        return {"kind": obj.content_type.model, "id": obj.object_id, "name": link.label, "url": url}

    def validate(self, attrs):
        self._check_rank_permission(attrs)
        kind = attrs.pop("record_kind", None)
        record_id, record_slug = attrs.pop("record_id", None), attrs.pop("record_slug", None)
        if self.instance is None or kind or record_id or record_slug:
            attrs.update(self._record(kind, record_id, record_slug))
        model = (attrs.get("content_type") or self.instance.content_type).model_class()
        field_name = attrs.get("field_name", self.instance.field_name if self.instance else "")
        if field_name and field_name not in {name for name, _ in citable_field_choices(model)}:
            raise serializers.ValidationError({"field": [f"A {model._meta.verbose_name} has no field {field_name!r}."]})
        return super().validate(attrs)

    def _check_rank_permission(self, attrs) -> None:
        """Only an editor may set a rank other than normal, or change one (a contributor's claims stay normal)."""
        request = self.context.get("request")
        if request is None or may_rank(request.user):
            return
        current = (self.instance.rank, self.instance.rank_reason) if self.instance else (ClaimRank.NORMAL, "")
        wanted = (attrs.get("rank", current[0]), attrs.get("rank_reason", current[1]))
        if wanted != current:
            raise PermissionDenied("Ranking a claim (preferred or deprecated) needs the editor's permission.")

    def _record(self, kind, record_id, record_slug) -> dict:
        """The content type and id of the record named by kind and id or slug (one query, two for a slug)."""
        if kind is None:
            raise serializers.ValidationError({"record_kind": ["Say which kind of record the claim supports."]})
        if (record_id is None) == (record_slug is None):
            raise serializers.ValidationError({"record_id": ["Give the record's id or its slug (one of them)."]})
        model = cited_kinds()[kind]
        if record_slug is not None:
            if not any(field.name == "slug" for field in model._meta.fields):
                raise serializers.ValidationError({"record_slug": [f"A {kind} has no slug: give its id."]})
            record_id = model._default_manager.filter(slug=record_slug).values_list("pk", flat=True).first()
            if record_id is None:
                raise serializers.ValidationError({"record_slug": [f"There is no {kind} with slug {record_slug!r}."]})
        elif not model._default_manager.filter(pk=record_id).exists():
            raise serializers.ValidationError({"record_id": [f"There is no {kind} with id {record_id}."]})
        return {"content_type": ContentType.objects.get_for_model(model), "object_id": record_id}
