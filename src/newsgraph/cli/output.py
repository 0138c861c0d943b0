"""Consoles, progress, store access and query rows on the terminal."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import json
import sys
from collections.abc import Iterator

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from ..ingest import InputError
from ..store import ArticleStore, StoreError

stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)


def report(error: InputError) -> None:
    stderr.print(str(error), markup=False, soft_wrap=True)


def progress_bar() -> Progress:
    """Progress on the terminal (nothing when stderr is not one): a bar with the time left when
    the task has a total, a spinner and a running count when it does not."""
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
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
    from ..store.backends import open_article_store

    try:
        return open_article_store(db_path, readonly)
    except StoreError as error:
        raise click.ClickException(str(error)) from error


# Columns too long for a terminal table; JSON and CSV carry them.
TABLE_HIDDEN = frozenset({"evidence", "title"})


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
