"""The pipeline on a pool of worker processes on one machine.

Each worker builds its :class:`~newsgraph.pipeline.Pipeline` once (spaCy and the knowledge
tables load once per process, when the worker starts) and processes whole batches; the parent
keeps only a few batches in flight, so memory does not grow with the corpus, and yields results
in input order, so a single writer can store them as :meth:`Pipeline.run`'s results are stored.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import TypeVar

from ..ingest import Document, InputError
from ..pipeline import Pipeline
from ..records import ArticleRecord
from .worker import warm_up

Result = ArticleRecord | InputError
Batch = TypeVar("Batch")
Outcome = TypeVar("Outcome")

_worker_pipeline: Pipeline | None = None


def _start_worker(pipeline: Pipeline) -> None:
    global _worker_pipeline
    _worker_pipeline = pipeline
    warm_up(pipeline)


def worker_pipeline() -> Pipeline:
    """The pipeline of this worker process of :func:`pool_map`."""
    assert _worker_pipeline is not None, "worker started without its pipeline"
    return _worker_pipeline


def pool_map(
    task: Callable[[Batch], Outcome],
    batches: Iterable[Batch],
    pipeline: Pipeline,
    workers: int,
    in_flight: int = 2,
) -> Iterator[Outcome]:
    """``task`` of each batch, run on ``workers`` processes that each hold ``pipeline``, in order.

    ``task`` is a module-level function that reads the pipeline with :func:`worker_pipeline`.
    ``in_flight`` batches per worker are submitted ahead of the one being collected; processes
    are started with ``spawn`` so a worker never inherits the parent's threads or open database.
    """
    stream = iter(batches)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_start_worker, initargs=(pipeline,)
    ) as pool:
        pending: deque[Future[Outcome]] = deque()
        while True:
            for batch in islice(stream, workers * in_flight - len(pending)):
                pending.append(pool.submit(task, batch))
            if not pending:
                return
            yield pending.popleft().result()


def _process_documents(batch: list[Document | InputError]) -> list[Result]:
    # An exception object may not survive pickling back to the parent; its message is kept.
    return [
        dataclasses.replace(result, cause=None) if isinstance(result, InputError) else result
        for result in worker_pipeline().run(batch)
    ]


def _batched(items: Iterable[Document | InputError], size: int) -> Iterator[list]:
    stream = iter(items)
    while batch := list(islice(stream, size)):
        yield batch


@dataclass(frozen=True)
class ProcessPoolPipeline:
    """:class:`Pipeline` with the same ``run`` contract, spread over ``workers`` processes."""

    pipeline: Pipeline
    workers: int = 2
    in_flight: int = 2

    def run(self, items: Iterable[Document | InputError]) -> Iterator[Result]:
        """Process ``items`` in order, a batch per task; errors pass through."""
        batches = _batched(items, self.pipeline.batch_size)
        for results in pool_map(
            _process_documents, batches, self.pipeline, self.workers, self.in_flight
        ):
            yield from results
