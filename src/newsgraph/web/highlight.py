"""An article's text cut into paragraphs of segments for highlighting: every place where a mark
(an event's sentence, a quote, a source, a count, a place mention, a flag) starts or ends cuts
the text, so each segment carries the whole set of marks that cover it. Marks overlap freely in
the record; segments never do, so the page nests its elements validly whatever the overlaps."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from ..records import ArticleRecord

MarkKind = Literal["event", "quote", "source", "count", "place", "flag"]
MARK_KINDS: tuple[MarkKind, ...] = ("event", "quote", "source", "count", "place", "flag")
"""The kinds of marks, in the order the legend lists them."""

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True)
class Mark:
    """One highlighted span of the text: the record part it shows (``kind`` and the part's
    ``key`` in the record, e.g. ``quote`` ``q4``) and a ``variant`` that changes its look
    (an anonymous source, a negated event)."""

    kind: MarkKind
    key: str
    start: int
    end: int
    variant: str | None = None

    @property
    def anchor(self) -> str:
        """The fragment naming the mark on the article page, e.g. ``event-e1``."""
        return f"{self.kind}-{self.key}"


@dataclass(frozen=True)
class Segment:
    """The text from ``start`` to ``end`` and the marks covering all of it, widest first;
    ``opens`` are the anchors of the marks whose first segment this is, and ``starts`` says
    whether a mark (a part's first mark or a later one, like a place's next mention) starts
    here."""

    start: int
    end: int
    text: str
    marks: tuple[Mark, ...]
    opens: tuple[str, ...]
    starts: bool


@dataclass(frozen=True)
class Paragraph:
    segments: tuple[Segment, ...]


def flag_key(position: int) -> str:
    """The key of the record's flag at ``position`` (flags carry no id of their own)."""
    return f"f{position + 1}"


def article_marks(record: ArticleRecord) -> list[Mark]:
    """Every highlighted span of ``record``: events (their evidence sentence), quotes, sources,
    counts, place mentions and flags."""
    marks = [
        Mark(
            "event",
            event.id,
            event.evidence.start,
            event.evidence.end,
            event.modality if event.modality != "asserted" else None,
        )
        for event in record.events
    ]
    marks += [
        Mark("quote", quote.id, quote.start, quote.end, quote.kind) for quote in record.quotes
    ]
    marks += [
        Mark("source", source.id, source.start, source.end, source.type)
        for source in record.sources
    ]
    marks += [Mark("count", count.id, count.start, count.end) for count in record.counts]
    marks += [
        Mark("place", place.id, start, end)
        for place in record.places
        for start, end in place.mentions
    ]
    marks += [
        Mark("flag", flag_key(position), flag.start, flag.end)
        for position, flag in enumerate(record.flags)
    ]
    return marks


def segments(text: str, marks: list[Mark], cuts: tuple[int, ...] = ()) -> list[Segment]:
    """``text`` cut at every start and end of ``marks`` (clipped to the text; empty marks are
    left out) and at ``cuts``, each piece with the marks covering it."""
    kept = [
        Mark(mark.kind, mark.key, max(mark.start, 0), min(mark.end, len(text)), mark.variant)
        for mark in marks
    ]
    kept = sorted((mark for mark in kept if mark.start < mark.end), key=lambda mark: mark.start)
    bounds = {0, len(text), *(cut for cut in cuts if 0 < cut < len(text))}
    bounds.update(offset for mark in kept for offset in (mark.start, mark.end))
    ordered = sorted(bounds)
    pieces: list[Segment] = []
    opened: set[str] = set()
    active: list[Mark] = []
    waiting = 0
    for start, end in zip(ordered, ordered[1:], strict=False):
        while waiting < len(kept) and kept[waiting].start == start:
            active.append(kept[waiting])
            waiting += 1
        active = [mark for mark in active if mark.end > start]
        covering = tuple(sorted(active, key=lambda mark: (mark.start - mark.end, mark.start)))
        opens = tuple(
            dict.fromkeys(
                mark.anchor
                for mark in covering
                if mark.start == start and mark.anchor not in opened
            )
        )
        opened.update(opens)
        starts = any(mark.start == start for mark in covering)
        pieces.append(Segment(start, end, text[start:end], covering, opens, starts))
    return pieces


def paragraphs(text: str, marks: list[Mark]) -> list[Paragraph]:
    """The text's paragraphs (split at blank lines), each as its segments. A mark that runs
    across a paragraph break has segments in both paragraphs; the anchor of a mark that
    starts inside a break moves to the next segment."""
    breaks = [(found.start(), found.end()) for found in _PARAGRAPH_BREAK.finditer(text)]
    cuts = tuple(offset for bounds in breaks for offset in bounds)
    groups: list[list[Segment]] = [[]]
    carried: tuple[str, ...] = ()
    starting = False
    upcoming = iter(breaks)
    current = next(upcoming, None)
    for piece in segments(text, marks, cuts):
        while current is not None and piece.start >= current[1]:
            current = next(upcoming, None)
        if current is not None and current[0] <= piece.start:
            carried += piece.opens
            # A mark starting in the break starts, for the reader, on the next segment.
            starting = starting or piece.starts
            if groups[-1]:
                groups.append([])
            continue
        if carried or starting:
            opens = tuple(dict.fromkeys(carried + piece.opens))
            piece = replace(piece, opens=opens, starts=piece.starts or bool(piece.marks))
            carried, starting = (), False
        groups[-1].append(piece)
    return [Paragraph(tuple(group)) for group in groups if group]
