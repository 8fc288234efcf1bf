"""Source documents and the citations that let a reader check every fact in the catalogue.

A :class:`Citation` points at any record (and optionally at one field of it), says what the
source claims the value is, and quotes the source verbatim. Where two citations of the same
field claim different values, that field is *disputed*: the catalogue shows both claims and
never silently picks one.
"""

from __future__ import annotations

from collections import defaultdict

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.urls import reverse
from simple_history.models import HistoricalRecords

from core import text_search
from core.partial_dates import PartialDateField, clean_partial_date, partial_date_constraints

QUOTE_MAX_LENGTH = 300


class SourceKind(models.TextChoices):
    """What sort of document a source is."""

    OVERVIEW = "overview", "Overview"
    NEWS = "news", "News article"
    BLOG = "blog", "Blog post"
    PRESS_RELEASE = "press_release", "Press release"
    REPORT = "report", "Report"


class SourceQuerySet(models.QuerySet):
    """Queries over sources."""

    def search(self, query: str) -> SourceQuerySet:
        """Sources whose title, publisher, author or summary contains ``query`` (case-insensitive)."""
        return text_search.containing(self, query, ["title", "publisher", "author", "summary"])


class Source(models.Model):
    """A document the catalogue draws facts from (one of the seed articles, or a later one)."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=SourceKind.choices, default=SourceKind.NEWS)
    publisher = models.CharField(max_length=200, blank=True, help_text="Leave empty when the document does not say.")
    author = models.CharField(max_length=200, blank=True, help_text="Leave empty when the document does not say.")
    published = PartialDateField("published", help_text="Only when the document states it.")
    seed_file = models.CharField(
        max_length=100,
        blank=True,
        help_text="File name of the document under shared/seeds/, kept as given.",
    )
    url = models.URLField(blank=True)
    summary = models.TextField(blank=True, help_text="What the document covers, in the catalogue's own words.")

    history = HistoricalRecords()

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["seed_file"],
                condition=~Q(seed_file=""),
                name="source_unique_seed_file",
                violation_error_message="Another source already uses this seed file.",
            ),
            *partial_date_constraints("published", "source"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("sources:source-detail", kwargs={"slug": self.slug})

    def clean(self):
        clean_partial_date(self, "published")


class CitationQuerySet(models.QuerySet):
    """Queries over citations."""

    def for_display(self) -> CitationQuerySet:
        """Citations with their source joined in (one query for any number of citations)."""
        return self.select_related("source", "content_type")

    def disputed(self) -> CitationQuerySet:
        """Citations of fields whose sources claim different values (one query).

        A field is disputed when at least two citations of the same record and field carry
        different non-empty claimed values.
        """
        rival_claims = Citation.objects.filter(
            content_type=OuterRef("content_type"),
            object_id=OuterRef("object_id"),
            field_name=OuterRef("field_name"),
        ).exclude(claimed_value="").exclude(claimed_value=OuterRef("claimed_value"))
        return self.exclude(field_name="").exclude(claimed_value="").filter(Exists(rival_claims))


class Citation(models.Model):
    """A verbatim quote from a source that supports a record, or one field of it."""

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="citations")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    field_name = models.CharField(
        max_length=60,
        blank=True,
        help_text="The field this citation supports; empty when it supports the record as a whole.",
    )
    claimed_value = models.CharField(
        max_length=300,
        blank=True,
        help_text="The value as this source states it, e.g. 'April 2019'. Differing claims mark the field as disputed.",
    )
    quote = models.TextField(
        help_text=f"Verbatim from the source, at most {QUOTE_MAX_LENGTH} characters.",
    )
    note = models.TextField(blank=True, help_text="Why this quote supports the claim, where that is not obvious.")

    history = HistoricalRecords()

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "field_name", "source__title", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "field_name"], name="citation_record_idx")]
        constraints = [
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("quote"), QUOTE_MAX_LENGTH),
                name="citation_quote_max_length",
                violation_error_message=f"A quote may be at most {QUOTE_MAX_LENGTH} characters.",
            ),
            models.CheckConstraint(
                condition=~Q(quote=""),
                name="citation_quote_not_empty",
                violation_error_message="A citation needs a quote from its source.",
            ),
        ]

    def __str__(self) -> str:
        target = f"{self.content_type.model}#{self.object_id}"
        if self.field_name:
            target += f".{self.field_name}"
        return f"{self.source} on {target}"

    def clean(self):
        if self.content_type_id and self.field_name:
            model = self.content_type.model_class()
            field_names = {field.name for field in model._meta.get_fields()}
            field_names.update(getattr(model, "_partial_date_names", ()))
            if self.field_name not in field_names:
                raise ValidationError({"field_name": f"{model._meta.verbose_name} has no field {self.field_name!r}."})
        if self.content_type_id and self.object_id is not None:
            model = self.content_type.model_class()
            if not model._default_manager.filter(pk=self.object_id).exists():
                message = f"There is no {model._meta.verbose_name} with id {self.object_id}."
                raise ValidationError({"object_id": message})


class CitedModel(models.Model):
    """Base of every catalogue record: citations attached and partial dates validated.

    A record with no page of its own (an alias, a role) names in ``page_owners`` the relations
    whose pages show it, tried in order; ``cited_select_related`` names what its ``__str__`` and
    those links read, so that listing the records a source supports costs no query per record.
    """

    citations = GenericRelation(Citation)
    page_owners: tuple[str, ...] = ()
    cited_select_related: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        for name in getattr(self, "_partial_date_names", ()):
            clean_partial_date(self, name)

    def disputed_fields(self) -> dict[str, list[Citation]]:
        """Fields whose citations claim different values, with those citations.

        Costs no query when ``citations`` was prefetched; otherwise one.
        """
        claims: dict[str, list[Citation]] = defaultdict(list)
        for citation in self.citations.all():
            if citation.field_name and citation.claimed_value:
                claims[citation.field_name].append(citation)
        return {
            field: citations
            for field, citations in claims.items()
            if len({citation.claimed_value for citation in citations}) > 1
        }
