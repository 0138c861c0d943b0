"""Casualty and arrest figures stated as fact with no source: "The blaze killed three and injured
sixteen" in an article that never says who counted."""

from __future__ import annotations

from spacy.tokens import Span

from ..records import Count
from .lede import headline_values, in_headline
from .lexicon import EditingLexicon
from .reading import Reading
from .scope import OwnVoice

KINDS = {
    "KILL": "a death toll",
    "WOUND": "a count of the injured",
    "KIDNAP": "a count of the kidnapped",
    "ARREST": "an arrest count",
}


def _counts_the_victims(span: Span) -> bool:
    """Whether the counted phrase is what the verb is about ("killed five children", "seven
    died", "the death of 50 people"), not a phrase beside it ("died with his two daughters at
    his bedside")."""
    noun = span.root
    if noun.dep_ in {"nummod", "quantmod", "amod", "compound"}:
        noun = noun.head
    while noun.dep_ in {"conj", "appos"} and noun.head.i != noun.i:
        noun = noun.head
    return noun.dep_ != "pobj" or noun.head.lower_ == "of"


def _is_news_figure(count: Count, span: Span, lexicon: EditingLexicon) -> bool:
    words = count.object.split() if count.object else []
    if not words or not lexicon.is_person(words[-1]) or not _counts_the_victims(span):
        return False
    lemmas = {token.lemma_.lower() for token in span.sent}
    return count.count_type != "ARREST" or bool(lemmas & lexicon.arrest_words)


def unsourced_figures(
    reading: Reading, voice: OwnVoice, number_words: dict[str, float]
) -> list[tuple[Span, str]]:
    """(sentence, what it claims) for each central sentence with unsourced casualty or arrest
    figures."""
    lexicon = voice.lexicon
    attributed = {count.count_type for count in reading.counts if count.source is not None}
    headline = headline_values(reading.title, number_words)
    by_sentence: dict[int, tuple[Span, list[str]]] = {}
    for count in reading.counts:
        if (
            count.source is not None
            or count.count_type not in lexicon.attributed_count_types
            or count.count_type in attributed
        ):
            continue
        span = reading.span(count.start, count.end)
        if span is None or not len(span) or not voice.unsourced(span):
            continue
        sentence = span.sent
        if sentence.start not in voice.central and not in_headline(count, headline):
            continue
        if _is_news_figure(count, span, lexicon):
            figure = f"{KINDS[count.count_type]} (“{reading.text[count.start : count.end]}”)"
            by_sentence.setdefault(sentence.start, (sentence, []))[1].append(figure)
    return [
        (
            sentence,
            f"{'; '.join(figures)} stated as fact, with no source for such figures "
            "anywhere in the article: who counted?",
        )
        for sentence, figures in by_sentence.values()
    ]
