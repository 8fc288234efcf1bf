"""Admin of sources and citations."""

from django.apps import apps
from django.contrib import admin
from django.db.models import Count
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import Truncator

from core.admin import CatalogueAdmin, partial_date_display, partial_date_fieldset
from sources.models import Citation, Source

CATALOGUE_APPS = ["sources", "organisations", "programmes", "funding"]


class DisputedCitationFilter(admin.SimpleListFilter):
    """Citations of fields whose sources claim different values."""

    title = "disputed by sources"
    parameter_name = "disputed"

    def lookups(self, request, model_admin):
        return [("yes", "Claims a value another source contradicts")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(pk__in=Citation.objects.disputed().values("pk"))
        return queryset


@admin.register(Source)
class SourceAdmin(CatalogueAdmin):
    list_display = ["title", "kind", "publisher", "published_as_written", "seed_file", "citation_count"]
    list_filter = ["kind", "published_year"]
    search_fields = ["title", "publisher", "author", "seed_file", "url"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_as_written"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "publisher", "author", "url", "seed_file", "summary"]}),
        partial_date_fieldset("published", "Published"),
    ]

    published_as_written = partial_date_display("published")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_total=Count("citations"))

    @admin.display(description="citations", ordering="citation_total")
    def citation_count(self, obj) -> int:
        return obj.citation_total


@admin.register(Citation)
class CitationAdmin(CatalogueAdmin):
    list_display = ["__str__", "source", "record_link", "field_name", "claimed_value", "short_quote"]
    list_select_related = ["source", "content_type"]
    list_filter = [DisputedCitationFilter, "content_type", "source__kind"]
    search_fields = ["quote", "claimed_value", "field_name", "note", "source__title"]
    autocomplete_fields = ["source"]
    fieldsets = [
        (None, {"fields": ["source", ("content_type", "object_id"), "record_link"]}),
        ("Claim", {"fields": ["field_name", "claimed_value", "quote", "note"]}),
    ]
    readonly_fields = ["record_link"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            # Only catalogue records can be cited, not users or sessions.
            from django.contrib.contenttypes.models import ContentType

            cited = [model for app in CATALOGUE_APPS for model in apps.get_app_config(app).get_models()]
            kwargs["queryset"] = ContentType.objects.filter(
                pk__in=[ContentType.objects.get_for_model(model).pk for model in cited if model is not Citation]
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="record", ordering="content_type")
    def record_link(self, obj) -> str:
        """A link to the cited record's admin page, built without loading the record (no query)."""
        if obj is None or obj.content_type_id is None:
            return "-"
        content_type = obj.content_type
        label = f"{content_type.model} #{obj.object_id}"
        try:
            url = reverse(f"admin:{content_type.app_label}_{content_type.model}_change", args=[obj.object_id])
        except NoReverseMatch:
            return label
        return format_html('<a href="{}">{}</a>', url, label)

    @admin.display(description="quote")
    def short_quote(self, obj) -> str:
        return Truncator(obj.quote).chars(80)
