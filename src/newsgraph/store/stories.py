"""Story queries: stories (clusters of near-duplicate articles, see :mod:`newsgraph.corpus.stories`)
with how many versions they have, and the versions of one story."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


@dataclass(frozen=True)
class StoryFilter:
    min_versions: int = 1
    since: str | None = None
    until: str | None = None
    limit: int = 100


@dataclass(frozen=True)
class StoryRow:
    """One story: its versions, the sites that carry it, its earliest publication date, and the
    title (``headline``) and id of its earliest version."""

    story: int
    versions: int
    sites: str
    first_published: str | None
    headline: str | None
    article_id: str


@dataclass(frozen=True)
class StoryVersionRow:
    """One version of a story (``headline`` is its title), and the version it was matched with
    when stored, with their estimated similarity; the first version stored has none."""

    article_id: str
    headline: str | None
    site: str | None
    published: str | None
    size: int
    matched_article_id: str | None
    similarity: float | None


_EARLIEST = (
    "(SELECT m.article_id FROM story_articles m JOIN articles a ON a.id = m.article_id "
    "WHERE m.story_id = st.id ORDER BY a.published IS NULL, a.published, a.rowid LIMIT 1)"
)
_SITES = (
    "(SELECT COALESCE(group_concat(site, ', '), '') FROM (SELECT DISTINCT a.site "
    "FROM story_articles m JOIN articles a ON a.id = m.article_id "
    "WHERE m.story_id = st.id AND a.site IS NOT NULL ORDER BY a.site))"
)


def find_stories(conn: sqlite3.Connection, query: StoryFilter) -> list[StoryRow]:
    """Stories with at least ``min_versions`` versions, first published in the given dates,
    newest first."""
    conditions, parameters = ["st.versions >= ?"], [query.min_versions]
    if query.since:
        conditions.append("st.first_published >= ?")
        parameters.append(query.since)
    if query.until:
        conditions.append("st.first_published <= ?")
        parameters.append(query.until)
    sql = (
        f"SELECT st.id, st.versions, {_SITES}, st.first_published, a.title, a.id "
        f"FROM (SELECT * FROM stories st WHERE {' AND '.join(conditions)} "
        "ORDER BY st.first_published DESC NULLS LAST, st.id DESC LIMIT ?) st "
        f"JOIN articles a ON a.id = {_EARLIEST} ORDER BY st.first_published DESC NULLS LAST, st.id DESC"
    )
    return [StoryRow(*row) for row in conn.execute(sql, [*parameters, query.limit])]


def story_versions(conn: sqlite3.Connection, story_id: int) -> list[StoryVersionRow]:
    """The versions of story ``story_id``, earliest published first; empty for no such story."""
    sql = (
        "SELECT a.id, a.title, a.site, a.published, a.size, m.matched_article_id, m.similarity "
        "FROM story_articles m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? "
        "ORDER BY a.published IS NULL, a.published, a.rowid"
    )
    return [StoryVersionRow(*row) for row in conn.execute(sql, (story_id,))]


def story_of_article(conn: sqlite3.Connection, article_id: str) -> int | None:
    """The story of the stored article ``article_id``; None when it has none (yet)."""
    row = conn.execute(
        "SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)
    ).fetchone()
    return row[0] if row else None
