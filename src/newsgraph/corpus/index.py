"""Placing a stored article in the corpus: its story cluster, then its events' corpus events.

The store calls :func:`index_article` inside the transaction that writes the article, so a
reader never sees an article without its story and corpus events; :func:`index_missing_articles`
does the same for articles stored before these tables existed, one transaction per article.
"""

from __future__ import annotations

import sqlite3

from .events import merge_story_events, report_events
from .stories import assign_story


def index_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Put the stored article (with its part tables written) into its story and its events
    into their corpus events, inside the caller's transaction."""
    assignment = assign_story(conn, article_id)
    merge_story_events(conn, assignment)
    report_events(conn, article_id, assignment.story_id)


def _next_missing(conn: sqlite3.Connection, after: int) -> tuple[int, str] | None:
    return conn.execute(
        "SELECT rowid, id FROM articles a WHERE rowid > ? AND NOT EXISTS "
        "(SELECT 1 FROM story_articles m WHERE m.article_id = a.id) ORDER BY rowid LIMIT 1",
        (after,),
    ).fetchone()


def index_missing_articles(conn: sqlite3.Connection) -> int:
    """Index the stored articles that have no story yet, oldest stored first, each in its own
    transaction (re-checked inside it, as another writer may have done it meanwhile); the
    number indexed. ``conn`` must be in autocommit mode."""
    indexed, position = 0, 0
    while found := _next_missing(conn, position):
        position, article_id = found
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _next_missing(conn, position - 1) == found:
                index_article(conn, article_id)
                indexed += 1
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return indexed
