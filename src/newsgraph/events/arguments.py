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
INHERITING_DEPS = frozenset({"xcomp", "conj", "advcl", "acl", "pcomp", "ccomp", "acomp"})
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
        for member in _phrase(token, self.by_token):
            if member.i in blocked:
                continue
            actor = self.by_token.get(member.i)
            if actor is not None and actor not in found:
                found.append(actor)
        return tuple(found)


def _phrase(token: Token, named: dict[int, str]) -> list[Token]:
    """The phrase's tokens; an "of" phrase only when the head names no actor itself ("leaders
    of the coalition" yes, "the Albanians of southern Serbia" no)."""
    members = [token]
    for child in token.children:
        if child.dep_ == "prep" and (child.lower_ != "of" or token.i in named):
            continue
        if child.dep_ in PHRASE_DEPS:
            members.extend(_phrase(child, named))
    return members


def verb_sides(verb: Token, index: ActorIndex, blocked: frozenset[int] = frozenset()) -> Sides:
    """Actor and recipient of a verbal trigger; ``blocked`` tokens belong to another event."""
    actors: tuple[str, ...] = ()
    recipients: list[str] = []
    objects: list[str] = []
    given_to = False
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
            objects.extend(index.of_phrase(child, blocked))
            # "imposed sanctions on Iran", "rejected calls by Kofi Annan"
            recipients.extend(
                actor
                for prep in child.children
                if prep.dep_ == "prep" and prep.lower_ in RECIPIENT_PREPOSITIONS | {"by"}
                for grand in prep.children
                if grand.dep_ == "pobj"
                for actor in index.of_phrase(grand, blocked)
            )
        elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS:
            found = [
                actor
                for grand in child.children
                if grand.dep_ == "pobj"
                for actor in index.of_phrase(grand, blocked)
            ]
            recipients.extend(found)
            given_to = given_to or (child.lower_ == "to" and bool(found))
        elif child.dep_ == "prt":
            recipients.extend(_particle_objects(child, index))
    subjects = [child for child in verb.children if child.dep_ in SUBJECTS]
    if not actors and all(subject.pos_ == "PRON" for subject in subjects):
        # no subject ("refused to accept", "met and agreed") or an unresolved pronoun:
        # a subject named further up; never over a subject of its own that names no actor
        actors = _inherited_actors(verb, index)
    # "offered its troops to Lebanon's president": the object is what is given, "to" whom
    recipients = recipients if given_to else objects + recipients
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
            if child.dep_ in SUBJECTS and child.pos_ == "PRON" and not index.of_phrase(child):
                # "Syria says it is willing to": the pronoun is the speaker further up
                continue
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
