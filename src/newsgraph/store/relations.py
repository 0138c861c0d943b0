"""Relations between actors over time: the events between two actors by period, with the sum of
their PLOVER scores as a cooperation-conflict index."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date as calendar_date

from .queries import side_condition


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


def timeline(conn: sqlite3.Connection, a: str, b: str, by: str = "month") -> list[TimelineRow]:
    """Events with ``a`` on one side and ``b`` on the other, both directions, by period
    (``month`` or ``week``), oldest first. Events dated only to a year are left out."""
    rows = []
    for first, second in ((a, b), (b, a)):
        actor, actor_values = side_condition("actor", first)
        recipient, recipient_values = side_condition("recipient", second)
        rows.extend(
            (first == a, type_, date, score or 0.0)
            for type_, date, score in conn.execute(
                f"SELECT e.type, e.date, e.score FROM events e WHERE e.date IS NOT NULL "
                f"AND {actor} AND {recipient}",
                [*actor_values, *recipient_values],
            )
        )
    periods: dict[str, dict] = {}
    for forward, type_, date, score in rows:
        period = _period(date, by)
        if period is None:
            continue
        entry = periods.setdefault(period, {"a": 0, "b": 0, "types": {}, "score": 0.0})
        entry["a" if forward else "b"] += 1
        entry["types"][type_] = entry["types"].get(type_, 0) + 1
        entry["score"] += score
    return [
        TimelineRow(
            period,
            entry["a"],
            entry["b"],
            ", ".join(
                f"{name} {number}"
                for name, number in sorted(entry["types"].items(), key=lambda item: -item[1])
            ),
            round(entry["score"], 1),
        )
        for period, entry in sorted(periods.items())
    ]


SPARK = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float]) -> str:
    """The values as a line of block characters, lowest to highest."""
    if not values:
        return ""
    low, high = min(values), max(values)
    spread = (high - low) or 1.0
    return "".join(SPARK[round((value - low) / spread * (len(SPARK) - 1))] for value in values)
