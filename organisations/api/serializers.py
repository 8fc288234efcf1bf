"""Organisations and people in the API."""

from rest_framework import serializers

from core.api.serializers import (
    ApiUrlField,
    ExpandableSerializer,
    LinkField,
    PartialDateSerializer,
    expandable,
)
from organisations.models import Organisation, OrganisationAlias, Person, Role
from sources.api.serializers import CitationSerializer, CitedModelSerializer


class AliasSerializer(serializers.ModelSerializer):
    """Another name the record is known by."""

    class Meta:
        model = OrganisationAlias
        fields = ["name", "kind"]
        read_only_fields = fields


class OrganisationRoleSerializer(serializers.ModelSerializer):
    """A role held at the organisation: who, what title, when."""

    person = LinkField("api:person-detail", read_only=True)
    started = PartialDateSerializer(read_only=True)
    ended = PartialDateSerializer(read_only=True)
    as_of = PartialDateSerializer(read_only=True)

    class Meta:
        model = Role
        fields = ["person", "title", "started", "ended", "as_of"]
        read_only_fields = fields


class PersonRoleSerializer(OrganisationRoleSerializer):
    """A role the person held: where, what title, when."""

    organisation = LinkField("api:organisation-detail", read_only=True)

    class Meta(OrganisationRoleSerializer.Meta):
        fields = ["organisation", "title", "started", "ended", "as_of"]
        read_only_fields = fields


_ORGANISATION = ApiUrlField(view_name="api:organisation-detail", lookup_field="slug")
_PERSON = ApiUrlField(view_name="api:person-detail", lookup_field="slug")


class OrganisationSerializer(CitedModelSerializer):
    """An organisation in full: hierarchy, aliases, roles, programmes and citations."""

    api_url = _ORGANISATION
    parent = LinkField(
        "api:organisation-detail",
        queryset=Organisation.objects.all(),
        required=False,
        allow_null=True,
        help_text="Slug of the body this one is part of.",
    )
    founded = PartialDateSerializer()
    aliases = AliasSerializer(many=True, read_only=True)
    children = LinkField("api:organisation-detail", many=True, read_only=True)
    roles = OrganisationRoleSerializer(many=True, read_only=True)
    programmes = LinkField("api:programme-detail", many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "api_url",
            "html_url",
            "slug",
            "name",
            "acronym",
            "kind",
            "parent",
            "description",
            "location",
            "founded",
            "website",
            "aliases",
            "children",
            "roles",
            "programmes",
            "citations",
            "claims",
            "disputed_fields",
        ]


class OrganisationListSerializer(ExpandableSerializer, CitedModelSerializer):
    """An organisation in a list; expansions add aliases and citations."""

    api_url = _ORGANISATION
    parent = LinkField("api:organisation-detail", read_only=True, allow_null=True)
    founded = PartialDateSerializer(read_only=True)
    aliases = expandable(AliasSerializer(many=True))
    citations = expandable(CitationSerializer(many=True))
    claims = expandable(serializers.SerializerMethodField())
    disputed_fields = expandable(serializers.SerializerMethodField())

    class Meta:
        model = Organisation
        fields = [
            "api_url",
            "html_url",
            "slug",
            "name",
            "acronym",
            "kind",
            "parent",
            "founded",
            "website",
            "aliases",
            "citations",
            "claims",
            "disputed_fields",
        ]
        read_only_fields = fields
        expansions = {"aliases": ["aliases"], "citations": ["citations", "claims", "disputed_fields"]}


class PersonSerializer(CitedModelSerializer):
    """A person in full: roles, events and citations."""

    api_url = _PERSON
    roles = PersonRoleSerializer(many=True, read_only=True)
    events = LinkField("api:event-detail", many=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "api_url",
            "html_url",
            "slug",
            "name",
            "honorific",
            "description",
            "roles",
            "events",
            "citations",
            "claims",
            "disputed_fields",
        ]


class PersonListSerializer(ExpandableSerializer, CitedModelSerializer):
    """A person in a list with their roles; ``expand=citations`` adds citations."""

    api_url = _PERSON
    roles = PersonRoleSerializer(many=True, read_only=True)
    citations = expandable(CitationSerializer(many=True))
    claims = expandable(serializers.SerializerMethodField())
    disputed_fields = expandable(serializers.SerializerMethodField())

    class Meta:
        model = Person
        fields = ["api_url", "html_url", "slug", "name", "honorific", "roles", "citations", "claims", "disputed_fields"]
        read_only_fields = fields
        expansions = {"citations": ["citations", "claims", "disputed_fields"]}
