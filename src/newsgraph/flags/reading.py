"""What the flags read of an article: its parse, title and date, and the records earlier stages
made of it, with the look-ups the editing flags share (the sentence of an offset, whether it is
inside quotation marks, the tokens around a count)."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from ..attribution.marks import quoted_spans
from ..records import Actor, Count, Event, Place, Source


def naming_words(noun: Token, links: frozenset[str]) -> list[Token]:
    """The words before a noun that name which one it is, with their own, in text order ("the
    Mexican government", "Google's", "North Dakota State Department"), not its clauses and
    prepositions; ``links`` are the dependency labels that count."""
    words = []
    for child in noun.children:
        if child.dep_ in links and child.i < noun.i:
            words += [*naming_words(child, links), child]
    return sorted(words, key=lambda word: word.i)


@dataclass(frozen=True)
class Reading:
    doc: Doc
    title: str | None
    published: str | None
    actors: list[Actor]
    places: list[Place]
    events: list[Event]
    sources: list[Source]
    counts: list[Count]

    @property
    def text(self) -> str:
        return self.doc.text

    @cached_property
    def _quoted(self) -> list[tuple[int, int]]:
        return sorted((span.start, span.end) for span in quoted_spans(self.doc.text))

    def quoted(self, offset: int) -> bool:
        """Whether the character at ``offset`` is inside quotation marks."""
        index = bisect_right(self._quoted, (offset, len(self.doc.text) + 1)) - 1
        return index >= 0 and self._quoted[index][0] <= offset < self._quoted[index][1]

    def span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start, end, alignment_mode="expand")

    def sentence(self, start: int, end: int) -> Span | None:
        span = self.span(start, end)
        return span.sent if span is not None and len(span) else None

    def around(self, span: Span, width: int) -> list[Token]:
        """The tokens of ``span``'s sentence within ``width`` tokens of it, not its own."""
        sentence = span.sent
        before = self.doc[max(sentence.start, span.start - width) : span.start]
        after = self.doc[span.end : min(sentence.end, span.end + width)]
        return [*before, *after]

    def outside(self, span: Span) -> list[Token]:
        """The tokens of ``span``'s sentence that are not its own."""
        sentence = span.sent
        return [*self.doc[sentence.start : span.start], *self.doc[span.end : sentence.end]]
