"""Stored articles: ``list``, ``show``, ``brief`` and the record's ``schema``."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from itertools import islice

import click
from rich.table import Table

from ..records import record_json_schema
from .brief import print_article, print_brief
from .group import main
from .options import db_option
from .output import open_store, stdout, store_errors_reported


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


@main.command()
@click.argument("article")
@db_option
def brief(article: str, db_path: str) -> None:
    """A short account of one stored article: who did what to whom, quotes with speakers,
    sources by type, counts and flags. ARTICLE is an id (or a unique prefix of at least 4
    characters) or the text or HTML file the article was ingested from."""
    with open_store(db_path, readonly=True) as store, store_errors_reported():
        record = store.get(_article_id(article))
    if record is None:
        raise click.ClickException(f"no article {article!r} in {db_path}")
    print_brief(record)


def _article_id(article: str) -> str:
    """``article`` itself, or the id of the one article in the file it names."""
    from ..ingest import Document, read_inputs
    from ..pipeline import article_id

    if not os.path.isfile(article):
        return article
    items = list(islice(read_inputs([article]), 2))
    if len(items) != 1 or not isinstance(items[0], Document):
        raise click.ClickException(f"{article}: not a file holding one article; give its id")
    return article_id(items[0].raw)


@main.command()
def schema() -> None:
    """Print the JSON Schema of the article record."""
    sys.stdout.write(json.dumps(record_json_schema(), indent=2) + "\n")
