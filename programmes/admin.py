"""Admin of topics, programmes (with aliases and organisations), missions, metrics and events."""

from django.contrib import admin
from django.db.models import Prefetch

from core.admin import (
    PERIOD_FIELDSETS,
    CatalogueAdmin,
    CatalogueTabularInline,
    PeriodAdminMixin,
    partial_date_display,
    partial_date_fieldset,
)
from core.delete_policy import ProtectLinksAdminMixin
from programmes.models import (
    Event,
    Metric,
    Mission,
    Programme,
    ProgrammeAlias,
    ProgrammeOrganisation,
    ProgrammeRelationship,
    ProgrammeRole,
    Topic,
)
from sources.admin import CitationInline, CitedAdmin


class ProgrammeAliasInline(CatalogueTabularInline):
    model = ProgrammeAlias
    fields = ["name", "kind"]
    extra = 0


class ProgrammeOrganisationInline(CatalogueTabularInline):
    model = ProgrammeOrganisation
    fields = ["organisation", "role", "note"]
    autocomplete_fields = ["organisation"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organisation", "programme")


class ProgrammeRelationshipInline(CatalogueTabularInline):
    model = ProgrammeRelationship
    fk_name = "subject"
    fields = ["kind", "object", "description"]
    autocomplete_fields = ["object"]
    extra = 0
    verbose_name_plural = "relationships to other programmes (part of is the parent above)"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("subject", "object")


@admin.register(Topic)
class TopicAdmin(CatalogueAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Programme)
class ProgrammeAdmin(ProtectLinksAdminMixin, CitedAdmin):
    list_display = ["name", "kind", "status", "lead_organisations", "parent", "announced_as_written", "is_disputed"]
    list_select_related = ["parent"]
    list_filter = ["kind", "status", "topics", "announced_year"]
    search_fields = ["name", "aliases__name", "summary", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "missions", "topics"]
    readonly_fields = ["announced_as_written", "started_as_written", "target_as_written"]
    inlines = [ProgrammeAliasInline, ProgrammeOrganisationInline, ProgrammeRelationshipInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "status", "parent", "summary", "description", "location"]}),
        ("Aims and subjects", {"fields": ["missions", "topics"]}),
        partial_date_fieldset("announced", "Announced"),
        partial_date_fieldset("started", "Started"),
        partial_date_fieldset("target", "Target"),
    ]

    announced_as_written = partial_date_display("announced")
    started_as_written = partial_date_display("started")
    target_as_written = partial_date_display("target")

    def get_queryset(self, request):
        leads = ProgrammeOrganisation.objects.filter(role=ProgrammeRole.LEAD).select_related("organisation")
        return super().get_queryset(request).prefetch_related(Prefetch("organisation_roles", queryset=leads))

    @admin.display(description="led by")
    def lead_organisations(self, obj) -> str:
        """Lead organisations from the prefetched roles (no query per row)."""
        return ", ".join(role.organisation.name for role in obj.organisation_roles.all()) or "-"


@admin.register(ProgrammeAlias)
class ProgrammeAliasAdmin(CitedAdmin):
    list_display = ["name", "kind", "programme", "is_disputed"]
    list_select_related = ["programme"]
    list_filter = ["kind"]
    search_fields = ["name", "programme__name"]
    autocomplete_fields = ["programme"]
    fieldsets = [(None, {"fields": ["programme", "name", "kind"]})]


@admin.register(ProgrammeOrganisation)
class ProgrammeOrganisationAdmin(PeriodAdminMixin, CitedAdmin):
    list_display = ["programme", "role", "organisation", "is_disputed"]
    list_select_related = ["programme", "organisation"]
    list_filter = ["role", "organisation__kind"]
    search_fields = ["programme__name", "organisation__name", "organisation__acronym", "note"]
    autocomplete_fields = ["programme", "organisation"]
    fieldsets = [
        (None, {"fields": ["programme", "organisation", "role", "note"]}),
        *PERIOD_FIELDSETS,
    ]


@admin.register(ProgrammeRelationship)
class ProgrammeRelationshipAdmin(CitedAdmin):
    list_display = ["subject", "kind", "object", "is_disputed"]
    list_select_related = ["subject", "object"]
    list_filter = ["kind"]
    search_fields = ["subject__name", "object__name", "description"]
    autocomplete_fields = ["subject", "object"]
    fieldsets = [(None, {"fields": ["subject", "kind", "object", "description"]})]


@admin.register(Mission)
class MissionAdmin(ProtectLinksAdminMixin, CitedAdmin):
    list_display = ["title", "organisation", "kind", "order", "is_disputed"]
    list_select_related = ["organisation"]
    list_filter = ["kind", ("organisation", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "statement", "organisation__name", "organisation__acronym"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["organisation", "other_organisations"]
    fieldsets = [
        (None, {"fields": ["organisation", "other_organisations", "kind", "order", "title", "slug", "statement"]})
    ]


@admin.register(Metric)
class MetricAdmin(CitedAdmin):
    list_display = ["name", "display_value", "programme", "organisation", "as_of_as_written", "is_disputed"]
    list_select_related = ["programme", "organisation"]
    list_filter = ["qualifier", "unit", "as_of_year"]
    search_fields = ["name", "description", "programme__name", "organisation__name", "organisation__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["programme", "organisation"]
    readonly_fields = ["as_of_as_written"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "programme", "organisation", "description"]}),
        ("Figure", {"fields": [("qualifier", "value", "unit"), "period"]}),
        partial_date_fieldset("as_of", "As of"),
    ]

    as_of_as_written = partial_date_display("as_of")


@admin.register(Event)
class EventAdmin(CitedAdmin):
    list_display = ["name", "kind", "date_as_written", "location", "is_disputed"]
    list_filter = ["kind", "date_year"]
    search_fields = ["name", "description", "location"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisations", "programmes", "people"]
    readonly_fields = ["date_as_written"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "location", "description"]}),
        partial_date_fieldset("date", "Date"),
        ("Who and what took part", {"fields": ["organisations", "programmes", "people"]}),
    ]

    date_as_written = partial_date_display("date")
