"""The SQLite article store: one writer connection per store, WAL, content-hash ids.

Each article is one row of ``articles`` (normalized columns beside the full record as JSON) plus
its removed boilerplate in ``removed`` and its parts (actors, places, sources, events, quotes,
counts, flags, full-text rows: :mod:`newsgraph.store.parts`), its story cluster and its events'
corpus events (:mod:`newsgraph.corpus`); :meth:`ArticleStore.put` writes them in one
``BEGIN IMMEDIATE`` transaction, so a reader or a crash never sees half an article.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from newsgraph.corpus import index_article, index_missing_articles
from newsgraph.records import ArticleRecord, InputInfo
from newsgraph.store.errors import StoreError
from newsgraph.store.migrations import check_readable, current_version, migrate
from newsgraph.store.models import ArticleSummary, StoreOutcome
from newsgraph.store.parts import fill_missing_parts, insert_parts

if TYPE_CHECKING:
    from typing_extensions import Self

MIN_PREFIX = 4
"""The shortest id prefix :meth:`ArticleStore.get` looks up."""

_PRAGMAS = (
    "PRAGMA busy_timeout = 5000",
    "PRAGMA foreign_keys = ON",
)
_WRITER_PRAGMAS = ("PRAGMA synchronous = NORMAL",)
_BUSY_SECONDS = 5.0
# No LIMIT value means "all rows" on both SQLite and PostgreSQL: a count no store reaches does.
_NO_LIMIT = 2**62

_INSERT_ARTICLE = """
INSERT INTO articles (
    id, schema, title, site, published, language, authors_json, input_path, input_line,
    input_id, input_format, url, text, size, record_json, ingested_at
) VALUES (
    :id, :schema, :title, :site, :published, :language, :authors_json, :input_path, :input_line,
    :input_id, :input_format, :url, :text, :size, :record_json,
    strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
)
ON CONFLICT(id) DO NOTHING
"""
_INSERT_INPUT = """
INSERT OR IGNORE INTO inputs (article_id, path, line, input_id, url, format, seen_at)
VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
"""
_INSERT_REMOVED = "INSERT INTO removed (article_id, position, reason, text) VALUES (?, ?, ?, ?)"
_LIST = """
SELECT id, title, site, published, language, size, input_path, input_line FROM articles
ORDER BY published DESC NULLS LAST, title NULLS LAST, id
LIMIT ? OFFSET ?
"""

_SQLITE_BUSY, _SQLITE_READONLY, _SQLITE_CANTOPEN, _SQLITE_NOTADB = 5, 8, 14, 26


def _input_row(article_id: str, source: InputInfo) -> tuple:
    return (article_id, source.path, source.line or 0, source.id, source.url, source.format)


def _store_error(path: str, exc: sqlite3.Error) -> StoreError:
    """A :class:`StoreError` for ``exc`` that says what to do about it."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_READONLY:
        return StoreError(f"{path} is open read-only ({exc}); open it with ArticleStore to write")
    if code == _SQLITE_BUSY:
        return StoreError(
            f"{path} is locked by another writer ({exc}); wait for it to finish and retry"
        )
    if code == _SQLITE_CANTOPEN:
        return StoreError(
            f"cannot open database {path} ({exc}); check that its folder exists and is writable"
        )
    if code == _SQLITE_NOTADB:
        return StoreError(f"{path} is not a SQLite database ({exc}); give a newsgraph database")
    return StoreError(f"database {path}: {exc}")


@contextmanager
def _translated(path: str) -> Iterator[None]:
    """Turn any :class:`sqlite3.Error` raised inside the block into a :class:`StoreError`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise _store_error(path, exc) from exc


def _open_writer(path: str) -> sqlite3.Connection:
    """A read-write connection to ``path`` (created if missing), in WAL mode and migrated."""
    with _translated(path):
        conn = sqlite3.connect(path, isolation_level=None)
    try:
        with _translated(path):
            for pragma in _PRAGMAS + _WRITER_PRAGMAS:
                conn.execute(pragma)
            _use_wal(conn)
            migrate(conn)
            fill_missing_parts(conn)
            index_missing_articles(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch the database to WAL (a lasting setting of the file) unless it already is.

    SQLite does not wait on its busy timeout for a journal-mode change: writers opening a new
    database at once got "database is locked" here, so the switch is retried for as long as
    the busy timeout would wait.
    """
    deadline = time.monotonic() + _BUSY_SECONDS
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _open_reader(path: str) -> sqlite3.Connection:
    """A read-only connection to the existing newsgraph database at ``path``."""
    if not os.path.isfile(path):
        raise StoreError(f"no database at {path}; ingest articles into it first")
    with _translated(path):
        uri = f"{Path(path).resolve().as_uri()}?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
    try:
        with _translated(path):
            for pragma in _PRAGMAS:
                conn.execute(pragma)
            known = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
            ).fetchone()
            if not known:
                raise StoreError(
                    f"{path} is not a newsgraph database (no schema_migrations table); "
                    "give the path of a database newsgraph created"
                )
            version = current_version(conn)
        check_readable(version)
    except BaseException:
        conn.close()
        raise
    return conn


def _article_row(record: ArticleRecord) -> dict:
    """The ``articles`` columns of ``record``."""
    return {
        "id": record.id,
        "schema": record.schema_,
        "title": record.meta.title,
        "site": record.meta.site,
        "published": record.meta.published,
        "language": record.meta.language,
        "authors_json": json.dumps(record.meta.authors, ensure_ascii=False),
        "input_path": record.input.path,
        "input_line": record.input.line,
        "input_id": record.input.id,
        "input_format": record.input.format,
        "url": record.input.url,
        "text": record.text,
        "size": len(record.text),
        "record_json": record.to_json(),
    }


class ArticleStore:
    """Articles in a SQLite database: ``put`` them once, ``get``, ``list`` and ``count`` them.

    ``ArticleStore(path)`` opens (or creates) the database for writing with its own single writer
    connection and runs pending migrations; :meth:`open_readonly` opens one for reading only.
    Use it as a context manager, or call :meth:`close`.
    """

    path: str

    def __init__(self, path: str | os.PathLike) -> None:
        """Open or create the database at ``path`` for writing, in WAL mode, and migrate it."""
        self.path = os.fspath(path)
        self._conn = _open_writer(self.path)

    @classmethod
    def open_readonly(cls, path: str | os.PathLike) -> ArticleStore:
        """Open the existing database at ``path`` for reading; raise StoreError if it is missing."""
        store = cls.__new__(cls)
        store.path = os.fspath(path)
        store._conn = _open_reader(store.path)
        return store

    def put(self, record: ArticleRecord) -> StoreOutcome:
        """Store ``record`` in one transaction; PRESENT (and no change) when its id is stored."""
        conn = self._conn
        with self._errors():
            conn.execute("BEGIN IMMEDIATE")
            try:
                stored = conn.execute(_INSERT_ARTICLE, _article_row(record)).rowcount == 1
                conn.execute(_INSERT_INPUT, _input_row(record.id, record.input))
                if stored:
                    conn.executemany(
                        _INSERT_REMOVED,
                        [
                            (record.id, position, piece.reason, piece.text)
                            for position, piece in enumerate(record.removed)
                        ],
                    )
                    insert_parts(conn, record)
                    index_article(conn, record.id)
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
        return StoreOutcome.STORED if stored else StoreOutcome.PRESENT

    def add_input(self, article_id: str, source: InputInfo) -> bool:
        """Record that the stored article ``article_id`` was also read from ``source``; False when
        that input was already recorded."""
        with self._errors():
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                added = self._conn.execute(_INSERT_INPUT, _input_row(article_id, source)).rowcount
                self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise
        return added == 1

    def inputs(self, article_id: str) -> list[InputInfo]:
        """Every input the article was read from, in the order they were first seen."""
        with self._errors():
            rows = self._conn.execute(
                "SELECT path, line, input_id, url, format FROM inputs WHERE article_id = ? "
                "ORDER BY seen_at, rowid",
                (article_id,),
            ).fetchall()
        return [
            InputInfo(path=path, line=line or None, id=input_id, url=url, format=format_)
            for path, line, input_id, url, format_ in rows
        ]

    def has(self, article_id: str) -> bool:
        """Whether an article with exactly this id is stored."""
        with self._errors():
            row = self._conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,))
            return row.fetchone() is not None

    def get(self, article_id: str) -> ArticleRecord | None:
        """The article with this id, or with this unique id prefix (at least 4 characters).

        Returns None when nothing matches; raises StoreError when a prefix matches several ids.
        """
        with self._errors():
            row = self._conn.execute(
                "SELECT record_json FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None and len(article_id) >= MIN_PREFIX:
                ids = [
                    found
                    for (found,) in self._conn.execute(
                        "SELECT id FROM articles WHERE id >= ? AND id < ? || char(1114111) ORDER BY id LIMIT 3",
                        (article_id, article_id),
                    )
                ]
                if len(ids) > 1:
                    raise StoreError(
                        f"id prefix {article_id!r} matches several articles "
                        f"({', '.join(ids[:2])}{', …' if len(ids) > 2 else ''}); "
                        "give more characters of the id"
                    )
                if ids:
                    row = self._conn.execute(
                        "SELECT record_json FROM articles WHERE id = ?", (ids[0],)
                    ).fetchone()
        return None if row is None else ArticleRecord.model_validate_json(row[0])

    def list(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Summaries of stored articles, newest published first (undated last), then by title."""
        with self._errors():
            rows = self._conn.execute(
                _LIST, (_NO_LIMIT if limit is None else limit, offset)
            ).fetchall()
        return [
            ArticleSummary(
                id=article_id,
                title=title,
                site=site,
                published=published,
                language=language,
                size=size,
                source=path if line is None else f"{path}:{line}",
            )
            for article_id, title, site, published, language, size, path, line in rows
        ]

    def query(self, find, *arguments):
        """Run one of :mod:`newsgraph.store.queries`' functions on this store's connection."""
        with self._errors():
            return find(self._conn, *arguments)

    def count(self) -> int:
        """How many articles are stored."""
        with self._errors():
            return self._conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def schema_version(self) -> int:
        """The schema version of the open database (the last migration applied)."""
        with self._errors():
            return current_version(self._conn)

    def _errors(self):
        """A block in which a database error becomes a :class:`StoreError` saying what to do."""
        return _translated(self.path)

    def close(self) -> None:
        """Close the connection; closing twice is harmless."""
        self._conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
