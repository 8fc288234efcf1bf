"""Admin of sources and citations, and the citation pieces every cited record's admin shares.

Admins of cited records derive from :class:`CitedAdmin`, which adds the citations inline
(:class:`CitationInline`), a read-only summary of the fields whose sources disagree, and a
"disputed" column and filter.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.admin import GenericStackedInline
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, prefetch_related_objects
from django.urls import NoReverseMatch, path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator

from core.admin import CatalogueAdmin, CleanTextMixin, partial_date_display, partial_date_fieldset
from core.apps import catalogue_models
from sources.citations import citable_field_choices, cited
from sources.models import Citation, ClaimQualifier, ClaimRank, Source, may_rank
from sources.text import UnreadableDocument, document_text

UPLOAD_MAX_BYTES = 10 * 1024 * 1024

DISPUTED_FIELDSET_TITLE = "Claims that differ between sources"


CLAIM_FIELDSET = [
    "source",
    "field_name",
    ("claimed_value", "qualifier"),
    ("as_of_year", "as_of_month", "as_of_day", "as_of_qualifier"),
    ("rank", "rank_reason"),
    "quote",
    "note",
]
"""How a claim's form is laid out, inline on a record's page and on its own: value and qualifier,
"as of" date, rank and its reason, then the quote and the note."""


def rank_fields_closed_to(user) -> list[str]:
    """The claim's rank and its reason, read-only for a user who may not rank claims (a contributor)."""
    return [] if may_rank(user) else ["rank", "rank_reason"]


class CitationForm(forms.ModelForm):
    """A claim whose ``field_name`` is chosen from the cited model's fields."""

    class Meta:
        model = Citation
        fields = [name for row in CLAIM_FIELDSET for name in ((row,) if isinstance(row, str) else row)]
        widgets = {
            "quote": forms.Textarea(attrs={"rows": 2, "cols": 60}),
            "note": forms.Textarea(attrs={"rows": 2, "cols": 60}),
            "rank_reason": forms.Textarea(attrs={"rows": 1, "cols": 40}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Left out of a post (a script, an older form), they mean what they default to.
        for name in ("qualifier", "rank"):
            if name in self.fields:
                self.fields[name].required = False

    def clean_qualifier(self):
        return self.cleaned_data.get("qualifier") or ClaimQualifier.STATED

    def clean_rank(self):
        return self.cleaned_data.get("rank") or ClaimRank.NORMAL


class CitationInline(CleanTextMixin, GenericStackedInline):
    """The claims of a record, edited on its own page (each save lands in citation history).

    Stacked, a claim to a block: with its qualifier, "as of" date and rank a claim has too many
    parts for one table row on an editor's screen.
    """

    model = Citation
    form = CitationForm
    fieldsets = [(None, {"fields": CLAIM_FIELDSET})]
    extra = 0
    autocomplete_fields = ["source"]
    verbose_name = "claim"
    verbose_name_plural = "claims (what each source says of this record or one of its fields, with a quote)"

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *rank_fields_closed_to(request.user)]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source", "content_type")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        choices = citable_field_choices(self.parent_model)
        # Keep a value typed in before the dropdown existed selectable rather than silently lost.
        known = {value for value, _ in choices}
        if obj is not None:
            stray = obj.citations.exclude(field_name__in=known).values_list("field_name", flat=True).distinct()
            choices += [(value, value) for value in stray]
        formset.form.base_fields["field_name"] = forms.ChoiceField(
            choices=choices,
            required=False,
            label="Field",
            help_text=Citation._meta.get_field("field_name").help_text,
        )
        return formset


class DisputedListFilter(admin.SimpleListFilter):
    """Filters records by whether any of their fields has citations claiming different values."""

    title = "disputed by sources"
    parameter_name = "disputed"

    def lookups(self, request, model_admin):
        return [("yes", "Has disputed fields"), ("no", "No disputed fields")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_disputed_fields=True)
        if self.value() == "no":
            return queryset.filter(has_disputed_fields=False)
        return queryset


class CitedAdmin(CatalogueAdmin):
    """Admin of a record that carries citations: citations inline, disputed fields shown.

    The changelist gains a ``has_disputed_fields`` annotation (one ``EXISTS`` subquery in the
    list query, so no extra query per row); the change form shows each disputed field with every
    claim and its source (one query).
    """

    inlines = [CitationInline]

    def get_queryset(self, request):
        content_type = ContentType.objects.get_for_model(self.model)
        disputes = Citation.objects.disputed().filter(content_type=content_type, object_id=OuterRef("pk"))
        return super().get_queryset(request).annotate(has_disputed_fields=Exists(disputes))

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "disputed_claims"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is None:
            return fieldsets
        return [(DISPUTED_FIELDSET_TITLE, {"fields": ["disputed_claims"]}), *fieldsets]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), DisputedListFilter]

    @admin.display(boolean=True, description="disputed", ordering="has_disputed_fields")
    def is_disputed(self, obj) -> bool:
        return getattr(obj, "has_disputed_fields", False)

    @admin.display(description="disputed fields")
    def disputed_claims(self, obj) -> str:
        if obj is None or obj.pk is None:
            return "-"
        prefetch_related_objects([obj], cited())
        disputed = obj.disputed_fields()
        if not disputed:
            return "None: no two sources claim different values for a field."
        rows = []
        for field, citations in sorted(disputed.items()):
            claims = format_html_join(
                "",
                "<li>“{}” according to <strong>{}</strong>: <q>{}</q></li>",
                ((citation.claimed_value, citation.source.title, citation.quote) for citation in citations),
            )
            rows.append(format_html("<li><strong>{}</strong><ul>{}</ul></li>", field, claims))
        return format_html("<ul>{}</ul>", format_html_join("", "{}", ((row,) for row in rows)))



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


class SourceForm(forms.ModelForm):
    """A source whose text is pasted, or read from an uploaded ``.txt`` or ``.html`` file (which replaces it)."""

    # Declared so the form class is built with the https default the admin gives every link.
    url = forms.URLField(required=False, assume_scheme="https", help_text=Source._meta.get_field("url").help_text)
    upload = forms.FileField(
        required=False,
        label="Upload the document",
        help_text="A .txt or .html file; its readable text replaces the text below.",
    )

    class Meta:
        model = Source
        fields = [
            "title", "slug", "kind", "publisher", "author", "url", "seed_file", "summary",
            "published_year", "published_month", "published_day", "published_qualifier",
            "text", "date_as_written",
        ]  # fmt: skip
        widgets = {"text": forms.Textarea(attrs={"rows": 20, "cols": 100})}

    def clean(self):
        cleaned_data = super().clean()
        upload = cleaned_data.get("upload")
        if upload:
            if upload.size > UPLOAD_MAX_BYTES:
                self.add_error("upload", f"The file is larger than {UPLOAD_MAX_BYTES // (1024 * 1024)} MB.")
                return cleaned_data
            try:
                text = document_text(upload.name, upload.read())
            except UnreadableDocument as exc:
                self.add_error("upload", str(exc))
                return cleaned_data
            if not text:
                self.add_error("upload", "The file holds no readable text.")
                return cleaned_data
            cleaned_data["text"] = self.instance.text = text
        return cleaned_data

    def text_changed(self) -> bool:
        return bool({"text", "upload"} & set(self.changed_data))


@admin.register(Source)
class SourceAdmin(CatalogueAdmin):
    """Sources with their text (pasted or uploaded); editing the text re-checks every quote citing it."""

    form = SourceForm
    change_form_template = "admin/sources/source/change_form.html"
    change_list_template = "admin/sources/source/change_list.html"
    list_display = ["title", "kind", "publisher", "published_as_written", "seed_file", "has_text", "citation_count"]
    list_filter = ["kind", "published_year"]
    search_fields = ["title", "publisher", "author", "seed_file", "url"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_as_written", "captured_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "publisher", "author", "url", "seed_file", "summary"]}),
        partial_date_fieldset("published", "Published"),
        (
            "The document's text",
            {
                "fields": ["upload", "text", "date_as_written", "captured_at"],
                "description": "Paste the text, or upload the file. Every quote citing this source must be in it.",
            },
        ),
    ]

    published_as_written = partial_date_display("published")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(citation_total=Count("citations"))

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        changelist.queryset = changelist.queryset.defer("text")
        return changelist

    @admin.display(boolean=True, description="text")
    def has_text(self, obj) -> bool:
        return obj.text != ""

    def get_urls(self):
        # Imported here: the views build on this module's citation form.
        from sources.admin_views import CiteFromSourceView, ReviewQueueView

        views = [
            ("<int:pk>/cite/", CiteFromSourceView, "sources_source_cite"),
            ("review/", ReviewQueueView, "sources_source_review"),
        ]
        own = [
            path(route, self.admin_site.admin_view(view.as_view(model_admin=self)), name=name)
            for route, view, name in views
        ]
        return own + super().get_urls()

    def save_model(self, request, obj, form, change):
        text_changed = form.text_changed()
        if text_changed:
            obj.captured_at = timezone.now()
        super().save_model(request, obj, form, change)
        if change and text_changed:
            report_quotes_not_found(request, obj)

    @admin.display(description="citations", ordering="citation_total")
    def citation_count(self, obj) -> int:
        return obj.citation_total


def report_quotes_not_found(request, source: Source) -> None:
    """After a source's text changed: a message listing each claim whose quote is no longer in it (one query).

    Nothing is deleted: each claim is listed with a link to its page, to be re-quoted or removed by hand.
    """
    stale = source.quotes_not_found()
    if not stale:
        if source.citations.exists():
            messages.success(request, "Every quote citing this source is still in its text.")
        return
    items = format_html_join(
        "",
        '<li><a href="{}">{}</a>: “{}”</li>',
        (
            (reverse("admin:sources_citation_change", args=[c.pk]), str(c), Truncator(c.quote).chars(80))
            for c in stale
        ),
    )
    messages.warning(
        request,
        format_html(
            "{} quote{} citing this source {} no longer in its text (nothing was deleted; each is in the review queue):"
            "<ul>{}</ul>",
            len(stale),
            "" if len(stale) == 1 else "s",
            "is" if len(stale) == 1 else "are",
            items,
        ),
    )


@admin.register(Citation)
class CitationAdmin(CatalogueAdmin):
    list_display = [
        "__str__",
        "source",
        "record_link",
        "field_name",
        "claimed_value",
        "qualifier",
        "rank",
        "short_quote",
    ]
    list_select_related = ["source", "content_type"]
    list_filter = [DisputedCitationFilter, "rank", "qualifier", "content_type", "source__kind"]
    search_fields = ["quote", "claimed_value", "field_name", "note", "source__title"]
    autocomplete_fields = ["source"]
    fieldsets = [
        (None, {"fields": ["source", ("content_type", "object_id"), "record_link"]}),
        ("Claim", {"fields": [row for row in CLAIM_FIELDSET if row != "source"]}),
    ]
    readonly_fields = ["record_link"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), *rank_fields_closed_to(request.user)]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "content_type":
            # Only catalogue records can be cited, not users or sessions.
            cited = catalogue_models()
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
