"""PLOVER events of a parsed article: triggers, sides, modality, date, place, one per real event.

Our own coder (no library codes PLOVER from a parse; see triggers.py, arguments.py, modality.py).
An event needs at least one side among the article's actors; the same (type, actors, recipients,
modality) told twice in an article is one event, with the first sentence as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from ..actors import ActorKnowledge
from ..dates import resolve_date
from ..places.precision import most_precise
from ..records import Actor, Event, Evidence, Place
from .arguments import ActorIndex, Sides, noun_sides, verb_sides
from .context import (
    DOMESTIC_TARGET_TYPES,
    RESPONSE_TYPES,
    CountryActors,
    act_places,
    location_country,
    owner_country,
)
from .lexicon import EventLexicon
from .modality import conditions, governed_by, is_ultimatum, read_modality
from .salience import Candidate, sentence_events
from .triggers import Found, find_triggers

# "will never accept foreign troops": a refused agreement is a rejection (PLOVER REJECT).
REFUSED_TO_REJECT = frozenset({"AGREE", "SUPPORT", "COOPERATE"})
# Frames whose recipient is the one asked to act, not the one the act would hit.
ADDRESSEE_FRAMES = frozenset({"REQUEST"})
# Conditions whose subject a threat is aimed at.
THREAT_CONDITION_MARKERS = frozenset({"if", "unless"})
# A frame's clauses hold the acts it frames, whose sides are their own.
CLAUSE_DEPS = frozenset({"xcomp", "ccomp"})


def _sides(hit: Found, index: ActorIndex) -> Sides:
    blocked: frozenset[int] = frozenset()
    if hit.embedded is not None:
        # the act a frame embeds has its own words ("the possibility of U.S. special forces or
        # drone strikes"): the branch of the frame that leads to it holds none of its sides
        path = [hit.embedded.token, *hit.embedded.token.ancestors]
        branches = [t for t in path if t.head.i == hit.token.i and t.i != hit.token.i]
        branches += [child for child in hit.token.children if child.dep_ in CLAUSE_DEPS]
        blocked = frozenset(token.i for branch in branches for token in branch.subtree)
    side_of = noun_sides if hit.nominal else verb_sides
    sides = side_of(hit.token, index, blocked)
    if hit.trigger.type in ADDRESSEE_FRAMES and not sides.recipients:
        # "demanded that the US cancel the sale": the clause's subject is asked to act
        addressed = tuple(
            actor
            for clause in hit.token.children
            if clause.dep_ in CLAUSE_DEPS
            for child in clause.children
            if child.dep_ in ("nsubj", "nsubjpass")
            for actor in index.of_phrase(child)
            if actor not in sides.actors
        )
        sides = Sides(sides.actors, addressed)
    if hit.embedded is not None:
        inner = hit.embedded
        inner_sides = (noun_sides if inner.nominal else verb_sides)(inner.token, index)
        own_subject = tuple(
            actor
            for child in inner.token.children
            if child.dep_ in ("nsubj", "nsubjpass")
            for actor in index.of_phrase(child)
        )
        candidates = [inner_sides.recipients, own_subject, sides.recipients]
        if hit.trigger.type in ADDRESSEE_FRAMES:
            # "urged Mexico to share intelligence", "demanded that the US cancel the sale":
            # the one asked to act is the recipient
            candidates = [sides.recipients, own_subject, inner_sides.recipients]
        recipients = next(
            (
                found
                for found in (
                    tuple(r for r in group if r not in sides.actors) for group in candidates
                )
                if found
            ),
            (),
        )
        sides = Sides(sides.actors, recipients)
    return sides


def _event_date(hit: Found, sentence: Span, reference: str | None) -> str | None:
    """The DATE entity inside the trigger's phrase or clause, resolved; else none found."""
    tokens = {token.i for token in hit.token.subtree}
    for entity in sentence.ents:
        if entity.label_ == "DATE" and entity.root.i in tokens:
            value = resolve_date(entity.text, reference)
            if value:
                return value
    return None


def _place(named: list[tuple[Place, tuple[int, int]]]) -> str | None:
    """The act happened at its most precise place: a city before its state before its country."""
    place = most_precise(found for found, _ in named)
    return place.id if place else None


@dataclass(frozen=True)
class EventCoding:
    """An article's events, and its actors with the countries its events made recipients."""

    events: list[Event]
    actors: list[Actor]


def _converted(candidate: Candidate, lexicon: EventLexicon) -> tuple[str, str | None, str]:
    """(type, mode, modality) once intentions and refusals are read as the acts they are:
    "will withdraw … unless" is a threat, "will allow the return of inspectors" an agreement,
    "plans to impose restrictions" a threat, "will never accept" a rejection."""
    hit, kind, mode, modality = candidate.hit, candidate.type, candidate.mode, candidate.modality
    if modality == "negated" and kind in REFUSED_TO_REJECT:
        return "REJECT", None, "asserted"
    quad = lexicon.types[kind].quad
    if modality in ("future", "hypothetical") and not quad.startswith("verbal"):
        if is_ultimatum(hit.token, lexicon):
            return "THREATEN", lexicon.embedded_mode("THREATEN", hit.trigger), "asserted"
    if modality == "future" and kind == "ASSAULT":
        if governed_by(hit.token, lexicon.readiness_governors):
            return "MOBILIZE", None, "asserted"
    if modality == "future":
        converted = lexicon.intent_conversion.get(quad)
        if converted == "THREATEN":
            return converted, lexicon.embedded_mode("THREATEN", hit.trigger), "asserted"
        if converted and converted != kind:
            return converted, None, "asserted"
        if converted:
            return kind, mode, "asserted"
    return kind, mode, modality


def _candidate(
    hit: Found,
    sentence: Span,
    index: ActorIndex,
    lexicon: EventLexicon,
    reference: str | None,
) -> Candidate:
    sides = _sides(hit, index)
    date = _event_date(hit, sentence, reference)
    event_year = int(date[:4]) if date and date[:4].isdigit() else None
    reference_year = int(reference[:4]) if reference else None
    kind = hit.trigger.type
    verbal = lexicon.types[kind].quad.startswith("verbal")
    modality = read_modality(hit.token, lexicon, event_year, reference_year, verbal=verbal)
    mode = hit.trigger.mode
    if hit.embedded is not None:
        mode = lexicon.embedded_mode(kind, hit.embedded.trigger) or mode
    candidate = Candidate(hit, kind, mode, sides.actors, sides.recipients, modality, date)
    kind, mode, modality = _converted(candidate, lexicon)
    return replace(candidate, type=kind, mode=mode, modality=modality)


def _act_places(
    hit: Found, sentence: Span, places: list[Place], index: ActorIndex
) -> list[tuple[Place, tuple[int, int]]]:
    embedded = hit.embedded.token if hit.embedded is not None else None
    return act_places(hit.token, embedded, sentence, places, index.by_token)


def _conditioned(hit: Found, index: ActorIndex) -> tuple[str, ...]:
    """Who must meet a threat's condition ("to impose duties unless Mexico cracked down"): the
    subject of the "unless" or "if" clause on the act, the one the threat is aimed at."""
    acts = [hit.token] + ([hit.embedded.token] if hit.embedded is not None else [])
    return tuple(
        actor
        for clause in conditions(acts, THREAT_CONDITION_MARKERS)
        for subject in clause.children
        if subject.dep_ in ("nsubj", "nsubjpass")
        for actor in index.of_phrase(subject)
    )


def _with_implicit_recipient(
    candidate: Candidate,
    named_places: list[tuple[Place, tuple[int, int]]],
    countries: CountryActors,
    index: ActorIndex,
) -> Candidate:
    if candidate.recipients:
        return candidate
    hit = candidate.hit
    if candidate.type == "THREATEN":
        conditioned = tuple(a for a in _conditioned(hit, index) if a not in candidate.actors)
        if conditioned:
            return replace(candidate, recipients=conditioned)
    found = location_country(named_places)
    if found is None and candidate.type in RESPONSE_TYPES and not hit.nominal:
        found = owner_country(hit.token, countries.knowledge)
    if found is not None:
        recipient = countries.of(*found)
    elif candidate.type in DOMESTIC_TARGET_TYPES and candidate.actors:
        own = {countries.country(actor) for actor in candidate.actors} - {None, "IGO"}
        if len(own) != 1:
            return candidate
        home = countries.find(own.pop())
        if home is None:
            return candidate
        recipient = home.id
    else:
        return candidate
    if recipient in candidate.actors:
        return candidate
    return replace(candidate, recipients=(recipient,))


def code_events(
    doc: Doc,
    actors: list[Actor],
    places: list[Place],
    reference: str | None,
    lexicon: EventLexicon,
    knowledge: ActorKnowledge,
) -> EventCoding:
    """The events of ``doc`` with ids e1, e2, … in text order, and the actors they involve."""
    index = ActorIndex(doc, actors)
    countries = CountryActors((actor.model_copy(deep=True) for actor in actors), knowledge)
    commentators = {actor.id for actor in actors if actor.sector in lexicon.commentator_sectors}
    events: list[Event] = []
    seen: set[tuple] = set()
    for sentence in doc.sents:
        hits = find_triggers(sentence, lexicon)
        candidates = []
        for hit in hits:
            candidate = _candidate(hit, sentence, index, lexicon, reference)
            if not candidate.actors and not candidate.recipients:
                continue
            if (
                candidate.type == "THREATEN"
                and candidate.actors
                and set(candidate.actors) <= commentators
            ):
                continue
            candidates.append(candidate)
        triggers = {hit.token.i for hit in hits}
        for candidate in sentence_events(candidates, triggers):
            named_places = _act_places(candidate.hit, sentence, places, index)
            candidate = _with_implicit_recipient(candidate, named_places, countries, index)
            key = (candidate.type, candidate.actors, candidate.recipients, candidate.modality)
            if key in seen:
                continue
            seen.add(key)
            place = _place(named_places)
            events.append(_event(candidate, len(events) + 1, sentence, place, reference, lexicon))
    return EventCoding(events, countries.actors)


def _event(
    candidate: Candidate,
    number: int,
    sentence: Span,
    place: str | None,
    reference: str | None,
    lexicon: EventLexicon,
) -> Event:
    event_type = lexicon.types[candidate.type]
    trigger = candidate.hit.token
    mode = candidate.mode if candidate.mode in event_type.modes else None
    return Event(
        id=f"e{number}",
        type=candidate.type,
        mode=mode,
        context=list(candidate.hit.trigger.context),
        actor=list(candidate.actors),
        recipient=list(candidate.recipients),
        place=place,
        date=candidate.date or (reference if candidate.modality != "historical" else None),
        modality=candidate.modality,
        source=None,
        cameo=event_type.cameo_for(mode),
        score=event_type.score,
        evidence=Evidence(
            start=sentence.start_char,
            end=sentence.end_char,
            text=sentence.text,
            trigger=(trigger.idx, trigger.idx + len(trigger)),
        ),
    )
