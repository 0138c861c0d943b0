"""The pipeline as one engine-agnostic batch function: input rows in, result rows out.

:func:`process_batch` is what every engine runs on its workers, a process pool on one machine
or a Ray actor on a cluster. The models it needs are loaded once per worker process
(:func:`newsgraph.scale.worker.warm_up`), never per batch.
"""

from __future__ import annotations

import pyarrow as pa

from ..pipeline import Pipeline
from .rows import result_table, table_items
from .worker import this_worker


def process_batch(batch: pa.Table, pipeline: Pipeline) -> pa.Table:
    """The result rows of a batch of input rows (:data:`newsgraph.scale.rows.INPUT_SCHEMA`):
    one per row, in order, an article record or the reason the input failed."""
    results = list(pipeline.run(table_items(batch)))
    return result_table(batch, results, this_worker())
