"""The attribution knowledge of ``data/attribution/``: speech cues, source kinds and count words.

Loaded once per process into sets and tables keyed by lower-cased word or lemma; each data file
says where its facts come from.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml
from spacy.tokens import Token


@dataclass(frozen=True)
class CueLexicon:
    speech_verbs: frozenset[str]
    clause_verbs: frozenset[str]
    naming_verbs: frozenset[str]
    assessment_verbs: frozenset[str]
    according_to: tuple[tuple[str, ...], ...]
    anonymity_reasons: tuple[str, ...]
    anonymity_labels: tuple[str, ...]
    anonymous_heads: frozenset[str]
    document_heads: frozenset[str]
    institution_heads: frozenset[str]
    people_heads: frozenset[str]
    media_heads: frozenset[str]
    media_name_words: frozenset[str]

    def opens_according_to(self, token: Token) -> bool:
        """Whether ``token`` starts "according to", "as per", "citing" …."""
        if token.lower_ not in {words[0] for words in self.according_to}:
            return False
        following = [word.lower_ for word in token.doc[token.i : token.i + 2]]
        return any(following[: len(words)] == list(words) for words in self.according_to)


@dataclass(frozen=True)
class CountLexicon:
    units: dict[str, float]
    multipliers: dict[str, float]
    vague_plurals: dict[str, float]
    qualifiers_before: tuple[tuple[tuple[str, ...], str], ...]
    qualifiers_after: tuple[tuple[tuple[str, ...], str], ...]
    currencies: dict[str, str]
    dollar_countries: dict[str, str]
    count_types: dict[str, str]
    name_heads: frozenset[str]
    not_count_heads: frozenset[str]
    age_cues: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class AttributionLexicon:
    cues: CueLexicon
    counts: CountLexicon


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(value.lower() for value in values)


def _phrases(by_qualifier: dict[str, list[str]]) -> tuple[tuple[tuple[str, ...], str], ...]:
    """(words, qualifier) pairs, longest phrase first so "just under" beats "under"."""
    pairs = [
        (tuple(phrase.lower().split()), qualifier)
        for qualifier, phrases in by_qualifier.items()
        for phrase in phrases
    ]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def _read(name: str) -> dict:
    return yaml.safe_load(files("newsgraph.data").joinpath("attribution", name).read_text("utf-8"))


@cache
def load_attribution_lexicon() -> AttributionLexicon:
    cues = _read("cues.yaml")
    counts = _read("counts.yaml")
    return AttributionLexicon(
        cues=CueLexicon(
            speech_verbs=_words(cues["speech_verbs"]),
            clause_verbs=_words(cues["clause_verbs"]),
            naming_verbs=_words(cues["naming_verbs"]),
            assessment_verbs=_words(cues["assessment_verbs"]),
            according_to=tuple(tuple(words) for words in cues["according_to"]),
            anonymity_reasons=tuple(marker.lower() for marker in cues["anonymity_reasons"]),
            anonymity_labels=tuple(marker.lower() for marker in cues["anonymity_labels"]),
            anonymous_heads=_words(cues["anonymous_heads"]),
            document_heads=_words(cues["document_heads"]),
            institution_heads=_words(cues["institution_heads"]),
            people_heads=_words(cues["people_heads"]),
            media_heads=_words(cues["media_heads"]),
            media_name_words=_words(cues["media_name_words"]),
        ),
        counts=CountLexicon(
            units={word.lower(): float(value) for word, value in counts["units"].items()},
            multipliers={word.lower(): float(v) for word, v in counts["multipliers"].items()},
            vague_plurals={word.lower(): float(v) for word, v in counts["vague_plurals"].items()},
            qualifiers_before=_phrases(counts["qualifiers_before"]),
            qualifiers_after=_phrases(counts["qualifiers_after"]),
            currencies=dict(counts["currencies"]),
            dollar_countries={
                word.lower(): code for word, code in counts["dollar_countries"].items()
            },
            count_types={
                lemma.lower(): count_type
                for count_type, lemmas in counts["count_types"].items()
                for lemma in lemmas
            },
            name_heads=_words(counts["name_heads"]),
            not_count_heads=_words(counts["not_count_heads"]),
            age_cues=tuple(tuple(cue.lower().split()) for cue in counts["age_cues"]),
        ),
    )
