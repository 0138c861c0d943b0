"""The ``newsgraph`` command: a thin layer of Click commands over the library."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from .ingest import DEFAULT_MAX_BYTES, InputError, read_inputs
from .pipeline import CLEAN_MODES, Pipeline
from .records import ArticleRecord, InputInfo, record_json_schema
from .store import ArticleStore, StoreError

DEFAULT_DB = "newsgraph.db"
DEFAULT_SHARED = os.environ.get("NEWSGRAPH_SHARED", "../shared")
DEFAULT_WCXB = os.path.join(DEFAULT_SHARED, "data/html/wcxb-dev")

stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

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
    help="SQLite database file.",
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


def build_pipeline(clean: str, actor_files: tuple[Path, ...], language: bool) -> Pipeline:
    """The pipeline the options ask for; a broken actor file is a usage error, said up front."""
    from .actors import KnowledgeError, load_knowledge

    if language and actor_files:
        try:
            load_knowledge(tuple(actor_files))
        except KnowledgeError as error:
            raise click.BadParameter(str(error), param_hint="--actors") from error
    return Pipeline(clean=clean, language=language, actor_files=tuple(actor_files))


def report(error: InputError) -> None:
    stderr.print(str(error), markup=False, soft_wrap=True)


@click.group()
@click.version_option(package_name="newsgraph")
def main() -> None:
    """newsgraph: news articles in, structured and sourced records out."""


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

    PATHS are .txt, .html, .jsonl or .jsonl.gz files, directories, or - for standard input.
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
def ingest(
    paths: tuple[str, ...],
    db_path: str,
    clean: str,
    actor_files: tuple[Path, ...],
    language: bool,
    max_bytes: int,
) -> None:
    """Read PATHS and store their articles in the database; already stored articles are skipped."""
    from .store.load import ingest_items

    pipeline = build_pipeline(clean, actor_files, language)
    with open_store(db_path) as store, _progress() as progress, store_errors_reported():
        task = progress.add_task("ingesting", total=None)
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


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} items"),
        TimeElapsedColumn(),
        console=stderr,
        transient=True,
        disable=not stderr.is_terminal,
    )


@contextlib.contextmanager
def store_errors_reported() -> Iterator[None]:
    """Turn a database failure (locked, read-only, full disk…) into a one-line CLI error."""
    try:
        yield
    except StoreError as error:
        raise click.ClickException(str(error)) from error


def open_store(db_path: str, readonly: bool = False) -> ArticleStore:
    try:
        return ArticleStore.open_readonly(db_path) if readonly else ArticleStore(db_path)
    except StoreError as error:
        raise click.ClickException(str(error)) from error


@main.command(name="list")
@db_option
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article.")
def list_articles(db_path: str, limit: int, offset: int, as_json: bool) -> None:
    """List stored articles: id, title, site, date and size."""
    with open_store(db_path, readonly=True) as store, store_errors_reported():
        summaries = store.list(limit=limit, offset=offset)
        total = store.count()
    if as_json:
        for summary in summaries:
            sys.stdout.write(json.dumps(dataclasses.asdict(summary), ensure_ascii=False) + "\n")
        return
    table = Table(title=f"{len(summaries)} of {total} articles in {db_path}")
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("title", max_width=60)
    table.add_column("site", max_width=24)
    table.add_column("date", no_wrap=True)
    table.add_column("chars", justify="right", no_wrap=True)
    for summary in summaries:
        table.add_row(
            summary.id,
            summary.title or "",
            summary.site or "",
            summary.published or "",
            str(summary.size),
        )
    stdout.print(table)


@main.command()
@click.argument("article_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the whole record as JSON.")
def show(article_id: str, db_path: str, as_json: bool) -> None:
    """Show one stored article by ID (or a unique prefix of at least 4 characters)."""
    with open_store(db_path, readonly=True) as store, store_errors_reported():
        record = store.get(article_id)
        inputs = store.inputs(record.id) if record else []
    if record is None:
        raise click.ClickException(f"no article {article_id!r} in {db_path}")
    if as_json:
        sys.stdout.write(record.model_dump_json(by_alias=True, indent=2) + "\n")
        return
    print_article(record, inputs)


def print_article(record: ArticleRecord, inputs: list[InputInfo]) -> None:
    """The article as a reader wants it: title, metadata line, where it was read from, notes,
    text, removed chrome."""
    meta = record.meta
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"[bold]{escape(meta.title or '(no title)')}[/bold]")
    out.print(
        f"id {record.id} · {meta.site or 'unknown site'} · {meta.published or 'undated'} · "
        f"{', '.join(meta.authors) or 'no byline'} · language {meta.language or '?'}",
        markup=False,
    )
    for source in inputs:
        where = source.path if source.line is None else f"{source.path}:{source.line}"
        out.print(f"read from {where}" + (f" (id {source.id})" if source.id else ""), markup=False)
    for note in record.notes:
        out.print(f"note: {note}", markup=False)
    out.print()
    out.print(record.text, markup=False)
    if record.actors:
        out.print()
        out.print(f"[bold]actors ({len(record.actors)}):[/bold]")
        for actor in record.actors:
            facts = " ".join(value for value in (actor.country, actor.sector, actor.role) if value)
            out.print(
                f"  {actor.id} {actor.name} [{actor.kind}] {facts or '-'} · "
                f"{len(actor.mentions)} mention{'s' * (len(actor.mentions) != 1)}",
                markup=False,
            )
    if record.places:
        out.print()
        out.print(f"[bold]places ({len(record.places)}):[/bold]")
        for place in record.places:
            where = f"{place.lat:.2f}, {place.lon:.2f}" if place.lat is not None else "no point"
            codes = " ".join(code for code in (place.country, place.iso3166_2) if code)
            out.print(
                f"  {place.id} {place.name} [{place.type}] {codes or '-'} · {where} · "
                f"{len(place.mentions)} mention{'s' * (len(place.mentions) != 1)}",
                markup=False,
            )
    if record.events:
        names = {actor.id: actor.name for actor in record.actors}
        places = {place.id: place.name for place in record.places}
        out.print()
        out.print(f"[bold]events ({len(record.events)}):[/bold]")
        for event in record.events:
            kind = f"{event.type}/{event.mode}" if event.mode else event.type
            sides = " → ".join(
                ", ".join(names.get(actor_id, actor_id) for actor_id in side) or "?"
                for side in (event.actor, event.recipient)
            )
            where = f" · {places.get(event.place, event.place)}" if event.place else ""
            source = f" · per {event.source}" if event.source else ""
            out.print(
                f"  {event.id} {kind} [{event.modality}] {sides} · {event.date or 'undated'}"
                f"{where}{source}",
                markup=False,
            )
    _print_attribution(out, record)
    if record.removed:
        out.print()
        out.print(f"[dim]removed ({len(record.removed)}):[/dim]")
        for removed in record.removed:
            out.print(f"  [{removed.reason}] {removed.text[:100]}", markup=False, style="dim")


def _print_attribution(out: Console, record: ArticleRecord) -> None:
    """Quotes with their speakers, sources by type, counts and the sourcing profile."""
    if record.quotes:
        out.print()
        out.print(f"[bold]quotes ({len(record.quotes)}):[/bold]")
        for quote in record.quotes:
            who = quote.speaker_text or "unknown speaker"
            cue = f" ({quote.cue})" if quote.cue else ""
            text = quote.text if len(quote.text) <= 160 else quote.text[:157] + "…"
            mark = f"“{text}”" if quote.kind == "direct" else f"(reported) {text}"
            out.print(f"  {quote.id} {who}{cue}: {mark}", markup=False)
    if record.sources:
        out.print()
        out.print(f"[bold]sources ({len(record.sources)}):[/bold]")
        for source in record.sources:
            reason = " · reason for anonymity given" if source.anonymity_reason else ""
            out.print(f"  {source.id} [{source.type}] {source.text}{reason}", markup=False)
    if record.counts:
        places = {place.id: place.name for place in record.places}
        out.print()
        out.print(f"[bold]counts ({len(record.counts)}):[/bold]")
        for count in record.counts:
            qualifier = "" if count.qualifier == "=" else count.qualifier
            facts = [
                f"{count.time}" if count.time else "",
                places.get(count.place, "") if count.place else "",
                f"per {count.source}" if count.source else "",
            ]
            details = " · ".join(fact for fact in facts if fact)
            out.print(
                f"  {count.id} {count.count_type} {qualifier}{count.value:,g} "
                f"{count.object or ''}{' · ' + details if details else ''}",
                markup=False,
            )
    if record.flags:
        out.print()
        out.print(f"[bold]flags ({len(record.flags)}):[/bold]")
        for flag in record.flags:
            out.print(f"  [{flag.kind}] {flag.message}", markup=False)
    profile = record.sourcing
    if profile.claims:
        by_type = ", ".join(f"{kind} {number}" for kind, number in profile.by_type.items())
        out.print()
        out.print(
            f"[bold]sourcing:[/bold] {profile.claims} claims · {profile.unsourced} in the "
            f"article's own voice" + (f" · {by_type}" if by_type else ""),
        )


# Columns too long for a terminal table; JSON and CSV carry them.
TABLE_HIDDEN = frozenset({"evidence", "title"})
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


def print_rows(rows: list, output_format: str, title: str) -> None:
    """Query rows (dataclasses) as a table, JSON Lines or CSV on stdout."""
    fields = [field.name for field in dataclasses.fields(rows[0])] if rows else []
    if output_format == "json":
        for row in rows:
            sys.stdout.write(json.dumps(dataclasses.asdict(row), ensure_ascii=False) + "\n")
        return
    if output_format == "csv":
        writer = csv.writer(sys.stdout)
        if fields:
            writer.writerow(fields)
        writer.writerows([getattr(row, name) for name in fields] for row in rows)
        return
    shown = [name for name in fields if name not in TABLE_HIDDEN]
    table = Table(title=f"{title} ({len(rows)}; --format json or csv for every column)")
    for name in shown:
        table.add_column(name.replace("_", " "), overflow="fold")
    for row in rows:
        cells = []
        for name in shown:
            value = getattr(row, name)
            text = "" if value is None else str(value)
            cells.append(escape(text[:8] if name == "article_id" else text))
        table.add_row(*cells)
    stdout.print(table)


def run_query(db_path: str, find, *arguments) -> list:
    with open_store(db_path, readonly=True) as store, store_errors_reported():
        return store.query(find, *arguments)


@main.command()
@db_option
@click.option("--actor", help="Country code (MEX), code with sector (MEXGOV) or a name.")
@click.option("--recipient", help="Country code, code with sector, or a name.")
@click.option("--type", "event_type", help="PLOVER type (REJECT, THREATEN, …).")
@click.option(
    "--modality",
    type=click.Choice(["asserted", "hypothetical", "future", "historical", "negated"]),
)
@click.option("--since", help="ISO date (2025, 2025-06, 2025-06-01).")
@click.option("--until", help="ISO date.")
@click.option("--place", help="Country code or place name.")
@click.option(
    "--source-type",
    type=click.Choice(["named_person", "named_org", "document", "anonymous", "unnamed", "media"]),
)
@rows_limit_option
@format_option
def events(db_path: str, output_format: str, limit: int, **filters) -> None:
    """Events in the store, newest first, filtered by actor, recipient, type, time, place and
    the type of their source."""
    from .store.queries import EventFilter, find_events

    query = EventFilter(
        actor=filters["actor"],
        recipient=filters["recipient"],
        type=filters["event_type"],
        modality=filters["modality"],
        since=filters["since"],
        until=filters["until"],
        place=filters["place"],
        source_type=filters["source_type"],
        limit=limit,
    )
    print_rows(run_query(db_path, find_events, query), output_format, "events")


@main.command()
@db_option
@click.option("--speaker", help="Speaker name, or the speaker's country code (and sector).")
@click.option("--search", help="Words the quote holds (all of them).")
@click.option("--kind", type=click.Choice(["direct", "indirect"]))
@rows_limit_option
@format_option
def quotes(
    db_path: str,
    speaker: str | None,
    search: str | None,
    kind: str | None,
    limit: int,
    output_format: str,
) -> None:
    """Quotes in the store with their speakers, newest articles first."""
    from .store.queries import QuoteFilter, find_quotes

    query = QuoteFilter(speaker=speaker, search=search, kind=kind, limit=limit)
    print_rows(run_query(db_path, find_quotes, query), output_format, "quotes")


@main.command()
@db_option
@click.option(
    "--type",
    "source_type",
    type=click.Choice(["named_person", "named_org", "document", "anonymous", "unnamed", "media"]),
)
@rows_limit_option
@format_option
def sources(db_path: str, source_type: str | None, limit: int, output_format: str) -> None:
    """Sources in the store, with how many events and counts rest on each."""
    from .store.queries import SourceFilter, find_sources

    query = SourceFilter(type=source_type, limit=limit)
    print_rows(run_query(db_path, find_sources, query), output_format, "sources")


@main.command()
@db_option
@click.option(
    "--type",
    "count_type",
    type=click.Choice(
        ["KILL", "WOUND", "ARREST", "KIDNAP", "SEIZE", "AFFECT", "PROTEST", "MONEY", "OTHER"],
        case_sensitive=False,
    ),
)
@click.option("--place", help="Country code or place name.")
@click.option("--since", help="ISO date.")
@click.option("--until", help="ISO date.")
@rows_limit_option
@format_option
def counts(
    db_path: str,
    count_type: str | None,
    place: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    output_format: str,
) -> None:
    """Counts in the store (deaths, arrests, money …), largest first."""
    from .store.queries import CountFilter, find_counts

    query = CountFilter(type=count_type, place=place, since=since, until=until, limit=limit)
    print_rows(run_query(db_path, find_counts, query), output_format, "counts")


@main.command()
@click.argument("text")
@db_option
@rows_limit_option
@format_option
def search(text: str, db_path: str, limit: int, output_format: str) -> None:
    """Articles whose title or text hold every word of TEXT, best first."""
    from .store.queries import search_articles

    print_rows(run_query(db_path, search_articles, text, limit), output_format, "articles")


@main.command()
@click.argument("first")
@click.argument("second")
@click.option("--by", type=click.Choice(["month", "week"]), default="month", show_default=True)
@db_option
@format_option
def timeline(first: str, second: str, by: str, db_path: str, output_format: str) -> None:
    """Events between two actors (country code, code with sector, or name) by period, both
    directions, with the sum of their PLOVER scores as a cooperation-conflict index."""
    from .store.queries import sparkline
    from .store.queries import timeline as find_timeline

    rows = run_query(db_path, find_timeline, first, second, by)
    print_rows(rows, output_format, f"{first} and {second} by {by}")
    if output_format == "table" and rows:
        stdout.print(
            f"index {sparkline([row.score for row in rows])} "
            f"({rows[0].period} to {rows[-1].period}; low {min(row.score for row in rows)}, "
            f"high {max(row.score for row in rows)})",
            markup=False,
        )


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
    from .store.export import export_jsonl, export_parquet

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


@main.command()
def schema() -> None:
    """Print the JSON Schema of the article record."""
    sys.stdout.write(json.dumps(record_json_schema(), indent=2) + "\n")


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
    from .eval.clean import evaluate_wcxb

    if not (root / "ground-truth.jsonl").is_file():
        raise click.UsageError(f"{root}: no ground-truth.jsonl here; pass --root")
    with _progress() as progress:
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
    from .eval.actors import evaluate_actors

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
    from .eval.places import evaluate_places

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
    from .eval.dates import evaluate_dates

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
    from .eval.events import count_invented_events, evaluate_events

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


ATTRIBUTION_GOLD = Path(__file__).resolve().parents[2] / "tests" / "data" / "attribution"
attribution_gold_option = click.option(
    "--gold",
    "gold_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Gold JSON Lines files (repeatable); default: the team's Wikinews dev set.",
)
misses_option = click.option("--misses", is_flag=True, help="List what was missed or wrong.")


def _attribution_score(gold_files: tuple[Path, ...], limit: int | None):
    from .eval.attribution import evaluate_attribution

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
    from .eval.attribution import evaluate_count_values

    score = _attribution_score(gold_files, limit)
    rows = score.count_rows()
    if values_file.is_file():
        values = evaluate_count_values(values_file)
        rows += [(f"quantulum3 sentences: {name}", value) for name, value in values.rows()]
    stdout.print(_score_table("counts", ("measure", "value"), rows))
    if misses:
        _print_misses(score.misses, ("count",))


if __name__ == "__main__":
    main()
