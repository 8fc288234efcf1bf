"""Funding awards and funding streams.

Amounts are exact ``Decimal`` pounds with a qualifier ("more than £1 billion") and a period
("a year", "over three years"), because sums with different qualifiers or periods cannot be
added up. An award can be counted inside a larger one (``part_of``: the AI Award inside the
NHS AI Lab's £250 million) or be matched funding expected from others, not yet given.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Count, F, OuterRef, Prefetch, Q, Subquery, Sum, Value, When
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from core.models import QUALIFIER_WORDS, AmountQualifier, GroupTotal
from core.money import NOT_STATED, pounds, pounds_as_written
from core.partial_dates import PartialDateField, partial_date_constraints
from core.reversing import url_for
from core.search import search as forgiving_search
from organisations.models import Organisation
from programmes.models import Programme
from sources.citations import cited
from sources.models import CitedModel

MAX_AMOUNT_GBP = Decimal("999999999999.99")


class FundingStreamQuerySet(models.QuerySet):
    """Queries over funding streams."""

    def for_listing(self) -> FundingStreamQuerySet:
        """Streams with their parent and administering organisation (one query)."""
        return self.select_related("parent", "administered_by")

    def search(self, query: str) -> FundingStreamQuerySet:
        """Streams matching ``query`` in name or description, best first (``core.search``)."""
        return forgiving_search(self, query)


class FundingStream(CitedModel):
    """A named pot of money awards come from, e.g. the Industrial Strategy Challenge Fund."""

    claimed_fields = ("parent", "administered_by", "programme")

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children",
        help_text="The larger fund this one is a wave or part of.",
    )
    administered_by = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="funding_streams"
    )
    programme = models.OneToOneField(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_stream",
        verbose_name="the same scheme as a programme",
        help_text="The programme this fund also is: the Industrial Strategy Challenge Fund is both.",
    )
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    objects = FundingStreamQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name"), "pk"]  # as a person sorts: "Accelerating" before "AI-supported"
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="funding_stream_not_own_parent",
                violation_error_message="A funding stream cannot be its own parent.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("funding:award-list") + f"?stream={self.slug}"


class FundingPeriod(models.TextChoices):
    """The span an amount covers."""

    ONE_OFF = "one_off", "One-off"
    PER_YEAR = "per_year", "Per year"
    OVER_YEARS = "over_years", "Over a number of years"
    NOT_STATED = "not_stated", "Not stated"


class LeftOut(models.TextChoices):
    """Why an award is not added to a total."""

    PART_OF = "part_of", "Counted inside a larger award"
    EXPECTED_MATCH = "expected_match", "Matched funding expected from others, not an award made"
    LOWER_BOUND = "lower_bound", "A lower bound (“more than” or “at least”): the real sum is not known"
    UPPER_BOUND = "upper_bound", "An upper bound (“up to”): the real sum is not known"
    BOUND_NOT_STATED = "bound_not_stated", "Not stated whether the amount is exact or a bound"


class TotalCategory(models.TextChoices):
    """Which total an award goes into: one of two sums, or left out for a reason (``LeftOut``)."""

    COMPARABLE = "comparable", "One-off and multi-year total"
    PER_YEAR = "per_year", "Yearly total"
    PART_OF = LeftOut.PART_OF.value, LeftOut.PART_OF.label
    EXPECTED_MATCH = LeftOut.EXPECTED_MATCH.value, LeftOut.EXPECTED_MATCH.label
    LOWER_BOUND = LeftOut.LOWER_BOUND.value, LeftOut.LOWER_BOUND.label
    UPPER_BOUND = LeftOut.UPPER_BOUND.value, LeftOut.UPPER_BOUND.label
    BOUND_NOT_STATED = LeftOut.BOUND_NOT_STATED.value, LeftOut.BOUND_NOT_STATED.label


ADDABLE_QUALIFIERS = frozenset({AmountQualifier.EXACT, AmountQualifier.APPROXIMATELY})
LOWER_BOUND_QUALIFIERS = (AmountQualifier.MORE_THAN, AmountQualifier.AT_LEAST)
# The same rules as ``funding.totals.reason_left_out``, in the order it applies them.
_LEFT_OUT = Q(part_of__isnull=False) | Q(is_expected_match=True) | ~Q(amount_qualifier__in=ADDABLE_QUALIFIERS)
_TOTAL_CATEGORY = Case(
    When(part_of__isnull=False, then=Value(TotalCategory.PART_OF)),
    When(is_expected_match=True, then=Value(TotalCategory.EXPECTED_MATCH)),
    When(amount_qualifier__in=LOWER_BOUND_QUALIFIERS, then=Value(TotalCategory.LOWER_BOUND)),
    When(amount_qualifier=AmountQualifier.NOT_STATED, then=Value(TotalCategory.BOUND_NOT_STATED)),
    When(~Q(amount_qualifier__in=ADDABLE_QUALIFIERS), then=Value(TotalCategory.UPPER_BOUND)),
    When(period=FundingPeriod.PER_YEAR, then=Value(TotalCategory.PER_YEAR)),
    default=Value(TotalCategory.COMPARABLE),
    output_field=models.CharField(),
)


# The kept totals (``funding.kept_totals``): awards by funder, and by year, per ``TotalCategory``.
KEPT_BY_FUNDER, KEPT_BY_YEAR = "funding.funder", "funding.year"


def _kept_sums(row: GroupTotal) -> dict:
    return {"total_category": row.category, "amount": row.amount, "awards": row.rows, "approximate": row.approximate}


class FundingAwardQuerySet(models.QuerySet):
    """Queries over funding awards."""

    def for_listing(self) -> FundingAwardQuerySet:
        """Awards with funder, recipients, stream and containing award joined in (one query)."""
        return self.select_related("funder", "recipient_programme", "recipient_organisation", "stream", "part_of")

    def for_detail(self) -> FundingAwardQuerySet:
        """One award with its parts and citations (three queries)."""
        return self.for_listing().prefetch_related(
            Prefetch("parts", queryset=FundingAward.objects.for_listing()),
            cited(),
        )

    def comparable(self) -> FundingAwardQuerySet:
        """Awards whose amounts may be added up: exact one-off sums given, not counted elsewhere."""
        return self.filter(
            part_of__isnull=True,
            is_expected_match=False,
            amount_qualifier__in=[AmountQualifier.EXACT, AmountQualifier.APPROXIMATELY],
        )

    def left_out_of_totals(self) -> FundingAwardQuerySet:
        """Awards no total adds up: parts of larger awards, expected matches, bounds."""
        return self.filter(_LEFT_OUT)

    def sums_by_funder_and_category(self) -> Iterable[dict]:
        """One row per funder and ``TotalCategory``: ``amount``, ``awards`` and ``approximate`` (one query).

        Over every award, the sums kept by ``funding.kept_totals`` are read instead of summed.
        """
        if self.is_every_award():
            names = Organisation.objects.filter(pk=OuterRef("key"))
            kept = GroupTotal.objects.using(self.db).filter(total=KEPT_BY_FUNDER).annotate(
                funder_name=Subquery(names.values("name")[:1]), funder_slug=Subquery(names.values("slug")[:1])
            )
            return [
                {
                    "funder_id": row.key, "funder__name": row.funder_name, "funder__slug": row.funder_slug,
                    "funder_description": row.text, **_kept_sums(row),
                }
                for row in kept
            ]
        return self._sums_by("funder_id", "funder__name", "funder__slug", "funder_description")

    def sums_by_year_and_category(self) -> Iterable[dict]:
        """One row per year announced (None when undated) and ``TotalCategory``, as above (one query)."""
        if self.is_every_award():
            kept = GroupTotal.objects.using(self.db).filter(total=KEPT_BY_YEAR)
            return [{"announced_year": row.key, **_kept_sums(row)} for row in kept]
        return self._sums_by("announced_year")

    def is_every_award(self) -> bool:
        """True when this queryset is the whole table: no filter, slice, union or DISTINCT. No query."""
        query = self.query
        return not query.where and not query.is_sliced and query.combinator is None and not query.distinct

    def _sums_by(self, *fields: str) -> FundingAwardQuerySet:
        return (
            self.order_by()
            .annotate(total_category=_TOTAL_CATEGORY)
            .values(*fields, "total_category")
            .annotate(
                amount=Sum("amount_gbp"),
                awards=Count("pk"),
                approximate=Count("pk", filter=Q(amount_qualifier=AmountQualifier.APPROXIMATELY)),
            )
        )

    def search(self, query: str) -> FundingAwardQuerySet:
        """Awards matching ``query`` in title, description, stated funder or amount, best first (``core.search``)."""
        return forgiving_search(self, query)


class FundingAward(CitedModel):
    """A sum of money a funder gives (or is expected to give) to a programme or organisation."""

    claimed_fields = (
        "funder",
        "funder_description",
        "amount_gbp",
        "amount_qualifier",
        "period",
        "period_years",
        "recipient_programme",
        "recipient_organisation",
        "stream",
        "part_of",
        "announced",
        "is_expected_match",
    )
    claim_support = {"amount_qualifier": ("amount_gbp",), "period_years": ("period",)}

    title = models.CharField(max_length=300, help_text="What the money is for, in the catalogue's words.")
    description = models.TextField(blank=True)
    amount_gbp = models.DecimalField(
        "amount (GBP)",
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(MAX_AMOUNT_GBP)],
    )
    amount_qualifier = models.CharField(
        "how the amount is bounded",
        max_length=20,
        choices=AmountQualifier.choices,
        default=AmountQualifier.NOT_STATED,
    )
    period = models.CharField(
        "period the amount covers", max_length=20, choices=FundingPeriod.choices, default=FundingPeriod.NOT_STATED
    )
    period_years = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text="Number of years, for amounts 'over N years'.",
    )
    funder = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="awards_given",
        help_text="Leave empty when the source names no funder.",
    )
    funder_description = models.CharField(
        max_length=200, blank=True, help_text="The funder as stated when it is no single organisation, e.g. 'industry'."
    )
    recipient_programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="funding_awards"
    )
    recipient_organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="awards_received"
    )
    stream = models.ForeignKey(
        FundingStream, on_delete=models.PROTECT, null=True, blank=True, related_name="awards"
    )
    part_of = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="parts",
        help_text="A larger award this amount is counted inside; it is then left out of totals.",
    )
    is_expected_match = models.BooleanField(
        "matched funding expected",
        default=False,
        help_text="Money others are expected to add, not an award made.",
    )
    announced = PartialDateField("announced")

    history = HistoricalRecords()

    objects = FundingAwardQuerySet.as_manager()

    class Meta:
        ordering = ["-amount_gbp", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_gbp__gte=0),
                name="funding_award_amount_not_negative",
                violation_error_message="An amount cannot be negative.",
            ),
            models.CheckConstraint(
                condition=(Q(period="over_years") & Q(period_years__isnull=False))
                | (~Q(period="over_years") & Q(period_years__isnull=True)),
                name="funding_award_period_years_consistent",
                violation_error_message="Give the number of years exactly when the period is 'over a number of years'.",
            ),
            models.CheckConstraint(
                condition=~Q(part_of=F("pk")),
                name="funding_award_not_part_of_itself",
                violation_error_message="An award cannot be part of itself.",
            ),
            *partial_date_constraints("announced", "funding_award"),
        ]
        indexes = [
            # Meta.ordering, and ?ordering=-amount on the page and the API.
            models.Index(fields=["-amount_gbp", "title"], name="award_amount_idx"),
            # (amount DESC NULLS LAST, id), the lists' "largest first", is PostgreSQL's only: migration 0005.
            models.Index(fields=["funder", "-amount_gbp"], name="award_funder_amount_idx"),
            models.Index(fields=["announced_year"], name="award_announced_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title}: {self.display_amount}"

    def get_absolute_url(self) -> str:
        return url_for("funding:award-detail", pk=self.pk)

    def clean(self):
        super().clean()
        if self.part_of_id is not None and self.pk is not None:
            seen, node = set(), self.part_of
            while node is not None and node.pk not in seen:
                if node.pk == self.pk:
                    raise ValidationError({"part_of": "An award cannot be counted inside itself."})
                seen.add(node.pk)
                node = node.part_of

    @property
    def recipient(self) -> Programme | Organisation | None:
        """The programme receiving the money, else the organisation."""
        return self.recipient_programme or self.recipient_organisation

    @property
    def funder_name(self) -> str:
        """The funder organisation's name, or the funder as the source states it."""
        return self.funder.name if self.funder else self.funder_description or NOT_STATED

    @property
    def display_amount(self) -> str:
        """The amount as the source words it: "more than £1 billion a year", "£140 million over 3 years"."""
        return self._with_qualifier_and_period(pounds_as_written(self.amount_gbp))

    @property
    def exact_amount(self) -> str:
        """The exact figure with the same qualifier and period: "more than £1,000,000,000 a year"."""
        return self._with_qualifier_and_period(pounds(self.amount_gbp))

    @property
    def exact_amount_differs(self) -> bool:
        """Whether the exact figure says more than :attr:`display_amount` (it is worth showing beside it)."""
        return pounds(self.amount_gbp) != pounds_as_written(self.amount_gbp)

    @property
    def funder_is_stated(self) -> bool:
        """Whether a source names the funder (an organisation or in words)."""
        return self.funder_id is not None or bool(self.funder_description)

    @property
    def summary(self) -> str:
        """The amount, and the funder when one is stated: "£250 million from DHSC" (never "from Not stated")."""
        return f"{self.display_amount} from {self.funder_name}" if self.funder_is_stated else self.display_amount

    def _with_qualifier_and_period(self, pounds_text: str) -> str:
        text = QUALIFIER_WORDS[AmountQualifier(self.amount_qualifier)] + pounds_text
        if self.period == FundingPeriod.PER_YEAR:
            text += " a year"
        elif self.period == FundingPeriod.OVER_YEARS:
            text += f" over {self.period_years} year{'s' if self.period_years != 1 else ''}"
        return text
