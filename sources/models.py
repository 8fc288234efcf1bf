"""Source documents and the claims that let a reader check every fact in the catalogue.

A :class:`Citation` is a *claim*: what one source says about one field of one record (or
about the record as a whole), with the value as the source writes it, a verbatim quote, how
the value is qualified (stated, approximate, a lower bound, expected, inferred...), the date it
refers to (``as_of``) and a rank (preferred, normal, deprecated, with the reason).

Claims of the same field are compared by :meth:`CitationQuerySet.disputed`: they *dispute*
the field when their values differ (ignoring case, spacing and the qualifier, which is kept
apart from the value), neither is deprecated, and time does not explain the difference (two
claims with different "as of" dates record a *change*, not a dispute). A dispute with a
preferred claim is *decided*; without one, every page shows every claim.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.db.models.signals import pre_save
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from core.partial_dates import PartialDateField, clean_partial_date, partial_date_constraints, partial_date_name
from core.reversing import url_for
from core.search import search as forgiving_search
from sources.quotes import SourceText, comparable, quote_problem

QUOTE_MAX_LENGTH = 300
SOURCE_TEXT_MAX_LENGTH = 2_000_000
"""The longest source text the admin and the API accept (a long report is a few hundred thousand characters)."""


class ClaimQualifier(models.TextChoices):
    """How a claim's value relates to the real one, as its source words it."""

    STATED = "stated", "Stated exactly"
    APPROXIMATE = "approximate", "Approximate"
    LOWER_BOUND = "lower_bound", "Lower bound (at least, over)"
    UPPER_BOUND = "upper_bound", "Upper bound (up to, nearly)"
    EXPECTED = "expected", "Expected or planned"
    TARGET = "target", "Target"
    ACHIEVED = "achieved", "Achieved"
    INFERRED = "inferred", "Inferred by the catalogue"


QUALIFIER_PHRASES = {
    ClaimQualifier.STATED: "",
    ClaimQualifier.APPROXIMATE: "about",
    ClaimQualifier.LOWER_BOUND: "at least",
    ClaimQualifier.UPPER_BOUND: "up to",
    ClaimQualifier.EXPECTED: "expected",
    ClaimQualifier.TARGET: "target",
    ClaimQualifier.ACHIEVED: "achieved",
    ClaimQualifier.INFERRED: "inferred by the catalogue",
}
"""The words a page puts before a claim's value; inferred values are never shown as stated."""


RANK_PERMISSION_CODENAME = "rank_citation"
RANK_PERMISSION = f"sources.{RANK_PERMISSION_CODENAME}"
"""Who may mark a claim preferred or deprecated: editors, not contributors (``sources.groups``)."""


def may_rank(user) -> bool:
    """Whether ``user`` may set a claim's rank and its reason (the editor's permission)."""
    return user.has_perm(RANK_PERMISSION)


class ClaimRank(models.TextChoices):
    """Which claim of a field the catalogue relies on (as Wikidata ranks statements)."""

    PREFERRED = "preferred", "Preferred"
    NORMAL = "normal", "Normal"
    DEPRECATED = "deprecated", "Deprecated"


def value_key(value: str) -> str:
    """A claim's value for comparison: case, spacing and typographic quote marks ignored ("NHSx" = "NHSX")."""
    return comparable(value or "").casefold()


class SourceKind(models.TextChoices):
    """What sort of document a source is."""

    OVERVIEW = "overview", "Overview"
    NEWS = "news", "News article"
    BLOG = "blog", "Blog post"
    PRESS_RELEASE = "press_release", "Press release"
    REPORT = "report", "Report"
    NOT_STATED = "not_stated", "Not stated"


class SourceQuerySet(models.QuerySet):
    """Queries over sources."""

    def search(self, query: str) -> SourceQuerySet:
        """Sources matching ``query`` in title, publisher, author or summary, best first (``core.search``)."""
        return forgiving_search(self, query)

    def without_text(self) -> SourceQuerySet:
        """Sources whose text is not loaded: lists never read it, and it may run to megabytes."""
        return self.defer("text")


class Source(models.Model):
    """A document the catalogue draws facts from (one of the seed articles, or a later one)."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=SourceKind.choices, default=SourceKind.NOT_STATED)
    publisher = models.CharField(max_length=200, blank=True, help_text="Leave empty when the document does not say.")
    author = models.CharField(max_length=200, blank=True, help_text="Leave empty when the document does not say.")
    published = PartialDateField("published", help_text="Only when the document states it.")
    seed_file = models.CharField(
        max_length=100,
        blank=True,
        help_text="File name of the document under shared/seeds/, kept as given.",
    )
    url = models.URLField(blank=True, help_text="Where the original is published, when known.")
    summary = models.TextField(blank=True, help_text="What the document covers, in the catalogue's own words.")
    text = models.TextField(
        blank=True,
        max_length=SOURCE_TEXT_MAX_LENGTH,
        help_text="The document's full text, as published: every quote citing it is checked against it.",
    )
    date_as_written = models.CharField(
        "date as written",
        max_length=100,
        blank=True,
        help_text='The document\'s date exactly as it prints it, e.g. "Last updated 21 January 2020".',
    )
    captured_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When the text was taken from the document (loaded, pasted or uploaded).",
    )

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
        return url_for("sources:source-detail", slug=self.slug)

    def clean(self):
        clean_partial_date(self, "published")

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())

    def quotes_not_found(self) -> list[Citation]:
        """The claims citing this source whose quote is not in its text (one query)."""
        text = SourceText(self.text)
        return [
            citation
            for citation in self.citations.select_related("content_type").order_by("pk")
            if not text.contains(citation.quote)
        ]


class CitationQuerySet(models.QuerySet):
    """Queries over citations."""

    def for_display(self) -> CitationQuerySet:
        """Citations with their source joined in (one query for any number of citations)."""
        return self.select_related("source", "content_type")

    def _rivals(self) -> CitationQuerySet:
        """Claims of the same record and field as the outer claim, with another value, not deprecated."""
        return (
            Citation.objects.filter(
                content_type=OuterRef("content_type"),
                object_id=OuterRef("object_id"),
                field_name=OuterRef("field_name"),
            )
            .exclude(value_key="")
            .exclude(rank=ClaimRank.DEPRECATED)
            .exclude(value_key=OuterRef("value_key"))
        )

    def _comparable(self) -> CitationQuerySet:
        return self.exclude(field_name="").exclude(value_key="").exclude(rank=ClaimRank.DEPRECATED)

    def of_differing_fields(self) -> CitationQuerySet:
        """These claims narrowed to records having a field with two or more comparable values (no query).

        Both a dispute and a change over time need such a field, so ``disputed()`` and
        ``changes()`` give the same rows after this; but the one grouped pass over the claims
        spares their per-claim EXISTS lookups on every other record: at 264,000 claims (100,000
        programmes) /discrepancies/ went from about 4 s to 0.4 s.
        """
        differing = (
            Citation.objects.order_by()
            ._comparable()
            .values("content_type", "object_id", "field_name")
            .annotate(values=Count("value_key", distinct=True))
            .filter(values__gt=1)
            .values("object_id")
        )
        return self.filter(object_id__in=differing)

    def disputed(self) -> CitationQuerySet:
        """Claims of fields whose sources disagree, decided or not (one query).

        A claim is disputed when another claim of the same record and field has another value
        (ignoring case and spacing), neither is deprecated, and time does not explain it: claims
        that both give an "as of" date, and different ones, record a change instead.
        """
        rivals = self._rivals()
        same_time = rivals.filter(Q(as_of_key="") | Q(as_of_key=OuterRef("as_of_key")))
        return self._comparable().filter(Q(Exists(rivals), as_of_key="") | Q(Exists(same_time)))

    def _with_preferred(self, preferred: bool) -> CitationQuerySet:
        preferred_claims = Citation.objects.filter(
            content_type=OuterRef("content_type"),
            object_id=OuterRef("object_id"),
            field_name=OuterRef("field_name"),
            rank=ClaimRank.PREFERRED,
        )
        return self.filter(Exists(preferred_claims)) if preferred else self.exclude(Exists(preferred_claims))

    def unresolved(self) -> CitationQuerySet:
        """Disputed claims of fields where no claim is preferred: pages show every claim (one query)."""
        return self.disputed()._with_preferred(False)

    def decided(self) -> CitationQuerySet:
        """Disputed claims of fields where the catalogue prefers one claim, with the reason (one query)."""
        return self.disputed()._with_preferred(True)

    def changes(self) -> CitationQuerySet:
        """Claims of fields whose value changed over time: another claim with another value and another
        "as of" date (one query)."""
        later_or_earlier = self._rivals().exclude(as_of_key="").exclude(as_of_key=OuterRef("as_of_key"))
        return self._comparable().exclude(as_of_key="").filter(Exists(later_or_earlier))


class Citation(models.Model):
    """A claim: what one source says about a record or one field of it, with a verbatim quote.

    ``claimed_value`` is the value as the source writes it, without the words that qualify it
    ("£37 million" for "over £37 million"); ``qualifier`` says how it is qualified. ``as_of`` is
    the date the claim refers to, when the source gives or implies one. ``rank`` marks the claim
    the catalogue relies on (preferred) or sets one aside (deprecated), each with a reason.
    """

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
    note = models.TextField(
        blank=True,
        help_text="Why this quote supports the claim, where that is not obvious; the reasoning of an inferred value.",
    )
    qualifier = models.CharField(
        max_length=20,
        choices=ClaimQualifier.choices,
        default=ClaimQualifier.STATED,
        help_text="How the source qualifies the value: exactly, about, over, up to, expected, a target...",
    )
    as_of = PartialDateField("as of", help_text="The date the claim refers to, when the source gives or implies one.")
    rank = models.CharField(
        max_length=20,
        choices=ClaimRank.choices,
        default=ClaimRank.NORMAL,
        help_text="Preferred: the claim the catalogue relies on. Deprecated: kept, but set aside. Both need a reason.",
    )
    rank_reason = models.TextField(
        "reason for the rank",
        blank=True,
        help_text='Why this claim is preferred or deprecated, e.g. "a misnomer: the name is Health Data Research UK".',
    )
    # Kept by a pre_save receiver (loads and raw saves included), so claims compare in SQL.
    value_key = models.CharField(max_length=300, blank=True, editable=False)
    as_of_key = models.CharField(max_length=10, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["value_key", "as_of_key"])

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["content_type", "object_id", "field_name", "source__title", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "field_name"], name="citation_record_idx")]
        permissions = [(RANK_PERMISSION_CODENAME, "Can rank claims (preferred or deprecated)")]
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
            models.CheckConstraint(
                condition=Q(rank=ClaimRank.NORMAL) | ~Q(rank_reason=""),
                name="citation_rank_has_reason",
                violation_error_message="Say why this claim is preferred or deprecated.",
            ),
            models.CheckConstraint(
                condition=~Q(qualifier=ClaimQualifier.INFERRED) | ~Q(note=""),
                name="citation_inference_has_reasoning",
                violation_error_message="An inferred value needs the catalogue's reasoning in the note.",
            ),
            *partial_date_constraints("as_of", "citation"),
        ]

    def __str__(self) -> str:
        target = f"{self.content_type.model}#{self.object_id}"
        if self.field_name:
            target += f".{self.field_name}"
        return f"{self.source} on {target}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # What was stored, so that clean() checks a quote only when it or its source changes.
        instance._stored_quote = (instance.__dict__.get("quote"), instance.__dict__.get("source_id"))
        return instance

    @property
    def qualifier_phrase(self) -> str:
        """The words a page puts before the value ("at least", "expected"); empty for a stated value."""
        return QUALIFIER_PHRASES.get(self.qualifier, "")

    @property
    def value_as_claimed(self) -> str:
        """The value with its qualifier in words: "at least £37 million"; "" for a claim of the whole record."""
        if not self.claimed_value:
            return ""
        phrase = self.qualifier_phrase
        if self.qualifier == ClaimQualifier.INFERRED:
            return f"{self.claimed_value} (inferred by the catalogue)"
        return f"{phrase} {self.claimed_value}".strip()

    @property
    def quote_changed(self) -> bool:
        """True for a new claim, or when its quote or source differs from the stored one (no query)."""
        return getattr(self, "_stored_quote", None) != (self.quote, self.source_id)

    def check_quote(self, text: str | None = None) -> None:
        """Refuse a quote that is not in its source's text, showing the closest passage (see ``sources.quotes``).

        ``text`` is the source's text when the caller has it; otherwise it is read from
        ``self.source`` (no query when the source was fetched with the claim).
        """
        if not self.source_id or not self.quote:
            return
        source = self.source
        problem = quote_problem(self.quote, source.text if text is None else text, source.title)
        if problem:
            raise ValidationError({"quote": problem}, code="quote_not_in_source")

    def clean(self):
        super().clean()
        clean_partial_date(self, "as_of")
        if self.quote_changed:
            self.check_quote()
        if self.rank != ClaimRank.NORMAL and not self.rank_reason.strip():
            raise ValidationError({"rank_reason": "Say why this claim is preferred or deprecated."})
        if self.qualifier == ClaimQualifier.INFERRED and not self.note.strip():
            raise ValidationError({"note": "An inferred value needs the catalogue's reasoning in the note."})
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
    claimed_fields: tuple[str, ...] = ()
    """The structured fields (dates, amounts, kinds, roles, relations) whose every value needs a claim."""
    claim_support: dict[str, tuple[str, ...]] = {}
    """Claims that also support a field besides its own: ``""`` is a claim of the record as a whole
    (a role's quote states the person and the organisation), another name a related field (the
    claim of an amount states how it is bounded)."""

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        for name in getattr(self, "_partial_date_names", ()):
            clean_partial_date(self, name)

    def unsupported_fields(self) -> list[str]:
        """The :attr:`claimed_fields` that hold a value no claim supports: a default or a guess standing
        in for a fact. "Not stated", empty and undated values need no claim. No query when
        ``citations`` (and the many-to-many fields named) were prefetched."""
        cited = {citation.field_name for citation in self.citations.all()}
        missing = []
        for name in self.claimed_fields:
            if not _has_value(self, name):
                continue
            if not cited & {name, *self.claim_support.get(name, ())}:
                missing.append(name)
        return missing

    def claims_by_field(self) -> dict[str, FieldClaims]:
        """Every field some claim names, with its claims and what they amount to (:class:`FieldClaims`).

        Costs no query when ``citations`` was prefetched; otherwise one.
        """
        return {field.name: field for field in group_by_field(self.citations.all())}

    def disputed_fields(self) -> dict[str, list[Citation]]:
        """Fields whose sources disagree (decided or not), with every claim of each (see :class:`FieldClaims`).

        Costs no query when ``citations`` was prefetched; otherwise one.
        """
        return {name: field.claims for name, field in self.claims_by_field().items() if field.is_disputed}


def group_by_field(claims) -> list[FieldClaims]:
    """Claims of fields (not of whole records) grouped by record and field, in the order first seen. No query."""
    grouped: dict[tuple, list[Citation]] = {}
    for claim in claims:
        if claim.field_name:
            grouped.setdefault((claim.content_type_id, claim.object_id, claim.field_name), []).append(claim)
    return [FieldClaims(key[2], field_claims) for key, field_claims in grouped.items()]


def _has_value(record: models.Model, name: str) -> bool:
    """Whether ``record.<name>`` states something: not empty, not "not stated", not an empty set."""
    if name in getattr(record, "_partial_date_names", ()):
        return getattr(record, f"{name}_year") is not None
    field = record._meta.get_field(name)
    if field.many_to_many:
        return record.pk is not None and len(getattr(record, name).all()) > 0
    value = getattr(record, field.attname)
    return value is not False and value not in (None, "", "not_stated")


class ClaimStatus(models.TextChoices):
    """What the claims of one field amount to."""

    AGREED = "agreed", "Sources agree"
    DISPUTED = "disputed", "Sources disagree"
    DECIDED = "decided", "Sources differ; one claim preferred"
    CHANGED = "changed", "Changed over time"


def _key(claim: Citation) -> str:
    return claim.value_key or value_key(claim.claimed_value)


def _as_of_key(claim: Citation) -> str:
    year = claim.as_of_year
    return f"{year:04d}-{claim.as_of_month or 0:02d}-{claim.as_of_day or 0:02d}" if year else ""


@dataclass
class FieldClaims:
    """The claims of one field of one record, and what they amount to: the rule of
    :meth:`CitationQuerySet.disputed`, for claims already in memory (no query)."""

    name: str
    claims: list[Citation]

    @property
    def compared(self) -> list[Citation]:
        """The claims that state a value and are not deprecated."""
        return [claim for claim in self.claims if _key(claim) and claim.rank != ClaimRank.DEPRECATED]

    @property
    def deprecated(self) -> list[Citation]:
        return [claim for claim in self.claims if claim.rank == ClaimRank.DEPRECATED]

    @property
    def preferred(self) -> Citation | None:
        return next((claim for claim in self.claims if claim.rank == ClaimRank.PREFERRED), None)

    @property
    def status(self) -> ClaimStatus:
        disputed = changed = False
        compared = self.compared
        for index, first in enumerate(compared):
            for second in compared[index + 1 :]:
                if _key(first) == _key(second):
                    continue
                first_when, second_when = _as_of_key(first), _as_of_key(second)
                if first_when and second_when and first_when != second_when:
                    changed = True
                else:
                    disputed = True
        if disputed:
            return ClaimStatus.DECIDED if self.preferred is not None else ClaimStatus.DISPUTED
        return ClaimStatus.CHANGED if changed else ClaimStatus.AGREED

    @property
    def is_disputed(self) -> bool:
        """True when sources disagree about the field at the same time, whether or not one claim is preferred."""
        return self.status in {ClaimStatus.DISPUTED, ClaimStatus.DECIDED}

    @property
    def rival_claims(self) -> list[Citation]:
        """The claims to show side by side: every compared claim, in date order where dated."""
        return sorted(self.compared, key=lambda claim: (_as_of_key(claim) or "9999", claim.pk or 0))


@receiver(pre_save, sender=Citation, dispatch_uid="claim_comparison_keys")
def keep_claim_keys(sender, instance: Citation, **kwargs) -> None:
    """Before every save (fixture loads and raw saves too): the comparison keys, and the field name
    of a partial date's column as the date itself (``announced_year`` → ``announced``)."""
    instance.value_key = value_key(instance.claimed_value)[:300]
    year, month, day = instance.as_of_year, instance.as_of_month, instance.as_of_day
    instance.as_of_key = f"{year:04d}-{month or 0:02d}-{day or 0:02d}" if year else ""
    if instance.field_name and instance.content_type_id:
        model = ContentType.objects.get_for_id(instance.content_type_id).model_class()
        instance.field_name = partial_date_name(instance.field_name, model)
