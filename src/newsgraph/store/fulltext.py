"""Full-text conditions for the store's two search tables, in the dialect of the connection:
SQLite's FTS5 (``MATCH``, ``snippet``, ``rank``) or PostgreSQL's text search (a ``tsvector``
column ``search``, ``plainto_tsquery``, ``ts_headline``, ``ts_rank``). Both read what a person
types as words that must all be there, and neither raises a syntax error on it. PostgreSQL uses
the ``simple`` configuration, like FTS5's default tokenizer: no stemming, no stop words."""

from __future__ import annotations

from .postgres_sql import TEXT_SEARCH_CONFIG


def fts_query(text: str) -> str:
    """``text`` as an FTS5 query of quoted terms, all required: what a person types never
    raises an FTS5 syntax error."""
    terms = [term.replace('"', '""') for term in text.split()]
    return " ".join(f'"{term}"' for term in terms)


def _on_postgres(conn) -> bool:
    return getattr(conn, "dialect", "sqlite") == "postgresql"


def quote_match(conn, text: str) -> tuple[str, list[str]]:
    """A condition on quotes ``q`` holding every word of ``text`` (in the quote or speaker)."""
    if _on_postgres(conn):
        match, value = f"search @@ plainto_tsquery('{TEXT_SEARCH_CONFIG}', ?)", text
    else:
        match, value = "quote_search MATCH ?", fts_query(text)
    return (
        f"(q.article_id, q.id) IN (SELECT article_id, quote_id FROM quote_search WHERE {match})",
        [value],
    )


RANKED_MATCHES = 10000
"""On SQLite, the most matches of a search ranked: FTS5 computes the rank of every match it
sorts, 115 ms for the 98,670 articles holding "have" among 100,000; above this many matches the
newest stored are ranked (4 ms for 2,000)."""

_SNIPPET = "snippet(article_search, 2, '[', ']', '…', 16)"


def search_article_rows(conn, text: str, limit: int) -> list[tuple]:
    """Article id, title, published date and a snippet with the words in [brackets] of the
    ``limit`` articles holding every word of ``text`` that match best, best first."""
    if _on_postgres(conn):
        return conn.execute(
            "SELECT s.article_id, a.title, a.published, ts_headline("
            f"'{TEXT_SEARCH_CONFIG}', s.text, query, 'StartSel=[, StopSel=], MaxWords=16, "
            "MinWords=8, MaxFragments=1, FragmentDelimiter=…') "
            f"FROM article_search s JOIN plainto_tsquery('{TEXT_SEARCH_CONFIG}', ?) AS query "
            "ON s.search @@ query JOIN articles a ON a.id = s.article_id "
            "ORDER BY ts_rank(s.search, query) DESC, s.article_id LIMIT ?",
            [text, limit],
        ).fetchall()
    query = fts_query(text)
    best = conn.execute(
        "SELECT rowid FROM (SELECT rowid, rank FROM article_search WHERE article_search MATCH ? "
        "ORDER BY rowid DESC LIMIT ?) ORDER BY rank LIMIT ?",
        [query, RANKED_MATCHES, limit],
    ).fetchall()
    # The snippets of the best alone: a snippet reads the article's text.
    return [
        conn.execute(
            f"SELECT s.article_id, a.title, a.published, {_SNIPPET} FROM article_search s "
            "JOIN articles a ON a.id = s.article_id WHERE article_search MATCH ? AND s.rowid = ?",
            [query, rowid],
        ).fetchone()
        for (rowid,) in best
    ]
