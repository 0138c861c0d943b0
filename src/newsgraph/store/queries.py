"""Corpus queries over the store's part tables: events, quotes, sources, counts, full-text search.

Each query takes a filter dataclass and returns typed rows; the CLI prints them, and the web API
will serve the same functions. An actor or recipient filter accepts a country code ("MEX", "IGO"),
a country code with a PLOVER sector ("MEXGOV"), or a name (case-insensitive, part of the name).
A place filter accepts a country code or a place name.

Events come two ways: :func:`find_events` counts real-world events (corpus events, each with the
reports of every article that tells it, see :mod:`newsgraph.corpus.events`), and
:func:`find_event_reports` lists every report, one row per event of each article.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from ..corpus.reports import pair_value
from .facets import CORPUS_EVENTS, REPORTS, Facet, named_facet, newest_rows
from .fulltext import quote_match, search_article_rows

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_COUNTRY_SECTOR = re.compile(r"^([A-Z]{3})([A-Z]{3})$")


@dataclass(frozen=True)
class EventFilter:
    """Which events to find. ``corpus_event`` keeps one corpus event (or its reports)."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    source_type: str | None = None
    corpus_event: int | None = None
    limit: int = 100


@dataclass(frozen=True)
class CorpusEventRow:
    """One real-world event: its first report's actors, place and sentence, and how widely it is
    reported (``stories`` counts independent reports: versions of one story count once)."""

    corpus_event: int
    type: str
    modality: str
    date: str | None
    actors: str
    recipients: str
    place: str | None
    reports: int
    articles: int
    sites: int
    stories: int
    first_reported: str | None
    article_id: str
    event_id: str
    evidence: str
    title: str | None


@dataclass(frozen=True)
class EventRow:
    """One event of one article (a report), with the corpus event it belongs to."""

    article_id: str
    event_id: str
    corpus_event: int | None
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
    return f"{alias}.name LIKE ? ESCAPE '\\'", [f"%{escape_like(value)}%"]


def _is_code(value: str | None) -> bool:
    """Whether an actor filter is a country code or a code with its sector ("MEXGOV")."""
    return bool(value) and bool(_COUNTRY.match(value) or _COUNTRY_SECTOR.match(value))


def _place_match(alias: str, value: str) -> tuple[str, list[str]]:
    if _COUNTRY.match(value):
        return f"{alias}.country = ?", [value]
    return f"{alias}.name LIKE ? ESCAPE '\\'", [f"%{escape_like(value)}%"]


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


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


def _add_type_dates_and_id(
    where: _Where, query: EventFilter, alias: str, corpus_event: str
) -> None:
    """The type, date and corpus-event filters, on the events or corpus events row ``alias``
    and the corpus event id column ``corpus_event``."""
    if query.type:
        where.add(f"{alias}.type = ?", query.type.upper())
    if query.since:
        where.add(f"{alias}.date >= ?", query.since)
    if query.until:
        where.add(f"{alias}.date <= ?", query.until)
    if query.corpus_event is not None:
        where.add(f"{corpus_event} = ?", query.corpus_event)


def find_event_reports(conn: sqlite3.Connection, query: EventFilter) -> list[EventRow]:
    """Every report (event of an article) matching every given filter, newest first.

    The filters' facets (:mod:`newsgraph.store.facets`) choose where the search starts: the
    reports of the few corpus events a rare filter allows, or the newest reports."""
    where = _Where()
    if query.actor:
        where.add_match(side_condition("actor", query.actor))
    if query.recipient:
        where.add_match(side_condition("recipient", query.recipient))
    if query.modality:
        where.add("e.modality = ?", query.modality.lower())
    # Place and source as conditions on the event, not on the joined rows: a condition on a
    # joined table let SQLite start from that table's index and sort every match.
    if query.place:
        condition, values = _place_match("pl", query.place)
        where.add(
            "EXISTS (SELECT 1 FROM places pl WHERE pl.article_id = e.article_id "
            f"AND pl.id = e.place AND {condition})",
            *values,
        )
    if query.source_type:
        where.add(
            "EXISTS (SELECT 1 FROM sources so WHERE so.article_id = e.article_id "
            "AND so.id = e.source AND so.type = ?)",
            query.source_type,
        )
    _add_type_dates_and_id(where, query, "e", "r.corpus_event_id")
    display = (
        "SELECT e.article_id, e.id, r.corpus_event_id, e.type, e.mode, e.modality, e.date, "
        f"{_side_names('actor')}, {_side_names('recipient')}, p.name, s.type, s.text, "
        "e.evidence, a.title FROM events e JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN event_reports r ON r.article_id = e.article_id AND r.event_id = e.id "
        "LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place "
        "LEFT JOIN sources s ON s.article_id = e.article_id AND s.id = e.source"
    )
    facets = event_facets(conn, query)
    rows = newest_rows(
        conn, REPORTS, display, facets, where.conditions, where.parameters, query.limit
    )
    return [EventRow(*row) for row in rows]


def event_facets(conn: sqlite3.Connection, query: EventFilter) -> list[Facet]:
    """The report filters of ``query`` as facets of corpus events."""

    def named(facet: str, part: str) -> Facet:
        return named_facet(conn, facet, part, escape_like(" ".join(part.casefold().split())))

    facets = []
    if _is_code(query.actor) and _is_code(query.recipient):
        facets.append(Facet("pair", (pair_value(query.actor, query.recipient),)))
    else:
        for side, value in (("actor", query.actor), ("recipient", query.recipient)):
            if _is_code(value):
                facets.append(Facet(side, (value,)))
            elif value:
                facets.append(named(f"{side}_name", value))
    if query.place and _COUNTRY.match(query.place):
        facets.append(Facet("place", (query.place,)))
    elif query.place:
        facets.append(named("place_name", query.place))
    if query.source_type:
        facets.append(Facet("source", (query.source_type,)))
    if query.modality:
        facets.append(Facet("modality", (query.modality.lower(),)))
    return facets


def find_events(conn: sqlite3.Connection, query: EventFilter) -> list[CorpusEventRow]:
    """Corpus events matching every given filter, newest first: one row per real-world event.

    Type, dates and id are the corpus event's own; it matches an actor, recipient, modality,
    place or source-type filter when one of its reports does. Those filters are answered from
    the corpus events' facets (:mod:`newsgraph.store.facets`), never by a subquery per report
    of the whole store.
    """
    where = _Where()
    _add_type_dates_and_id(where, query, "ce", "ce.id")
    display = (
        "SELECT ce.id, ce.type, e.modality, ce.date, "
        f"{_side_names('actor')}, {_side_names('recipient')}, p.name, ce.reports, "
        "ce.articles, ce.sites, ce.stories, ce.first_reported, e.article_id, e.id, "
        "e.evidence, a.title FROM corpus_events ce "
        "JOIN events e ON e.article_id = ce.first_article_id AND e.id = ce.first_event_id "
        "JOIN articles a ON a.id = e.article_id "
        "LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place"
    )
    facets = event_facets(conn, query)
    rows = newest_rows(
        conn, CORPUS_EVENTS, display, facets, where.conditions, where.parameters, query.limit
    )
    return [CorpusEventRow(*row) for row in rows]


def find_quotes(conn: sqlite3.Connection, query: QuoteFilter) -> list[QuoteRow]:
    """Quotes by speaker (name, or the speaker actor's country code) and words, newest first."""
    where = _Where()
    if query.speaker:
        condition, values = _actor_match("ac", query.speaker)
        where.add(
            f"(q.speaker_text LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM actors ac WHERE "
            f"ac.article_id = q.article_id AND ac.id = q.speaker AND {condition}))",
            f"%{escape_like(query.speaker)}%",
            *values,
        )
    if query.kind:
        where.add("q.kind = ?", query.kind)
    tables = "quotes q JOIN articles a ON a.id = q.article_id"
    if query.search:
        match = quote_match(conn, query.search, may_walk=not query.speaker)
        where.add(match.condition, *match.parameters)
        if match.walk_newest:
            # CROSS JOIN: SQLite walks the articles' date index, newest first.
            tables = "articles a CROSS JOIN quotes q"
            where.add("q.article_id = a.id")
    sql = (
        "SELECT q.article_id, q.id, q.kind, q.speaker_text, q.cue, q.text, a.title, a.published "
        f"FROM {tables}"
        + where.sql
        + " ORDER BY a.published DESC NULLS LAST, q.article_id, q.start LIMIT ?"
    )
    return [QuoteRow(*row) for row in conn.execute(sql, [*where.parameters, query.limit])]


WALKED_ROWS = 5000
"""From how many rows of a filter's value a listing walks the rows newest first, checking each,
instead of sorting all of them by date."""


def _held(conn: sqlite3.Connection, table: str, column: str, value: str) -> int:
    """How many rows of ``table`` have ``value`` in ``column`` (an indexed column), counted up
    to :data:`WALKED_ROWS`."""
    return conn.execute(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {column} = ? LIMIT ?)",
        (value, WALKED_ROWS),
    ).fetchone()[0]


def find_sources(conn: sqlite3.Connection, query: SourceFilter) -> list[SourceRow]:
    """Sources, with how many of their article's events and counts rest on each."""
    where = _Where()
    if not query.type or _held(conn, "sources", "type", query.type) >= WALKED_ROWS:
        # CROSS JOIN: SQLite walks the articles' date index, newest first, and stops at the
        # limit instead of sorting every source; "|| ''" keeps it from looking each article's
        # sources up through the index of all sources of the type.
        tables = "articles a CROSS JOIN sources s"
        where.add("s.article_id = a.id")
        type_condition = "s.type || '' = ?"
    else:
        tables = "sources s JOIN articles a ON a.id = s.article_id"
        type_condition = "s.type = ?"
    if query.type:
        where.add(type_condition, query.type)
    sql = (
        "SELECT s.article_id, s.id, s.type, s.text, s.anonymity_reason, "
        "(SELECT COUNT(*) FROM events e WHERE e.article_id = s.article_id AND e.source = s.id) "
        "+ (SELECT COUNT(*) FROM counts c WHERE c.article_id = s.article_id AND c.source = s.id), "
        f"a.title FROM {tables}"
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
    places = "LEFT JOIN places p ON p.article_id = c.article_id AND p.id = c.place"
    if query.place:
        # CROSS JOIN and "c.place IS NOT NULL": SQLite walks the index of the counts with a
        # place by value, largest first, instead of sorting the counts of every place matched.
        places = "CROSS JOIN places p"
        where.add("c.place IS NOT NULL AND p.article_id = c.article_id AND p.id = c.place")
        where.add_match(_place_match("p", query.place))
    if query.since:
        where.add("c.time >= ?", query.since)
    if query.until:
        where.add("c.time <= ?", query.until)
    sql = (
        "SELECT c.article_id, c.id, c.count_type, c.qualifier, c.value, c.object, c.time, "
        f"p.name, s.text, a.title FROM counts c {places} JOIN articles a ON a.id = c.article_id "
        "LEFT JOIN sources s ON s.article_id = c.article_id AND s.id = c.source"
        + where.sql
        + " ORDER BY c.value DESC, c.article_id, c.id LIMIT ?"
    )
    return [CountRow(*row) for row in conn.execute(sql, [*where.parameters, query.limit])]


def search_articles(conn: sqlite3.Connection, text: str, limit: int = 20) -> list[SearchRow]:
    """Articles whose title or text hold every word of ``text``, best match first, with a
    snippet around the words. On SQLite, when more than
    :data:`~newsgraph.store.fulltext.RANKED_MATCHES` articles match, the best of the newest
    stored that many."""
    if not text.split():
        return []
    return [SearchRow(*row) for row in search_article_rows(conn, text, limit)]
