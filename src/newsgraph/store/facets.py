"""Finding corpus events, and reports, by what the reports say, fast on a large store.

Each corpus event has its facets in ``corpus_event_facets`` (written by
:mod:`newsgraph.corpus.events`): the actor and recipient codes and names, place countries and
names, source types and modalities of its reports. A query asks for the newest corpus events
(or reports) whose corpus events have every requested facet, and the way to find them quickly
depends on how common each facet is, so :func:`newest_rows` chooses:

* a facet held by fewer than :data:`DRIVER_ROWS` corpus events drives the query: its corpus
  events come from the facet index, those having the other facets too are kept, and their
  rows are checked and sorted;
* a single common facet: walk the rows newest first (the date index), checking the facet
  first (one index lookup), and stop at the limit, which comes soon when matches are common;
* several common facets may still be rare together (Israel acting on Canada): walk the newest
  :data:`SCAN_ROWS` rows first (those dated on or after the date of the row that many places
  from the newest, read from the date index), and when they hold fewer matches than the
  limit, drive the query by the least common facet.

Only the keys of the rows are searched for; the rows shown are then read by key, so what the
display computes (actor names) is computed for them alone.

On a synthetic store of a million events (``bench/corpus.py queries``, 50 queries of each kind,
on two cores shared with other work) every kind of corpus-event query answered within 50 ms at
the 95th percentile, and of report query within 170 ms; a subquery per report took 0.3 to 3.9 s,
walking alone 580 ms for two common countries rare together.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

DRIVER_ROWS = 5000
SCAN_ROWS = 20000


@dataclass(frozen=True)
class Facet:
    """Corpus events having any of ``values`` under the facet ``name`` (``actor``,
    ``recipient``, ``actor_name``, ``recipient_name``, ``place``, ``place_name``, ``source``,
    ``modality``)."""

    name: str
    values: tuple[str, ...]

    def condition(self, alias: str) -> str:
        """The SQL condition on the ``corpus_event_facets`` row ``alias``."""
        marks = ", ".join("?" * len(self.values))
        return f"{alias}.facet = ? AND {alias}.value IN ({marks})"

    @property
    def parameters(self) -> list[str]:
        return [self.name, *self.values]


def named_facet(conn: sqlite3.Connection, facet: str, part: str, escaped: str) -> Facet:
    """The stored names under ``facet`` that contain ``part`` (case-insensitive); ``escaped``
    is ``part`` case-folded and escaped for LIKE with a backslash."""
    names = conn.execute(
        "SELECT value FROM facet_names WHERE facet = ? AND value LIKE ? ESCAPE '\\'",
        (facet, f"%{escaped}%"),
    )
    return Facet(facet, tuple(name for (name,) in names))


def _held_by(conn: sqlite3.Connection, facet: Facet, cap: int | None) -> int:
    """How many corpus events have ``facet``, counted up to ``cap`` when given."""
    limit = "" if cap is None else f" LIMIT {int(cap)}"
    return conn.execute(
        f"SELECT COUNT(*) FROM (SELECT 1 FROM corpus_event_facets f WHERE "
        f"{facet.condition('f')}{limit})",
        facet.parameters,
    ).fetchone()[0]


@dataclass(frozen=True)
class Target:
    """What a search walks newest first: the rows of ``table`` (as ``alias``, with ``joins``),
    each known by ``key``, in ``order``; ``corpus_event`` is a row's corpus event id, and
    ``restriction`` keeps the rows of a set of corpus events (``{ids}`` stands for the query of
    their ids)."""

    table: str
    alias: str
    joins: str
    key: str
    order: str
    corpus_event: str
    restriction: str


CORPUS_EVENTS = Target(
    table="corpus_events",
    alias="ce",
    joins="",
    key="ce.id",
    order="ce.date DESC NULLS LAST, ce.id DESC",
    corpus_event="ce.id",
    restriction="ce.id IN ({ids})",
)
REPORTS = Target(
    table="events",
    alias="e",
    joins="LEFT JOIN event_reports r ON r.article_id = e.article_id AND r.event_id = e.id",
    key="e.article_id, e.id",
    order="e.date DESC NULLS LAST, e.article_id, e.id",
    corpus_event="r.corpus_event_id",
    restriction=(
        "(e.article_id, e.id) IN (SELECT h.article_id, h.event_id FROM event_reports h "
        "WHERE h.corpus_event_id IN ({ids}))"
    ),
)


def _has(facet: Facet, corpus_event: str) -> str:
    """The condition that the corpus event ``corpus_event`` (an SQL expression) has ``facet``."""
    return (
        "EXISTS (SELECT 1 FROM corpus_event_facets f WHERE "
        f"f.corpus_event_id = {corpus_event} AND {facet.condition('f')})"
    )


def having_all(driver: Facet, others: list[Facet]) -> tuple[str, list[str]]:
    """The query of the ids of the corpus events having every facet, read from the ``driver``
    facet's index and checked for the ``others``, with its parameters."""
    sql = "SELECT d.corpus_event_id FROM corpus_event_facets d WHERE " + " AND ".join(
        [driver.condition("d"), *(_has(facet, "d.corpus_event_id") for facet in others)]
    )
    return sql, driver.parameters + [value for facet in others for value in facet.parameters]


def least_held(conn: sqlite3.Connection, facets: list[Facet]) -> Facet:
    """The facet the fewest corpus events have: the one to read the others' matches from."""
    held = [_held_by(conn, facet, DRIVER_ROWS) for facet in facets]
    if min(held) >= DRIVER_ROWS:
        held = [_held_by(conn, facet, None) for facet in facets]
    return facets[held.index(min(held))]


@dataclass(frozen=True)
class _Search:
    """The keys of the newest rows of ``target`` meeting ``conditions`` (SQL, with their
    ``parameters``) whose corpus events have every facet."""

    target: Target
    facets: list[Facet]
    conditions: list[str]
    parameters: list
    limit: int

    def run(
        self, conn: sqlite3.Connection, driver: Facet | None = None, newest: str | None = None
    ) -> list[tuple]:
        """The keys, among the corpus events of the ``driver`` facet (that have the others
        too), or among the rows dated ``newest`` or later, or walking them all newest first.
        The facets are checked before the caller's conditions: they cost one index lookup."""
        target = self.target
        conditions, parameters = [], []
        others = [facet for facet in self.facets if facet is not driver]
        if driver is not None:
            ids, parameters = having_all(driver, others)
            conditions.append(target.restriction.format(ids=ids))
        else:
            conditions += [_has(facet, target.corpus_event) for facet in others]
            parameters += [value for facet in others for value in facet.parameters]
        if newest is not None:
            conditions.append(f"{target.alias}.date >= ?")
            parameters.append(newest)
        conditions += self.conditions
        parameters += self.parameters
        where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
        sql = (
            f"SELECT {target.key} FROM {target.table} {target.alias} {target.joins}{where} "
            f"ORDER BY {target.order} LIMIT ?"
        )
        return conn.execute(sql, [*parameters, self.limit]).fetchall()

    def newest_date(self, conn: sqlite3.Connection, rows: int) -> str | None:
        """The date of the row ``rows`` places from the newest of the target (read from the
        date index alone); None when there are fewer dated rows."""
        target = self.target
        found = conn.execute(
            f"SELECT {target.alias}.date FROM {target.table} {target.alias} "
            f"ORDER BY {target.alias}.date DESC NULLS LAST LIMIT 1 OFFSET ?",
            (rows,),
        ).fetchone()
        return found[0] if found else None


def _newest_keys(
    conn: sqlite3.Connection,
    target: Target,
    facets: list[Facet],
    conditions: list[str],
    parameters: list,
    limit: int,
) -> list[tuple]:
    """The keys of the newest ``limit`` rows of ``target`` that meet ``conditions`` (SQL, with
    their ``parameters``) and whose corpus events have every facet, newest first."""
    if any(not facet.values for facet in facets):
        return []
    search = _Search(target, facets, conditions, parameters, limit)
    if not facets:
        return search.run(conn)
    held = [_held_by(conn, facet, DRIVER_ROWS) for facet in facets]
    if min(held) < DRIVER_ROWS:
        return search.run(conn, driver=facets[held.index(min(held))])
    cutoff = search.newest_date(conn, SCAN_ROWS) if len(facets) > 1 else None
    if cutoff is None:
        return search.run(conn)
    found = search.run(conn, newest=cutoff)
    if len(found) == limit:
        return found
    return search.run(conn, driver=least_held(conn, facets))


ROWS_PER_FETCH = 500
"""Rows fetched by key a batch at a time: a limit of any size stays under SQLite's limit on
parameters."""


def newest_rows(
    conn: sqlite3.Connection,
    target: Target,
    display: str,
    facets: list[Facet],
    conditions: list[str],
    parameters: list,
    limit: int,
) -> list[tuple]:
    """The newest ``limit`` rows of ``target`` that meet ``conditions`` (SQL, with their
    ``parameters``) and whose corpus events have every facet, newest first, as the query
    ``display`` (a SELECT of the key columns first, and FROM, without WHERE) shows them.

    The rows are found by key, and only the rows shown are then read in full: what the
    display computes (actor names, titles) is not computed for every candidate."""
    keys = _newest_keys(conn, target, facets, conditions, parameters, limit)
    columns = [column.strip() for column in target.key.split(",")]
    # One equality per key column, ORed: SQLite looks each key up in its index, which it does
    # not do for a row value IN a list of row values.
    one_key = "(" + " AND ".join(f"{column} = ?" for column in columns) + ")"
    rows = []
    for start in range(0, len(keys), ROWS_PER_FETCH):
        batch = keys[start : start + ROWS_PER_FETCH]
        rows += conn.execute(
            f"{display} WHERE {' OR '.join([one_key] * len(batch))}",
            [value for key in batch for value in key],
        ).fetchall()
    order = {tuple(key): position for position, key in enumerate(keys)}
    return sorted(rows, key=lambda row: order[tuple(row[: len(columns)])])
