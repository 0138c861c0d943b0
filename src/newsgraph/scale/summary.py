"""What a batch run did: the run summary written to ``summary.json``.

The counts cover the whole output directory (every part file, this run's and earlier ones');
``run`` says what this run did, on which engine, how fast, and how much memory each worker
process reached.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .rows import ResultRow

_MB = 1024 * 1024


@dataclass(frozen=True)
class Failure:
    """An input that gave no article record, and why."""

    input_id: str
    reason: str


@dataclass(frozen=True)
class WorkerUsage:
    """One worker process of a run: the inputs it processed and its peak resident memory."""

    worker: str
    inputs: int
    peak_rss_mb: float


class WorkerTally:
    """The inputs and the peak memory of each worker, counted as result rows come in."""

    def __init__(self) -> None:
        self._inputs: dict[str, int] = defaultdict(int)
        self._peaks: dict[str, int] = defaultdict(int)

    def add(self, rows: Iterable[ResultRow]) -> None:
        for row in rows:
            self._inputs[row.worker] += 1
            self._peaks[row.worker] = max(self._peaks[row.worker], row.worker_peak_rss)

    @property
    def inputs(self) -> int:
        """The inputs counted, all workers together."""
        return sum(self._inputs.values())

    def usage(self) -> list[WorkerUsage]:
        """Each worker's usage, by worker name."""
        return [
            WorkerUsage(worker, self._inputs[worker], round(self._peaks[worker] / _MB, 1))
            for worker in sorted(self._inputs)
        ]


@dataclass(frozen=True)
class RunInfo:
    """This run: its engine, the inputs it processed and skipped (done before), its time."""

    engine: str
    workers: int
    batch_size: int
    processed: int
    skipped: int
    seconds: float
    workers_used: list[WorkerUsage]

    @property
    def per_second(self) -> float:
        """Inputs processed per second of the run, start-up included."""
        return self.processed / self.seconds if self.seconds else 0.0


@dataclass
class Totals:
    """The outcome of every input in the output directory."""

    read: int = 0
    extracted: int = 0
    duplicates: int = 0
    not_english: int = 0
    failures: list[Failure] = field(default_factory=list)

    @property
    def articles(self) -> int:
        """Distinct articles: extracted inputs less those repeating an earlier one's text."""
        return self.extracted - self.duplicates


@dataclass(frozen=True)
class RunSummary:
    """The summary of an output directory after a run."""

    totals: Totals
    run: RunInfo

    def to_json(self) -> str:
        totals = self.totals
        document = {
            "read": totals.read,
            "extracted": totals.extracted,
            "articles": totals.articles,
            "duplicates": totals.duplicates,
            "not_english": totals.not_english,
            "failed": len(totals.failures),
            "failures": [dataclasses.asdict(failure) for failure in totals.failures],
            "run": {
                **dataclasses.asdict(self.run),
                "per_second": round(self.run.per_second, 3),
            },
        }
        return json.dumps(document, indent=2, ensure_ascii=False)

    def write(self, path: Path) -> None:
        path.write_text(self.to_json() + "\n", encoding="utf-8")
