"""Relations between actors over time: the events between two actors by period, with the sum of
their PLOVER scores as a cooperation-conflict index, and the actor pairs (dyads) with the most
conflict and cooperation in a period against the period before.

Dates in the store are ISO strings of varying precision ("2025", "2025-06", "2025-06-03"); these
queries need a month at least and leave year-only events out of periods they cannot place. Events
that did not happen (negated) or are only supposed (hypothetical) are not counted, and an event
several articles report is counted once (its corpus event, :mod:`newsgraph.corpus`), dated by its
most precise report."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date as calendar_date
from datetime import timedelta

from ..events.lexicon import load_lexicon
from .facets import having_all, least_held
from .queries import EventFilter, event_facets

UNREAL = "('negated', 'hypothetical')"


@dataclass(frozen=True)
class TimelineRow:
    """Events between two actors in one period: each direction's count, the types seen, and
    the sum of their PLOVER scores (cooperation above zero, conflict below)."""

    period: str
    a_to_b: int
    b_to_a: int
    types: str
    score: float


def _period(date: str, by: str) -> str | None:
    """The month ("2025-06") or ISO week ("2025-W23") of a date; None when it is too coarse."""
    if by == "month":
        return date[:7] if len(date) >= 7 else None
    if len(date) < 10:
        return None
    year, week, _ = calendar_date.fromisoformat(date[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def timeline(
    conn: sqlite3.Connection,
    a: str,
    b: str,
    by: str = "month",
    since: str | None = None,
    until: str | None = None,
) -> list[TimelineRow]:
    """Events with ``a`` on one side and ``b`` on the other, both directions, by period
    (``month`` or ``week``), oldest first, between ``since`` and ``until`` (ISO dates of any
    precision, both included: ``until="2026"`` keeps all of 2026). Events dated only to a year
    are left out.

    The corpus events are read from the facet index of the side fewer of them have
    (:mod:`newsgraph.store.facets`), never by a subquery per report of the whole store."""
    tallies: dict[str, _Tally] = {}
    scores = _type_scores()
    for first, second in ((a, b), (b, a)):
        facets = event_facets(conn, EventFilter(actor=first, recipient=second))
        if any(not facet.values for facet in facets):
            continue
        driver = least_held(conn, facets)
        ids, id_values = having_all(driver, [facet for facet in facets if facet is not driver])
        bounds, bound_values = date_bounds(since, until)
        for type_, date in conn.execute(
            f"SELECT ce.type, ce.date FROM corpus_events ce WHERE ce.id IN ({ids}) "
            f"AND length(ce.date) >= 7 AND ce.modality_class NOT IN {UNREAL}{bounds}",
            [*id_values, *bound_values],
        ):
            period = _period(date, by)
            if period is not None:
                tallies.setdefault(period, _Tally()).add(first == a, type_, scores.get(type_))
    if not tallies:
        return []
    return [
        tallies.get(period, _Tally()).row(period)
        for period in _periods_between(min(tallies), max(tallies), by)
    ]


def _type_scores() -> dict[str, float]:
    """Each PLOVER type's score: the score the event coder gives every event of the type."""
    return {name: event_type.score or 0.0 for name, event_type in load_lexicon().types.items()}


@dataclass
class _Tally:
    a_to_b: int = 0
    b_to_a: int = 0
    score: float = 0.0
    types: dict[str, int] = field(default_factory=dict)

    def add(self, forward: bool, type_: str, score: float | None) -> None:
        if forward:
            self.a_to_b += 1
        else:
            self.b_to_a += 1
        self.types[type_] = self.types.get(type_, 0) + 1
        self.score += score or 0.0

    def row(self, period: str) -> TimelineRow:
        types = sorted(self.types.items(), key=lambda item: -item[1])
        return TimelineRow(
            period,
            self.a_to_b,
            self.b_to_a,
            ", ".join(f"{name} {number}" for name, number in types),
            round(self.score, 1),
        )


def period_start(period: str) -> calendar_date:
    """The first day of a month ("2025-06") or an ISO week ("2025-W23")."""
    if "-W" in period:
        year, week = period.split("-W")
        return calendar_date.fromisocalendar(int(year), int(week), 1)
    year, month = period.split("-")
    return calendar_date(int(year), int(month), 1)


def _periods_between(first: str, last: str, by: str) -> list[str]:
    """Every period from ``first`` to ``last``, those without events included."""
    day, end = period_start(first), period_start(last)
    periods = []
    while day <= end:
        periods.append(_period(day.isoformat(), by))
        day = day + timedelta(days=7) if by == "week" else _day(day.isoformat()[:7], end=True)
    return periods


def date_bounds(since: str | None, until: str | None) -> tuple[str, list[str]]:
    """SQL conditions on ``ce.date`` for an inclusive range of ISO dates of any precision."""
    sql, values = "", []
    if since:
        sql += " AND ce.date >= ?"
        values.append(since)
    if until:
        sql += " AND substr(ce.date, 1, length(?)) <= ?"
        values += [until, until]
    return sql, values


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """The values as a line of block characters, lowest to highest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    return "".join(SPARK[round((value - low) / spread * (len(SPARK) - 1))] for value in values)


@dataclass(frozen=True)
class DyadRow:
    """Two countries' events with each other (both directions) in a period: how many, the sums
    of their cooperative and conflictual PLOVER scores, the net index, and the index of the
    period before with the change."""

    first: str
    second: str
    events: int
    cooperation: float
    conflict: float
    index: float
    previous_index: float
    change: float


@dataclass(frozen=True)
class DyadReport:
    """The period compared (half-open ISO days), the one before it, and the pairs ranked."""

    start: str
    end: str
    previous_start: str
    most_conflict: list[DyadRow]
    most_cooperation: list[DyadRow]


# The country pairs of the corpus events in a period and their types, from the ``pair`` facet
# (country codes are three letters, so "USA>MEX" and not "USAGOV>MEX"), counting each corpus
# event once per pair: one with actors on both sides, or told by several reports, counts once.
# Month-only dates stand for the month's first day; year-only dates are left out. The bare
# ``ce.date`` bounds are implied by the others and let the date index find the period; CROSS
# JOIN keeps SQLite from starting at the facets of the whole store instead.
_PAIR_EVENTS = f"""
SELECT pair, type, COUNT(*)
FROM (
    SELECT DISTINCT CASE WHEN substr(f.value, 1, 3) < substr(f.value, 5, 3) THEN f.value
        ELSE substr(f.value, 5, 3) || '>' || substr(f.value, 1, 3) END AS pair,
        ce.id, ce.type AS type
    FROM corpus_events ce CROSS JOIN corpus_event_facets f
    WHERE f.corpus_event_id = ce.id AND f.facet = 'pair' AND length(f.value) = 7
        AND substr(f.value, 1, 3) != substr(f.value, 5, 3)
        AND ce.date >= substr(:start, 1, 7) AND ce.date < :end AND length(ce.date) >= 7
        AND substr(ce.date || '-01', 1, 10) >= :start AND substr(ce.date || '-01', 1, 10) < :end
        AND ce.modality_class NOT IN {UNREAL}
) pairs
GROUP BY pair, type
"""


def _day(value: str, end: bool = False) -> calendar_date:
    """The first day of an ISO date of any precision, or with ``end`` the day after its last."""
    parts = [int(part) for part in value.split("-")]
    if len(parts) == 3:
        day = calendar_date(*parts)
        return day + timedelta(days=1) if end else day
    if len(parts) == 2:
        year, month = parts
        if not end:
            return calendar_date(year, month, 1)
        return calendar_date(year + month // 12, month % 12 + 1, 1)
    return calendar_date(parts[0] + 1 if end else parts[0], 1, 1)


def pair_period(
    conn: sqlite3.Connection, since: str | None, until: str | None, days: int = 365
) -> tuple[calendar_date, calendar_date] | None:
    """The half-open period of days between ``since`` and ``until`` (ISO dates of any
    precision, both included): ``until`` defaults to the latest article in the store, ``since``
    to ``days`` before ``until``. None when ``until`` is not given and no article is dated."""
    end = _day(until, end=True) if until else _latest_article_day(conn)
    if end is None:
        return None
    return (_day(since) if since else end - timedelta(days=days)), end


def _latest_article_day(conn: sqlite3.Connection) -> calendar_date | None:
    # Not the latest event: events can be dated in the future ("talks next August").
    latest = conn.execute(
        "SELECT MAX(published) FROM articles WHERE length(published) >= 7"
    ).fetchone()[0]
    return _day(latest, end=True) if latest else None


def dyads(
    conn: sqlite3.Connection,
    since: str | None = None,
    until: str | None = None,
    limit: int = 10,
) -> DyadReport | None:
    """The country pairs with the most conflict and the most cooperation between ``since`` and
    ``until`` (ISO dates of any precision, both included), each with its index in the period of
    the same length just before. ``until`` defaults to the latest article in the store, ``since``
    to one year before ``until``. None when the store holds no dated events."""
    period = pair_period(conn, since, until)
    if period is None:
        return None
    start, end = period
    previous_start = _period_before(start, end)
    current = pair_totals(conn, start, end)
    previous = pair_totals(conn, previous_start, start)
    rows = []
    for pair, (events, cooperation, conflict, index) in current.items():
        before = previous.get(pair, (0, 0.0, 0.0, 0.0))[3]
        rows.append(
            DyadRow(
                *pair,
                events,
                round(cooperation, 1),
                round(conflict, 1),
                round(index, 1),
                round(before, 1),
                round(index - before, 1),
            )
        )
    return DyadReport(
        start.isoformat(),
        end.isoformat(),
        previous_start.isoformat(),
        sorted((row for row in rows if row.conflict < 0), key=lambda row: row.conflict)[:limit],
        sorted((row for row in rows if row.cooperation > 0), key=lambda row: -row.cooperation)[
            :limit
        ],
    )


def _period_before(start: calendar_date, end: calendar_date) -> calendar_date:
    """The start of the period of the same length before ``start``: as many calendar months
    back when the period is whole months (2021 is compared with 2020, leap day or not), else
    as many days."""
    if start.day == end.day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month
        back = start.year * 12 + start.month - 1 - months
        return calendar_date(back // 12, back % 12 + 1, 1)
    return start - (end - start)


def pair_totals(
    conn: sqlite3.Connection, start: calendar_date, end: calendar_date
) -> dict[tuple[str, str], tuple[int, float, float, float]]:
    """Each country pair's events in the half-open period, the sums of their cooperative and
    conflictual scores, and the net index."""
    scores = _type_scores()
    totals: dict[tuple[str, str], tuple[int, float, float, float]] = {}
    for pair, type_, events in conn.execute(
        _PAIR_EVENTS, {"start": start.isoformat(), "end": end.isoformat()}
    ):
        first, second = pair.split(">")
        score = scores.get(type_, 0.0)
        number, cooperation, conflict, index = totals.get((first, second), (0, 0.0, 0.0, 0.0))
        totals[(first, second)] = (
            number + events,
            cooperation + events * max(score, 0.0),
            conflict + events * min(score, 0.0),
            index + events * score,
        )
    return totals
