"""Organisations and people in schema.org terms, from their API serializers (``core.jsonld``)."""

from __future__ import annotations

from core.jsonld import partial_date, reference, serialized, unique
from organisations.api.serializers import OrganisationSerializer, PersonSerializer
from organisations.models import Organisation, OrganisationKind, Person
from sources.jsonld import cited_page

GOVERNMENT_KINDS = frozenset({OrganisationKind.GOVERNMENT, OrganisationKind.NHS_BODY, OrganisationKind.REGULATOR})
ORGANISATION_PAGE = "organisations:organisation-detail"


def organisation_json_ld(organisation: Organisation, request) -> dict:
    """An organisation: GovernmentOrganization for government and national NHS bodies and regulators,
    Organization otherwise. Reads its parent, aliases and citations (joined in on its page)."""
    data = serialized(
        OrganisationSerializer,
        organisation,
        request,
        ["html_url", "name", "acronym", "kind", "parent", "description", "location", "founded", "website", "aliases",
         "citations"],
    )
    names = [data["acronym"]] if data["acronym"] and data["acronym"] != data["name"] else []
    names += [alias["name"] for alias in data["aliases"] if alias["name"] not in names]
    return cited_page(
        "GovernmentOrganization" if data["kind"] in GOVERNMENT_KINDS else "Organization",
        data,
        request,
        name=data["name"],
        alternateName=names,
        description=data["description"],
        foundingDate=partial_date(data["founded"]),
        location=data["location"],
        sameAs=data["website"],
        parentOrganization=reference(request, "Organization", data["parent"], ORGANISATION_PAGE),
    )


def person_json_ld(person: Person, request) -> dict:
    """A person, with the titles and organisations of the roles not known to have ended (roles joined in)."""
    data = serialized(
        PersonSerializer, person, request, ["html_url", "name", "honorific", "description", "roles", "citations"]
    )
    current = [role for role in data["roles"] if not role["ended"]]
    return cited_page(
        "Person",
        data,
        request,
        name=data["name"],
        honorificPrefix=data["honorific"],
        description=data["description"],
        jobTitle=list(dict.fromkeys(role["title"] for role in current)),
        worksFor=unique(
            reference(request, "Organization", role["organisation"], ORGANISATION_PAGE) for role in current
        ),
    )
