"""PLOVER events of a parsed article: triggers, sides, modality, date, place, one per real event.

Our own coder (no library codes PLOVER from a parse; see triggers.py, arguments.py, modality.py).
An event needs at least one side among the article's actors; the same (type, actors, recipients,
modality) told twice in an article is one event, with the first sentence as evidence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..dates import resolve_date
from ..records import Actor, Event, Evidence, Place
from .arguments import ActorIndex, Sides, noun_sides, verb_sides
from .lexicon import EventLexicon
from .modality import read_modality
from .triggers import Found, find_triggers

# "will never accept foreign troops": a refused agreement is a rejection (PLOVER REJECT).
REFUSED_TO_REJECT = frozenset({"AGREE", "SUPPORT", "COOPERATE"})
# Frames whose recipient is the one asked to act, not the one the act would hit.
ADDRESSEE_FRAMES = frozenset({"REQUEST"})
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


def _place(hit: Found, sentence: Span, places: list[Place]) -> str | None:
    subtree = [token.i for token in hit.token.subtree]
    start = sentence.doc[min(subtree)].idx
    end = sentence.end_char
    for place in places:
        if any(start <= s and e <= end for s, e in place.mentions):
            return place.id
    return None


def code_events(
    doc: Doc,
    actors: list[Actor],
    places: list[Place],
    reference: str | None,
    lexicon: EventLexicon,
) -> list[Event]:
    """The events of ``doc`` with ids e1, e2, … in text order."""
    index = ActorIndex(doc, actors)
    commentators = {actor.id for actor in actors if actor.sector in lexicon.commentator_sectors}
    reference_year = int(reference[:4]) if reference else None
    events: list[Event] = []
    seen: set[tuple] = set()
    for sentence in doc.sents:
        for hit in find_triggers(sentence, lexicon):
            sides = _sides(hit, index)
            if not sides.actors and not sides.recipients:
                continue
            if (
                hit.trigger.type == "THREATEN"
                and sides.actors
                and set(sides.actors) <= commentators
            ):
                continue
            date = _event_date(hit, sentence, reference)
            event_year = int(date[:4]) if date and date[:4].isdigit() else None
            modality = read_modality(hit.token, lexicon, event_year, reference_year)
            kind = hit.trigger.type
            if modality == "negated" and kind in REFUSED_TO_REJECT:
                kind, modality = "REJECT", "asserted"
            mode = hit.trigger.mode
            if hit.embedded is not None:
                mode = lexicon.embedded_mode(kind, hit.embedded.trigger) or mode
            key = (kind, sides.actors, sides.recipients, modality)
            if key in seen:
                continue
            seen.add(key)
            event_type = lexicon.types[kind]
            events.append(
                Event(
                    id=f"e{len(events) + 1}",
                    type=kind,
                    mode=mode if mode in event_type.modes else None,
                    context=list(hit.trigger.context),
                    actor=list(sides.actors),
                    recipient=list(sides.recipients),
                    place=_place(hit, sentence, places),
                    date=date or (reference if modality != "historical" else None),
                    modality=modality,
                    source=None,
                    cameo=event_type.cameo_for(mode),
                    score=event_type.score,
                    evidence=Evidence(
                        start=sentence.start_char, end=sentence.end_char, text=sentence.text
                    ),
                )
            )
    return events
