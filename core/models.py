"""Choices shared by several apps; the shared abstract models live beside the data they need."""

from datetime import UTC, datetime

from django.db import DEFAULT_DB_ALIAS, models
from django.db.models import F
from django.utils import timezone


class AmountQualifier(models.TextChoices):
    """How a stated figure bounds the real one: "£79 million", "more than £1 billion", "up to 5 million"."""

    NOT_STATED = "not_stated", "Not stated"
    EXACT = "exact", "Exactly"
    AT_LEAST = "at_least", "At least"
    MORE_THAN = "more_than", "More than"
    UP_TO = "up_to", "Up to"
    APPROXIMATELY = "approximately", "Approximately"

    @property
    def is_lower_bound(self) -> bool:
        """True for figures that say only how low the real value can be."""
        return self in {AmountQualifier.AT_LEAST, AmountQualifier.MORE_THAN}


QUALIFIER_WORDS = {
    AmountQualifier.NOT_STATED: "",
    AmountQualifier.EXACT: "",
    AmountQualifier.AT_LEAST: "at least ",
    AmountQualifier.MORE_THAN: "more than ",
    AmountQualifier.UP_TO: "up to ",
    AmountQualifier.APPROXIMATELY: "about ",
}


class CatalogueRevision(models.Model):
    """One row counting the writes to the catalogue, so a cached page can tell it is out of date.

    Every save, delete or many-to-many change of a catalogue record moves ``number`` on (see
    ``core.signals``); bulk loads move it once when they finish. Cached pages and ETags are keyed
    by it, and because it lives in the database every server process sees a write at once,
    whether the cache is Redis or each process's own memory.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "catalogue revision"

    def __str__(self) -> str:
        return f"Revision {self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def current(cls) -> tuple[int, datetime]:
        """The revision number and when it last moved (one query)."""
        row = cls.objects.filter(pk=SINGLETON_PK).values_list("number", "changed_at").first()
        return row if row is not None else (0, datetime(2019, 1, 1, tzinfo=UTC))

    @classmethod
    def bump(cls, using: str = DEFAULT_DB_ALIAS) -> None:
        """Move the revision on (one UPDATE, or an INSERT the first time)."""
        now = timezone.now()
        updated = cls.objects.using(using).filter(pk=SINGLETON_PK).update(number=F("number") + 1, changed_at=now)
        if not updated:
            cls.objects.using(using).get_or_create(pk=SINGLETON_PK, defaults={"number": 1, "changed_at": now})


SINGLETON_PK = 1


class SearchDocument(models.Model):
    """One record as search reads it: its names and all its text as searchable words (``core.search_words``).

    Kept current by ``core.search`` on every save and delete of a searchable record (and of
    what its document includes, such as aliases), rebuilt by ``manage.py refresh_search_index``.
    ``model`` is the record's model label (``programmes.programme``). On SQLite an FTS5 word
    index mirrors the table (migration ``0004``); on PostgreSQL a GIN index over ``(model, to_tsvector(body))``
    (migration ``0005``). Each searchable record joins its document through ``core.search.DocumentLink``.
    """

    model = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    names = models.TextField(blank=True, default="")
    body = models.TextField(blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "object_id"], name="search_document_unique_record")]

    def __str__(self) -> str:
        return f"{self.model} {self.object_id}"


class SearchWord(models.Model):
    """A word that occurs in some search document: what misspelt query words are corrected to.

    Words are added as documents are written and removed only when the index is rebuilt, so
    a word of a deleted record may linger until then (it finds nothing, and is never suggested
    alone: suggestions are checked to find something).
    """

    word = models.CharField(max_length=100, unique=True)

    def __str__(self) -> str:
        return self.word


class FacetCount(models.Model):
    """How many rows of an unfiltered list have one value of one facet ("12 programmes led by NHSX").

    ``facet`` names the list and the facet (``programmes.programme.organisation``); a value is a
    related record's key (``key``) or a column's value (``value``). Kept current in the same
    transaction by every save, delete and many-to-many change of the rows counted, and rebuilt
    after bulk loads (``core.facet_summary``; ``manage.py refresh_facet_counts``), so a list's
    facets read a few dozen rows instead of counting the whole table on every request.
    """

    facet = models.CharField(max_length=100)
    key = models.BigIntegerField(null=True, blank=True)
    value = models.CharField(max_length=200, blank=True, default="")
    label = models.CharField(
        max_length=200, blank=True, default="", help_text="What equal counts are ordered by, where not the value."
    )
    count = models.PositiveBigIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["facet", "key", "value"], name="facet_count_lookup_idx"),
            # The most common values first, then by label: a facet of 100,000 values (award recipients) shows 51.
            models.Index(fields=["facet", "-count", "label"], name="facet_count_common_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.facet} {self.key if self.key is not None else self.value}: {self.count}"


class GroupTotal(models.Model):
    """The sum and counts of one group of rows in one category, for a total the pages show unfiltered.

    ``total`` names what is summed (``funding.funder``: awards by funder and total category); a
    group is ``key`` (a related record's id or a year) and ``text`` (a value in words, such as a
    funder named only in words). The app that owns the rows keeps them current on every write
    and registers their rebuild with ``core.facet_summary.register_rebuild`` (see
    ``funding.kept_totals``).
    """

    total = models.CharField(max_length=100)
    key = models.BigIntegerField(null=True, blank=True)
    text = models.CharField(max_length=200, blank=True, default="")
    category = models.CharField(max_length=40)
    amount = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    rows = models.PositiveBigIntegerField()
    approximate = models.PositiveBigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["total", "key", "text"], name="group_total_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.total} {self.key} {self.text} {self.category}: {self.amount} ({self.rows})"
