"""Builds the rows of a synthetic catalogue and writes them, model by model, with ``bulk_create``."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import models

from catalogue.synthetic.words import (
    AUDIENCES,
    CODENAMES,
    COMPANY_ENDINGS,
    COMPANY_WORDS,
    EVENT_WORDS,
    FIRST_NAMES,
    HEADLINE_VERBS,
    LAST_NAMES,
    METRICS,
    MISSION_VERBS,
    NAME_NOUNS,
    NAME_PREFIXES,
    OUTCOMES,
    PLACES,
    PUBLISHERS,
    REGIONS,
    ROLE_TITLES,
    SUBJECTS,
    TECHNIQUES,
    TOPICS,
    TRUST_TYPES,
)
from core.models import AmountQualifier
from core.partial_dates import DateQualifier
from funding.models import FundingAward, FundingPeriod, FundingStream
from organisations.models import (
    Organisation,
    OrganisationAlias,
    OrganisationKind,
    OrganisationRelationship,
    Person,
    RelationshipKind,
    Role,
)
from programmes.models import (
    Event,
    Metric,
    Mission,
    MissionKind,
    Programme,
    ProgrammeAlias,
    ProgrammeOrganisation,
    ProgrammeRole,
    ProgrammeStatus,
    Topic,
)
from sources.models import Citation, Source, SourceKind

SYNTHETIC_PREFIX = "syn-"
"""Slug prefix of every synthetic record that has a slug; nothing real may use it."""

Progress = Callable[[str, int, float], None]
"""Called once per batch of a model written: label, rows, seconds."""

RELATIONSHIP_KINDS = RelationshipKind.values
MISSION_KINDS = MissionKind.values
PROGRAMME_STATUSES = ProgrammeStatus.values
FUNDING_PERIODS = FundingPeriod.values
AMOUNT_QUALIFIERS = AmountQualifier.values
SOURCE_KINDS = SourceKind.values

# --- Sizes ---------------------------------------------------------------------------------

ORGANISATION_SHARES = [
    # (share of organisations, kind, level in the hierarchy: 0 top, 1 under a national body, 2 under level 1)
    ("national", 0.02, 0),
    ("icb", 0.02, 1),
    ("directorate", 0.08, 1),
    ("unit", 0.05, 2),
    ("trust", 0.35, 0),
    ("university", 0.12, 0),
    ("centre", 0.08, 1),
    ("company", 0.25, 0),
    ("membership", 0.03, 0),
]


@dataclass(frozen=True)
class Plan:
    """How many of each fixed-size kind a catalogue of ``programmes`` programmes gets."""

    programmes: int
    organisations: int
    funding_streams: int
    people: int
    events: int
    sources: int

    @classmethod
    def for_programmes(cls, programmes: int) -> Plan:
        """About 2,000 organisations, 100 funding streams, 20,000 events and 5,000 sources per 100,000."""
        organisations = max(40, min(2000, programmes // 50))
        return cls(
            programmes=programmes,
            organisations=organisations,
            funding_streams=max(5, programmes // 1000),
            people=organisations // 2,
            events=max(5, programmes // 5),
            sources=max(10, programmes // 20),
        )

    def organisation_counts(self) -> dict[str, int]:
        """Organisations of each group; the trusts take whatever rounding leaves."""
        counts = {group: max(1, round(self.organisations * share)) for group, share, _level in ORGANISATION_SHARES}
        counts["trust"] += self.organisations - sum(counts.values())
        return counts


# --- Helpers -------------------------------------------------------------------------------


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def synthetic_slug(*parts: object, max_length: int = 120) -> str:
    """``syn-`` + the parts as a slug, cut to fit a ``SlugField`` (the last part, a number, is kept).

    The word lists are plain ASCII, so a lower-case and one substitution do what ``slugify``
    does, at a fraction of its cost over a million rows.
    """
    *words, number = (str(part) for part in parts)
    base = _NOT_SLUG.sub("-", " ".join(words).lower())[: max_length - len(SYNTHETIC_PREFIX) - len(number) - 1]
    base = base.strip("-")
    return f"{SYNTHETIC_PREFIX}{base}-{number}" if base else f"{SYNTHETIC_PREFIX}{number}"


def acronym(name: str) -> str:
    """Initials of the capitalised words: "National Imaging Agency" -> "NIA"."""
    return "".join(word[0] for word in name.split() if word[:1].isupper())[:30]


class _Writer:
    """``bulk_create`` in batches inside one transaction, timing and reporting each model."""

    def __init__(self, using: str, batch_size: int, progress: Progress):
        self.using = using
        self.batch_size = batch_size
        self.progress = progress
        self.counts: dict[str, int] = {}
        self.last = time.perf_counter()

    def write(self, label: str, model: type[models.Model], rows: list[models.Model], part: str = "") -> list:
        """Insert ``rows``; the seconds reported include building them since the previous write."""
        created = model.objects.using(self.using).bulk_create(rows, batch_size=self.batch_size)
        self.counts[label] = self.counts.get(label, 0) + len(created)
        now = time.perf_counter()
        self.progress(f"{label} ({part})" if part else label, len(created), now - self.last)
        self.last = now
        return created


class _Generator:
    """Builds the rows of one synthetic catalogue; each ``_make_*`` method writes one model."""

    def __init__(self, plan: Plan, rng: random.Random, writer: _Writer):
        self.plan = plan
        self.rng = rng
        self.writer = writer
        self.next_number = 0

    def number(self) -> int:
        """A running number that keeps every slug unique."""
        self.next_number += 1
        return self.next_number

    def partial_date(self, name: str, first: int, last: int, *, qualifier: str = DateQualifier.ON) -> dict:
        """Column values of a partial date: always a year, often a month, sometimes a day."""
        year = self.rng.randint(first, last)
        month = self.rng.randint(1, 12) if self.rng.random() < 0.6 else None
        day = self.rng.randint(1, 28) if month is not None and self.rng.random() < 0.35 else None
        return {f"{name}_year": year, f"{name}_month": month, f"{name}_day": day, f"{name}_qualifier": qualifier}

    def sentence(self, subject: str) -> str:
        rng = self.rng
        return (
            f"Uses {rng.choice(TECHNIQUES)} to {rng.choice(OUTCOMES)} in {subject.lower()} "
            f"for {rng.choice(AUDIENCES)} across {rng.choice(REGIONS)}."
        )

    def paragraph(self, subject: str, sentences: int) -> str:
        rng = self.rng
        extra = [
            f"It began with {rng.randint(2, 40)} {rng.choice(AUDIENCES)} in {rng.choice(PLACES)}.",
            f"The work aims to {rng.choice(OUTCOMES)} and to {rng.choice(OUTCOMES)}.",
            f"An independent evaluation of its {subject.lower()} results is planned.",
            f"Partners share de-identified data through {rng.choice(TECHNIQUES)}.",
            f"Clinicians from {rng.choice(PLACES)} and {rng.choice(PLACES)} helped design it.",
        ]
        return " ".join([self.sentence(subject), *rng.sample(extra, k=min(sentences - 1, len(extra)))])

    # -- organisations and people

    def make_organisations(self) -> None:
        rng = self.rng
        counts = self.plan.organisation_counts()
        self.groups: dict[str, list[Organisation]] = {}
        namers = {
            "national": lambda: f"National {rng.choice(SUBJECTS)} {rng.choice(['Agency', 'Authority', 'Board'])}",
            "icb": lambda: f"NHS {rng.choice(PLACES)} Integrated Care Board",
            "directorate": lambda: f"{rng.choice(SUBJECTS)} Directorate",
            "unit": lambda: f"{rng.choice(SUBJECTS)} {rng.choice(['Lab', 'Unit', 'Team'])}",
            "trust": lambda: f"{rng.choice(PLACES)} {rng.choice(TRUST_TYPES)} NHS Foundation Trust",
            "university": lambda: f"University of {rng.choice(PLACES)}",
            "centre": lambda: f"{rng.choice(PLACES)} Centre for {rng.choice(SUBJECTS)} Research",
            "company": lambda: f"{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_ENDINGS).lower()} Health Ltd",
            "membership": lambda: f"{rng.choice(SUBJECTS)} {rng.choice(['Alliance', 'Forum', 'Society'])}",
        }
        kinds = {
            "national": [OrganisationKind.NHS_BODY, OrganisationKind.GOVERNMENT, OrganisationKind.REGULATOR,
                         OrganisationKind.FUNDER],
            "icb": [OrganisationKind.NHS_BODY], "directorate": [OrganisationKind.DIRECTORATE],
            "unit": [OrganisationKind.UNIT], "trust": [OrganisationKind.PROVIDER],
            "university": [OrganisationKind.UNIVERSITY], "centre": [OrganisationKind.RESEARCH],
            "company": [OrganisationKind.COMPANY], "membership": [OrganisationKind.MEMBERSHIP],
        }
        parent_groups = {"icb": ["national"], "directorate": ["national"], "unit": ["directorate"],
                         "centre": ["university"]}
        for level in (0, 1, 2):
            rows = []
            for group, _share, group_level in ORGANISATION_SHARES:
                if group_level != level:
                    continue
                for _ in range(counts[group]):
                    name = namers[group]()
                    parent = None
                    if group in parent_groups:
                        parent = rng.choice(self.groups[rng.choice(parent_groups[group])])
                    row = Organisation(
                        name=name,
                        acronym=acronym(name) if group in {"national", "icb", "university"} else "",
                        slug=synthetic_slug(name, self.number()),
                        kind=rng.choice(kinds[group]),
                        parent_id=parent.pk if parent else None,
                        description=f"{name} works on {rng.choice(TOPICS).lower()} and {rng.choice(TOPICS).lower()} "
                        f"with {rng.choice(AUDIENCES)} in {rng.choice(REGIONS)}.",
                        location=rng.choice(PLACES) if group != "national" else "London",
                        website=f"https://example.org/{SYNTHETIC_PREFIX}org/{self.next_number}",
                        **self.partial_date("founded", 1948, 2023),
                    )
                    row._group = group
                    rows.append(row)
            for row in self.writer.write("Organisation", Organisation, rows, f"level {level + 1}"):
                self.groups.setdefault(row._group, []).append(row)
        self.organisations = [row for group, _s, _l in ORGANISATION_SHARES for row in self.groups[group]]
        self.funders = self.groups["national"] + self.groups["icb"] + self.groups["university"]
        self.leaders = {
            # Who leads programmes, and how often: national bodies far more than their size suggests.
            "public": self.groups["national"] + self.groups["icb"] + self.groups["directorate"] + self.groups["unit"],
            "trust": self.groups["trust"],
            "academic": self.groups["university"] + self.groups["centre"],
            "company": self.groups["company"],
        }

        aliases = [
            OrganisationAlias(
                organisation_id=org.pk, name=f"{org.name} (former name)" if not org.acronym else org.acronym,
                kind=OrganisationAlias.Kind.ABBREVIATION if org.acronym else OrganisationAlias.Kind.FORMER,
            )
            for org in self.organisations
            if org.acronym or rng.random() < 0.15
        ]
        self.writer.write("OrganisationAlias", OrganisationAlias, aliases)

        seen, relationships = set(), []
        for org in self.organisations:
            other = rng.choice(self.organisations)
            kind = rng.choice(RELATIONSHIP_KINDS)
            if other.pk != org.pk and (org.pk, kind, other.pk) not in seen:
                seen.add((org.pk, kind, other.pk))
                relationships.append(OrganisationRelationship(subject_id=org.pk, kind=kind, object_id=other.pk))
        self.writer.write("OrganisationRelationship", OrganisationRelationship, relationships)

    def make_people(self) -> None:
        rng = self.rng
        people = []
        for _ in range(self.plan.people):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            people.append(Person(
                name=name, honorific=rng.choice(["", "", "Dr", "Professor"]), slug=synthetic_slug(name, self.number()),
                description=f"Works on {rng.choice(TOPICS).lower()}.",
            ))
        self.people = self.writer.write("Person", Person, people)
        roles = [
            Role(person_id=person.pk, organisation_id=rng.choice(self.organisations).pk, title=rng.choice(ROLE_TITLES),
                 **self.partial_date("started", 2010, 2024))
            for person in self.people
        ]
        self.writer.write("Role", Role, roles)

    # -- topics, missions, funding streams

    def make_topics_and_missions(self) -> None:
        rng = self.rng
        topics = [
            Topic(name=f"{name} (synthetic)", slug=synthetic_slug(name, index + 1)) for index, name in enumerate(TOPICS)
        ]
        self.topics = self.writer.write("Topic", Topic, topics)

        missions, self.missions_of = [], {}
        for org in self.groups["national"] + self.groups["icb"] + self.groups["directorate"]:
            for kind in rng.sample(MISSION_KINDS, k=rng.randint(1, 2)):
                for order in range(1, rng.randint(1, 3) + 1):
                    subject = rng.choice(SUBJECTS)
                    title = f"{rng.choice(MISSION_VERBS)} {subject.lower()}"
                    missions.append(Mission(
                        organisation_id=org.pk, kind=kind, order=order, title=title,
                        slug=synthetic_slug(title, self.number()),
                        statement=f"{org.name} will {title.lower()} to {rng.choice(OUTCOMES)}.",
                    ))
        self.missions = self.writer.write("Mission", Mission, missions)
        for mission in self.missions:
            self.missions_of.setdefault(mission.organisation_id, []).append(mission)

        streams = []
        for _ in range(self.plan.funding_streams):
            name = f"{rng.choice(SUBJECTS)} {rng.choice(['Fund', 'Award', 'Challenge Fund', 'Grant Scheme'])}"
            streams.append(FundingStream(
                name=name, slug=synthetic_slug(name, self.number()), administered_by=rng.choice(self.funders),
                description=f"Funds work to {rng.choice(OUTCOMES)}.",
            ))
        self.streams = self.writer.write("FundingStream", FundingStream, streams)
        waves = [
            FundingStream(
                name=f"{parent.name} wave {wave}", slug=synthetic_slug(parent.name, "wave", wave, self.number()),
                parent=parent, administered_by_id=parent.administered_by_id,
                description=f"Wave {wave} of {parent.name}.",
            )
            for parent in self.streams if rng.random() < 0.3 for wave in (1, 2)
        ]
        self.streams += self.writer.write("FundingStream", FundingStream, waves, "waves")

    # -- programmes and what hangs off them

    def programme_row(self, parent: Programme | None) -> Programme:
        rng = self.rng
        subject = rng.choice(SUBJECTS)
        noun, kind = rng.choice(NAME_NOUNS)
        shape = rng.random()
        if shape < 0.45:
            name = f"{rng.choice(NAME_PREFIXES)} {subject} {noun}"
        elif shape < 0.8:
            name = f"{rng.choice(PLACES)} {subject} {noun}"
        else:
            name = f"{subject} {noun} for {rng.choice(AUDIENCES).title()}"
        status = rng.choices(PROGRAMME_STATUSES, weights=[10, 15, 45, 20, 10])[0]
        dates = self.partial_date("announced", 2012, 2025)
        if rng.random() < 0.5:
            dates |= self.partial_date("started", dates["announced_year"], min(2025, dates["announced_year"] + 2))
        if rng.random() < 0.3:
            dates |= self.partial_date("target", 2024, 2030, qualifier=DateQualifier.BY)
        row = Programme(
            name=name, slug=synthetic_slug(name, self.number()), kind=kind, status=status,
            summary=self.sentence(subject)[:500], description=self.paragraph(subject, rng.randint(2, 4)),
            location=rng.choice(PLACES) if rng.random() < 0.5 else "", parent_id=parent.pk if parent else None, **dates,
        )
        return row

    def make_programmes(self) -> None:
        rng = self.rng
        umbrellas = max(1, self.plan.programmes // 20)
        self.programmes = self.writer.write(
            "Programme", Programme, [self.programme_row(None) for _ in range(umbrellas)], "umbrellas"
        )
        rest = [
            self.programme_row(rng.choice(self.programmes) if rng.random() < 0.15 else None)
            for _ in range(self.plan.programmes - umbrellas)
        ]
        self.programmes += self.writer.write("Programme", Programme, rest, "the rest")

    def make_programme_links(self) -> None:
        rng = self.rng
        pools = list(self.leaders.values())
        roles, topic_links, mission_links, aliases = [], [], [], []
        self.lead_of: dict[int, Organisation] = {}
        partner_roles = [ProgrammeRole.PARTNER, ProgrammeRole.PARTNER, ProgrammeRole.DELIVERY, ProgrammeRole.HOST,
                         ProgrammeRole.FUNDER, ProgrammeRole.CO_LEAD]
        TopicLink, MissionLink = Programme.topics.through, Programme.missions.through
        for programme in self.programmes:
            lead = rng.choice(rng.choices(pools, weights=[35, 30, 20, 15])[0])
            self.lead_of[programme.pk] = lead
            roles.append(
                ProgrammeOrganisation(programme_id=programme.pk, organisation_id=lead.pk, role=ProgrammeRole.LEAD)
            )
            partners = {org.pk: org for org in rng.sample(self.organisations, k=rng.choice([0, 1, 1, 2, 2, 3]))}
            partners.pop(lead.pk, None)
            roles += [
                ProgrammeOrganisation(programme_id=programme.pk, organisation_id=org.pk, role=rng.choice(partner_roles))
                for org in partners.values()
            ]
            topic_links += [
                TopicLink(programme_id=programme.pk, topic_id=topic.pk)
                for topic in rng.sample(self.topics, k=rng.choice([1, 2, 2, 3]))
            ]
            own_missions = self.missions_of.get(lead.pk) or (self.missions if rng.random() < 0.3 else [])
            mission_links += [
                MissionLink(programme_id=programme.pk, mission_id=mission.pk)
                for mission in rng.sample(own_missions, k=min(len(own_missions), rng.choice([1, 1, 2])))
            ]
            if rng.random() < 0.25:
                short = acronym(programme.name)
                alias, kind = (
                    (f"Project {rng.choice(CODENAMES)}", ProgrammeAlias.Kind.INFORMAL)
                    if len(short) < 3 or rng.random() < 0.5
                    else (short, ProgrammeAlias.Kind.ABBREVIATION)
                )
                aliases.append(ProgrammeAlias(programme_id=programme.pk, name=alias, kind=kind))
        self.writer.write("ProgrammeOrganisation", ProgrammeOrganisation, roles)
        self.writer.write("Programme.topics", TopicLink, topic_links)
        self.writer.write("Programme.missions", MissionLink, mission_links)
        self.writer.write("ProgrammeAlias", ProgrammeAlias, aliases)

    def award_row(self, programme: Programme, part_of: FundingAward | None = None) -> FundingAward:
        rng = self.rng
        if part_of is not None:
            amount = (part_of.amount_gbp * Decimal(rng.randint(5, 50)) / 100).quantize(Decimal("1000"))
        else:
            amount = Decimal(round(10 ** rng.uniform(4, 8.4), -3))
        period = rng.choices(FUNDING_PERIODS, weights=[60, 10, 20, 10])[0]
        funder = rng.choice(self.funders) if rng.random() < 0.9 else None
        stream = rng.choice(self.streams) if rng.random() < 0.7 else None
        return FundingAward(
            title=f"{programme.name[:240]}: {rng.choice(['development', 'roll-out', 'evaluation', 'phase 2'])}",
            description=f"Funding to {rng.choice(OUTCOMES)}.",
            amount_gbp=max(amount, Decimal(1000)),
            amount_qualifier=rng.choices(AMOUNT_QUALIFIERS, weights=[5, 65, 5, 10, 10, 5])[0],
            period=period,
            period_years=rng.randint(2, 5) if period == FundingPeriod.OVER_YEARS else None,
            funder_id=funder.pk if funder else None,
            funder_description="" if funder else rng.choice(["industry", "charitable partners", "local authorities"]),
            recipient_programme_id=programme.pk,
            recipient_organisation_id=self.lead_of[programme.pk].pk if rng.random() < 0.05 else None,
            stream_id=stream.pk if stream else None,
            part_of_id=part_of.pk if part_of else None,
            is_expected_match=rng.random() < 0.03,
            **self.partial_date("announced", 2012, 2025),
        )

    def make_awards(self) -> None:
        """One award per programme, then 0 to 2 more (about two in all), some counted inside the first."""
        rng = self.rng
        first = self.writer.write("FundingAward", FundingAward, [self.award_row(p) for p in self.programmes], "first")
        more = []
        for programme, main in zip(self.programmes, first, strict=True):
            for _ in range(rng.choice([0, 1, 1, 2])):
                more.append(self.award_row(programme, part_of=main if rng.random() < 0.1 else None))
        self.awards = first + self.writer.write("FundingAward", FundingAward, more, "more")

    def make_metrics_and_events(self) -> None:
        rng = self.rng
        metrics = []
        subjects = [(p, None) for p in self.programmes if rng.random() < 0.5]
        subjects += [(None, org) for org in self.organisations if rng.random() < 0.5]
        for programme, organisation in subjects:
            name, unit = rng.choice(METRICS)
            metrics.append(Metric(
                name=name, slug=synthetic_slug(name, self.number()), programme_id=programme.pk if programme else None,
                organisation_id=organisation.pk if organisation else None,
                value=Decimal(rng.randint(10, 2_000_000)), qualifier=rng.choice(AMOUNT_QUALIFIERS), unit=unit,
                period=rng.choice(["", "a year", "since launch", "in the last six months"]),
                **self.partial_date("as_of", 2018, 2025),
            ))
        self.writer.write("Metric", Metric, metrics)

        events = []
        for _ in range(self.plan.events):
            kind = rng.choice(list(EVENT_WORDS))
            place = rng.choice(PLACES)
            name = f"{place} {rng.choice(SUBJECTS).lower()} {EVENT_WORDS[kind]}"
            events.append(Event(
                name=name, slug=synthetic_slug(name, self.number()), kind=kind, location=place,
                description=f"A {EVENT_WORDS[kind]} on {rng.choice(TOPICS).lower()}.",
                **self.partial_date("date", 2012, 2025),
            ))
        self.events = self.writer.write("Event", Event, events)
        links = {"programmes": [], "organisations": [], "people": []}
        for event in self.events:
            for programme in rng.sample(self.programmes, k=min(len(self.programmes), rng.randint(1, 3))):
                links["programmes"].append(Event.programmes.through(event_id=event.pk, programme_id=programme.pk))
            for org in rng.sample(self.organisations, k=rng.randint(1, 2)):
                links["organisations"].append(Event.organisations.through(event_id=event.pk, organisation_id=org.pk))
            if self.people and rng.random() < 0.3:
                person = rng.choice(self.people)
                links["people"].append(Event.people.through(event_id=event.pk, person_id=person.pk))
        for name, rows in links.items():
            self.writer.write(f"Event.{name}", getattr(Event, name).through, rows)

    # -- sources and citations

    def make_sources_and_citations(self) -> None:
        rng = self.rng
        sources = []
        for _ in range(self.plan.sources):
            publisher = rng.choice(PUBLISHERS)
            title = f"{rng.choice(PLACES)} {rng.choice(HEADLINE_VERBS)} {rng.choice(SUBJECTS).lower()} work"
            sources.append(Source(
                title=title, slug=synthetic_slug(title, self.number()), kind=rng.choice(SOURCE_KINDS),
                publisher=publisher, url=f"https://example.org/{SYNTHETIC_PREFIX}source/{self.next_number}",
                summary=f"{publisher} on {title.lower()}.", **self.partial_date("published", 2012, 2025),
            ))
        self.sources = self.writer.write("Source", Source, sources)

        types = ContentType.objects.db_manager(self.writer.using).get_for_models(Programme, FundingAward, Organisation)
        type_ids = {model: content_type.pk for model, content_type in types.items()}
        citations = []

        def cite(record: models.Model, field_name: str = "", claimed: str = "", quote: str = "") -> None:
            citations.append(Citation(
                source_id=rng.choice(self.sources).pk, content_type_id=type_ids[type(record)], object_id=record.pk,
                field_name=field_name, claimed_value=claimed[:300], quote=quote[:300],
            ))

        for programme in self.programmes:
            cite(programme, quote=f"{programme.name} {programme.summary[0].lower()}{programme.summary[1:]}")
            if rng.random() < 0.4:
                announced = programme.announced
                cite(programme, "announced", announced.iso(), f"{programme.name} was announced in {announced}.")
                if rng.random() < 0.05:  # a rival claim: the field shows as disputed
                    other = str(announced.year + rng.choice([-1, 1]))
                    cite(programme, "announced", other, f"{programme.name} was first announced in {other}.")
        for award in self.awards:
            if rng.random() < 0.6:
                amount = award.display_amount
                cite(award, "amount_gbp", str(award.amount_gbp), f"{award.title[:200]} received {amount}.")
        for org in self.organisations:
            cite(org, quote=org.description)
        self.writer.write("Citation", Citation, citations)

    def run(self) -> None:
        self.make_organisations()
        self.make_people()
        self.make_topics_and_missions()
        self.make_programmes()
        self.make_programme_links()
        self.make_awards()
        self.make_metrics_and_events()
        self.make_sources_and_citations()
