"""The gold texts read by the article pipeline's language stages, for the evaluations."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..annotate import Annotation


def read_articles(articles: Iterable[tuple[str, str | None]]) -> Iterator[Annotation]:
    """Each (text, date) read as an article dated ``date`` (None: undated), parsed in batches."""
    from ..annotate import Annotator
    from ..language import parse_texts

    annotator = Annotator.for_files()
    for doc, date in parse_texts(iter(articles), annotator.nlp):
        yield annotator.read(doc, date)
