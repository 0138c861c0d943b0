"""The store's schema as an ordered list of migrations, and the code that applies them.

A later stage adds its tables by appending one ``(version, SQL script)`` pair to
:data:`MIGRATIONS`; :func:`migrate` applies each pending script in its own transaction and records
its version in ``schema_migrations``.
"""

from __future__ import annotations

import sqlite3

from newsgraph.store.errors import StoreError

MIGRATIONS: list[tuple[int, str]] = [
    (
        1,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            schema TEXT NOT NULL,
            title TEXT,
            site TEXT,
            published TEXT,
            language TEXT,
            authors_json TEXT NOT NULL,
            input_path TEXT NOT NULL,
            input_line INTEGER,
            input_id TEXT,
            input_format TEXT NOT NULL,
            url TEXT,
            text TEXT NOT NULL,
            size INTEGER NOT NULL,
            record_json TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_site ON articles(site);
        CREATE TABLE removed (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (article_id, position)
        );
        """,
    ),
    (
        2,
        """
        CREATE TABLE inputs (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            path TEXT NOT NULL,
            line INTEGER NOT NULL DEFAULT 0,
            input_id TEXT,
            url TEXT,
            format TEXT NOT NULL,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (article_id, path, line)
        );
        INSERT INTO inputs (article_id, path, line, input_id, url, format, seen_at)
        SELECT id, input_path, COALESCE(input_line, 0), input_id, url, input_format, ingested_at
        FROM articles;
        """,
    ),
]

SCHEMA_VERSION: int = MIGRATIONS[-1][0]

_BOOTSTRAP = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    applied_at TEXT
)
"""


def current_version(conn: sqlite3.Connection) -> int:
    """The highest migration recorded in ``conn``'s database; 0 for a database without any."""
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return row[0] or 0


def _refuse_newer(version: int) -> None:
    """Raise :class:`StoreError` when ``version`` is newer than this newsgraph knows."""
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {version} is newer than this newsgraph ({SCHEMA_VERSION}); "
            "upgrade newsgraph"
        )


def check_readable(version: int) -> None:
    """Raise :class:`StoreError` unless a database at ``version`` can be read without migrating."""
    _refuse_newer(version)
    if version < SCHEMA_VERSION:
        raise StoreError(
            f"database schema version {version} is older than this newsgraph "
            f"({SCHEMA_VERSION}); open it once for writing to migrate it"
        )


def migrate(conn: sqlite3.Connection) -> int:
    """Bring ``conn``'s database to :data:`SCHEMA_VERSION` and return that version.

    ``conn`` must be in autocommit mode (``isolation_level=None``). Each migration runs as one
    ``BEGIN IMMEDIATE ... COMMIT`` script that first records its version, so two processes
    opening a new database at once cannot apply the same migration twice: the second one's insert
    into ``schema_migrations`` fails, its script rolls back, and it moves on.
    """
    conn.execute(_BOOTSTRAP)
    _refuse_newer(current_version(conn))
    for version, script in MIGRATIONS:
        if version <= current_version(conn):
            continue
        try:
            conn.executescript(
                "BEGIN IMMEDIATE;\n"
                "INSERT INTO schema_migrations (version, applied_at)\n"
                f"VALUES ({int(version)}, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));\n"
                f"{script}\n"
                "COMMIT;"
            )
        except sqlite3.Error as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            applied_elsewhere = isinstance(exc, sqlite3.IntegrityError) and (
                version <= current_version(conn)
            )
            if not applied_elsewhere:
                raise
    return current_version(conn)
