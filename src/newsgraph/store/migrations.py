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

# Every part of the record in its own table, indexed for the corpus queries, and full-text
# search over articles and quotes. ``article_parts`` lists the articles whose parts are written;
# the store fills in the others (stored before this migration) from their record JSON.
MIGRATIONS.append(
    (
        3,
        """
        CREATE TABLE actors (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL, name TEXT NOT NULL, country TEXT, sector TEXT, role TEXT,
            kind TEXT NOT NULL,
            PRIMARY KEY (article_id, id)
        );
        CREATE INDEX actors_country ON actors(country, sector);
        CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
        CREATE TABLE places (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, country TEXT,
            iso3166_2 TEXT, lat REAL, lon REAL,
            PRIMARY KEY (article_id, id)
        );
        CREATE INDEX places_country ON places(country);
        CREATE INDEX places_name ON places(name COLLATE NOCASE);
        CREATE TABLE sources (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
            anonymity_reason INTEGER NOT NULL, actor TEXT, start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, id)
        );
        CREATE INDEX sources_type ON sources(type);
        CREATE TABLE events (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, modality TEXT NOT NULL, date TEXT,
            place TEXT, source TEXT, cameo TEXT, score REAL, evidence TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, id)
        );
        CREATE INDEX events_type_date ON events(type, date);
        CREATE INDEX events_date ON events(date);
        CREATE TABLE event_actors (
            article_id TEXT NOT NULL, event_id TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('actor', 'recipient')), actor_id TEXT NOT NULL,
            PRIMARY KEY (article_id, event_id, side, actor_id),
            FOREIGN KEY (article_id, event_id) REFERENCES events(article_id, id) ON DELETE CASCADE
        );
        CREATE INDEX event_actors_actor ON event_actors(article_id, actor_id, side);
        CREATE TABLE quotes (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL, start INTEGER NOT NULL,
            "end" INTEGER NOT NULL, speaker TEXT, speaker_text TEXT, cue TEXT,
            PRIMARY KEY (article_id, id)
        );
        CREATE INDEX quotes_speaker ON quotes(speaker_text COLLATE NOCASE);
        CREATE TABLE counts (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            id TEXT NOT NULL, value REAL NOT NULL, qualifier TEXT NOT NULL, object TEXT,
            count_type TEXT NOT NULL, time TEXT, place TEXT, source TEXT,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, id)
        );
        CREATE INDEX counts_type ON counts(count_type, time);
        CREATE TABLE flags (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            position INTEGER NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            PRIMARY KEY (article_id, position)
        );
        CREATE VIRTUAL TABLE article_search USING fts5(article_id UNINDEXED, title, text);
        CREATE VIRTUAL TABLE quote_search USING fts5(
            article_id UNINDEXED, quote_id UNINDEXED, speaker, text
        );
        CREATE TABLE article_parts (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
        );
        """,
    )
)

# Story clusters and corpus events (newsgraph.corpus). ``story_articles`` gives each article its
# story and the version it matched; ``signature_bands`` is the LSH index over the MinHash
# signatures in ``article_signatures``. ``corpus_events`` are matched on their key columns
# (``scope`` 0 across stories, else the one story they are confined to) and keep their counts;
# ``event_reports`` gives each event of each article its corpus event, and
# ``corpus_event_facets`` what the corpus events' reports say (actor and recipient codes and
# names, places, source types, modalities) for the event queries, with the distinct names in
# ``facet_names``. Articles stored before this migration are indexed when a writer opens it.
MIGRATIONS.append(
    (
        4,
        """
        CREATE TABLE stories (
            id INTEGER PRIMARY KEY,
            versions INTEGER NOT NULL,
            first_published TEXT
        );
        CREATE INDEX stories_versions ON stories(versions, first_published);
        CREATE INDEX stories_first_published ON stories(first_published);
        CREATE TABLE story_articles (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id INTEGER NOT NULL REFERENCES stories(id),
            matched_article_id TEXT,
            similarity REAL
        );
        CREATE INDEX story_articles_story ON story_articles(story_id);
        CREATE TABLE article_signatures (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            minhash BLOB NOT NULL
        );
        CREATE TABLE signature_bands (
            band_key INTEGER NOT NULL,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            PRIMARY KEY (band_key, article_id)
        ) WITHOUT ROWID;
        CREATE TABLE corpus_events (
            id INTEGER PRIMARY KEY,
            scope INTEGER NOT NULL,
            type TEXT NOT NULL,
            mode TEXT,
            actor_key TEXT NOT NULL,
            recipient_key TEXT NOT NULL,
            modality_class TEXT NOT NULL,
            date TEXT,
            place_country TEXT,
            first_article_id TEXT NOT NULL,
            first_event_id TEXT NOT NULL,
            first_reported TEXT,
            reports INTEGER NOT NULL DEFAULT 0,
            articles INTEGER NOT NULL DEFAULT 0,
            sites INTEGER NOT NULL DEFAULT 0,
            stories INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX corpus_events_key
            ON corpus_events(scope, type, actor_key, recipient_key, modality_class, date);
        CREATE INDEX corpus_events_date ON corpus_events(date);
        CREATE INDEX corpus_events_type_date ON corpus_events(type, date);
        CREATE TABLE event_reports (
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            event_id TEXT NOT NULL,
            corpus_event_id INTEGER NOT NULL REFERENCES corpus_events(id),
            PRIMARY KEY (article_id, event_id)
        );
        CREATE INDEX event_reports_corpus_event ON event_reports(corpus_event_id);
        CREATE TABLE corpus_event_facets (
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            corpus_event_id INTEGER NOT NULL REFERENCES corpus_events(id),
            PRIMARY KEY (facet, value, corpus_event_id)
        ) WITHOUT ROWID;
        CREATE INDEX corpus_event_facets_event
            ON corpus_event_facets(corpus_event_id, facet, value);
        CREATE TABLE facet_names (
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            PRIMARY KEY (facet, value)
        ) WITHOUT ROWID;
        """,
    )
)

# The ``pair`` facet: each actor code of a corpus event with each recipient code ("USA>MEX"),
# so a timeline or an actor-and-recipient query reads one index range instead of checking one
# side's corpus events for the other side.
MIGRATIONS.append(
    (
        5,
        """
        INSERT OR IGNORE INTO corpus_event_facets (facet, value, corpus_event_id)
        SELECT 'pair', fa.value || '>' || fr.value, fa.corpus_event_id
        FROM corpus_event_facets fa
        JOIN corpus_event_facets fr ON fr.corpus_event_id = fa.corpus_event_id
            AND fr.facet = 'recipient'
        WHERE fa.facet = 'actor';
        """,
    )
)

# The quote search index under the quotes' own rowids, so a search for common words can check
# quotes newest first (store/fulltext.py). PostgreSQL finds quotes by key and keeps its index.
MIGRATIONS.append(
    (
        6,
        """
        DELETE FROM quote_search;
        INSERT INTO quote_search (rowid, article_id, quote_id, speaker, text)
        SELECT rowid, article_id, id, COALESCE(speaker_text, ''), text FROM quotes;
        """,
    )
)
POSTGRESQL_SCRIPTS: dict[int, str] = {6: ""}
"""The migrations whose PostgreSQL form is not the rewritten SQLite script ("" for none)."""

# Indexes for listings and maps on large stores (figures on a million synthetic events):
# counts largest first, of any type or of one, read in index order instead of sorting every
# count (745 ms at the 95th percentile before), and of the counts with a place, which a place
# filter walks (4-17 ms for a country, up to 320 ms for a name no count has); corpus events by place country and date, so
# the map's counts in a period come from the index alone (165 ms to 4-12 ms for a year); by
# date with modality class and type, so a period's country pairs read the corpus events from
# the index (dyads 496 ms to 310 ms).
MIGRATIONS.append(
    (
        7,
        """
        CREATE INDEX IF NOT EXISTS counts_value ON counts(value);
        CREATE INDEX IF NOT EXISTS counts_placed_value ON counts(value) WHERE place IS NOT NULL;
        CREATE INDEX IF NOT EXISTS counts_type_value ON counts(count_type, value);
        CREATE INDEX IF NOT EXISTS corpus_events_place_date ON corpus_events(place_country, date);
        CREATE INDEX IF NOT EXISTS corpus_events_period ON corpus_events(date, modality_class, type);
        """,
    )
)

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


def _recorded(conn: sqlite3.Connection) -> set[int]:
    """The versions of the migrations applied to ``conn``'s database."""
    return {version for (version,) in conn.execute("SELECT version FROM schema_migrations")}


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
        if version in _recorded(conn):
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
                version in _recorded(conn)
            )
            if not applied_elsewhere:
                raise
    return current_version(conn)
