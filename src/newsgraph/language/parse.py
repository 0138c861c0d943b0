"""Texts through the spaCy pipeline in batches, each carrying its own context (an article id)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from .model import load_nlp

Context = TypeVar("Context")

# Small batches: the parser's memory grows with the longest texts of a batch (1.6 GB peak with
# 64 texts of up to 92k characters from the White House sample; about 400 MB with 16).
BATCH_SIZE = 16


def parse_texts(
    items: Iterable[tuple[str, Context]],
    nlp: Language | None = None,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[Doc, Context]]:
    """Parse ``(text, context)`` pairs with ``nlp.pipe``, yielding ``(doc, context)`` in order."""
    nlp = nlp or load_nlp()
    yield from nlp.pipe(items, as_tuples=True, batch_size=batch_size)
