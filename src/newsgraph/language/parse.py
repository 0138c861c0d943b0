"""Texts through the spaCy pipeline in batches, each carrying its own context (an article id).

The parser's memory grows with the characters it holds at once (a single 1 MB text peaked at
3 GB), so long texts are parsed in pieces cut at paragraph breaks and joined back into one Doc
whose text and character offsets are the original's, and batches are bounded in characters as
well as in texts.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .model import load_nlp

Context = TypeVar("Context")

BATCH_SIZE = 16
BATCH_CHARS = 120_000
PIECE_CHARS = 20_000
# Where a long text may be cut, best first; each cut keeps its separator in the earlier piece.
SEPARATORS = ("\n\n", "\n", ". ", " ")


def split_text(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """``text`` in consecutive pieces of at most ``limit`` characters where a break allows,
    cut after a paragraph break, else a line break, a sentence end, a space; joined, they are
    ``text`` again."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        end = limit
        for separator in SEPARATORS:
            found = window.rfind(separator)
            if found >= limit // 2:
                end = found + len(separator)
                break
        pieces.append(text[start : start + end])
        start += end
    pieces.append(text[start:])
    return pieces


@dataclass
class _Pending(Generic[Context]):
    context: Context
    pieces: int
    docs: list[Doc] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return len(self.docs) == self.pieces

    def doc(self) -> Doc:
        if len(self.docs) == 1:
            return self.docs[0]
        return Doc.from_docs(self.docs, ensure_whitespace=False)


def parse_texts(
    items: Iterable[tuple[str, Context]],
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
    batch_chars: int = BATCH_CHARS,
) -> Iterator[tuple[Doc, Context]]:
    """Parse ``(text, context)`` pairs with ``nlp.pipe``, yielding ``(doc, context)`` in order.

    A batch holds at most ``batch_size`` pieces and about ``batch_chars`` characters.
    """
    nlp = nlp or load_nlp()
    pending: deque[_Pending[Context]] = deque()
    batch: list[tuple[str, _Pending[Context]]] = []
    characters = 0
    for text, context in items:
        pieces = split_text(text)
        item = _Pending(context, len(pieces))
        pending.append(item)
        for piece in pieces:
            batch.append((piece, item))
            characters += len(piece)
            if len(batch) >= batch_size or characters >= batch_chars:
                yield from _flush(nlp, batch, pending)
                batch, characters = [], 0
    yield from _flush(nlp, batch, pending)


def _flush(
    nlp: Language, batch: list[tuple[str, _Pending[Context]]], pending: deque[_Pending[Context]]
) -> Iterator[tuple[Doc, Context]]:
    for doc, item in nlp.pipe(batch, as_tuples=True, batch_size=max(1, len(batch))):
        item.docs.append(doc)
    while pending and pending[0].complete:
        item = pending.popleft()
        yield item.doc(), item.context
