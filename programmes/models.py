"""Programmes (and initiatives, centres, challenges, services, strategies), missions, metrics, events.

A programme is led and partnered by organisations through :class:`ProgrammeOrganisation`,
aims at :class:`Mission` rows, and has reported figures (:class:`Metric`) and dated
happenings (:class:`Event`). Every row can carry citations.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, F, Prefetch, Q
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from core import text_search
from core.models import QUALIFIER_WORDS, AmountQualifier
from core.partial_dates import PartialDateField, partial_date_constraints
from core.reversing import url_for
from core.search import search as forgiving_search
from organisations.models import AliasBase, Organisation
from sources.citations import cited
from sources.models import CitedModel


class Topic(models.Model):
    """A subject area used to group programmes, e.g. "Medical imaging" or "Data access"."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    history = HistoricalRecords()

    class Meta:
        ordering = [Lower("name"), "pk"]  # as a person sorts: "Accelerating" before "AI-supported"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("programmes:programme-list") + f"?topic={self.slug}"


class MissionKind(models.TextChoices):
    """Whether a mission is an organisation's stated aim or one of its work programmes."""

    MISSION = "mission", "Mission"
    WORK_PROGRAMME = "work_programme", "Work programme"
    AMBITION = "ambition", "Ambition"
    NOT_STATED = "not_stated", "Not stated"


class MissionQuerySet(models.QuerySet):
    """Queries over missions."""

    def for_listing(self) -> MissionQuerySet:
        """Missions with their organisation joined in (one query)."""
        return self.select_related("organisation")

    def programme_counts(self) -> dict[int, int]:
        """How many programmes aim at each of these missions, by primary key (one query; none missing)."""
        return dict(
            self.order_by()
            .values("pk")
            .annotate(programmes_in_all=Count("programmes"))
            .values_list("pk", "programmes_in_all")
        )

    def before(self, mission: Mission) -> dict[str, int]:
        """How many of ``mission``'s organisation's missions come before it in the list's order
        (kind, then order): ``in_all``, and ``of_kind``, those of its own kind. One query.

        A page that starts part-way through an organisation's list says so, and numbers on from there.
        """
        earlier = Q(kind__lt=mission.kind) | Q(kind=mission.kind, order__lt=mission.order)
        return self.filter(earlier, organisation_id=mission.organisation_id).aggregate(
            in_all=Count("pk"), of_kind=Count("pk", filter=Q(kind=mission.kind))
        )

    def search(self, query: str) -> MissionQuerySet:
        """Missions matching ``query`` in title or statement, best first (``core.search``)."""
        return forgiving_search(self, query)


class Mission(CitedModel):
    """An organisation's stated mission, work programme or ambition, in its stated order."""

    claimed_fields = ("organisation", "other_organisations", "kind")
    claim_support = {"organisation": ("",), "other_organisations": ("organisation",)}

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="missions",
        help_text="The organisation whose list the mission is in (its order counts there).",
    )
    other_organisations = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="shared_missions",
        verbose_name="also the mission of",
        help_text='Other organisations a source credits with the mission ("NHSX and the NHS AI Lab").',
    )
    kind = models.CharField(max_length=20, choices=MissionKind.choices, default=MissionKind.NOT_STATED)
    order = models.PositiveSmallIntegerField(help_text="Position in the organisation's list, from 1.")
    title = models.CharField(max_length=200, help_text="A short name for the mission.")
    slug = models.SlugField(max_length=120, unique=True)
    statement = models.TextField(help_text="The mission in the catalogue's words.")

    history = HistoricalRecords()

    objects = MissionQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name", "kind", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "order"],
                name="mission_unique_order",
                violation_error_message="This organisation already has a mission of this kind at that position.",
            ),
            models.CheckConstraint(
                condition=Q(order__gte=1),
                name="mission_order_positive",
                violation_error_message="Order starts at 1.",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def organisations(self) -> list[Organisation]:
        """Every organisation whose mission this is, its list's own first (no query when prefetched)."""
        return [self.organisation, *self.other_organisations.all()]

    def get_absolute_url(self) -> str:
        return url_for("programmes:mission-detail", slug=self.slug)


class ProgrammeKind(models.TextChoices):
    """What sort of undertaking a programme is."""

    PROGRAMME = "programme", "Programme"
    INITIATIVE = "initiative", "Initiative"
    CENTRE = "centre", "Centre"
    CHALLENGE = "challenge", "Challenge"
    SERVICE = "service", "Service"
    STRATEGY = "strategy", "Strategy or plan"
    PROJECT = "project", "Project"
    NOT_STATED = "not_stated", "Not stated"


class ProgrammeStatus(models.TextChoices):
    """Where a programme stood when its sources were written."""

    PLANNED = "planned", "Planned"
    ANNOUNCED = "announced", "Announced"
    ACTIVE = "active", "Active"
    COMPLETED = "completed", "Completed"
    NOT_STATED = "not_stated", "Not stated"


class ProgrammeQuerySet(models.QuerySet):
    """Queries over programmes."""

    def for_listing(self) -> ProgrammeQuerySet:
        """Programmes with parent, lead/partner organisations and topics (three queries a page)."""
        return self.select_related("parent").prefetch_related(
            Prefetch(
                "organisation_roles",
                queryset=ProgrammeOrganisation.objects.select_related("organisation"),
            ),
            "topics",
        )

    def for_table(self) -> ProgrammeQuerySet:
        """Programmes as the programme table shows them: parent joined in, organisation roles (with
        their organisations) and topics as lists, ``table_roles`` and ``table_topics``.

        The same three queries a page as ``for_listing()``; lists rather than prefetched managers
        because Django gives every row prefetched into a manager its own filtered queryset, two
        queryset clones a row that the table never uses.
        """
        return self.select_related("parent").prefetch_related(
            Prefetch(
                "organisation_roles",
                queryset=ProgrammeOrganisation.objects.select_related("organisation"),
                to_attr="table_roles",
            ),
            Prefetch("topics", to_attr="table_topics"),
        )

    def for_detail(self) -> ProgrammeQuerySet:
        """One programme with everything its page shows, in a fixed number of queries."""
        return self.for_listing().prefetch_related(
            "aliases",
            "children",
            Prefetch("relationships_as_subject", queryset=ProgrammeRelationship.objects.for_listing()),
            Prefetch("missions", queryset=Mission.objects.for_listing().prefetch_related("other_organisations")),
            Prefetch("metrics", queryset=Metric.objects.order_by("name")),
            "events",
            cited(),
        )

    def led_by(self, organisation: Organisation) -> ProgrammeQuerySet:
        """Programmes in which ``organisation`` has the lead role."""
        return self.filter(organisation_roles__organisation=organisation, organisation_roles__role=ProgrammeRole.LEAD)

    def search(self, query: str) -> ProgrammeQuerySet:
        """Programmes matching ``query`` in name, alias, summary or description, best first (one query).

        Full-text with ranking and misspelling tolerance on PostgreSQL; substrings elsewhere.
        """
        return forgiving_search(self, query)

    def with_headlines(self, query: str) -> ProgrammeQuerySet:
        """Annotate ``search_headline``, the summary cut around the matched words."""
        return text_search.with_headline(self, query, "summary")


class Programme(CitedModel):
    """A programme, initiative, centre, challenge, service or strategy."""

    # Topics are the catalogue's own subject index, not a claim about the programme.
    claimed_fields = ("kind", "status", "parent", "announced", "started", "target", "missions")

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=ProgrammeKind.choices, default=ProgrammeKind.NOT_STATED)
    status = models.CharField(max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.NOT_STATED)
    summary = models.CharField(max_length=500, help_text="One sentence, in the catalogue's own words.")
    description = models.TextField(blank=True)
    location = models.CharField(max_length=200, blank=True)
    announced = PartialDateField("announced")
    started = PartialDateField("started")
    target = PartialDateField("target", help_text='A stated deadline, e.g. "by 2024".')
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The larger programme this one is part of.",
    )
    organisations = models.ManyToManyField(
        Organisation, through="ProgrammeOrganisation", related_name="programmes", blank=True
    )
    missions = models.ManyToManyField(Mission, related_name="programmes", blank=True)
    topics = models.ManyToManyField(Topic, related_name="programmes", blank=True)
    history = HistoricalRecords(m2m_fields=[missions, topics])

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name"), "pk"]  # as a person sorts: "Accelerating" before "AI-supported"
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="programme_not_own_parent",
                violation_error_message="A programme cannot be its own parent.",
            ),
            *partial_date_constraints("announced", "programme"),
            *partial_date_constraints("started", "programme"),
            *partial_date_constraints("target", "programme"),
        ]
        indexes = [
            # The list page, the API and their last pages order by name: walk this, never sort.
            models.Index(Lower("name"), "id", name="programme_lower_name_idx"),
            models.Index(fields=["kind", "name"], name="programme_kind_idx"),
            models.Index(fields=["status", "name"], name="programme_status_idx"),
            models.Index(fields=["announced_year"], name="programme_announced_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return url_for("programmes:programme-detail", slug=self.slug)

    def clean(self):
        super().clean()
        seen, ancestor = set(), self.parent
        while ancestor is not None and ancestor.pk not in seen:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": "A programme cannot be its own ancestor."})
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def leads(self) -> list[Organisation]:
        """Lead organisations; no query when ``organisation_roles`` was prefetched."""
        return leads_among(self.organisation_roles.all())

    def partners(self) -> list[Organisation]:
        """Organisations in any role but lead; no query when ``organisation_roles`` was prefetched."""
        return [role.organisation for role in self.organisation_roles.all() if role.role != ProgrammeRole.LEAD]


def leads_among(roles) -> list[Organisation]:
    """The organisations of the lead roles among a programme's ``roles``, in their order."""
    return [role.organisation for role in roles if role.role == ProgrammeRole.LEAD]


class ProgrammeAlias(AliasBase, CitedModel):
    """Another name of a programme, e.g. "Digital Innovation Hub Programme"."""

    claimed_fields = ("programme", "kind")
    claim_support = {"programme": ("",)}

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="aliases")
    page_owners = ("programme",)

    history = HistoricalRecords()

    class Meta(AliasBase.Meta):
        verbose_name_plural = "programme aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"],
                name="programme_alias_unique",
                violation_error_message="This programme already has that alias.",
            )
        ]


class ProgrammeRole(models.TextChoices):
    """The part an organisation plays in a programme."""

    LEAD = "lead", "Lead"
    CO_LEAD = "co_lead", "Runs jointly"
    PARTNER = "partner", "Partner"
    HOST = "host", "Host institution"
    DELIVERY = "delivery", "Delivery partner"
    FUNDER = "funder", "Funder"
    NOT_STATED = "not_stated", "Not stated"


class ProgrammeOrganisation(CitedModel):
    """An organisation's role in a programme (lead, partner, host, ...)."""

    claimed_fields = ("programme", "organisation", "role", "started", "ended", "as_of")
    claim_support = {"programme": ("",), "organisation": ("",)}

    page_owners = ("programme", "organisation")
    cited_select_related = ("programme", "organisation")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="organisation_roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="programme_roles")
    role = models.CharField(max_length=20, choices=ProgrammeRole.choices, default=ProgrammeRole.NOT_STATED)
    note = models.CharField(max_length=300, blank=True)
    started = PartialDateField("started")
    ended = PartialDateField("ended")
    as_of = PartialDateField("as of", help_text="When a source last stated the role, if it gives no start.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["programme__name", "role", "organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "organisation", "role"],
                name="programme_organisation_unique",
                violation_error_message="This organisation already has that role in this programme.",
            ),
            *partial_date_constraints("started", "programme_organisation"),
            *partial_date_constraints("ended", "programme_organisation"),
            *partial_date_constraints("as_of", "programme_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation.name}: {self.get_role_display()} of {self.programme.name}"


class ProgrammeRelationKind(models.TextChoices):
    """How one programme stands to another, read as "subject <kind> object" (``parent`` says "is part of")."""

    BUILDS_ON = "builds_on", "builds on"
    FUNDED_BY = "funded_by", "is funded by"
    NOT_STATED = "not_stated", "Not stated"


class ProgrammeRelationshipQuerySet(models.QuerySet):
    """Queries over relationships between programmes."""

    def for_listing(self) -> ProgrammeRelationshipQuerySet:
        """Relationships with both programmes joined in (one query)."""
        return self.select_related("subject", "object")


class ProgrammeRelationship(CitedModel):
    """A stated tie between two programmes other than "part of" (``Programme.parent``): the hubs
    build on projects under way; the AI Award is funded by the AI Lab."""

    claimed_fields = ("subject", "kind", "object")
    claim_support = {"subject": ("",), "object": ("",)}

    page_owners = ("subject",)
    cited_select_related = ("subject", "object")
    subject = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="relationships_as_subject")
    kind = models.CharField(
        max_length=20, choices=ProgrammeRelationKind.choices, default=ProgrammeRelationKind.NOT_STATED
    )
    object = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="relationships_as_object")
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    objects = ProgrammeRelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["subject__name", "kind", "object__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "kind", "object"],
                name="programme_relationship_unique",
                violation_error_message="These programmes already have that relationship.",
            ),
            models.CheckConstraint(
                condition=~Q(subject=models.F("object")),
                name="programme_relationship_not_self",
                violation_error_message="A programme cannot be related to itself.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject.name} {self.get_kind_display()} {self.object.name}"


class MetricQuerySet(models.QuerySet):
    """Queries over metrics."""

    def for_listing(self) -> MetricQuerySet:
        """Metrics with what they describe joined in (one query)."""
        return self.select_related("programme", "organisation")

    def search(self, query: str) -> MetricQuerySet:
        """Figures matching ``query`` in name, unit, period or description, best first (``core.search``)."""
        return forgiving_search(self, query)


class Metric(CitedModel):
    """A reported figure: "1.9 million NHS App logins in the last six months"."""

    claimed_fields = ("programme", "organisation", "value", "unit", "qualifier", "period", "as_of")
    # A figure's quote states what it measures, its unit and period; how it is bounded is part of the value's claim.
    claim_support = {
        "programme": ("",),
        "organisation": ("",),
        "value": ("",),
        "unit": ("", "value"),
        "qualifier": ("value",),
        "period": ("", "value"),
    }

    page_owners = ("programme", "organisation")
    cited_select_related = ("programme", "organisation")

    name = models.CharField(max_length=200, help_text="What is measured, e.g. 'NHS App logins'.")
    slug = models.SlugField(max_length=120, unique=True)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, null=True, blank=True, related_name="metrics")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="metrics"
    )
    value = models.DecimalField(max_digits=20, decimal_places=2, validators=[MinValueValidator(0)])
    qualifier = models.CharField(max_length=20, choices=AmountQualifier.choices, default=AmountQualifier.NOT_STATED)
    unit = models.CharField(max_length=60, help_text="e.g. 'logins', 'participants', 'GBP', 'minutes'.")
    period = models.CharField(max_length=200, blank=True, help_text="The span the figure covers, as stated.")
    as_of = PartialDateField("as of")
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    objects = MetricQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name"), "pk"]  # as a person sorts: "Accelerating" before "AI-supported"
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="metric_value_not_negative",
                violation_error_message="A figure cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(programme__isnull=False) | Q(organisation__isnull=False),
                name="metric_has_subject",
                violation_error_message="A figure must describe a programme or an organisation.",
            ),
            *partial_date_constraints("as_of", "metric"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.display_value}"

    @property
    def display_value(self) -> str:
        """The figure as a reader would say it: "more than 107,000 appointments"."""
        number = f"{self.value:,.2f}".rstrip("0").rstrip(".")
        return f"{QUALIFIER_WORDS[AmountQualifier(self.qualifier)]}{number} {self.unit}".strip()


class EventKind(models.TextChoices):
    """What sort of happening an event is."""

    LAUNCH = "launch", "Launch"
    ANNOUNCEMENT = "announcement", "Announcement"
    PUBLICATION = "publication", "Publication"
    ROUNDTABLE = "roundtable", "Roundtable"
    CONFERENCE = "conference", "Conference or meeting"
    APPOINTMENT = "appointment", "Appointment"
    FUNDING = "funding", "Funding decision"
    OTHER = "other", "Other"
    NOT_STATED = "not_stated", "Not stated"


class EventQuerySet(models.QuerySet):
    """Queries over events."""

    def for_listing(self) -> EventQuerySet:
        """Events with their organisations, programmes and people (four queries)."""
        return self.prefetch_related("organisations", "programmes", "people")

    def chronological(self) -> EventQuerySet:
        """Events in date order; undated ones last."""
        return self.order_by(
            F("date_year").asc(nulls_last=True), F("date_month").asc(nulls_first=True), "date_day", "name"
        )

    def search(self, query: str) -> EventQuerySet:
        """Events matching ``query`` in name, description or location, best first (``core.search``)."""
        return forgiving_search(self, query)


class Event(CitedModel):
    """A dated happening: a launch, an announcement, a roundtable, a conference."""

    claimed_fields = ("kind", "date", "organisations", "programmes", "people")

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=EventKind.choices, default=EventKind.NOT_STATED)
    date = PartialDateField("date")
    location = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    organisations = models.ManyToManyField(Organisation, related_name="events", blank=True)
    programmes = models.ManyToManyField(Programme, related_name="events", blank=True)
    people = models.ManyToManyField("organisations.Person", related_name="events", blank=True)

    history = HistoricalRecords(m2m_fields=[organisations, programmes, people])

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["date_year", "date_month", "date_day", "name"]
        constraints = [*partial_date_constraints("date", "event")]

    def __str__(self) -> str:
        return f"{self.name} ({self.date})" if self.date else self.name

    def get_absolute_url(self) -> str:
        return url_for("programmes:event-detail", slug=self.slug)
