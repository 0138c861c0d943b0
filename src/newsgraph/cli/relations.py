"""Relations between actors over time: ``timeline`` and ``dyads``."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from .group import main
from .options import db_option, format_option
from .output import print_rows, run_query, stdout


@main.command()
@click.argument("first")
@click.argument("second")
@click.option("--by", type=click.Choice(["month", "week"]), default="month", show_default=True)
@click.option("--since", help="ISO date (2021, 2021-06, 2021-06-01), included.")
@click.option("--until", help="ISO date, included (2026 keeps all of 2026).")
@click.option(
    "--png",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also draw the timeline into this PNG file (pip install 'newsgraph[charts]').",
)
@db_option
@format_option
def timeline(
    first: str,
    second: str,
    by: str,
    since: str | None,
    until: str | None,
    png: Path | None,
    db_path: str,
    output_format: str,
) -> None:
    """Events between two actors (country code, code with sector, or name) by period, both
    directions, with the sum of their PLOVER scores as a cooperation-conflict index."""
    from ..store.relations import sparkline
    from ..store.relations import timeline as find_timeline

    if png is not None:
        _require_matplotlib()
    rows = run_query(db_path, find_timeline, first, second, by, since, until)
    print_rows(rows, output_format, f"{first} and {second} by {by}")
    if output_format == "table" and rows:
        stdout.print(
            f"index {sparkline([row.score for row in rows])} "
            f"({rows[0].period} to {rows[-1].period}; low {min(row.score for row in rows)}, "
            f"high {max(row.score for row in rows)})",
            markup=False,
        )
    if png is not None:
        from ..analysis.chart import draw_timeline

        if not rows:
            raise click.ClickException(f"no dated events between {first} and {second}: no chart")
        draw_timeline(rows, first, second, png)
        click.echo(f"chart: {png}", err=True)


def _require_matplotlib() -> None:
    try:
        import matplotlib  # noqa: F401
    except ImportError as error:
        raise click.ClickException(
            "--png needs matplotlib: pip install 'newsgraph[charts]'"
        ) from error


@main.command()
@click.option("--since", help="Start of the period (ISO date); default one year before --until.")
@click.option("--until", help="End of the period, included; default the latest article stored.")
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
@db_option
@format_option
def dyads(
    since: str | None, until: str | None, limit: int, db_path: str, output_format: str
) -> None:
    """The country pairs with the most conflict and the most cooperation in a period, with the
    change of their cooperation-conflict index against the period of the same length before."""
    from ..store.relations import dyads as find_dyads

    report = run_query(db_path, find_dyads, since, until, limit)
    if report is None:
        raise click.ClickException(f"no dated events between two countries in {db_path}")
    period = f"{report.start} to {report.end} (before: from {report.previous_start})"
    if output_format != "table":
        print_rows(report.most_conflict, output_format, "most conflict")
        print_rows(report.most_cooperation, output_format, "most cooperation")
        return
    for title, rows in (
        ("most conflict", report.most_conflict),
        ("most cooperation", report.most_cooperation),
    ):
        table = Table(title=f"{title}, {period}")
        for column in ("pair", "events", "cooperation", "conflict", "index", "before", "change"):
            table.add_column(column, justify="left" if column == "pair" else "right")
        for row in rows:
            table.add_row(
                f"{row.first}–{row.second}",
                str(row.events),
                f"{row.cooperation:+.1f}",
                f"{row.conflict:+.1f}",
                f"{row.index:+.1f}",
                f"{row.previous_index:+.1f}",
                f"{row.change:+.1f}",
            )
        stdout.print(table)
