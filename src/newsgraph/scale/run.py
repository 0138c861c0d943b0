"""A batch run: inputs through an engine into an output directory, resumable.

The output directory holds ``records/part-*.parquet`` (the result rows, one file per input
batch), ``tables/<table>.parquet`` (the layout of ``newsgraph export --format parquet``, one
row per distinct article), ``failed.jsonl`` (every failed input: its ``input_id`` and the
``reason``) and ``summary.json``. A rerun with the same directory skips the inputs its part
files hold and rewrites the tables and the summary from all of them.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..pipeline import PROCESSED_LANGUAGES
from ..records import ArticleRecord
from ..store.export import write_record_tables
from ..store.models import StoreOutcome
from ..store.sqlite import ArticleStore
from .engine import Engine
from .parts import BatchAssembler, PartFiles
from .rows import ResultRow, result_rows
from .sources import Source
from .summary import Failure, RunInfo, RunSummary, Totals, WorkerTally


@dataclass(frozen=True)
class RunDirectory:
    """The files of a run's output directory."""

    path: Path

    @property
    def records(self) -> Path:
        return self.path / "records"

    @property
    def parts(self) -> PartFiles:
        return PartFiles(self.records)

    @property
    def tables(self) -> Path:
        return self.path / "tables"

    @property
    def summary(self) -> Path:
        return self.path / "summary.json"

    @property
    def failed(self) -> Path:
        return self.path / "failed.jsonl"


def _articles(rows: Iterable[ResultRow], totals: Totals) -> Iterator[ArticleRecord]:
    """The record of each distinct article in ``rows``, its first input's; every row counted
    into ``totals`` on the way."""
    seen: set[str] = set()
    for row in rows:
        totals.read += 1
        if row.record is None:
            totals.failures.append(Failure(row.input_id, row.error or ""))
            continue
        totals.extracted += 1
        if row.article_id in seen:
            totals.duplicates += 1
            continue
        seen.add(row.article_id)
        record = ArticleRecord.model_validate_json(row.record)
        totals.not_english += record.meta.language not in PROCESSED_LANGUAGES
        yield record


def _write_outputs(directory: RunDirectory) -> Totals:
    """Rewrite the tables and ``failed.jsonl`` from every part; the totals they hold."""
    totals = Totals()
    building = directory.path / ".tables.tmp"
    shutil.rmtree(building, ignore_errors=True)
    write_record_tables(_articles(directory.parts.rows(), totals), building)
    shutil.rmtree(directory.tables, ignore_errors=True)
    os.replace(building, directory.tables)
    failed = directory.failed.with_name(".failed.jsonl.tmp")
    with failed.open("w", encoding="utf-8", newline="\n") as out:
        for failure in totals.failures:
            out.write(json.dumps(dataclasses.asdict(failure), ensure_ascii=False) + "\n")
    os.replace(failed, directory.failed)
    return totals


def run_batch(
    paths: Sequence[str],
    out: Path,
    engine: Engine,
    on_batch: Callable[[list[ResultRow]], None] = lambda rows: None,
) -> RunSummary:
    """Run ``engine`` over the inputs ``paths`` not done yet in ``out``, write the outputs.

    Paths are made absolute: input ids do not depend on the directory a run starts from (a rerun
    from elsewhere still resumes), and the workers of a cluster, which do not share the driver's
    working directory, find them. ``on_batch`` sees the result rows of each batch as its part
    file is committed.
    """
    directory = RunDirectory(out)
    parts = PartFiles.open(directory.records)
    done = parts.done_inputs()
    absolute = [os.path.abspath(path) for path in paths]
    sources = [
        Source(index, path, done.get(path, frozenset())) for index, path in enumerate(absolute)
    ]
    started = time.monotonic()
    assembler = BatchAssembler()
    workers = WorkerTally()
    for table in engine.results(sources):
        for batch in assembler.add(table):
            parts.write(batch)
            rows = result_rows(batch)
            workers.add(rows)
            on_batch(rows)
    if assembler.incomplete:
        raise RuntimeError(f"the {engine.name} engine lost rows of batches {assembler.incomplete}")
    run = RunInfo(
        engine=engine.name,
        workers=engine.workers,
        batch_size=engine.pipeline.batch_size,
        processed=workers.inputs,
        skipped=sum(len(source.done) for source in sources),
        seconds=round(time.monotonic() - started, 3),
        workers_used=workers.usage(),
    )
    summary = RunSummary(_write_outputs(directory), run)
    summary.write(directory.summary)
    return summary


@dataclass(frozen=True)
class Loaded:
    """What loading a run's records into a store did."""

    stored: int
    present: int


def load_into_store(out: Path, store: ArticleStore) -> Loaded:
    """Put every extracted record of the run in ``out`` into ``store``, in input order; an
    article already stored is recorded as read from one more input."""
    outcomes = [
        store.put(ArticleRecord.model_validate_json(row.record))
        for row in RunDirectory(out).parts.rows()
        if row.record is not None
    ]
    stored = sum(outcome is StoreOutcome.STORED for outcome in outcomes)
    return Loaded(stored, len(outcomes) - stored)
