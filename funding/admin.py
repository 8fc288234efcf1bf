"""Admin of funding streams and awards."""

from django.contrib import admin

from core.admin import partial_date_display, partial_date_fieldset
from funding.models import FundingAward, FundingStream
from sources.admin import CitedAdmin


@admin.register(FundingStream)
class FundingStreamAdmin(CitedAdmin):
    list_display = ["name", "parent", "administered_by", "is_disputed"]
    list_select_related = ["parent", "administered_by"]
    list_filter = [("administered_by", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "description", "administered_by__name", "administered_by__acronym"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "administered_by", "programme"]
    fieldsets = [(None, {"fields": ["name", "slug", "parent", "administered_by", "programme", "description"]})]


@admin.register(FundingAward)
class FundingAwardAdmin(CitedAdmin):
    list_display = [
        "title",
        "display_amount",
        "funder_column",
        "recipient_column",
        "stream",
        "part_of",
        "announced_as_written",
        "is_expected_match",
        "is_disputed",
    ]
    list_select_related = ["funder", "recipient_programme", "recipient_organisation", "stream", "part_of"]
    list_filter = ["amount_qualifier", "period", "is_expected_match", "stream", "announced_year"]
    search_fields = [
        "title",
        "description",
        "funder_description",
        "funder__name",
        "funder__acronym",
        "recipient_programme__name",
        "recipient_organisation__name",
    ]
    autocomplete_fields = ["funder", "recipient_programme", "recipient_organisation", "stream", "part_of"]
    readonly_fields = ["announced_as_written"]
    fieldsets = [
        (None, {"fields": ["title", "description"]}),
        ("Amount", {"fields": [("amount_qualifier", "amount_gbp"), ("period", "period_years"), "is_expected_match"]}),
        (
            "Who gives and who receives",
            {"fields": ["funder", "funder_description", "recipient_programme", "recipient_organisation"]},
        ),
        ("Counted within", {"fields": ["stream", "part_of"]}),
        partial_date_fieldset("announced", "Announced"),
    ]

    announced_as_written = partial_date_display("announced")

    @admin.display(description="funder", ordering="funder__name")
    def funder_column(self, obj) -> str:
        return obj.funder_name

    @admin.display(description="recipient")
    def recipient_column(self, obj) -> str:
        return str(obj.recipient or "-")
