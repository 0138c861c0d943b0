"""Exports of a store: the records as JSON Lines, and Parquet with one file per record part.

The Parquet files are the store's tables (``articles``, ``actors``, ``places``, ``sources``,
``events``, ``event_actors``, ``quotes``, ``counts``, ``flags``) joinable on ``article_id`` and
the part ids, written a batch of rows at a time (pyarrow's ``ParquetWriter``), so memory does not
grow with the corpus. One writer, :class:`ParquetTables`, writes them from a store
(:func:`export_parquet`) or straight from records (:func:`write_record_tables`, for
``newsgraph batch``). The event-data layouts are beside this module: the GDELT 2.0 event table
(:mod:`.gdelt`) and PLOVER's JSON records (:mod:`.plover`), both written through
:func:`write_lines`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.records import ArticleRecord
from newsgraph.store.migrations import migrate
from newsgraph.store.parts import part_rows

if TYPE_CHECKING:
    import pyarrow as pa

_BATCH = 5000

# Each exported table: its query on the store. ``articles`` leaves out the record JSON (the
# JSON Lines export carries it) and the full text stays, for readers who join on it.
PARQUET_TABLES = {
    "articles": (
        "SELECT id AS article_id, title, site, published, language, url, input_path, text "
        "FROM articles ORDER BY id"
    ),
    "actors": "SELECT * FROM actors ORDER BY article_id, id",
    "places": "SELECT * FROM places ORDER BY article_id, id",
    "sources": "SELECT * FROM sources ORDER BY article_id, id",
    "events": "SELECT * FROM events ORDER BY article_id, id",
    "event_actors": "SELECT * FROM event_actors ORDER BY article_id, event_id, side, actor_id",
    "quotes": "SELECT * FROM quotes ORDER BY article_id, id",
    "counts": "SELECT * FROM counts ORDER BY article_id, id",
    "flags": "SELECT * FROM flags ORDER BY article_id, position",
}


@dataclass(frozen=True)
class Exported:
    """A file an export wrote and how many rows it holds."""

    path: Path
    rows: int


def _batches(conn: sqlite3.Connection, sql: str) -> Iterator[list[tuple]]:
    cursor = conn.execute(sql)
    while rows := cursor.fetchmany(_BATCH):
        yield rows


def write_lines(path: Path, lines: Iterable[str]) -> Exported:
    """Write ``lines`` to ``path`` (UTF-8, each ended by a newline) as they come."""
    rows = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(line + "\n")
            rows += 1
    return Exported(path, rows)


def export_jsonl(conn: sqlite3.Connection, path: Path) -> Exported:
    """Every stored record, one JSON object per line, as ``newsgraph extract`` prints them."""
    batches = _batches(conn, "SELECT record_json FROM articles ORDER BY id")
    return write_lines(path, (record_json for batch in batches for (record_json,) in batch))


_ARROW_TYPES = {"TEXT": "string", "INTEGER": "int64", "REAL": "float64"}


@cache
def table_schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of each table of :data:`PARQUET_TABLES`: the columns its query selects,
    typed by the store's declared column types (every ``articles`` column exported is text).

    They are read from an empty in-memory store, so the migrations stay the one place the
    columns are declared and the tables come out the same from SQLite, PostgreSQL or records.
    """
    import pyarrow as pa

    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrate(conn)
        schemas = {}
        for table, sql in PARQUET_TABLES.items():
            names = [
                column[0] for column in conn.execute(f"SELECT * FROM ({sql}) LIMIT 0").description
            ]
            declared = {
                name: _ARROW_TYPES.get(kind.upper(), "string")
                for _, name, kind, *_ in conn.execute(f"PRAGMA table_info({table})")
                if table != "articles"
            }
            schemas[table] = pa.schema(
                [(name, getattr(pa, declared.get(name, "string"))()) for name in names]
            )
        return schemas
    finally:
        conn.close()


def article_row(record: ArticleRecord) -> tuple:
    """The ``articles`` table's row for ``record``, in the order of its exported columns."""
    meta = record.meta
    return (
        record.id,
        meta.title,
        meta.site,
        meta.published,
        meta.language,
        record.input.url,
        record.input.path,
        record.text,
    )


class ParquetTables:
    """The Parquet files of :data:`PARQUET_TABLES` in ``directory``, written as rows come.

    Rows are buffered per table and written ``_BATCH`` at a time; :meth:`close` writes what is
    left and returns what each file holds. A table that got no rows is still written, empty.
    """

    def __init__(self, directory: Path) -> None:
        import pyarrow.parquet as pq

        directory.mkdir(parents=True, exist_ok=True)
        self._schemas = table_schemas()
        self._paths = {table: directory / f"{table}.parquet" for table in PARQUET_TABLES}
        self._writers = {
            table: pq.ParquetWriter(self._paths[table], schema)
            for table, schema in self._schemas.items()
        }
        self._pending: dict[str, list[tuple]] = {table: [] for table in PARQUET_TABLES}
        self._rows = dict.fromkeys(PARQUET_TABLES, 0)

    def add(self, table: str, rows: Iterable[tuple]) -> None:
        """Queue ``rows`` (tuples in the table's column order) for ``table``."""
        pending = self._pending[table]
        pending.extend(rows)
        if len(pending) >= _BATCH:
            self._flush(table)

    def add_record(self, record: ArticleRecord) -> None:
        """Queue the rows of every table for ``record``."""
        self.add("articles", [article_row(record)])
        for table, rows in part_rows(record).items():
            if table in self._pending:
                self.add(table, rows)

    def _flush(self, table: str) -> None:
        import pyarrow as pa

        rows = self._pending[table]
        if not rows:
            return
        schema = self._schemas[table]
        columns = list(zip(*rows, strict=True))
        self._writers[table].write_table(
            pa.table(
                [
                    pa.array(values, type=field.type)
                    for values, field in zip(columns, schema, strict=True)
                ],
                schema=schema,
            )
        )
        self._rows[table] += len(rows)
        self._pending[table] = []

    def close(self) -> list[Exported]:
        """Write the rows still queued, close every file; what each one holds."""
        for table, writer in self._writers.items():
            self._flush(table)
            writer.close()
        return [Exported(self._paths[table], self._rows[table]) for table in PARQUET_TABLES]


def export_parquet(conn: sqlite3.Connection, directory: Path) -> list[Exported]:
    """One Parquet file per table of :data:`PARQUET_TABLES` in ``directory``, from the store."""
    tables = ParquetTables(directory)
    for table, sql in PARQUET_TABLES.items():
        for batch in _batches(conn, sql):
            tables.add(table, batch)
    return tables.close()


def write_record_tables(records: Iterable[ArticleRecord], directory: Path) -> list[Exported]:
    """The Parquet files of :func:`export_parquet`, written from ``records`` without a store
    (rows in the order of ``records``)."""
    tables = ParquetTables(directory)
    for record in records:
        tables.add_record(record)
    return tables.close()
