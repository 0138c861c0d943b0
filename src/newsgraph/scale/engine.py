"""What a batch engine is, and the local one: the batch function on a process pool.

An engine takes the run's sources and gives back result rows as Arrow tables, in any order and
cut in any way (:class:`newsgraph.scale.parts.BatchAssembler` puts batches back together);
each input row must come back exactly once. The Ray engine is in :mod:`.raydata`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar, Protocol

import pyarrow as pa

from ..ingest import DEFAULT_MAX_BYTES
from ..pipeline import Pipeline
from .batch import process_batch
from .local import pool_map, worker_pipeline
from .sources import Source


class Engine(Protocol):
    """Runs the batch function over the batches of a run's sources."""

    name: ClassVar[str]
    pipeline: Pipeline
    workers: int

    def results(self, sources: list[Source]) -> Iterator[pa.Table]:
        """The result rows of every input row of ``sources``."""
        ...


def _process_table(batch: pa.Table) -> pa.Table:
    return process_batch(batch, worker_pipeline())


@dataclass(frozen=True)
class LocalEngine:
    """The batch function on ``workers`` processes of this machine; the parent reads the inputs
    and keeps two batches per worker in flight."""

    name: ClassVar[str] = "local"
    pipeline: Pipeline
    workers: int
    max_bytes: int = DEFAULT_MAX_BYTES

    def results(self, sources: list[Source]) -> Iterator[pa.Table]:
        batches = (
            batch
            for source in sources
            for batch in source.batches(self.pipeline.batch_size, self.max_bytes)
        )
        return pool_map(_process_table, batches, self.pipeline, self.workers)
