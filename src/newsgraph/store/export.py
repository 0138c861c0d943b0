"""Exports of a store: the records as JSON Lines, and Parquet with one file per record part.

The Parquet files are the store's tables (``articles``, ``actors``, ``places``, ``sources``,
``events``, ``event_actors``, ``quotes``, ``counts``, ``flags``) joinable on ``article_id`` and
the part ids, written a batch of rows at a time (pyarrow's ``ParquetWriter``), so memory does not
grow with the corpus. The event-data layouts are beside this module: the GDELT 2.0 event table
(:mod:`.gdelt`) and PLOVER's JSON records (:mod:`.plover`), both written through
:func:`write_lines`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

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
    path: Path
    rows: int


def _batches(conn: sqlite3.Connection, sql: str) -> Iterator[tuple[list[str], list[tuple]]]:
    cursor = conn.execute(sql)
    names = [column[0] for column in cursor.description]
    while rows := cursor.fetchmany(_BATCH):
        yield names, rows


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
    return write_lines(path, (record_json for _, batch in batches for (record_json,) in batch))


_ARROW_TYPES = {"TEXT": "string", "INTEGER": "int64", "REAL": "float64"}


def _schema(conn: sqlite3.Connection, table: str, names: list[str]):
    """The Arrow schema of an exported table, from the store's declared column types (every
    ``articles`` column exported is text)."""
    import pyarrow as pa

    declared = {
        name: _ARROW_TYPES.get(kind.upper(), "string")
        for name, kind in _declared_types(conn, table)
    }
    if table == "articles":
        declared = {}
    return pa.schema([(name, getattr(pa, declared.get(name, "string"))()) for name in names])


# PostgreSQL's names for the types the schema declares (newsgraph.store.postgres_sql).
_POSTGRES_TYPES = {"bigint": "INTEGER", "double precision": "REAL"}


def _declared_types(conn: sqlite3.Connection, table: str) -> list[tuple[str, str]]:
    """(column, SQLite type) of ``table``, on either backend."""
    if getattr(conn, "dialect", "sqlite") == "postgresql":
        rows = conn.execute(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND table_name = ?",
            (table,),
        )
        return [(name, _POSTGRES_TYPES.get(kind, "TEXT")) for name, kind in rows]
    return [(name, kind) for _, name, kind, *_ in conn.execute(f"PRAGMA table_info({table})")]


def export_parquet(conn: sqlite3.Connection, directory: Path) -> list[Exported]:
    """One Parquet file per table of :data:`PARQUET_TABLES` in ``directory``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table, sql in PARQUET_TABLES.items():
        path = directory / f"{table}.parquet"
        names = [column[0] for column in conn.execute(f"SELECT * FROM ({sql}) LIMIT 0").description]
        schema = _schema(conn, table, names)
        rows = 0
        with pq.ParquetWriter(path, schema) as writer:
            for _, batch in _batches(conn, sql):
                columns = list(zip(*batch, strict=True))
                writer.write_table(
                    pa.table(
                        [
                            pa.array(values, type=field.type)
                            for values, field in zip(columns, schema, strict=True)
                        ],
                        schema=schema,
                    )
                )
                rows += len(batch)
        written.append(Exported(path, rows))
    return written
