"""Programmes, missions, metrics and events in the API."""

from rest_framework import serializers

from core.api.serializers import (
    ApiUrlField,
    ExpandableSerializer,
    LinkField,
    PartialDateSerializer,
    expandable,
)
from organisations.models import Organisation, Person
from programmes.models import (
    Event,
    Metric,
    Mission,
    Programme,
    ProgrammeAlias,
    ProgrammeOrganisation,
    ProgrammeRelationship,
    Topic,
)
from sources.api.serializers import CitationSerializer, CitedModelSerializer


class ProgrammeAliasSerializer(serializers.ModelSerializer):
    """Another name of the programme."""

    class Meta:
        model = ProgrammeAlias
        fields = ["name", "kind"]
        read_only_fields = fields


class ProgrammeOrganisationSerializer(serializers.ModelSerializer):
    """An organisation's part in the programme (lead, partner, host, ...)."""

    organisation = LinkField("api:organisation-detail", read_only=True)
    started = PartialDateSerializer(read_only=True)
    ended = PartialDateSerializer(read_only=True)
    as_of = PartialDateSerializer(read_only=True)

    class Meta:
        model = ProgrammeOrganisation
        fields = ["organisation", "role", "note", "started", "ended", "as_of"]
        read_only_fields = fields


class ProgrammeRelationshipSerializer(serializers.ModelSerializer):
    """A stated tie to another programme: "builds on", "is funded by" (``parent`` says "is part of")."""

    programme = LinkField("api:programme-detail", source="object", read_only=True)

    class Meta:
        model = ProgrammeRelationship
        fields = ["kind", "programme", "description"]
        read_only_fields = fields


_PROGRAMME = ApiUrlField(view_name="api:programme-detail", lookup_field="slug")
_MISSION = ApiUrlField(view_name="api:mission-detail", lookup_field="slug")
_METRIC = ApiUrlField(view_name="api:metric-detail", lookup_field="slug")
_EVENT = ApiUrlField(view_name="api:event-detail", lookup_field="slug")


class ProgrammeSerializer(CitedModelSerializer):
    """A programme in full. Organisations' roles are edited in the admin; missions and topics here by slug."""

    api_url = _PROGRAMME
    announced = PartialDateSerializer()
    started = PartialDateSerializer()
    target = PartialDateSerializer()
    parent = LinkField(
        "api:programme-detail",
        queryset=Programme.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the larger programme this one is part of.",
    )
    missions = LinkField("api:mission-detail", queryset=Mission.objects.all(), many=True, required=False)
    topics = serializers.SlugRelatedField(
        slug_field="slug", queryset=Topic.objects.all(), many=True, required=False, help_text="Slugs of topics."
    )
    organisations = ProgrammeOrganisationSerializer(source="organisation_roles", many=True, read_only=True)
    relationships = ProgrammeRelationshipSerializer(
        source="relationships_as_subject",
        many=True,
        read_only=True,
        help_text="Other programmes this one builds on or is funded by (edited in the admin).",
    )
    aliases = ProgrammeAliasSerializer(many=True, read_only=True)
    children = LinkField("api:programme-detail", many=True, read_only=True)
    metrics = LinkField("api:metric-detail", many=True, read_only=True)
    events = LinkField("api:event-detail", many=True, read_only=True)
    funding_awards = LinkField("api:fundingaward-detail", lookup_field="pk", many=True, read_only=True)

    class Meta:
        model = Programme
        fields = [
            "api_url",
            "html_url",
            "slug",
            "name",
            "kind",
            "status",
            "summary",
            "description",
            "location",
            "announced",
            "started",
            "target",
            "parent",
            "relationships",
            "organisations",
            "missions",
            "topics",
            "aliases",
            "children",
            "metrics",
            "events",
            "funding_awards",
            "citations",
            "claims",
            "disputed_fields",
        ]


class ProgrammeListSerializer(ExpandableSerializer, CitedModelSerializer):
    """A programme in a list; expansions add organisations, missions, topics and citations."""

    api_url = _PROGRAMME
    announced = PartialDateSerializer(read_only=True)
    parent = LinkField("api:programme-detail", read_only=True, allow_null=True)
    organisations = expandable(ProgrammeOrganisationSerializer(source="organisation_roles", many=True))
    missions = expandable(LinkField("api:mission-detail", many=True, read_only=True))
    topics = expandable(serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True))
    citations = expandable(CitationSerializer(many=True))
    claims = expandable(serializers.SerializerMethodField())
    disputed_fields = expandable(serializers.SerializerMethodField())

    class Meta:
        model = Programme
        fields = [
            "api_url",
            "html_url",
            "slug",
            "name",
            "kind",
            "status",
            "summary",
            "announced",
            "parent",
            "organisations",
            "missions",
            "topics",
            "citations",
            "claims",
            "disputed_fields",
        ]
        read_only_fields = fields
        expansions = {
            "organisations": ["organisations"],
            "missions": ["missions"],
            "topics": ["topics"],
            "citations": ["citations", "claims", "disputed_fields"],
        }


class MissionSerializer(CitedModelSerializer):
    """A mission, work programme or ambition of an organisation, with the programmes aimed at it."""

    api_url = _MISSION
    organisation = LinkField("api:organisation-detail", queryset=Organisation.objects.all())
    other_organisations = LinkField(
        "api:organisation-detail",
        queryset=Organisation.objects.all(),
        many=True,
        required=False,
        help_text="Slugs of other organisations a source credits with the mission.",
    )
    programmes = LinkField("api:programme-detail", many=True, read_only=True)

    class Meta:
        model = Mission
        fields = [
            "api_url",
            "html_url",
            "slug",
            "title",
            "kind",
            "order",
            "organisation",
            "other_organisations",
            "statement",
            "programmes",
            "citations",
            "claims",
            "disputed_fields",
        ]


class MissionListSerializer(ExpandableSerializer, CitedModelSerializer):
    """A mission in a list; expansions add its programmes and citations."""

    api_url = _MISSION
    organisation = LinkField("api:organisation-detail", read_only=True)
    programmes = expandable(LinkField("api:programme-detail", many=True, read_only=True))
    citations = expandable(CitationSerializer(many=True))
    claims = expandable(serializers.SerializerMethodField())
    disputed_fields = expandable(serializers.SerializerMethodField())

    class Meta:
        model = Mission
        fields = [
            "api_url",
            "html_url",
            "slug",
            "title",
            "kind",
            "order",
            "organisation",
            "statement",
            "programmes",
            "citations",
            "claims",
            "disputed_fields",
        ]
        read_only_fields = fields
        expansions = {"programmes": ["programmes"], "citations": ["citations", "claims", "disputed_fields"]}


class MetricSerializer(CitedModelSerializer):
    """A reported figure: an exact decimal (as a string) with its qualifier, unit and period."""

    api_url = _METRIC
    programme = LinkField("api:programme-detail", queryset=Programme.objects.all(), required=False, allow_null=True)
    organisation = LinkField(
        "api:organisation-detail", queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    as_of = PartialDateSerializer()
    display_value = serializers.CharField(read_only=True, help_text='As a reader would say it: "more than 107,000 ..."')

    class Meta:
        model = Metric
        fields = [
            "api_url",
            "html_url",
            "slug",
            "name",
            "programme",
            "organisation",
            "value",
            "qualifier",
            "unit",
            "period",
            "as_of",
            "display_value",
            "description",
            "citations",
            "claims",
            "disputed_fields",
        ]

    def get_html_url(self, obj) -> str | None:
        # A figure has no page of its own; it is shown on its programme's or organisation's page.
        owner = obj.programme or obj.organisation
        return super().get_html_url(owner) if owner else None


class MetricListSerializer(ExpandableSerializer, MetricSerializer):
    """A figure in a list; ``expand=citations`` adds citations."""

    api_url = _METRIC
    programme = LinkField("api:programme-detail", read_only=True, allow_null=True)
    organisation = LinkField("api:organisation-detail", read_only=True, allow_null=True)
    as_of = PartialDateSerializer(read_only=True)
    citations = expandable(CitationSerializer(many=True))
    claims = expandable(serializers.SerializerMethodField())
    disputed_fields = expandable(serializers.SerializerMethodField())

    class Meta(MetricSerializer.Meta):
        read_only_fields = MetricSerializer.Meta.fields
        expansions = {"citations": ["citations", "claims", "disputed_fields"]}


class EventSerializer(CitedModelSerializer):
    """A dated happening and who and what took part; those are written as lists of slugs."""

    api_url = _EVENT
    date = PartialDateSerializer()
    organisations = LinkField("api:organisation-detail", queryset=Organisation.objects.all(), many=True, required=False)
    programmes = LinkField("api:programme-detail", queryset=Programme.objects.all(), many=True, required=False)
    people = LinkField("api:person-detail", queryset=Person.objects.all(), many=True, required=False)

    class Meta:
        model = Event
        fields = [
            "api_url",
            "html_url",
            "slug",
            "name",
            "kind",
            "date",
            "location",
            "description",
            "organisations",
            "programmes",
            "people",
            "citations",
            "claims",
            "disputed_fields",
        ]


class EventListSerializer(ExpandableSerializer, CitedModelSerializer):
    """An event in a list; expansions add organisations, programmes, people and citations."""

    api_url = _EVENT
    date = PartialDateSerializer(read_only=True)
    organisations = expandable(LinkField("api:organisation-detail", many=True, read_only=True))
    programmes = expandable(LinkField("api:programme-detail", many=True, read_only=True))
    people = expandable(LinkField("api:person-detail", many=True, read_only=True))
    citations = expandable(CitationSerializer(many=True))
    claims = expandable(serializers.SerializerMethodField())
    disputed_fields = expandable(serializers.SerializerMethodField())

    class Meta:
        model = Event
        fields = [
            "api_url",
            "html_url",
            "slug",
            "name",
            "kind",
            "date",
            "location",
            "organisations",
            "programmes",
            "people",
            "citations",
            "claims",
            "disputed_fields",
        ]
        read_only_fields = fields
        expansions = {
            "organisations": ["organisations"],
            "programmes": ["programmes"],
            "people": ["people"],
            "citations": ["citations", "claims", "disputed_fields"],
        }
