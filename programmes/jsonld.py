"""Programmes, missions and events in schema.org terms, from their API serializers (``core.jsonld``)."""

from __future__ import annotations

from core.jsonld import partial_date, reference, serialized, unique
from organisations.jsonld import ORGANISATION_PAGE
from programmes.api.serializers import EventSerializer, MissionSerializer, ProgrammeSerializer
from programmes.models import Event, Mission, Programme, ProgrammeRole
from sources.jsonld import cited_page

PROGRAMME_PAGE = "programmes:programme-detail"
LEADING_ROLES = frozenset({ProgrammeRole.LEAD, ProgrammeRole.CO_LEAD})


def _organisation(request, link):
    return reference(request, "Organization", link, ORGANISATION_PAGE)


def programme_json_ld(programme: Programme, request) -> dict:
    """A programme as a Project: led by its lead organisations (and part of its parent programme),
    funded by its funding organisations and the funders of the awards it received.

    Reads the organisations' roles, aliases and citations, and ``funding_awards`` with their
    funders, all fetched by the programme's page (funding is a higher layer: read, not imported).
    """
    data = serialized(
        ProgrammeSerializer,
        programme,
        request,
        ["html_url", "name", "summary", "description", "location", "started", "parent", "organisations", "aliases",
         "citations"],
    )
    roles = data["organisations"]
    award_funders = [award.funder for award in programme.funding_awards.all() if award.funder is not None]
    funders = [_organisation(request, role["organisation"]) for role in roles if role["role"] == ProgrammeRole.FUNDER]
    funders += [
        _organisation(request, {"slug": funder.slug, "name": str(funder)}) for funder in award_funders
    ]
    return cited_page(
        "Project",
        data,
        request,
        name=data["name"],
        alternateName=[alias["name"] for alias in data["aliases"]],
        description=data["summary"],
        foundingDate=partial_date(data["started"]),
        location=data["location"],
        parentOrganization=unique(
            [
                reference(request, "Project", data["parent"], PROGRAMME_PAGE),
                *(_organisation(request, role["organisation"]) for role in roles if role["role"] in LEADING_ROLES),
            ]
        ),
        funder=unique(funders),
        member=unique(
            _organisation(request, role["organisation"])
            for role in roles
            if role["role"] not in LEADING_ROLES | {ProgrammeRole.FUNDER}
        ),
    )


def mission_json_ld(mission: Mission, request) -> dict:
    """A mission as the CreativeWork it is: an organisation's stated aim, with the programmes aimed at it."""
    data = serialized(
        MissionSerializer, mission, request, ["html_url", "title", "organisation", "statement", "programmes",
                                              "citations"]
    )
    return cited_page(
        "CreativeWork",
        data,
        request,
        name=data["title"],
        text=data["statement"],
        author=_organisation(request, data["organisation"]),
        about=unique(reference(request, "Project", link, PROGRAMME_PAGE) for link in data["programmes"]),
    )


def event_json_ld(event: Event, request) -> dict:
    """An event, on its date where the source gives it unqualified, with the organisations and people taking part."""
    data = serialized(
        EventSerializer,
        event,
        request,
        ["html_url", "name", "date", "location", "description", "organisations", "programmes", "people", "citations"],
    )
    return cited_page(
        "Event",
        data,
        request,
        name=data["name"],
        description=data["description"],
        startDate=partial_date(data["date"]),
        location={"@type": "Place", "name": data["location"]} if data["location"] else None,
        attendee=unique(
            [
                *(_organisation(request, link) for link in data["organisations"]),
                *(reference(request, "Person", link, "organisations:person-detail") for link in data["people"]),
            ]
        ),
        about=unique(reference(request, "Project", link, PROGRAMME_PAGE) for link in data["programmes"]),
    )
