"""Options several commands share."""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..ingest import DEFAULT_MAX_BYTES
from ..pipeline import CLEAN_MODES

DEFAULT_DB = "newsgraph.db"
DEFAULT_SHARED = os.environ.get("NEWSGRAPH_SHARED", "../shared")

clean_option = click.option(
    "--clean",
    type=click.Choice(CLEAN_MODES),
    default="auto",
    show_default=True,
    help="How to clean: detect per input, force the scraped-text filter, force HTML extraction, or none.",
)
max_bytes_option = click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Inputs or records larger than this many bytes are reported and skipped.",
)
db_option = click.option(
    "--db",
    "db_path",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database file, or a PostgreSQL URL (postgresql://user@host/db).",
)


actors_option = click.option(
    "--actors",
    "actor_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Your own actor knowledge (YAML, see the README); repeatable, read over the packaged files.",
)
language_option = click.option(
    "--language/--no-language",
    default=True,
    show_default=True,
    help="Run the language stages (spaCy: dates, actors, places); --no-language only cleans.",
)

format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="A table, JSON Lines, or CSV with a header.",
)
rows_limit_option = click.option(
    "--limit", type=click.IntRange(min=1), default=100, show_default=True, help="At most N rows."
)
