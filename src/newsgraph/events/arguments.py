"""Who acts and who is acted on, read from the dependency parse around an event trigger.

Our own code: no library maps a spaCy parse to PLOVER's actor and recipient. A verb's actor is
its subject (the agent of a passive), inherited from the governing verb for "refused to accept"
and "met and agreed"; its recipient is the direct object, the dative, or the object of "on",
"against", "with", "to", "toward", "from". A nominal trigger ("Mexico's rejection of the plan",
"pressure on Mexico") takes its possessor as actor and the same prepositions as recipient. Both
sides are mapped to the article's actors through the actors' mention offsets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import Actor

SUBJECTS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "dative", "iobj", "attr"})
RECIPIENT_PREPOSITIONS = frozenset(
    {"on", "against", "with", "to", "toward", "towards", "from", "upon", "into"}
)
INHERITING_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp", "ccomp"})
PHRASE_DEPS = frozenset(
    {
        "compound",
        "amod",
        "det",
        "poss",
        "case",
        "flat",
        "nmod",
        "nummod",
        "conj",
        "cc",
        "appos",
        "punct",
        "prep",
        "pobj",
    }
)


@dataclass(frozen=True)
class Sides:
    """Actor ids on each side of an event, in text order."""

    actors: tuple[str, ...]
    recipients: tuple[str, ...]


class ActorIndex:
    """Which actor each token of a parsed article belongs to, by the actors' mentions."""

    def __init__(self, doc: Doc, actors: Iterable[Actor]):
        self.by_token: dict[int, str] = {}
        for actor in actors:
            for start, end in actor.mentions:
                span = doc.char_span(start, end, alignment_mode="expand")
                if span is not None:
                    for token in span:
                        self.by_token.setdefault(token.i, actor.id)

    def of_phrase(self, token: Token, blocked: frozenset[int] = frozenset()) -> tuple[str, ...]:
        """The actors named in the noun phrase headed by ``token`` (with its conjuncts and
        "of" phrases, not its relative clauses), leaving out ``blocked`` tokens."""
        found: list[str] = []
        for member in _phrase(token):
            if member.i in blocked:
                continue
            actor = self.by_token.get(member.i)
            if actor is not None and actor not in found:
                found.append(actor)
        return tuple(found)


def _phrase(token: Token) -> list[Token]:
    members = [token]
    for child in token.children:
        if child.dep_ in PHRASE_DEPS and not (child.dep_ == "prep" and child.lower_ != "of"):
            members.extend(_phrase(child))
    return members


def verb_sides(verb: Token, index: ActorIndex, blocked: frozenset[int] = frozenset()) -> Sides:
    """Actor and recipient of a verbal trigger; ``blocked`` tokens belong to another event."""
    actors: tuple[str, ...] = ()
    recipients: list[str] = []
    passive = any(child.dep_ in PASSIVE_SUBJECTS for child in verb.children)
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            actors += index.of_phrase(child, blocked)
        elif child.dep_ in PASSIVE_SUBJECTS:
            recipients.extend(index.of_phrase(child, blocked))
        elif child.dep_ == "agent":
            actors += tuple(
                actor for grand in child.children for actor in index.of_phrase(grand, blocked)
            )
        elif child.dep_ in OBJECTS and not passive:
            recipients.extend(index.of_phrase(child, blocked))
            # "imposed sanctions on Iran", "intensifying pressure on Mexico"
            recipients.extend(
                actor
                for prep in child.children
                if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPOSITIONS
                for grand in prep.children
                if grand.dep_ == "pobj"
                for actor in index.of_phrase(grand, blocked)
            )
        elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS:
            recipients.extend(
                actor
                for grand in child.children
                if grand.dep_ == "pobj"
                for actor in index.of_phrase(grand, blocked)
            )
        elif child.dep_ == "prt":
            recipients.extend(_particle_objects(child, index))
    if not actors:
        actors = _inherited_actors(verb, index)
    return Sides(actors, _unique(recipient for recipient in recipients if recipient not in actors))


def noun_sides(noun: Token, index: ActorIndex, blocked: frozenset[int] = frozenset()) -> Sides:
    """Actor and recipient of a nominal trigger ("Mexico's rejection", "pressure on Mexico");
    ``blocked`` tokens belong to another event."""
    actors: tuple[str, ...] = ()
    recipients: list[str] = []
    for child in noun.children:
        if child.dep_ == "poss":
            actors += index.of_phrase(child, blocked)
        elif child.dep_ in ("compound", "amod", "nmod"):
            actors += tuple(index.of_phrase(child, blocked))
        elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS | {"of", "by"}:
            side = [
                actor
                for grand in child.children
                if grand.dep_ == "pobj"
                for actor in index.of_phrase(grand, blocked)
            ]
            if child.lower_ == "by":
                actors += tuple(side)
            else:
                recipients.extend(side)
    if not actors and noun.dep_ in OBJECTS | {"pobj"}:
        governor = noun.head if noun.dep_ != "pobj" else noun.head.head
        if governor.pos_ in ("VERB", "AUX"):
            actors = verb_sides(governor, index, blocked).actors
    return Sides(actors, _unique(recipient for recipient in recipients if recipient not in actors))


def _particle_objects(particle: Token, index: ActorIndex) -> list[str]:
    return [actor for child in particle.children for actor in index.of_phrase(child)]


def _inherited_actors(verb: Token, index: ActorIndex) -> tuple[str, ...]:
    """The subject of the verb governing ``verb`` ("Mexico refused to accept", "met and agreed")."""
    token = verb
    for _ in range(4):
        if token.dep_ not in INHERITING_DEPS or token.head.i == token.i:
            return ()
        token = token.head
        for child in token.children:
            if child.dep_ in SUBJECTS:
                return index.of_phrase(child)
            if child.dep_ == "agent":
                return tuple(actor for grand in child.children for actor in index.of_phrase(grand))
    return ()


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        if value not in found:
            found.append(value)
    return tuple(found)
