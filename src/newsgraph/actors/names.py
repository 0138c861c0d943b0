"""Named spans of a parsed article, each looked up in the actor knowledge.

The spans are spaCy's PERSON, ORG, GPE and NORP entities together with matches of the knowledge's
own names (the small English model tags "Sinaloa" ORG and misses "Jalisco New Generation Cartel"),
longest first. Each span is resolved once: a known person, organisation, country, capital or
demonym, or an unknown name of the entity type spaCy gave.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .knowledge import ActorKnowledge, Organization, Person, phrase_key

NameKind = Literal["person", "organization", "country", "capital", "demonym", "place", "unknown"]
# LOC and FAC are candidates so that a longer place name wins over a knowledge name inside it
# ("Latin America" is not "America").
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@dataclass
class Name:
    """A named span and what it resolved to."""

    span: Span
    kind: NameKind
    country: str | None = None
    organization: Organization | None = None
    people: list[Person] = field(default_factory=list)


@cache
def knowledge_matchers(knowledge: ActorKnowledge, nlp: Language) -> tuple[PhraseMatcher, ...]:
    """Two phrase matchers over the knowledge's names: exact case, and lower case for names of
    several words (lower-casing one-word names would match "us" and "who")."""
    exact = PhraseMatcher(nlp.vocab, attr="ORTH")
    lower = PhraseMatcher(nlp.vocab, attr="LOWER")
    patterns = {
        "PERSON": knowledge.surface_people,
        "ORG": knowledge.surface_organizations,
        "GPE": knowledge.surface_countries,
    }
    for label, aliases in patterns.items():
        ordered = sorted(aliases)
        exact.add(label, list(nlp.tokenizer.pipe(ordered)))
        several = [alias.lower() for alias in ordered if " " in alias]
        lower.add(label, list(nlp.tokenizer.pipe(several)))
    return exact, lower


def _without_possessive(span: Span) -> Span:
    end = span.end
    while end > span.start + 1 and span.doc[end - 1].text in POSSESSIVE:
        end -= 1
    start = span.start
    while start < end - 1 and span.doc[start].lower_ == "the":
        start += 1
    return span.doc[start:end]


def resolve_name(span: Span, label: str, knowledge: ActorKnowledge) -> Name:
    """What a named span refers to; place-like labels try countries before people."""
    key = phrase_key(span.text)
    if label in ("GPE", "NORP"):
        if key in knowledge.country_names:
            return Name(span, "country", country=knowledge.country_names[key])
        if key in knowledge.demonyms:
            return Name(span, "demonym", country=knowledge.demonyms[key])
        if key in knowledge.capitals:
            return Name(span, "capital", country=knowledge.capitals[key])
    if key in knowledge.organizations:
        organization = knowledge.organizations[key]
        return Name(span, "organization", country=organization.country, organization=organization)
    if key in knowledge.people and label != "GPE":
        return Name(span, "person", people=knowledge.people[key])
    if key in knowledge.country_names:
        return Name(span, "country", country=knowledge.country_names[key])
    if key in knowledge.demonyms:
        return Name(span, "demonym", country=knowledge.demonyms[key])
    if label == "PERSON":
        return Name(span, "person")
    if label == "ORG":
        return Name(span, "organization")
    if label in ("GPE", "LOC", "FAC"):
        return Name(span, "place")
    return Name(span, "unknown")


def find_names(doc: Doc, knowledge: ActorKnowledge, nlp: Language) -> dict[int, Name]:
    """Every named span of ``doc`` resolved, indexed by each of its tokens."""
    candidates = [entity for entity in doc.ents if entity.label_ in ENTITY_LABELS]
    for matcher in knowledge_matchers(knowledge, nlp):
        candidates.extend(
            Span(doc, start, end, label=match_id) for match_id, start, end in matcher(doc)
        )
    by_token: dict[int, Name] = {}
    for span in filter_spans(candidates):
        trimmed = _without_possessive(span)
        if not any(char.isalpha() for char in trimmed.text):
            continue
        name = resolve_name(trimmed, span.label_, knowledge)
        for token in trimmed:
            by_token[token.i] = name
    return by_token
