"""``eval``: newsgraph's stages scored against the shared gold sets."""

from __future__ import annotations

import os
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from .group import main
from .options import DEFAULT_SHARED
from .output import progress_bar, stdout

DEFAULT_WCXB = os.path.join(DEFAULT_SHARED, "data/html/wcxb-dev")


@main.group(name="eval")
def evaluate() -> None:
    """Score newsgraph's stages against the shared gold sets."""


@evaluate.command(name="clean")
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=DEFAULT_WCXB,
    show_default=True,
    help="The WCXB folder with ground-truth.jsonl and html/.",
)
@click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Score only the first N pages."
)
def eval_clean(root: Path, limit: int | None) -> None:
    """Word F1 of the scraped-text cleaner on flattened WCXB pages, and its metadata accuracy."""
    from ..eval.clean import evaluate_wcxb

    if not (root / "ground-truth.jsonl").is_file():
        raise click.UsageError(f"{root}: no ground-truth.jsonl here; pass --root")
    with progress_bar() as progress:
        task = progress.add_task("scoring pages", total=limit)
        evaluation = evaluate_wcxb(root, limit, on_page=lambda: progress.advance(task))
    table = Table(title=f"text cleaning on {evaluation.methods[0].pages} flattened WCXB pages")
    for column in (
        "method",
        "precision",
        "recall",
        "F1",
        "snippets kept",
        "chrome left out",
        "ms/page",
    ):
        table.add_column(column, justify="left" if column == "method" else "right", no_wrap=True)
    for method in evaluation.methods:
        table.add_row(
            method.name,
            f"{method.precision:.3f}",
            f"{method.recall:.3f}",
            f"{method.f1:.3f}",
            f"{method.snippets_kept:.3f}",
            f"{method.chrome_left_out:.3f}",
            f"{method.seconds * 1000:.1f}",
        )
    wide = Console(highlight=False, width=max(stdout.width, 120))
    wide.print(table)
    metadata = Table(title="metadata read from the flattened text")
    for column in ("field", "accuracy", "pages with gold"):
        metadata.add_column(column)
    for score in evaluation.metadata:
        metadata.add_row(score.field, f"{score.accuracy:.3f}", str(score.with_gold))
    wide.print(metadata)


def gold_option(relative_path: str, help_text: str):
    """``--gold``: a gold file, by default the one at ``relative_path`` in the shared folder."""
    return click.option(
        "--gold",
        type=click.Path(dir_okay=False, path_type=Path),
        default=os.path.join(DEFAULT_SHARED, relative_path),
        show_default=True,
        help=help_text,
    )


limit_option = click.option(
    "--limit", type=click.IntRange(min=1), default=None, help="Only the first N."
)


def require_gold(gold: Path) -> None:
    if not gold.is_file():
        raise click.UsageError(f"{gold}: no such file; pass --gold")


def _score_table(title: str, header: tuple[str, ...], rows) -> Table:
    table = Table(title=title)
    for index, column in enumerate(header):
        table.add_column(column, justify="left" if index == 0 else "right")
    for row in rows:
        table.add_row(*row)
    return table


@evaluate.command(name="actors")
@gold_option("data/events/plover-gsr-dev.jsonl", "PLOVER gold sentences (JSON Lines).")
@limit_option
@click.option("--misses", is_flag=True, help="List the gold actors we got wrong.")
def eval_actors(gold: Path, limit: int | None, misses: bool) -> None:
    """Actor coverage, country and sector accuracy on the PLOVER gold sentences."""
    from ..eval.actors import evaluate_actors

    require_gold(gold)
    score = evaluate_actors(gold, limit)
    stdout.print(
        _score_table(
            f"actors on {score.sentences} PLOVER sentences "
            f"({score.unfindable} gold strings not verbatim in their text, left out)",
            ("measure", "newsgraph", "spaCy entity lookup"),
            score.rows(),
        )
    )
    if misses:
        for miss in score.misses:
            stdout.print(miss, markup=False)


@evaluate.command(name="places")
@gold_option("data/geo/GeoVirus.xml", "GeoVirus XML.")
@limit_option
def eval_places(gold: Path, limit: int | None) -> None:
    """Place recognition F1, country accuracy and accuracy within 161 km on GeoVirus."""
    from ..eval.places import evaluate_places

    require_gold(gold)
    score = evaluate_places(gold, limit)
    stdout.print(_score_table("places on GeoVirus", score.HEADER, score.rows()))


@evaluate.command(name="dates")
@gold_option("data/articles/wikinews/wikinews-2019.jsonl", "Wikinews JSON Lines (id, date, text).")
@click.option(
    "--also",
    "other_corpora",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="More JSON Lines corpora with a date field, for reference dates only; repeatable.",
)
def eval_dates(gold: Path, other_corpora: tuple[Path, ...]) -> None:
    """Reference dates against the records' own dates, and the relative-date resolver."""
    from ..eval.dates import evaluate_dates

    require_gold(gold)
    score = evaluate_dates(gold, other_corpora=other_corpora)
    stdout.print(_score_table("dates", ("measure", "value"), score.rows()))


@evaluate.command(name="events")
@gold_option("data/events/plover-gsr-dev.jsonl", "PLOVER gold sentences (JSON Lines).")
@limit_option
@click.option(
    "--event-free",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Also count events invented on these sentences that hold none (one per line, # notes).",
)
def eval_events(gold: Path, limit: int | None, event_free: Path | None) -> None:
    """Event type and dyad F1 on the PLOVER gold sentences."""
    from ..eval.events import count_invented_events, evaluate_events

    require_gold(gold)
    rows = evaluate_events(gold, limit).rows()
    if event_free is not None:
        invented = count_invented_events(event_free)
        rows.append(
            (
                "event-free sentences given an event",
                f"{invented.with_events} / {invented.sentences} ({invented.rate:.3f})",
            )
        )
    stdout.print(_score_table("events on PLOVER gold sentences", ("measure", "value"), rows))


ATTRIBUTION_GOLD = Path(__file__).resolve().parents[3] / "tests" / "data" / "attribution"
attribution_gold_option = click.option(
    "--gold",
    "gold_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Gold JSON Lines files (repeatable); default: the team's Wikinews dev set.",
)
misses_option = click.option("--misses", is_flag=True, help="List what was missed or wrong.")


def _attribution_score(gold_files: tuple[Path, ...], limit: int | None):
    from ..eval.attribution import evaluate_attribution

    paths = gold_files or (ATTRIBUTION_GOLD / "dev.jsonl",)
    for path in paths:
        require_gold(path)
    return evaluate_attribution(paths, limit)


def _print_misses(misses: list[str], kinds: tuple[str, ...]) -> None:
    for miss in misses:
        if any(f" {kind}" in miss for kind in kinds):
            stdout.print(miss, markup=False)


@evaluate.command(name="quotes")
@attribution_gold_option
@limit_option
@misses_option
def eval_quotes(gold_files: tuple[Path, ...], limit: int | None, misses: bool) -> None:
    """Direct and indirect quote F1 and speaker accuracy on the attribution gold set."""
    score = _attribution_score(gold_files, limit)
    stdout.print(_score_table("quotes", ("measure", "value"), score.quote_rows()))
    if misses:
        _print_misses(score.misses, ("speaker:", "missed direct", "extra direct"))


@evaluate.command(name="sources")
@attribution_gold_option
@limit_option
@misses_option
def eval_sources(gold_files: tuple[Path, ...], limit: int | None, misses: bool) -> None:
    """Source F1 and source type accuracy on the attribution gold set."""
    score = _attribution_score(gold_files, limit)
    stdout.print(_score_table("sources", ("measure", "value"), score.source_rows()))
    if misses:
        _print_misses(score.misses, ("source",))


@evaluate.command(name="counts")
@attribution_gold_option
@limit_option
@misses_option
@click.option(
    "--values",
    "values_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=os.path.join(DEFAULT_SHARED, "data/counts/quantulum3-quantities.json"),
    show_default=True,
    help="quantulum3's test sentences, for count values alone (skipped when missing).",
)
def eval_counts(
    gold_files: tuple[Path, ...], limit: int | None, misses: bool, values_file: Path
) -> None:
    """Count detection, value-and-qualifier F1 and type accuracy on the attribution gold set,
    and count values on quantulum3's sentences."""
    from ..eval.attribution import evaluate_count_values

    score = _attribution_score(gold_files, limit)
    rows = score.count_rows()
    if values_file.is_file():
        values = evaluate_count_values(values_file)
        rows += [(f"quantulum3 sentences: {name}", value) for name, value in values.rows()]
    stdout.print(_score_table("counts", ("measure", "value"), rows))
    if misses:
        _print_misses(score.misses, ("count",))
