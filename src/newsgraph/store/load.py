"""Loading ingested documents into the store: the library behind ``newsgraph ingest``."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from ..ingest import Document, InputError
from ..pipeline import PROCESSED_LANGUAGES, Pipeline, article_id, input_info
from .models import StoreOutcome
from .sqlite import ArticleStore


@dataclass
class IngestSummary:
    """What one ingest run did: every input item counts as exactly one of stored, present, failed."""

    read: int = 0
    stored: int = 0
    present: int = 0
    failed: int = 0
    not_english: int = 0


@dataclass(frozen=True)
class ItemOutcome:
    """What became of the input item at ``position`` (0-based, in the order read): its article
    ``stored``, already ``present`` in the store, or ``failed`` with ``error``; ``article_id``
    is None when nothing could be read."""

    position: int
    line: int | None
    article_id: str | None
    outcome: Literal["stored", "present", "failed"]
    error: InputError | None = None


def ingest_items(
    store: ArticleStore,
    items: Iterable[Document | InputError],
    pipeline: Pipeline,
    on_error: Callable[[InputError], None],
    on_item: Callable[[IngestSummary], None] | None = None,
    on_outcome: Callable[[ItemOutcome], None] | None = None,
) -> IngestSummary:
    """Process ``items`` and store each article in its own transaction; errors go to ``on_error``,
    and what became of each item to ``on_outcome``.

    An article already in the store (same id) is skipped before any processing, so a rerun after
    an interruption only does the work that is left; the input is still recorded as one more
    source of that article. The pipeline works a batch at a time, so a kill loses at most the
    batch in hand, and the rerun redoes it.
    """
    summary = IngestSummary()
    in_pipeline: deque[tuple[int, Document | InputError]] = deque()

    def report(outcome: ItemOutcome) -> None:
        if on_outcome:
            on_outcome(outcome)
        if on_item:
            on_item(summary)

    def fresh_items() -> Iterator[Document | InputError]:
        for position, item in enumerate(items):
            summary.read += 1
            if isinstance(item, Document):
                known_id = article_id(item.raw)
                if store.has(known_id):
                    store.add_input(known_id, input_info(item))
                    summary.present += 1
                    report(ItemOutcome(position, item.line, known_id, "present"))
                    continue
            in_pipeline.append((position, item))
            yield item

    # The pipeline gives one result per item, in order.
    for result in pipeline.run(fresh_items()):
        position, item = in_pipeline.popleft()
        if isinstance(result, InputError):
            summary.failed += 1
            on_error(result)
            read_id = article_id(item.raw) if isinstance(item, Document) else None
            report(ItemOutcome(position, result.line, read_id, "failed", result))
            continue
        if result.meta.language not in PROCESSED_LANGUAGES:
            summary.not_english += 1
        stored = store.put(result) is StoreOutcome.STORED
        summary.stored += stored
        summary.present += not stored
        report(ItemOutcome(position, item.line, result.id, "stored" if stored else "present"))
    return summary
