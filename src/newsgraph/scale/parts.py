"""The part files of a run: one Parquet file of result rows per whole input batch.

A part is written under a temporary name and renamed into place, so a part file either holds
its whole batch or does not exist; the input ids in the part files are what a rerun skips, and
a killed run loses at most the batches it had in flight. Engines may hand back a batch's rows
in pieces (Ray Data cuts and joins blocks as it likes): :class:`BatchAssembler` gathers them
into whole batches first, so both engines write the same part files.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .rows import RESULT_SCHEMA, ResultRow, result_rows

_PREFIX = "part-"
_TEMPORARY = ".tmp"


class BatchAssembler:
    """Result rows in, whole batches out: each batch once all its rows have come."""

    def __init__(self) -> None:
        self._pieces: dict[str, list[pa.Table]] = defaultdict(list)
        self._counts: dict[str, int] = defaultdict(int)

    def add(self, rows: pa.Table) -> list[pa.Table]:
        """The batches ``rows`` completes, each sorted by position."""
        complete = []
        rows = rows.cast(RESULT_SCHEMA)
        for batch in pc.unique(rows.column("batch")).to_pylist():
            piece = rows.filter(pc.equal(rows.column("batch"), batch))
            self._pieces[batch].append(piece)
            self._counts[batch] += piece.num_rows
            if self._counts[batch] == piece.column("batch_rows")[0].as_py():
                whole = pa.concat_tables(self._pieces.pop(batch)).sort_by("position")
                del self._counts[batch]
                complete.append(whole)
        return complete

    @property
    def incomplete(self) -> list[str]:
        """The batches some of whose rows have not come."""
        return sorted(self._pieces)


@dataclass(frozen=True)
class PartFiles:
    """The part files in ``directory``, in batch order."""

    directory: Path

    @classmethod
    def open(cls, directory: Path) -> PartFiles:
        """The part files of ``directory``, created if missing, for a run to add to: the
        temporary files of a run that was killed while writing are removed."""
        directory.mkdir(parents=True, exist_ok=True)
        for stale in directory.glob(f".{_PREFIX}*{_TEMPORARY}"):
            stale.unlink()
        return cls(directory)

    def paths(self) -> list[Path]:
        """Every committed part file, sorted by batch (input order)."""
        return sorted(self.directory.glob(f"{_PREFIX}*.parquet"))

    def done_inputs(self) -> dict[str, frozenset[str]]:
        """The input ids the parts hold, by the input path (source) they were read from."""
        done: dict[str, set[str]] = defaultdict(set)
        for path in self.paths():
            table = pq.read_table(path, columns=["source", "input_id"])
            for source, input_id in zip(
                table.column("source").to_pylist(),
                table.column("input_id").to_pylist(),
                strict=True,
            ):
                done[source].add(input_id)
        return {source: frozenset(ids) for source, ids in done.items()}

    def write(self, batch: pa.Table) -> Path:
        """Commit one whole batch of result rows as a part file.

        The name is the batch key and a digest of its input ids: the same batch of a rerun gets
        the same name, and a different batch never overwrites a part.
        """
        ids = "\n".join(batch.column("input_id").to_pylist())
        digest = hashlib.sha256(ids.encode("utf-8", "surrogatepass")).hexdigest()[:8]
        key = batch.column("batch")[0].as_py()
        path = self.directory / f"{_PREFIX}{key}-{digest}.parquet"
        temporary = path.with_name(f".{path.name}{_TEMPORARY}")
        pq.write_table(batch, temporary)
        os.replace(temporary, path)
        return path

    def rows(self) -> Iterator[ResultRow]:
        """Every result row of every part, in batch order, one part in memory at a time."""
        for path in self.paths():
            yield from result_rows(pq.read_table(path))
