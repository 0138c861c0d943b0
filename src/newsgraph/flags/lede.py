"""The sentences central to an article: its lede, and any sentence giving a number its headline
gives.

News puts the story in its first sentences (the lede, then the nut graf) and the headline restates
it. The lede here is the first paragraph that holds a sentence (a verb and four words; datelines
and section labels are skipped), at most three of its sentences, and the next paragraph's when the
first holds only one.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..records import Count

LEDE_SENTENCES = 3
LEDE_MIN = 2
_MIN_WORDS = 4
_DIGITS = re.compile(r"^\d[\d,]*(?:\.\d+)?$")


def _is_sentence(span: Span) -> bool:
    words = [token for token in span if token.is_alpha]
    return len(words) >= _MIN_WORDS and any(token.pos_ in {"VERB", "AUX"} for token in span)


def lede(doc: Doc) -> list[Span]:
    text = doc.text
    chosen: list[Span] = []
    paragraph_of_first = None
    for sentence in doc.sents:
        if not _is_sentence(sentence):
            continue
        paragraph = text.rfind("\n", 0, sentence.start_char)
        if paragraph_of_first is None:
            paragraph_of_first = paragraph
        if paragraph != paragraph_of_first and len(chosen) >= LEDE_MIN:
            break
        chosen.append(sentence)
        if len(chosen) == LEDE_SENTENCES:
            break
    return chosen


def headline_values(title: str | None, number_words: dict[str, float]) -> set[float]:
    """The numbers a headline gives, in digits or words ("kills five", "more than 20 dead")."""
    values = set()
    for word in re.findall(r"[\w.,]+", title or ""):
        word = word.strip(".,").lower()
        if _DIGITS.match(word):
            values.add(float(word.replace(",", "")))
        elif word in number_words:
            values.add(number_words[word])
    return values


def in_headline(count: Count, values: set[float]) -> bool:
    return count.value in values or (count.low is not None and count.low in values)
