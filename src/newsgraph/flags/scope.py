"""Which sentences an article states in its own voice, centrally, with no source in their scope:
where an unsourced claim can stand (the rules are those of :mod:`.unsourced`)."""

from __future__ import annotations

from datetime import date
from functools import cached_property

from spacy.tokens import Span

from ..dates import resolve_doc_dates
from .lede import lede
from .lexicon import EditingLexicon, has_phrase
from .reading import Reading
from .voice import first_hand

BACKGROUND_DAYS = 30


def _day(iso: str) -> date | None:
    numbers = [int(part) for part in iso.split("-") if part.isdigit()]
    if not numbers:
        return None
    numbers += [1, 1]
    try:
        return date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        return None


class OwnVoice:
    """An article's central sentences and which of its stretches it says in its own voice, with
    no source in their scope; computed once per article."""

    def __init__(self, reading: Reading, lexicon: EditingLexicon):
        self.reading = reading
        self.lexicon = lexicon

    @cached_property
    def first_hand(self) -> bool:
        return first_hand(self.reading, self.lexicon)

    @cached_property
    def central(self) -> set[int]:
        return {sentence.start for sentence in lede(self.reading.doc)}

    def paragraph(self, offset: int) -> int:
        """The paragraph of ``offset``, named by the offset of the line break before it."""
        return self.reading.text.rfind("\n", 0, offset)

    @cached_property
    def _background(self) -> set[int]:
        """The starts of sentences that name a date over a month before the article's, and of the
        sentences right after them ("… the August 2017 rally. In that event, Fields killed …")."""
        reading = self.reading
        published = _day(reading.published) if reading.published else None
        if published is None:
            return set()
        starts = set()
        for mention in resolve_doc_dates(reading.doc, reading.published):
            day = _day(mention.value) if mention.value else None
            if day is None or (published - day).days <= BACKGROUND_DAYS:
                continue
            sentence = reading.sentence(mention.start, mention.end)
            if sentence is not None:
                starts.add(sentence.start)
                if sentence.end < len(reading.doc):
                    starts.add(reading.doc[sentence.end].sent.start)
        return starts

    @cached_property
    def _attributed(self) -> set[int]:
        """The paragraphs that name a source, hold a sourced claim or say who said something in
        their own voice: one attribution carries through its paragraph in news copy ("State media
        reported a block of flats collapsed. The accident killed eleven.")."""
        reading = self.reading
        offsets = [source.start for source in reading.sources]
        offsets += [count.start for count in reading.counts if count.source is not None]
        offsets += [event.evidence.start for event in reading.events if event.source is not None]
        offsets += [
            token.idx
            for token in reading.doc
            if token.lemma_.lower() in self.lexicon.report_verbs and not reading.quoted(token.idx)
        ]
        return {self.paragraph(offset) for offset in offsets}

    def unsourced(self, span: Span) -> bool:
        """Whether ``span`` is said in the article's own voice with no source in its scope: not
        quoted, left to no one ("reportedly"), not about a court or a confession, not background,
        in a paragraph that names no source, in a report rather than a statement."""
        sentence = span.sent
        lemmas = {token.lemma_.lower() for token in sentence}
        first = next((token for token in span if not token.is_punct), span[0])
        return not (
            self.first_hand
            or self.reading.quoted(first.idx)
            or sentence.start in self._background
            or self.paragraph(span.start_char) in self._attributed
            or lemmas & self.lexicon.record_words
            or has_phrase(sentence, self.lexicon.hedges)
        )
