"""Public pages of organisations and people."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse
from django.views.generic import DetailView, ListView

from core.facets import FilteredListMixin
from core.history import LastChangedMixin
from core.querysets import head_and_total
from organisations.filters import OrganisationFilterSet, PersonFilterSet
from organisations.models import (
    Organisation,
    OrganisationKind,
    OrganisationRelationship,
    Person,
    RelationshipKind,
    Role,
)
from organisations.structure import structure_diagram
from sources.citations import cited

# Programmes led, programmes partnered, awards given and received: each listed up to this many.
LIST_LIMIT = 50
# The structure is drawn as a diagram up to this many organisations (on the list, and on a page's branch).
DIAGRAM_LIMIT = 200
# /organisations/ unfiltered: top-level organisations a page, each with its whole subtree.
ROOTS_PER_PAGE = 25
# /organisations/ filtered: matching organisations a page.
MATCHES_PER_PAGE = 50


@dataclass
class TreeNode:
    """An organisation in the hierarchy, with its children (already sorted by name)."""

    organisation: Organisation
    children: list[TreeNode] = field(default_factory=list)
    parent_outside: Organisation | None = None
    """The parent, when it is not in the list shown (the filters left it out)."""


def build_tree(organisations: list[Organisation]) -> list[TreeNode]:
    """Nest organisations under their parents, in the order given. No query.

    An organisation whose parent is not among ``organisations`` (filtered out) becomes a root
    and keeps a note of its parent; a loop in the data (which ``clean()`` refuses) cannot make
    a node disappear, since every node is placed exactly once.
    """
    nodes = {organisation.pk: TreeNode(organisation) for organisation in organisations}
    roots = []
    for organisation in organisations:
        node = nodes[organisation.pk]
        parent = nodes.get(organisation.parent_id)
        if parent is None or parent is node or _is_descendant(parent, node):
            node.parent_outside = organisation.parent if organisation.parent_id not in nodes else None
            roots.append(node)
        else:
            parent.children.append(node)
    return roots


def _is_descendant(candidate: TreeNode, ancestor: TreeNode) -> bool:
    stack = list(ancestor.children)
    while stack:
        node = stack.pop()
        if node is candidate:
            return True
        stack.extend(node.children)
    return False


def ancestors_of(organisation: Organisation) -> list[Organisation]:
    """Parent, grandparent and so on, outermost first, at any depth in one query (of six columns)."""
    if organisation.parent_id is None:
        return []
    by_pk = {o.pk: o for o in Organisation.objects.only("pk", "parent_id", "name", "acronym", "slug", "kind")}
    chain, seen, pk = [], {organisation.pk}, organisation.parent_id
    while pk is not None and pk not in seen and pk in by_pk:
        seen.add(pk)
        chain.append(by_pk[pk])
        pk = by_pk[pk].parent_id
    return list(reversed(chain))


def branch_of(organisation: Organisation, ancestors: list[Organisation]) -> list[TreeNode]:
    """The organisation under its ancestors, with its children: the part of the tree its page draws.

    No query once ``children`` are prefetched (``for_detail``) and ``ancestors`` fetched (``ancestors_of``).
    """
    node = TreeNode(organisation, [TreeNode(child) for child in organisation.children.all()])
    for ancestor in reversed(ancestors):
        node = TreeNode(ancestor, [node])
    return [node]


class OrganisationListView(FilteredListMixin, ListView):
    """The organisations as a nested hierarchy, paged, filtered by kind and text.

    Unfiltered, a page holds ``ROOTS_PER_PAGE`` top-level organisations, each with its whole
    subtree (never split across pages): three queries (the count of top-level organisations,
    the page of them, their subtrees), one more beyond the first page. Filtered, a page holds
    ``MATCHES_PER_PAGE`` matches nested where their parent matches too, in the filters' order:
    two queries, one more beyond the first page (and a search's one). The cost of a page is
    bounded by its organisations, not by the size of the catalogue.
    """

    api_list_url_name = "api:organisation-list"

    queryset = Organisation.objects.for_listing()
    filterset_class = OrganisationFilterSet
    template_name = "organisations/organisation_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        self.rows = super().get_queryset()
        # Ordering alone is not a filter: the hierarchy is paged by its top level, in that order.
        self.by_top_level = self.filter_is_valid and not self.active_filters()
        return self.rows.filter(parent__isnull=True) if self.by_top_level else self.rows

    def get_paginate_by(self, queryset):
        return ROOTS_PER_PAGE if self.by_top_level else MATCHES_PER_PAGE

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisations = list(context["organisations"])
        if self.by_top_level and organisations:
            organisations += self.rows.under([organisation.pk for organisation in organisations])
        context["tree"] = build_tree(organisations)
        context["by_top_level"] = self.by_top_level
        # A diagram of thousands of boxes is neither readable nor cheap: the list alone stands.
        context["tree_diagram"] = (
            structure_diagram(
                context["tree"], title="How the organisations are structured", chart_id="structure-diagram"
            )
            if len(organisations) <= DIAGRAM_LIMIT
            else ""
        )
        context["diagram_limit"] = DIAGRAM_LIMIT
        context["kind_choices"] = OrganisationKind.choices
        return context


def _missions_with_their_organisation():
    """Missions an organisation shares, with the organisation whose list each is in (one query)."""
    mission = Organisation._meta.get_field("shared_missions").related_model
    return mission.objects.select_related("organisation")


class OrganisationDetailView(LastChangedMixin, DetailView):
    """One organisation and everything the catalogue says about it (a fixed number of queries).

    Programmes and awards are listed up to ``LIST_LIMIT`` each (largest awards first), with how
    many there are in all and a link to the filtered list, so the page stays the same size and
    cost for an organisation with thousands of them. Its connections: its parts (child
    organisations, and the parts of the programmes it leads, such as HDR UK's five centres), what
    it leads, funds and receives, directly or through the programmes it leads.
    """

    queryset = Organisation.objects.for_detail().prefetch_related(
        Prefetch("missions"),
        Prefetch("shared_missions", queryset=_missions_with_their_organisation()),
        Prefetch("metrics"),
        Prefetch("events"),
        cited("aliases__citations"),
        cited("roles__citations"),
    )
    template_name = "organisations/organisation_detail.html"
    context_object_name = "organisation"

    def get_context_data(self, **kwargs):
        from funding.charts import funding_pictures
        from funding.models import FundingAward
        from programmes.models import Programme, ProgrammeOrganisation, ProgrammeRole

        organisation = self.object
        roles = ProgrammeOrganisation.objects.filter(organisation=organisation).select_related("programme")
        programmes_led, programmes_led_total = head_and_total(
            roles.filter(role=ProgrammeRole.LEAD)
            .order_by("programme__name", "pk")
            .prefetch_related(Prefetch("programme__children", queryset=Programme.objects.order_by("name"))),
            LIST_LIMIT,
        )
        programmes_partnered, programmes_partnered_total = head_and_total(
            roles.exclude(role=ProgrammeRole.LEAD).order_by("programme__name", "role", "pk"), LIST_LIMIT
        )
        awards = FundingAward.objects.for_listing().order_by("-amount_gbp", "title", "pk").prefetch_related(cited())
        awards_given, awards_given_total = head_and_total(awards.filter(funder=organisation), LIST_LIMIT)
        awards_received, awards_received_total = head_and_total(
            awards.filter(recipient_organisation=organisation), LIST_LIMIT
        )
        # An organisation leads a programme once at most (programme_organisation_unique), so no DISTINCT.
        awards_to_programmes_led, awards_to_programmes_led_total = head_and_total(
            awards.filter(
                recipient_programme__organisation_roles__organisation=organisation,
                recipient_programme__organisation_roles__role=ProgrammeRole.LEAD,
            ),
            LIST_LIMIT,
        )
        relationships = list(
            OrganisationRelationship.objects.involving(organisation).for_display().prefetch_related(cited())
        )
        relationships_out = [r for r in relationships if r.subject_id == organisation.pk]
        relationships_in = [r for r in relationships if r.object_id == organisation.pk]
        ancestors = ancestors_of(organisation)
        parts = len(organisation.children.all())
        # Drawn when there is a branch to draw, and not so big that it would be neither readable nor cheap.
        branch = branch_of(organisation, ancestors) if 0 < len(ancestors) + parts <= DIAGRAM_LIMIT else []
        return super().get_context_data(
            branch=branch,
            branch_diagram=structure_diagram(
                branch, title=f"Where {organisation} sits", chart_id="branch-diagram", current=organisation
            ),
            funding_given=funding_pictures(
                FundingAward.objects.filter(funder=organisation), id_prefix="given", shown=awards_given
            )
            if awards_given
            else None,
            funding_received=funding_pictures(
                FundingAward.objects.filter(recipient_organisation=organisation),
                id_prefix="received",
                shown=awards_received,
                by_funder=True,
            )
            if awards_received
            else None,
            ancestors=ancestors,
            breadcrumbs=[
                ("Organisations", reverse("organisations:organisation-list")),
                *((str(a), a.get_absolute_url()) for a in ancestors),
            ],
            programmes_led=programmes_led,
            programmes_led_total=programmes_led_total,
            programmes_partnered=programmes_partnered,
            programmes_partnered_total=programmes_partnered_total,
            awards_given=awards_given,
            awards_given_total=awards_given_total,
            awards_received=awards_received,
            awards_received_total=awards_received_total,
            awards_to_programmes_led=awards_to_programmes_led,
            awards_to_programmes_led_total=awards_to_programmes_led_total,
            part_of=[r for r in relationships_out if r.kind == RelationshipKind.PART_OF],
            run_by=[r for r in relationships_in if r.kind == RelationshipKind.RUNS],
            relationships_out=relationships_out,
            relationships_in=relationships_in,
            **kwargs,
        )


class PersonListView(FilteredListMixin, ListView):
    """Every person with their roles, filtered by text and organisation (two queries a page)."""

    api_list_url_name = "api:person-list"

    queryset = Person.objects.for_listing()
    filterset_class = PersonFilterSet
    template_name = "organisations/person_list.html"
    context_object_name = "people"
    paginate_by = 50


class PersonDetailView(LastChangedMixin, DetailView):
    """One person: roles, events and citations (four queries)."""

    queryset = Person.objects.prefetch_related(
        Prefetch("roles", queryset=Role.objects.select_related("organisation").order_by("organisation__name")),
        cited("roles__citations"),
        cited(),
        "events",
    )
    template_name = "organisations/person_detail.html"
    context_object_name = "person"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            breadcrumbs=[("People", reverse("organisations:person-list"))],
            **kwargs,
        )
