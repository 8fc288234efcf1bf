"""What organisations contribute to the site-wide pages: search, sitemaps and timeline (``core.registry``)."""

from django.db.models import Prefetch

from core.registry import (
    DatedField,
    SearchHit,
    SearchIndex,
    SitemapSection,
    record_sitemap,
    register_dated_fields,
    register_search,
    register_sitemap,
    register_structured_data,
    snippet,
    with_matching_alias,
)
from core.search import DocumentSpec, RelatedText, register_document
from organisations.jsonld import organisation_json_ld, person_json_ld
from organisations.models import Organisation, OrganisationAlias, Person, Role


def organisation_hit(organisation: Organisation, query: str) -> SearchHit:
    """An organisation among search results: its kind and description, and the alias that matched."""
    text = f"{organisation.get_kind_display()}. {snippet(organisation.description)}"
    return SearchHit(str(organisation), organisation.get_absolute_url(), with_matching_alias(organisation, query, text))


def person_hit(person: Person, query: str) -> SearchHit:
    """A person among search results: the roles they held, else their description."""
    roles = "; ".join(f"{role.title}, {role.organisation.name}" for role in person.roles.all())
    return SearchHit(str(person), person.get_absolute_url(), roles or snippet(person.description))


def describe_role(role: Role) -> str:
    """A role on the timeline: who, which post, where."""
    return f"{role.person}, {role.title}, {role.organisation.name}"


register_search(
    SearchIndex(
        "organisations",
        "Organisations",
        10,
        Organisation,
        lambda q: Organisation.objects.search(q).prefetch_related("aliases"),
        organisation_hit,
        "organisations:organisation-list",
    ),
    SearchIndex(
        "people",
        "People",
        30,
        Person,
        lambda q: Person.objects.search(q).prefetch_related(
            Prefetch("roles", queryset=Role.objects.select_related("organisation"))
        ),
        person_hit,
        "organisations:person-list",
    ),
)
register_sitemap(
    SitemapSection("organisations", 10, record_sitemap(Organisation), ["organisations:organisation-list"]),
    SitemapSection("people", 20, record_sitemap(Person), ["organisations:person-list"]),
)
_role_date = {"kind": "Role", "order_by": "person__name", "describe": describe_role, "page": lambda role: role.person}
register_dated_fields(
    DatedField(Organisation, "founded", "Founded", "Organisation", "name", order=4),
    DatedField(Role, "started", "Took up role", order=6, select_related=("person", "organisation"), **_role_date),
    DatedField(Role, "ended", "Left role", order=7, select_related=("person", "organisation"), **_role_date),
    DatedField(Role, "as_of", "In role", order=8, select_related=("person", "organisation"), **_role_date),
)
register_structured_data(Organisation, organisation_json_ld)
register_structured_data(Person, person_json_ld)

# What search reads of each record (core.search): one definition for /search/, the API and the lists.
register_document(
    DocumentSpec(
        Organisation,
        ["name", "acronym", "description", "location"],
        names=lambda org: [org.name, org.acronym, *org.aliases],
        texts=lambda org: [org.description, org.location],
        related=[RelatedText(OrganisationAlias, "organisation_id", "name", "aliases")],
    )
)
register_document(
    DocumentSpec(
        Person,
        ["name", "description"],
        names=lambda person: [person.name],
        texts=lambda person: [person.description, *person.roles],
        related=[RelatedText(Role, "person_id", "title", "roles")],
    )
)
