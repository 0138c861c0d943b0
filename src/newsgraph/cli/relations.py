"""Relations between actors over time: ``timeline``."""

from __future__ import annotations

import click

from .group import main
from .options import db_option, format_option
from .output import print_rows, run_query, stdout


@main.command()
@click.argument("first")
@click.argument("second")
@click.option("--by", type=click.Choice(["month", "week"]), default="month", show_default=True)
@db_option
@format_option
def timeline(first: str, second: str, by: str, db_path: str, output_format: str) -> None:
    """Events between two actors (country code, code with sector, or name) by period, both
    directions, with the sum of their PLOVER scores as a cooperation-conflict index."""
    from ..store.relations import sparkline
    from ..store.relations import timeline as find_timeline

    rows = run_query(db_path, find_timeline, first, second, by)
    print_rows(rows, output_format, f"{first} and {second} by {by}")
    if output_format == "table" and rows:
        stdout.print(
            f"index {sparkline([row.score for row in rows])} "
            f"({rows[0].period} to {rows[-1].period}; low {min(row.score for row in rows)}, "
            f"high {max(row.score for row in rows)})",
            markup=False,
        )
