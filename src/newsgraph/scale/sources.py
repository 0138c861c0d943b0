"""The inputs of a batch run, read into batches of input rows as a stream.

Each path given to a run is a :class:`Source`; its items (``read_inputs`` of that path) are cut
into batches in order, leaving out the input ids an earlier run already finished. Both engines
read through :meth:`Source.batches`, the local one in the parent process and Ray in its read
tasks, so a batch has the same rows and the same key whichever engine runs it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pyarrow as pa

from ..ingest import Document, InputError, read_inputs
from .rows import batch_key, input_table


@dataclass(frozen=True)
class Source:
    """One input path of a run (a file or a directory) and its input ids already done."""

    index: int
    path: str
    done: frozenset[str] = field(default=frozenset(), repr=False)

    def batches(self, batch_size: int, max_bytes: int) -> Iterator[pa.Table]:
        """The input rows of this path's items not done yet, ``batch_size`` at a time."""
        items: list[Document | InputError] = []
        positions: list[int] = []
        for position, item in enumerate(read_inputs([self.path], max_bytes=max_bytes)):
            if item.where in self.done:
                continue
            items.append(item)
            positions.append(position)
            if len(items) == batch_size:
                yield self._table(positions, items)
                items, positions = [], []
        if items:
            yield self._table(positions, items)

    def _table(self, positions: list[int], items: list[Document | InputError]) -> pa.Table:
        return input_table(self.path, batch_key(self.index, positions[0]), positions, items)
