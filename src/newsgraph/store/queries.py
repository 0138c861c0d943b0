"""Corpus queries over the store's part tables: events, quotes, sources, counts, full-text search.

Each query takes a filter dataclass and returns typed rows; the CLI prints them, and the web API
will serve the same functions. An actor or recipient filter accepts a country code ("MEX", "IGO"),
a country code with a PLOVER sector ("MEXGOV"), or a name (case-insensitive, part of the name).
A place filter accepts a country code or a place name.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_COUNTRY_SECTOR = re.compile(r"^([A-Z]{3})([A-Z]{3})$")


@dataclass(frozen=True)
class EventFilter:
    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    source_type: str | None = None
    limit: int = 100


@dataclass(frozen=True)
class EventRow:
    article_id: str
    event_id: str
    type: str
    mode: str | None
    modality: str
    date: str | None
    actors: str
    recipients: str
    place: str | None
    source_type: str | None
    source: str | None
    evidence: str
    title: str | None


@dataclass(frozen=True)
class QuoteFilter:
    speaker: str | None = None
    search: str | None = None
    kind: str | None = None
    limit: int = 100


@dataclass(frozen=True)
class QuoteRow:
    article_id: str
    quote_id: str
    kind: str
    speaker: str | None
    cue: str | None
    text: str
    title: str | None
    published: str | None


@dataclass(frozen=True)
class SourceFilter:
    type: str | None = None
    limit: int = 100


@dataclass(frozen=True)
class SourceRow:
    article_id: str
    source_id: str
    type: str
    text: str
    anonymity_reason: bool
    claims: int
    title: str | None


@dataclass(frozen=True)
class CountFilter:
    type: str | None = None
    place: str | None = None
    since: str | None = None
    until: str | None = None
    limit: int = 100


@dataclass(frozen=True)
class CountRow:
    article_id: str
    count_id: str
    count_type: str
    qualifier: str
    value: float
    object: str | None
    time: str | None
    place: str | None
    source: str | None
    title: str | None


@dataclass(frozen=True)
class SearchRow:
    article_id: str
    title: str | None
    published: str | None
    snippet: str


def _actor_match(alias: str, value: str) -> tuple[str, list[str]]:
    """SQL condition on the actors row ``alias`` for a code, a code with sector, or a name."""
    with_sector = _COUNTRY_SECTOR.match(value)
    if with_sector:
        return f"{alias}.country = ? AND {alias}.sector = ?", [with_sector[1], with_sector[2]]
    if _COUNTRY.match(value):
        return f"{alias}.country = ?", [value]
    return f"{alias}.name LIKE ? ESCAPE '\\'", [f"%{_like(value)}%"]


def _place_match(alias: str, value: str) -> tuple[str, list[str]]:
    if _COUNTRY.match(value):
        return f"{alias}.country = ?", [value]
    return f"{alias}.name LIKE ? ESCAPE '\\'", [f"%{_like(value)}%"]


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fts_query(text: str) -> str:
    """``text`` as an FTS5 query of quoted terms, all required: what a person types never
    raises an FTS5 syntax error."""
    terms = [term.replace('"', '""') for term in text.split()]
    return " ".join(f'"{term}"' for term in terms)


def _side_names(side: str) -> str:
    return (
        "(SELECT COALESCE(group_concat(ac.name, '; '), '') FROM event_actors ea JOIN actors ac"
        " ON ac.article_id = ea.article_id AND ac.id = ea.actor_id"
        f" WHERE ea.article_id = e.article_id AND ea.event_id = e.id AND ea.side = '{side}')"
    )


def side_condition(side: str, value: str) -> tuple[str, list[str]]:
    condition, parameters = _actor_match("ac", value)
    return (
        "EXISTS (SELECT 1 FROM event_actors ea JOIN actors ac"
        " ON ac.article_id = ea.article_id AND ac.id = ea.actor_id"
        f" WHERE ea.article_id = e.article_id AND ea.event_id = e.id AND ea.side = '{side}'"
        f" AND {condition})",
        parameters,
    )


class _Where:
    """The conditions of a query and their parameters, joined with AND."""

    def __init__(self) -> None:
        self.conditions: list[str] = []
        self.parameters: list = []

    def add(self, condition: str, *values) -> None:
        self.conditions.append(condition)
        self.parameters.extend(values)

    def add_match(self, match: tuple[str, list]) -> None:
        self.add(match[0], *match[1])

    @property
    def sql(self) -> str:
        return " WHERE " + " AND ".join(self.conditions) if self.conditions else ""


def find_events(conn: sqlite3.Connection, query: EventFilter) -> list[EventRow]:
    """Events matching every given filter, newest first."""
    where = _Where()
    if query.actor:
        where.add_match(side_condition("actor", query.actor))
    if query.recipient:
        where.add_match(side_condition("recipient", query.recipient))
    if query.type:
        where.add("e.type = ?", query.type.upper())
    if query.modality:
        where.add("e.modality = ?", query.modality.lower())
    if query.since:
        where.add("e.date >= ?", query.since)
    if query.until:
        where.add("e.date <= ?", query.until)
    if query.place:
        where.add_match(_place_match("p", query.place))
    if query.source_type:
        where.add("s.type = ?", query.source_type)
    sql = (
        "SELECT e.article_id, e.id, e.type, e.mode, e.modality, e.date, "
        f"{_side_names('actor')}, {_side_names('recipient')}, p.name, s.type, s.text, "
        "e.evidence, a.title FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place "
        "LEFT JOIN sources s ON s.article_id = e.article_id AND s.id = e.source"
        + where.sql
        + " ORDER BY e.date DESC NULLS LAST, e.article_id, e.id LIMIT ?"
    )
    return [EventRow(*row) for row in conn.execute(sql, [*where.parameters, query.limit])]


def find_quotes(conn: sqlite3.Connection, query: QuoteFilter) -> list[QuoteRow]:
    """Quotes by speaker (name, or the speaker actor's country code) and words, newest first."""
    where = _Where()
    if query.speaker:
        condition, values = _actor_match("ac", query.speaker)
        where.add(
            f"(q.speaker_text LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM actors ac WHERE "
            f"ac.article_id = q.article_id AND ac.id = q.speaker AND {condition}))",
            f"%{_like(query.speaker)}%",
            *values,
        )
    if query.kind:
        where.add("q.kind = ?", query.kind)
    if query.search:
        where.add(
            "(q.article_id, q.id) IN (SELECT article_id, quote_id FROM quote_search "
            "WHERE quote_search MATCH ?)",
            fts_query(query.search),
        )
    sql = (
        "SELECT q.article_id, q.id, q.kind, q.speaker_text, q.cue, q.text, a.title, a.published "
        "FROM quotes q JOIN articles a ON a.id = q.article_id"
        + where.sql
        + " ORDER BY a.published DESC NULLS LAST, q.article_id, q.start LIMIT ?"
    )
    return [QuoteRow(*row) for row in conn.execute(sql, [*where.parameters, query.limit])]


def find_sources(conn: sqlite3.Connection, query: SourceFilter) -> list[SourceRow]:
    """Sources, with how many of their article's events and counts rest on each."""
    where = _Where()
    if query.type:
        where.add("s.type = ?", query.type)
    sql = (
        "SELECT s.article_id, s.id, s.type, s.text, s.anonymity_reason, "
        "(SELECT COUNT(*) FROM events e WHERE e.article_id = s.article_id AND e.source = s.id) "
        "+ (SELECT COUNT(*) FROM counts c WHERE c.article_id = s.article_id AND c.source = s.id), "
        "a.title FROM sources s JOIN articles a ON a.id = s.article_id"
        + where.sql
        + " ORDER BY a.published DESC NULLS LAST, s.article_id, s.start LIMIT ?"
    )
    return [
        SourceRow(article_id, source_id, type_, text, bool(reason), claims, title)
        for article_id, source_id, type_, text, reason, claims, title in conn.execute(
            sql, [*where.parameters, query.limit]
        )
    ]


def find_counts(conn: sqlite3.Connection, query: CountFilter) -> list[CountRow]:
    """Counts by type, place and time, largest first."""
    where = _Where()
    if query.type:
        where.add("c.count_type = ?", query.type.upper())
    if query.place:
        where.add_match(_place_match("p", query.place))
    if query.since:
        where.add("c.time >= ?", query.since)
    if query.until:
        where.add("c.time <= ?", query.until)
    sql = (
        "SELECT c.article_id, c.id, c.count_type, c.qualifier, c.value, c.object, c.time, "
        "p.name, s.text, a.title FROM counts c JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN places p ON p.article_id = c.article_id AND p.id = c.place "
        "LEFT JOIN sources s ON s.article_id = c.article_id AND s.id = c.source"
        + where.sql
        + " ORDER BY c.value DESC, c.article_id, c.id LIMIT ?"
    )
    return [CountRow(*row) for row in conn.execute(sql, [*where.parameters, query.limit])]


def search_articles(conn: sqlite3.Connection, text: str, limit: int = 20) -> list[SearchRow]:
    """Articles whose title or text hold every word of ``text``, best match first, with a
    snippet around the words."""
    sql = (
        "SELECT s.article_id, a.title, a.published, "
        "snippet(article_search, 2, '[', ']', '…', 16) FROM article_search s "
        "JOIN articles a ON a.id = s.article_id WHERE article_search MATCH ? "
        "ORDER BY rank LIMIT ?"
    )
    if not text.split():
        return []
    return [SearchRow(*row) for row in conn.execute(sql, (fts_query(text), limit))]
