"""Actors: who is named or described in an article, with country, PLOVER sector and role."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Actor
from .coref import actor_records, group_mentions
from .knowledge import ActorKnowledge, KnowledgeError, load_knowledge
from .mentions import MentionFinder
from .names import find_names

__all__ = [
    "ActorKnowledge",
    "KnowledgeError",
    "find_actors",
    "load_knowledge",
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
