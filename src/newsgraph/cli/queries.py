"""Queries over the corpus: ``events``, ``quotes``, ``sources``, ``counts``, ``search``."""

from __future__ import annotations

import click

from .group import main
from .options import db_option, format_option, rows_limit_option
from .output import print_rows, run_query


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
@click.option("--corpus-event", type=int, help="Only this corpus event (or its reports).")
@click.option(
    "--reports",
    "list_reports",
    is_flag=True,
    help="List every report (each event of each article) instead of one row per event.",
)
@rows_limit_option
@format_option
def events(db_path: str, output_format: str, limit: int, list_reports: bool, **filters) -> None:
    """Events in the store, newest first, filtered by actor, recipient, type, time, place and
    the type of their source.

    One row per real-world event: the reports of several articles (and the versions of one
    story) are merged, with how many reports, articles, sites and stories carry it. --reports
    lists every report instead."""
    from ..store.queries import EventFilter, find_event_reports, find_events

    query = EventFilter(
        actor=filters["actor"],
        recipient=filters["recipient"],
        type=filters["event_type"],
        modality=filters["modality"],
        since=filters["since"],
        until=filters["until"],
        place=filters["place"],
        source_type=filters["source_type"],
        corpus_event=filters["corpus_event"],
        limit=limit,
    )
    if list_reports:
        print_rows(run_query(db_path, find_event_reports, query), output_format, "reports")
    else:
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
    from ..store.queries import QuoteFilter, find_quotes

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
    from ..store.queries import SourceFilter, find_sources

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
    from ..store.queries import CountFilter, find_counts

    query = CountFilter(type=count_type, place=place, since=since, until=until, limit=limit)
    print_rows(run_query(db_path, find_counts, query), output_format, "counts")


@main.command()
@click.argument("text")
@db_option
@rows_limit_option
@format_option
def search(text: str, db_path: str, limit: int, output_format: str) -> None:
    """Articles whose title or text hold every word of TEXT, best first."""
    from ..store.queries import search_articles

    print_rows(run_query(db_path, search_articles, text, limit), output_format, "articles")
