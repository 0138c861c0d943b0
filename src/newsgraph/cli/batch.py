"""``batch``: the pipeline over a corpus on a local process pool or on Ray Data, resumable."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..ingest.document import STDIN
from ..language.parse import BATCH_SIZE
from ..pipeline import Pipeline
from .group import main
from .options import actors_option, clean_option, language_option, max_bytes_option
from .output import open_store, progress_bar, stderr, store_errors_reported
from .reading import build_pipeline

if TYPE_CHECKING:
    from ..scale.engine import Engine
    from ..scale.rows import ResultRow


def _engine(
    name: str, pipeline: Pipeline, workers: int, address: str | None, out: Path, max_bytes: int
) -> Engine:
    """The engine the options ask for; a missing optional dependency is said up front."""
    try:
        import pyarrow  # noqa: F401
    except ImportError as error:
        raise click.ClickException(
            "newsgraph batch needs pyarrow: pip install 'newsgraph[export]'"
        ) from error
    if name == "local":
        from ..scale.engine import LocalEngine

        return LocalEngine(pipeline, workers, max_bytes)
    try:
        from ..scale.raydata import RayEngine
    except ImportError as error:
        raise click.ClickException(
            "--engine ray needs Ray Data: pip install 'newsgraph[ray]'"
        ) from error
    return RayEngine(pipeline, workers, out, address, max_bytes)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="The run's folder: records/ (one Parquet part per batch), tables/ (the Parquet export "
    "layout), failed.jsonl, summary.json. Rerun with the same folder to resume.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: a pool of worker processes on this machine; ray: Ray Data actors, on a local "
    "Ray instance or the cluster at --address.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="the number of CPUs",
    help="Worker processes (local) or Ray actors, each loading its own pipeline once.",
)
@click.option(
    "--address",
    help="Ray: the address of a running Ray cluster (host:6379); without it a "
    "local Ray instance of --workers CPUs is started for the run.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=BATCH_SIZE,
    show_default=True,
    help="Inputs per batch: what a worker parses together, and what one part file holds.",
)
@click.option(
    "--ingest",
    "ingest_db",
    type=click.Path(dir_okay=False),
    help="Also load the run's records into this database (SQLite file or PostgreSQL URL).",
)
@clean_option
@actors_option
@language_option
@max_bytes_option
def batch(
    paths: tuple[str, ...],
    out: Path,
    engine: str,
    workers: int,
    address: str | None,
    batch_size: int,
    ingest_db: str | None,
    clean: str,
    actor_files: tuple[Path, ...],
    language: bool,
    max_bytes: int,
) -> None:
    """Run the pipeline over PATHS and write Parquet tables and a run summary to --out.

    PATHS are .txt, .html, .jsonl, .jsonl.gz, .parquet, .warc or .warc.gz files, or
    directories. An input that fails is reported with its id and reason and the run goes on;
    the exit status is 1 when any input in the output failed (see failed.jsonl).
    """
    from ..ingest.estimate import estimate_items
    from ..scale.run import load_into_store, run_batch

    if STDIN in paths:
        raise click.BadParameter("a batch reads files, not standard input", param_hint="PATHS")
    if address and engine != "ray":
        raise click.BadParameter("--address is for --engine ray", param_hint="--address")
    pipeline = dataclasses.replace(
        build_pipeline(clean, actor_files, language), batch_size=batch_size
    )
    runner = _engine(engine, pipeline, workers, address, out, max_bytes)
    total = estimate_items(paths) if stderr.is_terminal else None
    with progress_bar() as progress:
        task = progress.add_task(f"batch ({engine})", total=total)

        def show(rows: list[ResultRow]) -> None:
            for row in rows:
                if row.error is not None:
                    progress.console.print(f"{row.input_id}: {row.error}", markup=False)
            progress.advance(task, len(rows))

        summary = run_batch(paths, out, runner, on_batch=show)
    totals, run = summary.totals, summary.run
    stderr.print(
        f"read {totals.read}, extracted {totals.extracted} ({totals.articles} articles, "
        f"{totals.duplicates} duplicates), failed {len(totals.failures)}; this run: "
        f"{run.processed} processed, {run.skipped} already done, {run.seconds:.1f} s "
        f"({run.per_second:.2f}/s) on {run.engine} x{run.workers} -> {out}",
        markup=False,
    )
    if ingest_db:
        with open_store(ingest_db) as store, store_errors_reported():
            loaded = load_into_store(out, store)
        stderr.print(
            f"loaded into {ingest_db}: stored {loaded.stored}, already present {loaded.present}",
            markup=False,
        )
    sys.exit(1 if totals.failures else 0)
