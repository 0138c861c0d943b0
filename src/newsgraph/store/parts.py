"""An article record's parts as rows of the store's part tables (actors, places, sources,
events and their sides, quotes, counts, flags) and of its full-text indexes."""

from __future__ import annotations

import sqlite3

from newsgraph.records import ArticleRecord
from newsgraph.store.fulltext import index_quotes

_INSERTS = {
    "actors": "INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?)",
    "places": "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "sources": "INSERT INTO sources VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    "events": "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "event_actors": "INSERT OR IGNORE INTO event_actors VALUES (?, ?, ?, ?)",
    "quotes": "INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "counts": "INSERT INTO counts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "flags": "INSERT INTO flags VALUES (?, ?, ?, ?, ?, ?)",
    "article_search": "INSERT INTO article_search VALUES (?, ?, ?)",
    "article_parts": "INSERT INTO article_parts VALUES (?)",
}


def part_rows(record: ArticleRecord) -> dict[str, list[tuple]]:
    """The rows each part table gets for ``record``."""
    article = record.id
    return {
        "actors": [
            (article, a.id, a.name, a.country, a.sector, a.role, a.kind) for a in record.actors
        ],
        "places": [
            (article, p.id, p.name, p.type, p.country, p.iso3166_2, p.lat, p.lon)
            for p in record.places
        ],
        "sources": [
            (article, s.id, s.text, s.type, int(s.anonymity_reason), s.actor, s.start, s.end)
            for s in record.sources
        ],
        "events": [
            (
                article,
                e.id,
                e.type,
                e.mode,
                e.modality,
                e.date,
                e.place,
                e.source,
                e.cameo,
                e.score,
                e.evidence.text,
                e.evidence.start,
                e.evidence.end,
            )
            for e in record.events
        ],
        "event_actors": [
            (article, e.id, side, actor_id)
            for e in record.events
            for side, actor_ids in (("actor", e.actor), ("recipient", e.recipient))
            for actor_id in actor_ids
        ],
        "quotes": [
            (article, q.id, q.kind, q.text, q.start, q.end, q.speaker, q.speaker_text, q.cue)
            for q in record.quotes
        ],
        "counts": [
            (
                article,
                c.id,
                c.value,
                c.qualifier,
                c.object,
                c.count_type,
                c.time,
                c.place,
                c.source,
                c.start,
                c.end,
            )
            for c in record.counts
        ],
        "flags": [
            (article, position, f.kind, f.message, f.start, f.end)
            for position, f in enumerate(record.flags)
        ],
        "article_search": [(article, record.meta.title or "", record.text)],
        "article_parts": [(article,)],
    }


def insert_parts(conn: sqlite3.Connection, record: ArticleRecord) -> None:
    """Write ``record``'s parts inside the caller's transaction."""
    for table, rows in part_rows(record).items():
        if rows:
            conn.executemany(_INSERTS[table], rows)
    if record.quotes:
        index_quotes(conn, record.id)


def fill_missing_parts(conn: sqlite3.Connection) -> int:
    """Write the parts of stored articles not listed in ``article_parts`` (stored before the
    part tables existed), replacing any rows they have, one transaction in all; the number of
    articles filled."""
    missing = [
        article_id
        for (article_id,) in conn.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM article_parts)"
        )
    ]
    if not missing:
        return 0
    conn.execute("BEGIN IMMEDIATE")
    try:
        for article_id in missing:
            (record_json,) = conn.execute(
                "SELECT record_json FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            for table in [*_INSERTS, "quote_search"]:
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
            insert_parts(conn, ArticleRecord.model_validate_json(record_json))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return len(missing)
