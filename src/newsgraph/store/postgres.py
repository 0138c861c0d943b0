"""The article store on PostgreSQL (``--db postgresql://…``), for teams sharing one corpus.

Same schema, same writes and same queries as the SQLite store: :class:`PostgresConnection` offers
the part of :class:`sqlite3.Connection` the store uses, over psycopg, and rewrites the store's
SQL on the way (:mod:`newsgraph.store.postgres_sql`). Full-text search is PostgreSQL's own
(``tsvector`` under GIN indexes); the queries that search say so themselves through
:attr:`PostgresConnection.dialect`. Each article is still written in one transaction, and
migrations run under an advisory lock so two writers opening a new database do not race.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .errors import StoreError
from .migrations import MIGRATIONS, POSTGRESQL_SCRIPTS, SCHEMA_VERSION, check_readable
from .postgres_sql import postgres_ddl, postgres_query
from .sqlite import ArticleStore

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_MIGRATION_LOCK = 7_314_159  # any constant: the advisory lock newsgraph's migrations share


def is_postgres_url(location: str) -> bool:
    """Whether ``location`` names a PostgreSQL database rather than a SQLite file."""
    return location.startswith(POSTGRES_SCHEMES)


def _psycopg():
    try:
        import psycopg
    except ImportError as error:
        raise StoreError(
            "a postgresql:// database needs psycopg: pip install 'newsgraph[postgres]'"
        ) from error
    return psycopg


def _parameters(parameters):
    """Parameters psycopg adapts as SQLite took them: booleans as 0/1 (the schema's INTEGER
    flags), a missing sequence as an empty one (so ``%%`` is always read as ``%``)."""
    if parameters is None:
        return ()
    if isinstance(parameters, dict):
        return {
            key: int(value) if isinstance(value, bool) else value
            for key, value in parameters.items()
        }
    return tuple(int(value) if isinstance(value, bool) else value for value in parameters)


class _Cursor:
    """A psycopg cursor with SQLite's ``lastrowid`` for the inserts that return an id."""

    def __init__(self, cursor, lastrowid: int | None = None) -> None:
        self._cursor = cursor
        self.lastrowid = lastrowid

    @property
    def rowcount(self) -> int:
        return self._cursor.rowcount

    @property
    def description(self):
        return self._cursor.description

    def fetchone(self):
        return self._cursor.fetchone()

    def fetchmany(self, size: int):
        return self._cursor.fetchmany(size)

    def fetchall(self):
        return self._cursor.fetchall()

    def __iter__(self) -> Iterator:
        return iter(self._cursor)


class PostgresConnection:
    """What the store asks of a connection, on PostgreSQL: ``execute``, ``executemany``,
    ``executescript``, ``in_transaction`` and ``close``, with SQLite's SQL rewritten."""

    dialect = "postgresql"

    def __init__(self, url: str, readonly: bool = False) -> None:
        psycopg = _psycopg()
        # Client-side binding: SQLite-style "? IS NULL" gives the server no type to infer.
        self._conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor)
        if readonly:
            self._conn.execute("SET default_transaction_read_only = on")

    def execute(self, sql: str, parameters=None) -> _Cursor:
        statement = postgres_query(sql)
        returns_id = _inserts_with_id(statement)
        if returns_id:
            statement += " RETURNING id"
        cursor = self._conn.execute(statement, _parameters(parameters))
        return _Cursor(cursor, cursor.fetchone()[0] if returns_id else None)

    def executemany(self, sql: str, rows: Iterable) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(postgres_query(sql), [_parameters(row) for row in rows])

    def executescript(self, script: str) -> None:
        self._conn.execute(postgres_ddl(script))

    @property
    def in_transaction(self) -> bool:
        return self._conn.info.transaction_status != _psycopg().pq.TransactionStatus.IDLE

    def close(self) -> None:
        self._conn.close()


# Tables whose id the database assigns: an insert into one returns it, as SQLite's lastrowid.
_GENERATED_ID_TABLES = ("stories", "corpus_events")


def _inserts_with_id(statement: str) -> bool:
    head = statement.lstrip()[:40].lower()
    return head.startswith("insert into") and head.split()[2] in _GENERATED_ID_TABLES


def _recorded(conn: PostgresConnection) -> set[int]:
    return {version for (version,) in conn.execute("SELECT version FROM schema_migrations")}


def migrate_postgres(conn: PostgresConnection) -> int:
    """Bring the database to :data:`SCHEMA_VERSION`, each migration in its own transaction,
    all under one advisory lock."""
    conn.execute("SELECT pg_advisory_lock(?)", (_MIGRATION_LOCK,))
    try:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, "
            "applied_at TEXT)"
        )
        applied = _recorded(conn)
        if max(applied, default=0) > SCHEMA_VERSION:
            check_readable(max(applied))
        for version, script in MIGRATIONS:
            if version in applied:
                continue
            conn.execute("BEGIN")
            try:
                conn.execute(
                    "INSERT INTO schema_migrations (version, applied_at) VALUES "
                    "(?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
                    (version,),
                )
                script = POSTGRESQL_SCRIPTS.get(version, script)
                if script:
                    conn.executescript(script)
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
    finally:
        conn.execute("SELECT pg_advisory_unlock(?)", (_MIGRATION_LOCK,))
    return max(_recorded(conn))


class PostgresStore(ArticleStore):
    """:class:`ArticleStore` on a PostgreSQL database named by its URL."""

    def __init__(self, url: str) -> None:
        """Connect to ``url`` for writing and migrate the database."""
        from ..corpus import index_missing_articles
        from .parts import fill_missing_parts

        self.path = url
        with self._errors():
            self._conn = PostgresConnection(url)
            try:
                migrate_postgres(self._conn)
                fill_missing_parts(self._conn)
                index_missing_articles(self._conn)
            except BaseException:
                self._conn.close()
                raise

    @classmethod
    def open_readonly(cls, url: str) -> PostgresStore:
        """Connect to ``url`` for reading; the database must be newsgraph's, migrated."""
        store = cls.__new__(cls)
        store.path = url
        with store._errors():
            store._conn = PostgresConnection(url, readonly=True)
            try:
                known = store._conn.execute(
                    "SELECT to_regclass('schema_migrations') IS NOT NULL"
                ).fetchone()[0]
                if not known:
                    raise StoreError(
                        f"{_safe(url)} is not a newsgraph database (no schema_migrations table)"
                    )
                check_readable(max(_recorded(store._conn), default=0))
            except BaseException:
                store._conn.close()
                raise
        return store

    @contextmanager
    def _errors(self) -> Iterator[None]:
        psycopg = _psycopg()
        try:
            yield
        except psycopg.Error as error:
            message = " ".join(str(error).split())
            raise StoreError(f"database {_safe(self.path)}: {message}") from error


def _safe(url: str) -> str:
    """``url`` without its password, for messages."""
    scheme, _, rest = url.partition("://")
    credentials, at, host = rest.rpartition("@")
    if not at:
        return url
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}@{host}"
