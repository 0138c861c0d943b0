"""Full-text conditions for the store's two search tables, in the dialect of the connection:
SQLite's FTS5 (``MATCH``, ``snippet``, ``rank``) or PostgreSQL's text search (a ``tsvector``
column ``search``, ``plainto_tsquery``, ``ts_headline``, ``ts_rank``). Both read what a person
types as words that must all be there, and neither raises a syntax error on it. PostgreSQL uses
the ``simple`` configuration, like FTS5's default tokenizer: no stemming, no stop words."""

from __future__ import annotations

from dataclasses import dataclass

from .postgres_sql import TEXT_SEARCH_CONFIG


def fts_query(text: str) -> str:
    """``text`` as an FTS5 query of quoted terms, all required: what a person types never
    raises an FTS5 syntax error."""
    terms = [term.replace('"', '""') for term in text.split()]
    return " ".join(f'"{term}"' for term in terms)


def on_postgres(conn) -> bool:
    """Whether ``conn`` is a PostgreSQL connection of the store."""
    return getattr(conn, "dialect", "sqlite") == "postgresql"


WALKED_QUOTE_MATCHES = 20000
"""On SQLite, from how many quotes holding the words a quote search walks the quotes newest
first, checking each against the index (30 µs a quote), instead of sorting every match by date
(2.6 µs a match): "have" in 116,115 of 800,000 quotes took 386 ms sorted, 32 ms walked; "minister"
in 7,871 took 41 ms sorted, 363 ms walked. The two cost the same near 30,000 matches."""


@dataclass(frozen=True)
class QuoteMatch:
    """A condition on the quotes ``q`` holding every word, with its parameters; with
    ``walk_newest``, the quotes are best read newest first, each checked (common words)."""

    condition: str
    parameters: list[str]
    walk_newest: bool = False


def quote_match(conn, text: str, may_walk: bool = True) -> QuoteMatch:
    """The quotes ``q`` holding every word of ``text`` (in the quote or its speaker). On
    SQLite the search index's rowid is the quote's (:func:`index_quotes`); ``may_walk`` lets a
    common search walk the quotes newest first."""
    if on_postgres(conn):
        return QuoteMatch(
            "(q.article_id, q.id) IN (SELECT article_id, quote_id FROM quote_search WHERE "
            f"search @@ plainto_tsquery('{TEXT_SEARCH_CONFIG}', ?))",
            [text],
        )
    query = fts_query(text)
    matches = conn.execute(
        "SELECT COUNT(*) FROM (SELECT rowid FROM quote_search WHERE quote_search MATCH ? LIMIT ?)",
        (query, WALKED_QUOTE_MATCHES),
    ).fetchone()[0]
    if may_walk and matches >= WALKED_QUOTE_MATCHES:
        return QuoteMatch(
            "EXISTS (SELECT 1 FROM quote_search s WHERE quote_search MATCH ? "
            "AND s.rowid = q.rowid)",
            [query],
            walk_newest=True,
        )
    return QuoteMatch(
        "q.rowid IN (SELECT rowid FROM quote_search WHERE quote_search MATCH ?)", [query]
    )


def index_quotes(conn, article_id: str) -> None:
    """Add the stored quotes of ``article_id`` to the quote search index, on SQLite under the
    quote's own rowid, so a quote is checked against the index without reading the index's
    copy of its ids."""
    rowid = "" if on_postgres(conn) else "rowid, "
    conn.execute(
        f"INSERT INTO quote_search ({rowid}article_id, quote_id, speaker, text) "
        f"SELECT {rowid}article_id, id, COALESCE(speaker_text, ''), text FROM quotes "
        "WHERE article_id = ?",
        (article_id,),
    )


RANKED_MATCHES = 10000
"""On SQLite, the most matches of a search ranked: FTS5 computes the rank of every match it
sorts, 115 ms for the 98,670 articles holding "have" among 100,000; above this many matches the
newest stored are ranked (4 ms for 2,000)."""

_SNIPPET = "snippet(article_search, 2, '[', ']', '…', 16)"


def search_article_rows(conn, text: str, limit: int) -> list[tuple]:
    """Article id, title, published date and a snippet with the words in [brackets] of the
    ``limit`` articles holding every word of ``text`` that match best, best first."""
    if on_postgres(conn):
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
