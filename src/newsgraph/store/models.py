"""What the store hands back besides whole records: put outcomes and one-line article summaries."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class StoreOutcome(enum.Enum):
    """What :meth:`ArticleStore.put` did: stored the article, or found its id already there."""

    STORED = "stored"
    PRESENT = "present"


@dataclass(frozen=True)
class ArticleSummary:
    """One article as a listing shows it; ``size`` is ``len(text)`` in characters.

    ``source`` is the input path, followed by ``:line`` when the article came from a line of a
    JSON Lines file.
    """

    id: str
    title: str | None
    site: str | None
    published: str | None
    language: str | None
    size: int
    source: str
