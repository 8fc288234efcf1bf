"""Organisations (NHS bodies, units, regulators, universities, funders), people and roles.

Organisations form a hierarchy through ``parent`` (NHS Digital and its directorates, HDR UK
and its centres); other stated ties (runs, partners with, oversees, hosts, funds) are
:class:`OrganisationRelationship` rows, each of which can carry its own citations.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Lower
from simple_history.models import HistoricalRecords

from core import text_search
from core.partial_dates import PartialDateField, partial_date_constraints
from core.reversing import url_for
from core.search import search as forgiving_search
from sources.citations import cited
from sources.models import CitedModel


class OrganisationKind(models.TextChoices):
    """What sort of body an organisation is."""

    GOVERNMENT = "government", "Government department or agency"
    NHS_BODY = "nhs_body", "National NHS body"
    UNIT = "unit", "Unit or lab within a body"
    DIRECTORATE = "directorate", "Directorate"
    REGULATOR = "regulator", "Regulator or statutory office"
    RESEARCH = "research", "Research institute or centre"
    UNIVERSITY = "university", "University"
    PROVIDER = "provider", "Care provider"
    FUNDER = "funder", "Funding body"
    MEMBERSHIP = "membership", "Membership or trade body"
    COMPANY = "company", "Company"
    OTHER = "other", "Other"
    NOT_STATED = "not_stated", "Not stated"


class OrganisationQuerySet(models.QuerySet):
    """Queries over organisations."""

    def for_listing(self) -> OrganisationQuerySet:
        """Organisations with their parent joined in, for lists and the hierarchy (one query)."""
        return self.select_related("parent")

    def under(self, roots: list[int]) -> OrganisationQuerySet:
        """The organisations below any of ``roots`` (primary keys), at any depth, in one query.

        A recursive common table expression (the same SQL on SQLite and PostgreSQL) walks down
        from the roots by ``parent_id`` in the database, so a page of top-level organisations
        fetches their whole subtrees without reading the rest of the hierarchy. ``UNION`` (not
        ``UNION ALL``) ends the walk even on a loop in the data, which ``clean()`` refuses.
        """
        if not roots:
            return self.none()
        table = self.model._meta.db_table
        placeholders = ", ".join(["%s"] * len(roots))
        # The table name is the model's own and the keys are parameters.
        below = RawSQL(  # noqa: S611
            f'WITH RECURSIVE below(id) AS (SELECT id FROM "{table}" WHERE parent_id IN ({placeholders}) '  # noqa: S608
            f'UNION SELECT child.id FROM "{table}" child JOIN below ON child.parent_id = below.id) '
            "SELECT id FROM below",
            list(roots),
        )
        return self.filter(pk__in=below)

    def for_detail(self) -> OrganisationQuerySet:
        """One organisation with everything its page shows, in a fixed number of queries."""
        return self.select_related("parent").prefetch_related(
            "aliases",
            Prefetch("children", queryset=Organisation.objects.order_by("name")),
            Prefetch("roles", queryset=Role.objects.select_related("person")),
            cited(),
        )

    def search(self, query: str) -> OrganisationQuerySet:
        """Organisations matching ``query`` in name, acronym, alias or description, best first (one query).

        Full-text with ranking and misspelling tolerance on PostgreSQL; substrings elsewhere.
        """
        return forgiving_search(self, query)

    def with_headlines(self, query: str) -> OrganisationQuerySet:
        """Annotate ``search_headline``, the description cut around the matched words."""
        return text_search.with_headline(self, query, "description")


class Organisation(CitedModel):
    """A body that runs, funds, hosts or takes part in programmes."""

    claimed_fields = ("kind", "parent", "founded")

    name = models.CharField(max_length=200)
    acronym = models.CharField(max_length=30, blank=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=OrganisationKind.choices, default=OrganisationKind.NOT_STATED)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="The body this one is part of (e.g. a directorate's organisation).",
    )
    description = models.TextField(blank=True, help_text="In the catalogue's own words.")
    location = models.CharField(max_length=200, blank=True)
    founded = PartialDateField("founded")
    website = models.URLField(blank=True)
    history = HistoricalRecords()

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name"), "pk"]  # as a person sorts: "Accelerating" before "AI-supported"
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="organisation_not_own_parent",
                violation_error_message="An organisation cannot be its own parent.",
            ),
            *partial_date_constraints("founded", "organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym and self.acronym != self.name else self.name

    def get_absolute_url(self) -> str:
        return url_for("organisations:organisation-detail", slug=self.slug)

    def clean(self):
        super().clean()
        self._reject_cycle()

    def _reject_cycle(self) -> None:
        """Refuse a parent that is this organisation or one of its descendants (one query per level)."""
        seen = set()
        ancestor = self.parent
        while ancestor is not None:
            if self.pk is not None and ancestor.pk == self.pk:
                raise ValidationError({"parent": "An organisation cannot be its own ancestor."})
            if ancestor.pk in seen:  # an existing loop elsewhere; stop rather than spin
                break
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def ancestors(self) -> list[Organisation]:
        """Parent, grandparent and so on, nearest first (one query per level; hierarchies are shallow)."""
        chain, node, seen = [], self.parent, {self.pk}
        while node is not None and node.pk not in seen:
            chain.append(node)
            seen.add(node.pk)
            node = node.parent
        return chain


class AliasBase(models.Model):
    """Another name a record is known by: a former name, an abbreviation, a variant spelling.

    The owner's search document holds its aliases, so it is found by them at once: the search
    registry refreshes it whenever an alias is saved or deleted (``core.search.DocumentSpec.related``).
    """

    class Kind(models.TextChoices):
        FORMER = "former", "Former or legal name"
        ABBREVIATION = "abbreviation", "Abbreviation"
        VARIANT = "variant", "Variant spelling"
        INFORMAL = "informal", "Informal name"
        NOT_STATED = "not_stated", "Not stated"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NOT_STATED)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OrganisationAlias(AliasBase, CitedModel):
    """Another name of an organisation, e.g. "HSCIC" for NHS Digital or "NHSx" for NHSX."""

    claimed_fields = ("organisation", "kind")
    claim_support = {"organisation": ("",)}

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="aliases")
    page_owners = ("organisation",)

    history = HistoricalRecords()

    class Meta(AliasBase.Meta):
        verbose_name_plural = "organisation aliases"
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="organisation_alias_unique",
                violation_error_message="This organisation already has that alias.",
            )
        ]



class RelationshipKind(models.TextChoices):
    """How one organisation stands to another, read as "subject <kind> object"."""

    RUNS = "runs", "runs"
    PARTNERS_WITH = "partners_with", "partners with"
    OVERSEES = "oversees", "oversees"
    REGULATES = "regulates", "regulates"
    HOSTS = "hosts", "hosts"
    FUNDS = "funds", "funds"
    WORKS_WITH = "works_with", "works with"
    BRINGS_TOGETHER_TEAMS_FROM = "brings_together", "brings together teams from"
    PART_OF = "part_of", "is part of"
    ON_BEHALF_OF = "on_behalf_of", "acts on behalf of"
    NOT_STATED = "not_stated", "Not stated"


class OrganisationRelationshipQuerySet(models.QuerySet):
    """Queries over relationships."""

    def for_display(self) -> OrganisationRelationshipQuerySet:
        """Relationships with both organisations joined in (one query)."""
        return self.select_related("subject", "object")

    def involving(self, organisation: Organisation) -> OrganisationRelationshipQuerySet:
        """Relationships in which ``organisation`` is either side."""
        return self.filter(Q(subject=organisation) | Q(object=organisation))


class OrganisationRelationship(CitedModel):
    """A stated tie between two organisations: "NHSX runs the NHS AI Lab"."""

    claimed_fields = ("subject", "kind", "object", "started", "ended", "as_of")
    claim_support = {"subject": ("",), "object": ("",)}

    page_owners = ("subject",)
    cited_select_related = ("subject", "object")
    subject = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="relationships_as_subject")
    kind = models.CharField(max_length=20, choices=RelationshipKind.choices, default=RelationshipKind.NOT_STATED)
    started = PartialDateField("started")
    ended = PartialDateField("ended")
    as_of = PartialDateField("as of", help_text="When a source last stated the relationship, if it gives no start.")
    object = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="relationships_as_object")
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    objects = OrganisationRelationshipQuerySet.as_manager()

    class Meta:
        ordering = ["subject__name", "kind", "object__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["subject", "kind", "object"],
                name="organisation_relationship_unique",
                violation_error_message="This relationship is already recorded.",
            ),
            models.CheckConstraint(
                condition=~Q(subject=F("object")),
                name="organisation_relationship_not_reflexive",
                violation_error_message="An organisation cannot be related to itself.",
            ),
            *partial_date_constraints("started", "organisation_relationship"),
            *partial_date_constraints("ended", "organisation_relationship"),
            *partial_date_constraints("as_of", "organisation_relationship"),
        ]

    def __str__(self) -> str:
        return f"{self.subject.name} {self.get_kind_display()} {self.object.name}"


class PersonQuerySet(models.QuerySet):
    """Queries over people."""

    def for_listing(self) -> PersonQuerySet:
        """People with their roles and the roles' organisations (two queries)."""
        return self.prefetch_related(Prefetch("roles", queryset=Role.objects.select_related("organisation")))

    def search(self, query: str) -> PersonQuerySet:
        """People matching ``query`` in name, description or any role title, best first (``core.search``)."""
        return forgiving_search(self, query)


class Person(CitedModel):
    """A named person the sources mention, e.g. a chief executive or a working-group member."""

    name = models.CharField(max_length=200)
    honorific = models.CharField(max_length=30, blank=True, help_text="Dr, Professor and the like, as stated.")
    slug = models.SlugField(max_length=120, unique=True)
    description = models.TextField(blank=True)

    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = [Lower("name"), "pk"]  # as a person sorts: "Accelerating" before "AI-supported"
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return f"{self.honorific} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return url_for("organisations:person-detail", slug=self.slug)


class Role(CitedModel):
    """A title a person held at an organisation, and when the sources place it."""

    claimed_fields = ("person", "organisation", "started", "ended", "as_of")
    claim_support = {"person": ("",), "organisation": ("",)}

    page_owners = ("person", "organisation")
    cited_select_related = ("person", "organisation")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="roles")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="roles")
    title = models.CharField(max_length=300)
    started = PartialDateField("started")
    ended = PartialDateField("ended")
    as_of = PartialDateField("as of", help_text="When a source last stated the role, if it gives no start.")

    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation__name", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "organisation", "title"],
                name="role_unique",
                violation_error_message="This person already has that title at this organisation.",
            ),
            *partial_date_constraints("started", "role"),
            *partial_date_constraints("ended", "role"),
            *partial_date_constraints("as_of", "role"),
        ]

    def __str__(self) -> str:
        return f"{self.person}, {self.title}, {self.organisation.name}"
