"""The editing knowledge of ``data/flags/editing.yaml``, loaded once per process."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml
from spacy.tokens import Token

Phrases = tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class EditingLexicon:
    first_hand_titles: Phrases
    first_person: frozenset[str]
    first_person_min: int
    hedges: Phrases
    report_verbs: frozenset[str]
    intent_verbs: frozenset[str]
    intent_nouns: frozenset[str]
    secrecy_adverbs: frozenset[str]
    government_sectors: frozenset[str]
    attack_words: frozenset[str]
    responsibility_phrases: Phrases
    attributed_count_types: frozenset[str]
    arrest_words: frozenset[str]
    record_words: frozenset[str]
    person_nouns: frozenset[str]
    person_suffixes: tuple[str, ...]
    partial_words: Phrases
    change_words: Phrases
    approximate_share: float
    exact_below: float

    def is_person(self, word: str) -> bool:
        """Whether a counted head noun ("girls", "motorcyclists") names people."""
        word = word.lower()
        return word in self.person_nouns or (len(word) > 5 and word.endswith(self.person_suffixes))


def find_phrase(tokens: Iterable[Token], phrases: Phrases) -> tuple[Token, ...] | None:
    """The first occurrence in ``tokens`` of any phrase, each word matched on its text or its
    lemma."""
    tokens = list(tokens)
    words = [(token.lower_, token.lemma_.lower()) for token in tokens]
    for index in range(len(words)):
        for phrase in phrases:
            if index + len(phrase) <= len(words) and all(
                word in words[index + offset] for offset, word in enumerate(phrase)
            ):
                return tuple(tokens[index : index + len(phrase)])
    return None


def has_phrase(tokens: Iterable[Token], phrases: Phrases) -> bool:
    return find_phrase(tokens, phrases) is not None


def _words(values: list[str]) -> frozenset[str]:
    return frozenset(value.lower() for value in values)


def _phrases(values: list[str]) -> Phrases:
    return tuple(tuple(value.lower().split()) for value in values)


@cache
def load_editing_lexicon() -> EditingLexicon:
    data = yaml.safe_load(
        files("newsgraph.data").joinpath("flags", "editing.yaml").read_text("utf-8")
    )
    return EditingLexicon(
        first_hand_titles=_phrases(data["first_hand_titles"]),
        first_person=_words(data["first_person"]),
        first_person_min=int(data["first_person_min"]),
        hedges=_phrases(data["hedges"]),
        report_verbs=_words(data["report_verbs"]),
        intent_verbs=_words(data["intent_verbs"]),
        intent_nouns=_words(data["intent_nouns"]),
        secrecy_adverbs=_words(data["secrecy_adverbs"]),
        government_sectors=frozenset(data["government_sectors"]),
        attack_words=_words(data["attack_words"]),
        responsibility_phrases=_phrases(data["responsibility_phrases"]),
        attributed_count_types=frozenset(data["attributed_count_types"]),
        arrest_words=_words(data["arrest_words"]),
        record_words=_words(data["record_words"]),
        person_nouns=_words(data["person_nouns"]),
        person_suffixes=tuple(data["person_suffixes"]),
        partial_words=_phrases(data["partial_words"]),
        change_words=_phrases(data["change_words"]),
        approximate_share=float(data["approximate_share"]),
        exact_below=float(data["exact_below"]),
    )
