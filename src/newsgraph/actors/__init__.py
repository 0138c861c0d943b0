"""Actors: who is named or described in an article, with country, PLOVER sector and role."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Actor, Place
from .coref import actor_records, group_mentions
from .knowledge import ActorKnowledge, KnowledgeError, load_knowledge
from .mentions import MentionFinder
from .names import find_names

__all__ = [
    "ActorKnowledge",
    "KnowledgeError",
    "find_actors",
    "load_knowledge",
    "without_place_names",
]


def find_actors(
    doc: Doc, nlp: Language, knowledge: ActorKnowledge | None = None, reference: str | None = None
) -> list[Actor]:
    """The actors of a parsed article; ``reference`` is its date (ISO, maybe partial), used to
    tell which office a known person held."""
    knowledge = knowledge or load_knowledge()
    names = find_names(doc, knowledge, nlp)
    mentions = MentionFinder(doc, names, knowledge, reference).find()
    apposed = {token.i: token.head.i for token in doc if token.dep_ == "appos"}
    return actor_records(group_mentions(mentions, apposed), knowledge)


def without_place_names(actors: list[Actor], places: list[Place]) -> list[Actor]:
    """Drop unknown organisations that are only place names the model mistook ("the states of
    Sinaloa and Jalisco"), and number the actors again."""
    place_spans = {tuple(mention) for place in places for mention in place.mentions}
    kept = [
        actor
        for actor in actors
        if not (
            actor.kind == "organization"
            and actor.country is None
            and actor.sector is None
            and all(tuple(mention) in place_spans for mention in actor.mentions)
        )
    ]
    return [actor.model_copy(update={"id": f"a{number}"}) for number, actor in enumerate(kept, 1)]
