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
    type=click.Choice(["jsonl", "parquet", "gdelt", "plover"]),
    required=True,
    help="jsonl: the records, one per line; parquet: one file per record part; gdelt: the "
    "events as a GDELT 2.0 event table (61 tab-separated columns, no header); plover: the "
    "events as PLOVER JSON records, one per line.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    required=True,
    help="The file to write (jsonl, gdelt, plover), or the folder for the Parquet files.",
)
@click.option(
    "--all-modalities",
    is_flag=True,
    help="gdelt and plover: also export the events an article only imagines, expects or denies "
    "(hypothetical, future, negated); by default only asserted and historical events.",
)
@db_option
def export(output_format: str, out: Path, all_modalities: bool, db_path: str) -> None:
    """Export the store's articles as JSON Lines or Parquet, or their events as GDELT or PLOVER
    (Parquet needs pip install -e '.[export]')."""
    from ..store.export import export_jsonl, export_parquet
    from ..store.gdelt import export_gdelt
    from ..store.plover import export_plover
    from ..store.reports import ALL_MODALITIES, EXPORTED_MODALITIES

    if output_format == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as error:
            raise click.ClickException(
                "Parquet export needs pyarrow: pip install 'newsgraph[export]'"
            ) from error
    modalities = ALL_MODALITIES if all_modalities else EXPORTED_MODALITIES
    with open_store(db_path, readonly=True) as store, store_errors_reported():
        if output_format == "jsonl":
            written = [store.query(export_jsonl, out)]
        elif output_format == "parquet":
            written = store.query(export_parquet, out)
        else:
            exporter = export_gdelt if output_format == "gdelt" else export_plover
            written = [store.query(exporter, out, modalities)]
    for exported in written:
        click.echo(f"{exported.path}: {exported.rows} rows", err=True)
