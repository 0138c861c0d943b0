"""``export``: the store's records in formats other tools read."""

from __future__ import annotations

from pathlib import Path

import click

from .group import main
from .options import db_option
from .output import open_store, store_errors_reported


@main.command()
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "parquet"]),
    required=True,
    help="jsonl: the records, one per line; parquet: one file per record part.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="The JSON Lines file, or the folder for the Parquet files.",
)
@db_option
def export(output_format: str, out: Path, db_path: str) -> None:
    """Export the store's articles as JSON Lines or Parquet (pip install -e '.[export]')."""
    from ..store.export import export_jsonl, export_parquet

    if output_format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as error:
            raise click.ClickException(
                "Parquet export needs pyarrow: pip install 'newsgraph[export]'"
            ) from error
    with open_store(db_path, readonly=True) as store, store_errors_reported():
        if output_format == "jsonl":
            written = [store.query(export_jsonl, out)]
        else:
            written = store.query(export_parquet, out)
    for exported in written:
        click.echo(f"{exported.path}: {exported.rows} rows", err=True)
