"""The store a ``--db`` value names: a ``postgresql://`` URL, or a SQLite file (the default)."""

from __future__ import annotations

from .postgres import PostgresStore, is_postgres_url
from .sqlite import ArticleStore


def open_article_store(location: str, readonly: bool = False) -> ArticleStore:
    """The store at ``location``, for writing (created and migrated as needed) or reading."""
    if is_postgres_url(location):
        return PostgresStore.open_readonly(location) if readonly else PostgresStore(location)
    return ArticleStore.open_readonly(location) if readonly else ArticleStore(location)
