"""Quotation marks paired into quoted spans, on the article's text.

Our own code: spaCy's tokenizer keeps quotation marks but does not pair them, and a quote may run
over several sentences and paragraphs. Rules, after the conventions of English news copy:
- Curly and guillemet marks say which way they face; a straight mark opens after a space or an
  opening bracket and closes before a space or punctuation, else it toggles.
- A paragraph that opens a quote without closing it continues it when the next paragraph opens
  with a quotation mark again (the printer's convention for a long quotation); otherwise the quote
  ends with its paragraph.
- Single marks quote only outside double quotes (inside, they are part of the outer quote), and
  only when the mark cannot be an apostrophe ("don't", "the students' union") and closes within
  its paragraph.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

DOUBLE_OPENERS = frozenset("“„«")
DOUBLE_CLOSERS = frozenset("”»")
STRAIGHT_DOUBLE = '"'
SINGLE_OPENERS = frozenset("‘‹")
SINGLE_CLOSERS = frozenset("’›")
STRAIGHT_SINGLE = "'"
_PARAGRAPH = re.compile(r"[^\n]+")
# Longest single-quoted span taken for a quotation; longer ones are more likely apostrophes.
_MAX_SINGLE_QUOTE = 400


@dataclass(frozen=True)
class QuotedSpan:
    """The text between a pair of quotation marks (``start``/``end`` exclude the marks);
    ``opening`` is the offset of the opening mark, ``closing`` of the closing one (or the end of
    the paragraph when the quote was never closed)."""

    start: int
    end: int
    opening: int
    closing: int


def _is_space_or_open(char: str) -> bool:
    return char == "" or char.isspace() or char in "([{—–-/:;"


def _is_space_or_punct(char: str) -> bool:
    return char == "" or char.isspace() or char in ".,;:!?)]}—–-…"


def _double_marks(paragraph: str) -> Iterator[tuple[int, bool]]:
    """(offset, opens) for each double quotation mark of a paragraph."""
    is_open = False
    for index, char in enumerate(paragraph):
        if char in DOUBLE_OPENERS:
            opens = True
        elif char in DOUBLE_CLOSERS:
            opens = False
        elif char == STRAIGHT_DOUBLE:
            before = paragraph[index - 1] if index else ""
            after = paragraph[index + 1] if index + 1 < len(paragraph) else ""
            if _is_space_or_open(before) and not _is_space_or_punct(after):
                opens = True
            elif _is_space_or_punct(after) and not _is_space_or_open(before):
                opens = False
            else:
                opens = not is_open
        else:
            continue
        is_open = opens
        yield index, opens


@dataclass(frozen=True)
class _ParagraphMarks:
    """A paragraph's double marks: the pairs closed within it, a closing mark that comes before
    any opening one (the end of a quote carried from before), an opening mark left open."""

    pairs: list[tuple[int, int]]
    stray_closing: int | None
    pending: int | None


def _paragraph_marks(paragraph: str) -> _ParagraphMarks:
    pairs = []
    stray_closing: int | None = None
    pending: int | None = None
    for index, opens in _double_marks(paragraph):
        if opens:
            if pending is None:
                pending = index
        elif pending is not None:
            pairs.append((pending, index))
            pending = None
        elif not pairs and stray_closing is None:
            stray_closing = index
    return _ParagraphMarks(pairs, stray_closing, pending)


def _single_spans(paragraph: str, blocked: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Single-quoted (opening, closing) offsets outside the ``blocked`` double-quoted pairs."""
    pairs = []
    pending: int | None = None
    for index, char in enumerate(paragraph):
        if char not in SINGLE_OPENERS and char not in SINGLE_CLOSERS and char != STRAIGHT_SINGLE:
            continue
        if any(opening <= index <= closing for opening, closing in blocked):
            continue
        before = paragraph[index - 1] if index else ""
        after = paragraph[index + 1] if index + 1 < len(paragraph) else ""
        can_open = _is_space_or_open(before) and after.isalnum()
        can_close = (before.isalnum() or before in ".,!?") and _is_space_or_punct(after)
        if pending is None:
            if can_open and char not in SINGLE_CLOSERS:
                pending = index
        elif can_close and char not in SINGLE_OPENERS:
            if index - pending <= _MAX_SINGLE_QUOTE:
                pairs.append((pending, index))
            pending = None
    return pairs


def _trimmed(text: str, opening: int, closing: int) -> QuotedSpan | None:
    """The span between the marks without its outer spaces; None when nothing is quoted."""
    start, end = opening + 1, closing
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not any(char.isalnum() for char in text[start:end]):
        return None
    return QuotedSpan(start, end, opening, closing)


def quoted_spans(text: str) -> list[QuotedSpan]:
    """The quoted spans of ``text`` in text order."""
    spans: list[QuotedSpan] = []

    def add(opening: int, closing: int) -> None:
        found = _trimmed(text, opening, closing)
        if found:
            spans.append(found)

    carried: int | None = None
    previous_end = 0
    for match in _PARAGRAPH.finditer(text):
        paragraph, offset = match.group(), match.start()
        marks = _paragraph_marks(paragraph)
        pairs = marks.pairs
        lead = len(paragraph) - len(paragraph.lstrip())
        if carried is not None:
            reopens = paragraph[lead : lead + 1] in DOUBLE_OPENERS | {STRAIGHT_DOUBLE}
            if reopens and pairs and pairs[0][0] == lead:
                add(carried, offset + pairs.pop(0)[1])
            elif reopens and not pairs and marks.pending == lead:
                previous_end = match.end()
                continue
            elif marks.stray_closing is not None:
                add(carried, offset + marks.stray_closing)
            else:
                add(carried, previous_end)
            carried = None
        for opening, closing in pairs:
            add(offset + opening, offset + closing)
        for opening, closing in _single_spans(paragraph, pairs):
            add(offset + opening, offset + closing)
        if marks.pending is not None:
            carried = offset + marks.pending
        previous_end = match.end()
    if carried is not None:
        add(carried, previous_end)
    spans.sort(key=lambda span: span.start)
    return spans
