"""The pipeline on a pool of worker processes on one machine.

Each worker builds its :class:`~newsgraph.pipeline.Pipeline` once (spaCy and the knowledge
tables load once per process) and processes whole batches; the parent keeps only a few batches
in flight, so memory does not grow with the corpus, and yields results in input order, so a
single writer can store them as :meth:`Pipeline.run`'s results are stored.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice

from ..ingest import Document, InputError
from ..pipeline import Pipeline
from ..records import ArticleRecord

Result = ArticleRecord | InputError

_worker_pipeline: Pipeline | None = None


def _start_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline


def _process_batch(batch: list[Document | InputError]) -> list[Result]:
    assert _worker_pipeline is not None, "worker started without its pipeline"
    # An exception object may not survive pickling back to the parent; its message is kept.
    return [
        dataclasses.replace(result, cause=None) if isinstance(result, InputError) else result
        for result in _worker_pipeline.run(batch)
    ]


@dataclass(frozen=True)
class ProcessPoolPipeline:
    """:class:`Pipeline` with the same ``run`` contract, spread over ``workers`` processes.

    ``in_flight`` batches per worker are submitted ahead of the one being collected; processes
    are started with ``spawn`` so a worker never inherits the parent's threads or open database.
    """

    pipeline: Pipeline
    workers: int = 2
    in_flight: int = 2

    def run(self, items: Iterable[Document | InputError]) -> Iterator[Result]:
        """Process ``items`` in order, a batch per task; errors pass through."""
        stream = iter(items)
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(self.pipeline,)
        ) as pool:
            pending: deque[Future[list[Result]]] = deque()
            while True:
                while len(pending) < self.workers * self.in_flight:
                    batch = list(islice(stream, self.pipeline.batch_size))
                    if not batch:
                        break
                    pending.append(pool.submit(_process_batch, batch))
                if not pending:
                    return
                yield from pending.popleft().result()
