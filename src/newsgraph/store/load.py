"""Loading ingested documents into the store: the library behind ``newsgraph ingest``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

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


def ingest_items(
    store: ArticleStore,
    items: Iterable[Document | InputError],
    pipeline: Pipeline,
    on_error: Callable[[InputError], None],
    on_item: Callable[[IngestSummary], None] | None = None,
) -> IngestSummary:
    """Process ``items`` and store each article in its own transaction; errors go to ``on_error``.

    An article already in the store (same id) is skipped before any processing, so a rerun after
    an interruption only does the work that is left; the input is still recorded as one more
    source of that article. The pipeline works a batch at a time, so a kill loses at most the
    batch in hand, and the rerun redoes it.
    """
    summary = IngestSummary()

    def fresh_items() -> Iterator[Document | InputError]:
        for item in items:
            summary.read += 1
            if isinstance(item, Document):
                known_id = article_id(item.raw)
                if store.has(known_id):
                    store.add_input(known_id, input_info(item))
                    summary.present += 1
                    if on_item:
                        on_item(summary)
                    continue
            yield item

    for result in pipeline.run(fresh_items()):
        if isinstance(result, InputError):
            summary.failed += 1
            on_error(result)
        else:
            if result.meta.language not in PROCESSED_LANGUAGES:
                summary.not_english += 1
            outcome = store.put(result)
            summary.stored += outcome is StoreOutcome.STORED
            summary.present += outcome is StoreOutcome.PRESENT
        if on_item:
            on_item(summary)
    return summary
