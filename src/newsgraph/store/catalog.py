"""The corpus's catalog: the places and actors it names, with how much it says about each, the
countries where its events happen (for a map), the country pairs its events join (for a
network), and one actor's profile. The web pages and the API browse the corpus with these.

Places and actors are counted over the newest :data:`RECENT_ARTICLES` articles (by publication
date), the catalog's window: grouping every actor or place row of a large store per request
does not answer in time (1.6 million actor rows take 1.3 s on two cores), while the window's
rows do. On a store of fewer articles the window is the whole store and the counts are exact;
on a larger one they say who and where the recent news is about. Country and pair counts come
from the corpus events' facets (:mod:`newsgraph.store.facets`) over the whole store, and an
actor's profile from the indexes on names, also over the whole store.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Literal

from .queries import (
    CorpusEventRow,
    EventFilter,
    QuoteRow,
    escape_like,
    find_events,
)
from .relations import date_bounds, pair_period, pair_totals

RECENT_ARTICLES = 500
"""How many of the newest articles the place and actor catalog counts over."""

PROFILE_QUOTES = 20
PROFILE_EVENTS = 20
LABEL_ROWS = 1000
"""How many of an actor's rows its profile's country and sector are read from."""
WALK_ARTICLES = 2000
"""From how many articles naming it on, an actor is common: its quotes are looked for in the
newest :data:`QUOTE_WINDOW` articles only."""
QUOTE_WINDOW = 2000
NETWORK_DAYS = 91
"""The network's period when no start is given: the quarter up to its end. A year of a large
store's corpus events takes longer to pair than a page may."""

PlaceOrder = Literal["events", "articles", "name"]
ActorOrder = Literal["articles", "events", "quotes", "name"]
# The ORDER BY of each order: ties are broken by the other counts, then by the names.
_PLACE_ORDERS = {
    "events": "events DESC, articles DESC, p.name, p.country",
    "articles": "articles DESC, events DESC, p.name, p.country",
    "name": "p.name, p.country",
}
_ACTOR_ORDERS = {
    "articles": "articles DESC, events DESC, ac.name, ac.country, ac.sector",
    "events": "events DESC, articles DESC, ac.name, ac.country, ac.sector",
    "quotes": "quotes DESC, articles DESC, ac.name, ac.country, ac.sector",
    "name": "ac.name, ac.country, ac.sector",
}

# The window's articles; the queries CROSS JOIN their rows to it, so SQLite starts from the
# window and not from an index on a filtered column (all of a country's actors).
_RECENT = "SELECT id FROM articles ORDER BY published DESC NULLS LAST, id LIMIT ?"


@dataclass(frozen=True)
class PlaceFilter:
    """Which places to list: in a country (ISO 3166-1 alpha-3), with a name holding ``name``
    (case-insensitive)."""

    country: str | None = None
    name: str | None = None
    limit: int = 100
    sort: PlaceOrder = "events"


@dataclass(frozen=True)
class PlaceRow:
    """One place (a name in a country) with the number of corpus events placed there and of
    articles naming it, in the catalog's window."""

    name: str
    country: str | None
    iso3166_2: str | None
    lat: float | None
    lon: float | None
    type: str
    events: int
    articles: int


@dataclass(frozen=True)
class CountryEvents:
    """The number of corpus events placed in one country."""

    country: str
    events: int


@dataclass(frozen=True)
class ActorFilter:
    """Which actors to list: of a country (alpha-3 or IGO), of a PLOVER sector (GOV, MIL …),
    with a name holding ``name`` (case-insensitive)."""

    country: str | None = None
    sector: str | None = None
    name: str | None = None
    limit: int = 100
    sort: ActorOrder = "articles"


@dataclass(frozen=True)
class ActorRow:
    """One actor (a name with its country and sector) with the articles naming it, the corpus
    events it is a side of, and the quotes it speaks, in the catalog's window."""

    name: str
    country: str | None
    sector: str | None
    kind: str
    articles: int
    events: int
    quotes: int


@dataclass(frozen=True)
class ActorPair:
    """Two countries' corpus events with each other (both directions) in a period, and the sums
    of their cooperative and conflictual PLOVER scores."""

    first: str
    second: str
    events: int
    cooperation: float
    conflict: float


@dataclass(frozen=True)
class ActorProfile:
    """One actor over the whole store: its most frequent country and sector, the articles
    naming it, the corpus events it is a side of, its latest quotes and latest events."""

    name: str
    country: str | None
    sector: str | None
    articles: int
    events: int
    quotes: list[QuoteRow]
    recent_events: list[CorpusEventRow]


def _conditions(alias: str, **wanted: str | None) -> tuple[str, list[str]]:
    """``AND``-joined conditions on the row ``alias``: a code column equal to each given code,
    and ``name`` holding the given text."""
    sql, values = "", []
    for column, value in wanted.items():
        if not value:
            continue
        if column == "name":
            sql += f" AND {alias}.name LIKE ? ESCAPE '\\'"
            values.append(f"%{escape_like(value)}%")
        else:
            # upper() of a code that is upper case already: it keeps SQLite from reading the
            # window's rows through the index on the code (all of a country's rows, per article).
            sql += f" AND upper({alias}.{column}) = ?"
            values.append(value.upper())
    return sql, values


def find_places(conn: sqlite3.Connection, query: PlaceFilter) -> list[PlaceRow]:
    """Places named in the window's articles, each name in a country once, with the corpus
    events placed there and the articles naming them, most events first (then most articles),
    or by ``query.sort``."""
    where, values = _conditions("p", country=query.country, name=query.name)
    sql = (
        "SELECT p.name, p.country, MIN(p.iso3166_2), MIN(p.lat), MIN(p.lon), MIN(p.type), "
        "COUNT(DISTINCT r.corpus_event_id) AS events, COUNT(DISTINCT p.article_id) AS articles "
        f"FROM ({_RECENT}) w CROSS JOIN places p "
        "LEFT JOIN events e ON e.article_id = p.article_id AND e.place = p.id "
        "LEFT JOIN event_reports r ON r.article_id = e.article_id AND r.event_id = e.id "
        f"WHERE p.article_id = w.id{where} GROUP BY p.name, p.country "
        f"ORDER BY {_PLACE_ORDERS[query.sort]} LIMIT ?"
    )
    return [PlaceRow(*row) for row in conn.execute(sql, [RECENT_ARTICLES, *values, query.limit])]


def country_event_counts(
    conn: sqlite3.Connection, since: str | None = None, until: str | None = None
) -> list[CountryEvents]:
    """Corpus events by the country they are placed in, most first, between ``since`` and
    ``until`` (ISO dates of any precision, both included; undated events only without them).
    Read from the index on the corpus events' place country and date alone."""
    bounds, values = date_bounds(since, until)
    sql = (
        "SELECT ce.place_country, COUNT(*) AS events FROM corpus_events ce "
        f"WHERE ce.place_country IS NOT NULL{bounds} "
        "GROUP BY ce.place_country ORDER BY events DESC, ce.place_country"
    )
    return [CountryEvents(*row) for row in conn.execute(sql, values)]


def find_actors(conn: sqlite3.Connection, query: ActorFilter) -> list[ActorRow]:
    """Actors named in the window's articles, grouped by name, country and sector, with the
    articles naming them, the corpus events they are a side of and the quotes they speak, most
    articles first, or by ``query.sort``."""
    where, values = _conditions("ac", country=query.country, sector=query.sector, name=query.name)
    sql = (
        "SELECT ac.name, ac.country, ac.sector, MIN(ac.kind), "
        "COUNT(DISTINCT ac.article_id) AS articles, COUNT(DISTINCT r.corpus_event_id) AS events, "
        "COUNT(DISTINCT q.id || ' ' || q.article_id) AS quotes "
        f"FROM ({_RECENT}) w CROSS JOIN actors ac "
        "LEFT JOIN event_actors ea ON ea.article_id = ac.article_id AND ea.actor_id = ac.id "
        "LEFT JOIN event_reports r ON r.article_id = ea.article_id AND r.event_id = ea.event_id "
        "LEFT JOIN quotes q ON q.article_id = ac.article_id AND q.speaker = ac.id "
        f"WHERE ac.article_id = w.id{where} GROUP BY ac.name, ac.country, ac.sector "
        f"ORDER BY {_ACTOR_ORDERS[query.sort]} LIMIT ?"
    )
    return [ActorRow(*row) for row in conn.execute(sql, [RECENT_ARTICLES, *values, query.limit])]


def actor_network(
    conn: sqlite3.Connection,
    since: str | None = None,
    until: str | None = None,
    limit: int = 100,
) -> list[ActorPair]:
    """The country pairs with the most corpus events between them (both directions together)
    between ``since`` and ``until`` (ISO dates of any precision, both included; ``until``
    defaults to the latest article, ``since`` to :data:`NETWORK_DAYS` before ``until``), most
    events first. Counted as :func:`newsgraph.store.relations.dyads` counts them: each corpus
    event once per pair, negated and hypothetical events left out."""
    period = pair_period(conn, since, until, NETWORK_DAYS)
    if period is None:
        return []
    pairs = [
        ActorPair(first, second, events, round(cooperation, 1), round(conflict, 1))
        for (first, second), (events, cooperation, conflict, _) in pair_totals(
            conn, *period
        ).items()
    ]
    pairs.sort(key=lambda pair: (-pair.events, pair.first, pair.second))
    return pairs[:limit]


def actor_profile(conn: sqlite3.Connection, name: str) -> ActorProfile | None:
    """The actor named ``name`` (case-insensitive, the whole name) over the whole store; None
    when no article names it.

    Its country and sector are the most frequent among its first :data:`LABEL_ROWS` rows, and
    its articles are its rows: an article has one actor per real-world entity."""
    exact = escape_like(name)
    articles = conn.execute(
        "SELECT COUNT(*) FROM actors ac WHERE ac.name LIKE ? ESCAPE '\\'", (exact,)
    ).fetchone()[0]
    if not articles:
        return None
    stored_name, country, sector = conn.execute(
        "SELECT name, country, sector FROM (SELECT ac.name, ac.country, ac.sector FROM actors ac "
        "WHERE ac.name LIKE ? ESCAPE '\\' LIMIT ?) labels GROUP BY name, country, sector "
        "ORDER BY COUNT(*) DESC, country, sector LIMIT 1",
        (exact, LABEL_ROWS),
    ).fetchone()
    events = conn.execute(
        "SELECT COUNT(DISTINCT f.corpus_event_id) FROM corpus_event_facets f "
        "WHERE f.facet IN ('actor_name', 'recipient_name') AND f.value = ?",
        (" ".join(stored_name.casefold().split()),),
    ).fetchone()[0]
    return ActorProfile(
        name=stored_name,
        country=country,
        sector=sector,
        articles=articles,
        events=events,
        quotes=_spoken_by(conn, exact, articles >= WALK_ARTICLES),
        recent_events=_sides_of(conn, stored_name),
    )


# The newest quotes of the actors whose name is ``?`` (escaped for LIKE), in ``{articles}`` (as
# ``a``). ``{name}`` is ``ac.name``, or an expression of it that keeps SQLite from starting at
# the name index when the articles are to be walked newest first.
_QUOTES_OF = (
    "SELECT q.article_id, q.id, q.kind, q.speaker_text, q.cue, q.text, a.title, a.published "
    "FROM {articles} JOIN actors ac ON ac.article_id = a.id "
    "JOIN quotes q ON q.article_id = a.id AND q.speaker = ac.id "
    "WHERE {name} LIKE ? ESCAPE '\\' "
    "ORDER BY a.published DESC NULLS LAST, q.article_id, q.start LIMIT ?"
)
_UNINDEXED_NAME = "ac.name || ''"
_NEWEST_ARTICLES = (
    "(SELECT a.id, a.title, a.published FROM articles a "
    "ORDER BY a.published DESC NULLS LAST, a.id LIMIT ?) a"
)


def _spoken_by(conn: sqlite3.Connection, exact: str, common: bool) -> list[QuoteRow]:
    """The newest :data:`PROFILE_QUOTES` quotes of the actors whose whole name is ``exact``
    (escaped for LIKE): a rare actor's found from the actors' name index, a ``common`` one's
    in the newest :data:`QUOTE_WINDOW` articles (reading a common name's every row takes
    longer than a page may).

    Not :func:`~newsgraph.store.queries.find_quotes`: it matches every quote's speaker with a
    part of a name, which reads every quote of a large store."""
    if common:
        sql = _QUOTES_OF.format(articles=_NEWEST_ARTICLES, name=_UNINDEXED_NAME)
        values = (QUOTE_WINDOW, exact, PROFILE_QUOTES)
    else:
        sql = _QUOTES_OF.format(articles="articles a", name="ac.name")
        values = (exact, PROFILE_QUOTES)
    return [QuoteRow(*row) for row in conn.execute(sql, values)]


def _sides_of(conn: sqlite3.Connection, name: str) -> list[CorpusEventRow]:
    """The newest :data:`PROFILE_EVENTS` corpus events with ``name`` on either side."""
    # Lower case, so that a name such as "FBI" is not read as a country code.
    part = name.lower()
    rows = {
        row.corpus_event: row
        for side in ("actor", "recipient")
        for row in find_events(conn, EventFilter(**{side: part}, limit=PROFILE_EVENTS))
    }
    newest = sorted(rows.values(), key=lambda row: (row.date or "", row.corpus_event))
    return newest[::-1][:PROFILE_EVENTS]
