"""Admin of organisations, their aliases and relationships, people and roles."""

from django.contrib import admin

from core.admin import (
    PERIOD_FIELDSETS,
    CatalogueTabularInline,
    PeriodAdminMixin,
    partial_date_display,
    partial_date_fieldset,
)
from core.delete_policy import ProtectLinksAdminMixin
from core.partial_dates import partial_date_columns
from organisations.models import Organisation, OrganisationAlias, OrganisationRelationship, Person, Role
from sources.admin import CitationInline, CitedAdmin


class OrganisationAliasInline(CatalogueTabularInline):
    model = OrganisationAlias
    fields = ["name", "kind"]
    extra = 0


class RoleInline(CatalogueTabularInline):
    """Roles edited on a person's or an organisation's page; dates on one row, as numbers."""

    model = Role
    fields = ["person", "organisation", "title", *partial_date_columns("started"), *partial_date_columns("ended")]
    autocomplete_fields = ["person", "organisation"]
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "organisation")


@admin.register(Organisation)
class OrganisationAdmin(ProtectLinksAdminMixin, CitedAdmin):
    list_display = ["name", "acronym", "kind", "parent", "founded_as_written", "is_disputed"]
    list_select_related = ["parent"]
    list_filter = ["kind", "founded_year"]
    search_fields = ["name", "acronym", "aliases__name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent"]
    readonly_fields = ["founded_as_written"]
    inlines = [OrganisationAliasInline, RoleInline, CitationInline]
    fieldsets = [
        (None, {"fields": ["name", "acronym", "slug", "kind", "parent", "description", "location", "website"]}),
        partial_date_fieldset("founded", "Founded"),
    ]

    founded_as_written = partial_date_display("founded")


@admin.register(OrganisationAlias)
class OrganisationAliasAdmin(CitedAdmin):
    list_display = ["name", "kind", "organisation", "is_disputed"]
    list_select_related = ["organisation"]
    list_filter = ["kind"]
    search_fields = ["name", "organisation__name", "organisation__acronym"]
    autocomplete_fields = ["organisation"]
    fieldsets = [(None, {"fields": ["organisation", "name", "kind"]})]


@admin.register(OrganisationRelationship)
class OrganisationRelationshipAdmin(PeriodAdminMixin, CitedAdmin):
    list_display = ["subject", "kind", "object", "is_disputed"]
    list_select_related = ["subject", "object"]
    list_filter = ["kind"]
    search_fields = ["subject__name", "subject__acronym", "object__name", "object__acronym", "description"]
    autocomplete_fields = ["subject", "object"]
    fieldsets = [
        (None, {"fields": ["subject", "kind", "object", "description"]}),
        *PERIOD_FIELDSETS,
    ]


@admin.register(Person)
class PersonAdmin(ProtectLinksAdminMixin, CitedAdmin):
    list_display = ["name", "honorific", "is_disputed"]
    search_fields = ["name", "description", "roles__title"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [RoleInline, CitationInline]
    fieldsets = [(None, {"fields": ["honorific", "name", "slug", "description"]})]


@admin.register(Role)
class RoleAdmin(PeriodAdminMixin, CitedAdmin):
    list_display = ["person", "title", "organisation", "started_as_written", "ended_as_written", "is_disputed"]
    list_select_related = ["person", "organisation"]
    list_filter = ["organisation__kind", "started_year"]
    search_fields = ["title", "person__name", "organisation__name", "organisation__acronym"]
    autocomplete_fields = ["person", "organisation"]
    fieldsets = [
        (None, {"fields": ["person", "organisation", "title"]}),
        *PERIOD_FIELDSETS,
    ]
