"""Recipients the parse leaves implicit, read from the places and countries around the trigger.

Our own rules, after PLOVER's coding practice (the gold sentences code them so): an act done *in*
a country with no one named as its target is done to that country ("Serbia lifted a curfew in
Montenegro": Montenegro; "refused to deploy peacekeepers in Iraq": Iraq); a country that owns the
thing an actor responds to is its recipient ("rejected an Indian proposal": India); and protests,
coercion, concessions and attacks with no target and no place are domestic (their actor's own
country: "students staged demonstrations to demand reforms"). A country that becomes a recipient
this way is added to the article's actors, with the words that named it as its mention.
"""

from __future__ import annotations

from collections.abc import Container, Iterable

from spacy.tokens import Span, Token

from ..actors import ActorKnowledge
from ..actors.knowledge import phrase_key
from ..records import Actor, Place

# Types whose act always has someone on the receiving end (PLOVER codes the actor's own country
# when the text names no one): protests, coercion, concessions, attacks.
DOMESTIC_TARGET_TYPES = frozenset({"PROTEST", "COERCE", "CONCEDE", "ASSAULT"})
# Responses whose object is someone else's act: the object's owner is the recipient.
RESPONSE_TYPES = frozenset({"REJECT", "AGREE", "CONCEDE", "SUPPORT", "ACCUSE"})
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "inside", "outside", "across", "throughout", "within", "around", "into",
     "on", "along", "over", "off", "from", "of", "to"}
)  # fmt: skip
OWNER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})


class CountryActors:
    """The article's actors, with country actors added when an event's recipient is a country
    that no actor stands for yet."""

    def __init__(self, actors: Iterable[Actor], knowledge: ActorKnowledge):
        self.actors = list(actors)
        self.knowledge = knowledge

    def find(self, code: str) -> Actor | None:
        """The article's country actor for ``code``, if it has one."""
        return next(
            (actor for actor in self.actors if actor.kind == "country" and actor.country == code),
            None,
        )

    def of(self, code: str, mention: tuple[int, int]) -> str:
        """The id of the country actor for ``code``, added with ``mention`` if needed."""
        actor = self.find(code)
        if actor is not None:
            if mention not in [tuple(m) for m in actor.mentions]:
                actor.mentions.append(mention)
                actor.mentions.sort()
            return actor.id
        actor = Actor(
            id=f"a{len(self.actors) + 1}",
            name=self.knowledge.country_name(code),
            country=code,
            kind="country",
            mentions=[mention],
        )
        self.actors.append(actor)
        return actor.id

    def country(self, actor_id: str) -> str | None:
        return next((actor.country for actor in self.actors if actor.id == actor_id), None)


def _act_tokens(token: Token, embedded: Token | None) -> set[int]:
    tokens = {child.i for child in token.subtree if child.dep_ not in ("advcl", "relcl")}
    if embedded is not None:
        tokens |= {child.i for child in embedded.subtree}
    return tokens


def _locative(token: Token) -> bool:
    """Whether a place name says where ("in the states of Sinaloa", "near Samarra"), not whose
    ("U.S. military operations")."""
    current = token
    for _ in range(6):
        if current.dep_ == "prep":
            return current.lower_ in LOCATIVE_PREPOSITIONS
        if current.dep_ not in ("pobj", "conj", "appos", "compound") or current.head.i == current.i:
            return False
        current = current.head
    return False


def act_places(
    token: Token,
    embedded: Token | None,
    sentence: Span,
    places: list[Place],
    actor_tokens: Container[int],
) -> list[tuple[Place, tuple[int, int]]]:
    """The places named in the act's own phrase, in text order, outside actors' names ("U.S.
    special forces" names an actor, not where the strikes would be)."""
    tokens = _act_tokens(token, embedded)
    doc = sentence.doc
    named = []
    for place in places:
        for start, end in place.mentions:
            if not (sentence.start_char <= start and end <= sentence.end_char):
                continue
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None or any(t.i in actor_tokens for t in span):
                continue
            if span.root.i in tokens and _locative(span.root):
                named.append((place, (start, end)))
    return sorted(named, key=lambda found: found[1])


def location_country(
    named: list[tuple[Place, tuple[int, int]]],
) -> tuple[str, tuple[int, int]] | None:
    """The country of the first of the act's places that has one."""
    return next(
        (
            (place.country, mention)
            for place, mention in named
            if place.country and place.country != "IGO"
        ),
        None,
    )


def owner_country(token: Token, knowledge: ActorKnowledge) -> tuple[str, tuple[int, int]] | None:
    """The country that owns the object of a response ("an Indian proposal", "a Senegalese
    peace plan"), from a demonym or country name modifying it."""
    for obj in token.children:
        if obj.dep_ not in ("dobj", "pobj") and not (obj.dep_ == "prep" and obj.lower_ == "to"):
            continue
        nouns = [obj] if obj.dep_ != "prep" else [c for c in obj.children if c.dep_ == "pobj"]
        for noun in nouns:
            for modifier in noun.children:
                if modifier.dep_ not in OWNER_DEPS or modifier.i > noun.i:
                    continue
                key = phrase_key(modifier.text.removesuffix("'s"))
                code = knowledge.demonyms.get(key) or knowledge.country_names.get(key)
                if code:
                    return code, (modifier.idx, modifier.idx + len(modifier.text))
    return None
