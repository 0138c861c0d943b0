"""Which of a sentence's coded events are its news, and which words tell the same event twice.

Our own rules over the dependency parse. News agencies' event sets (PLOVER, ACLED) code the event a
sentence reports, not every act its subordinate clauses mention: in "Israel rejected a UN appeal for
deploying troops", the appeal and the deployment are what was rejected, and in "guerrillas killed
two soldiers in a bomb attack" the attack is the killing. So:

- an event whose trigger hangs (other than by coordination) below another event's trigger is part of
  that event: the thing rejected, accepted, condemned or conditioned ("unless Mexico cracked down");
- when the sentence's main clause (root, its coordinated and complement clauses, their subjects and
  objects) carries an event, events in adverbial and relative clauses and in prepositional phrases
  are background and are dropped;
- events of one type and modality whose actors agree (or one has none) are one event, their
  recipients joined ("threatened to re-designate cartels … and to impose sanctions on banks").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Token

from .triggers import Found

# The edges of a sentence's main line: from the root through coordinated and complement clauses
# to their subjects, objects and predicates.
MAIN_LINE_DEPS = frozenset(
    {"ROOT", "conj", "ccomp", "xcomp", "acomp", "dobj", "nsubj", "nsubjpass", "attr", "oprd",
     "parataxis", "dative"}
)  # fmt: skip


@dataclass(frozen=True)
class Candidate:
    """An event read from one trigger, before the sentence's events are chosen."""

    hit: Found
    type: str
    mode: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]
    modality: str
    date: str | None


def _on_main_line(token: Token) -> bool:
    current = token
    while current.head.i != current.i:
        if current.dep_ not in MAIN_LINE_DEPS:
            return False
        current = current.head
    return True


def _dominated(token: Token, triggers: set[int]) -> bool:
    """Whether another trigger governs ``token`` through anything but coordination."""
    current, coordinated_only = token, True
    while current.head.i != current.i:
        coordinated_only = coordinated_only and current.dep_ == "conj"
        current = current.head
        if current.i in triggers and current.i != token.i and not coordinated_only:
            return True
    return False


def sentence_events(candidates: Sequence[Candidate], triggers: set[int]) -> list[Candidate]:
    """The events a sentence reports, from its candidates (each with at least one side);
    ``triggers`` are the indices of all its trigger words, with or without sides."""
    top = [c for c in candidates if not _dominated(c.hit.token, triggers)]
    main = [c for c in top if _on_main_line(c.hit.token)]
    return _merged(main or top)


def _joined(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return first + tuple(item for item in second if item not in first)


def _merged(candidates: list[Candidate]) -> list[Candidate]:
    merged: list[Candidate] = []
    for candidate in candidates:
        for number, kept in enumerate(merged):
            same_actors = (
                not kept.actors or not candidate.actors or set(kept.actors) & set(candidate.actors)
            )
            if kept.type == candidate.type and kept.modality == candidate.modality and same_actors:
                merged[number] = replace(
                    kept,
                    actors=_joined(kept.actors, candidate.actors),
                    recipients=tuple(
                        r
                        for r in _joined(kept.recipients, candidate.recipients)
                        if r not in candidate.actors and r not in kept.actors
                    ),
                    mode=kept.mode or candidate.mode,
                    date=kept.date or candidate.date,
                )
                break
        else:
            merged.append(candidate)
    return merged
