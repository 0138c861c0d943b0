"""Reading inputs: ``extract`` (records to stdout) and ``ingest`` (records into the store)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..ingest import InputError, read_inputs
from ..pipeline import Pipeline
from .group import main
from .options import actors_option, clean_option, db_option, language_option, max_bytes_option
from .output import open_store, progress_bar, report, stderr, store_errors_reported


def build_pipeline(clean: str, actor_files: tuple[Path, ...], language: bool) -> Pipeline:
    """The pipeline the options ask for; a broken actor file is a usage error, said up front."""
    from ..actors import KnowledgeError, load_knowledge

    if language and actor_files:
        try:
            load_knowledge(tuple(actor_files))
        except KnowledgeError as error:
            raise click.BadParameter(str(error), param_hint="--actors") from error
    return Pipeline(clean=clean, language=language, actor_files=tuple(actor_files))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@clean_option
@actors_option
@language_option
@max_bytes_option
def extract(
    paths: tuple[str, ...],
    clean: str,
    actor_files: tuple[Path, ...],
    language: bool,
    max_bytes: int,
) -> None:
    """Print one article record per article in PATHS as JSON Lines (no database).

    PATHS are .txt, .html, .jsonl(.gz), .parquet or .warc(.gz) files, directories, or - for
    standard input.
    """
    failed = False
    pipeline = build_pipeline(clean, actor_files, language)
    for result in pipeline.run(read_inputs(paths, max_bytes=max_bytes)):
        if isinstance(result, InputError):
            failed = True
            report(result)
        else:
            sys.stdout.write(result.to_json() + "\n")
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option
@clean_option
@actors_option
@language_option
@max_bytes_option
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Worker processes for the pipeline (each loads its own spaCy); one process writes.",
)
def ingest(
    paths: tuple[str, ...],
    db_path: str,
    clean: str,
    actor_files: tuple[Path, ...],
    language: bool,
    max_bytes: int,
    workers: int,
) -> None:
    """Read PATHS and store their articles in the database; already stored articles are skipped."""
    from ..ingest.estimate import estimate_items
    from ..scale import ProcessPoolPipeline
    from ..store.load import ingest_items

    pipeline = build_pipeline(clean, actor_files, language)
    if workers > 1:
        pipeline = ProcessPoolPipeline(pipeline, workers=workers)
    total = estimate_items(paths) if stderr.is_terminal else None
    with open_store(db_path) as store, progress_bar() as progress, store_errors_reported():
        task = progress.add_task("ingesting", total=total)
        summary = ingest_items(
            store,
            read_inputs(paths, max_bytes=max_bytes),
            pipeline,
            on_error=lambda error: progress.console.print(str(error), markup=False, soft_wrap=True),
            on_item=lambda _: progress.advance(task),
        )
    stderr.print(
        f"read {summary.read}, stored {summary.stored}, already present {summary.present}, "
        f"failed {summary.failed}"
        + (
            f" ({summary.not_english} not in English: stored, language stages skipped)"
            if summary.not_english
            else ""
        )
        + f" -> {db_path}"
    )
    sys.exit(1 if summary.failed else 0)
