"""Ingest throughput on the shared corpora: articles per second and peak memory.

Usage: .venv/bin/python bench/ingest.py [--shared ../shared]

For each corpus it times, in this one process:
  read    newsgraph.ingest.read_inputs alone (decoding and JSON parsing): the floor;
  extract read + Pipeline(language=False) (cleaning, metadata, language id), no database;
  ingest  extract + storing into a fresh SQLite database, one transaction per article,
and prints articles per second for each with the ratio against ``read``. Peak RSS is the process's
high-water mark after each corpus (it only grows), so a flat figure means memory did not grow
with the corpus. The spaCy stages are left out here (``newsgraph ingest --no-language``): their
speed is measured against raw spaCy by bench/language.py.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from newsgraph.ingest import InputError, read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.store import ArticleStore
from newsgraph.store.load import ingest_items

CORPORA = (
    ("seed article", "data/articles/seed/us-mexico-fentanyl-labs.txt"),
    ("Wikinews 2019", "data/articles/wikinews/wikinews-2019.jsonl"),
    ("White House US-MX", "data/articles/whitehouse/usmx.jsonl.gz"),
    ("White House world", "data/articles/whitehouse/world-sample.jsonl.gz"),
)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(run, path: str) -> tuple[int, float]:
    started = time.perf_counter()
    count = run(path)
    return count, time.perf_counter() - started


def read_only(path: str) -> int:
    return sum(1 for item in read_inputs([path]) if not isinstance(item, InputError))


def extract_only(path: str) -> int:
    results = Pipeline(language=False).run(read_inputs([path]))
    return sum(1 for result in results if not isinstance(result, InputError))


def ingest_into_fresh_db(path: str) -> int:
    with tempfile.TemporaryDirectory() as folder, ArticleStore(Path(folder) / "bench.db") as store:
        summary = ingest_items(
            store, read_inputs([path]), Pipeline(language=False), on_error=lambda error: None
        )
        return summary.stored + summary.present


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--markdown", action="store_true", help="Print the table as Markdown.")
    args = parser.parse_args()

    extract_only(str(args.shared / CORPORA[0][1]))  # load the libraries before any timing
    table = Table(
        title="ingest throughput (articles per second)",
        box=box.MARKDOWN if args.markdown else box.HEAVY_HEAD,
    )
    for column in (
        "corpus",
        "articles",
        "read/s",
        "extract/s",
        "ingest/s",
        "ingest speed vs read",
        "ms/article",
        "peak RSS MB",
    ):
        table.add_column(column, justify="left" if column == "corpus" else "right")
    totals = [0, 0.0]
    for name, relative in CORPORA:
        path = str(args.shared / relative)
        count, read_seconds = timed(read_only, path)
        _, extract_seconds = timed(extract_only, path)
        stored, ingest_seconds = timed(ingest_into_fresh_db, path)
        totals[0] += stored
        totals[1] += ingest_seconds
        table.add_row(
            name,
            str(count),
            f"{count / read_seconds:,.0f}",
            f"{count / extract_seconds:,.1f}",
            f"{stored / ingest_seconds:,.1f}",
            f"{read_seconds / ingest_seconds:.3f}x",
            f"{1000 * ingest_seconds / max(stored, 1):.1f}",
            f"{peak_rss_mb():.0f}",
        )
    table.add_row("all", str(totals[0]), "", "", f"{totals[0] / totals[1]:,.1f}", "", "", "")
    Console(width=160).print(table)


if __name__ == "__main__":
    main()
