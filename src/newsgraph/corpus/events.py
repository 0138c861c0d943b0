"""Corpus events: the reports of one real-world event, from any number of articles, as one row
with its reports, the articles, sites and stories that carry them, and the first report's date.

Counting reports as events is how one kidnapping becomes hundreds in GDELT; matching them is
how newsgraph avoids it. The matching is conservative, because a wrong merge invents
corroboration while a missed one only repeats an event:

* A report is matched across stories only when it is *corroborable*: the article says the event
  happened (asserted or historical: a threat, a plan, a hypothesis or a denial is not the deed),
  it is dated to the month or the day, and both its sides are known. "The government rejected
  it" names too little to tell one rejection from another, and a year too little to tell one
  meeting from the next (on White House US-MX, year-only dates merged the Summit of the Americas
  with an Africa summit and a vice-president's trip, all "the President met leaders in 2022").
* Across stories, reports match on the same PLOVER type and mode, the same actor and recipient
  keys (country and sector codes where known, names for actors without a country), a
  compatible date (the same day; a month joins a day inside it) and a compatible place (the
  same country, or one of them unknown). The mode counts because the type alone is broad: on
  White House US-MX, 8 of 30 cross-story merges made without it joined different deeds of one
  day and sides (an arrest with a seizure, "beat Big Pharma" with a campaign tour).
* Any other report matches only within its story cluster, and only on an identical key: the
  versions of one story repeat the same sentences, so their undated or one-sided events are the
  same reports again, and must not count as more events.
* A report joins a corpus event with its exact key first; else the one compatible corpus event
  when there is exactly one (which then takes the report's more precise date or known place);
  when several are compatible it starts its own, rather than guess between two events.

Reports of versions of one story count once as a story: ``stories`` (distinct story clusters)
is the independent corroboration, ``sites`` the distinct known sites (a syndicated copy on
another site adds a site, not a story), ``reports`` and ``articles`` the raw counts.
"""

from __future__ import annotations

import sqlite3

from .reports import EventReport, article_reports, compatible_dates
from .stories import StoryAssignment

CORPUS_WIDE = 0
"""The ``scope`` of corpus events matched across stories; others carry their story's id."""

_KEY = (
    "scope = ? AND type = ? AND mode IS ? AND actor_key = ? AND recipient_key = ? "
    "AND modality_class = ?"
)
_RECOUNT = """
UPDATE corpus_events SET
    reports = (SELECT COUNT(*) FROM event_reports r WHERE r.corpus_event_id = :id),
    articles = (SELECT COUNT(DISTINCT r.article_id) FROM event_reports r
                WHERE r.corpus_event_id = :id),
    sites = (SELECT COUNT(DISTINCT a.site) FROM event_reports r
             JOIN articles a ON a.id = r.article_id WHERE r.corpus_event_id = :id),
    stories = (SELECT COUNT(DISTINCT m.story_id) FROM event_reports r
               JOIN story_articles m ON m.article_id = r.article_id
               WHERE r.corpus_event_id = :id),
    (first_article_id, first_event_id, first_reported) = (
        SELECT r.article_id, r.event_id, a.published FROM event_reports r
        JOIN articles a ON a.id = r.article_id WHERE r.corpus_event_id = :id
        ORDER BY a.published IS NULL, a.published, a.rowid, r.event_id LIMIT 1)
WHERE id = :id
"""


def _key(report: EventReport, scope: int) -> tuple:
    return (
        scope,
        report.type,
        report.mode,
        report.actor_key,
        report.recipient_key,
        report.modality_class,
    )


def _same_key(conn: sqlite3.Connection, report: EventReport, scope: int) -> int | None:
    """The oldest corpus event in ``scope`` with exactly the report's key, date and place."""
    return conn.execute(
        f"SELECT MIN(id) FROM corpus_events WHERE {_KEY} AND date IS ? AND place_country IS ?",
        (*_key(report, scope), report.date, report.place_country),
    ).fetchone()[0]


def _only_compatible(conn: sqlite3.Connection, report: EventReport) -> int | None:
    """The corpus-wide event compatible with the report, when exactly one is: same type and
    sides, a date that contains the report's or lies inside it, the same or an unknown place."""
    date = report.date
    dates = compatible_dates(date)
    marks = ", ".join("?" * len(dates))
    found = conn.execute(
        f"SELECT id FROM corpus_events WHERE {_KEY} AND (date IN ({marks}) OR date LIKE ?) "
        "AND (place_country IS NULL OR ? IS NULL OR place_country = ?) LIMIT 2",
        (
            *_key(report, CORPUS_WIDE),
            *dates,
            f"{date}-%",
            report.place_country,
            report.place_country,
        ),
    ).fetchall()
    if len(found) != 1:
        return None
    (corpus_event,) = found[0]
    conn.execute(
        "UPDATE corpus_events SET date = CASE WHEN length(:date) > length(date) THEN :date "
        "ELSE date END, place_country = COALESCE(place_country, :place) WHERE id = :id",
        {"date": date, "place": report.place_country, "id": corpus_event},
    )
    return corpus_event


def _new(conn: sqlite3.Connection, report: EventReport, scope: int) -> int:
    return conn.execute(
        "INSERT INTO corpus_events (scope, type, mode, actor_key, recipient_key, modality_class, "
        "date, place_country, first_article_id, first_event_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            *_key(report, scope),
            report.date,
            report.place_country,
            report.article_id,
            report.event_id,
        ),
    ).lastrowid


def _corpus_event(conn: sqlite3.Connection, report: EventReport, story_id: int) -> int:
    """The corpus event ``report`` belongs to, created when it has none yet."""
    if not report.corroborable:
        return _same_key(conn, report, story_id) or _new(conn, report, story_id)
    return (
        _same_key(conn, report, CORPUS_WIDE)
        or _only_compatible(conn, report)
        or _new(conn, report, CORPUS_WIDE)
    )


def recount(conn: sqlite3.Connection, corpus_events: set[int]) -> None:
    """Bring the report, article, site and story counts of these corpus events up to date, and
    their first report: the one in the earliest published article."""
    conn.executemany(_RECOUNT, [{"id": corpus_event} for corpus_event in sorted(corpus_events)])


def report_events(conn: sqlite3.Connection, article_id: str, story_id: int) -> None:
    """Match every event of the stored article ``article_id`` (of story ``story_id``) with its
    corpus event, and give that corpus event the report's facets, inside the caller's
    transaction."""
    touched, facets = set(), set()
    for report in article_reports(conn, article_id):
        corpus_event = _corpus_event(conn, report, story_id)
        conn.execute(
            "INSERT INTO event_reports (article_id, event_id, corpus_event_id) VALUES (?, ?, ?)",
            (report.article_id, report.event_id, corpus_event),
        )
        facets.update((facet, value, corpus_event) for facet, value in report.facets)
        touched.add(corpus_event)
    conn.executemany(
        "INSERT OR IGNORE INTO corpus_event_facets (facet, value, corpus_event_id) "
        "VALUES (?, ?, ?)",
        sorted(facets),
    )
    conn.executemany(
        "INSERT OR IGNORE INTO facet_names (facet, value) VALUES (?, ?)",
        sorted({(facet, value) for facet, value, _ in facets if facet.endswith("_name")}),
    )
    recount(conn, touched)


def merge_story_events(conn: sqlite3.Connection, assignment: StoryAssignment) -> None:
    """After stories merged, give their story-scoped corpus events the surviving story, merge
    those that now have the same key, and recount the corpus events the merged story reports."""
    if not assignment.absorbed:
        return
    story_id = assignment.story_id
    marks = ", ".join("?" * len(assignment.absorbed))
    conn.execute(
        f"UPDATE corpus_events SET scope = ? WHERE scope IN ({marks})",
        (story_id, *assignment.absorbed),
    )
    duplicates = conn.execute(
        "SELECT group_concat(id) FROM corpus_events WHERE scope = ? GROUP BY type, mode, "
        "actor_key, recipient_key, modality_class, date, place_country HAVING COUNT(*) > 1",
        (story_id,),
    ).fetchall()
    for (ids,) in duplicates:
        kept, *merged = sorted(int(found) for found in ids.split(","))
        for corpus_event in merged:
            conn.execute(
                "UPDATE event_reports SET corpus_event_id = ? WHERE corpus_event_id = ?",
                (kept, corpus_event),
            )
            conn.execute(
                "INSERT OR IGNORE INTO corpus_event_facets (facet, value, corpus_event_id) "
                "SELECT facet, value, ? FROM corpus_event_facets WHERE corpus_event_id = ?",
                (kept, corpus_event),
            )
            conn.execute(
                "DELETE FROM corpus_event_facets WHERE corpus_event_id = ?", (corpus_event,)
            )
            conn.execute("DELETE FROM corpus_events WHERE id = ?", (corpus_event,))
    touched = {
        corpus_event
        for (corpus_event,) in conn.execute(
            "SELECT DISTINCT r.corpus_event_id FROM story_articles m "
            "JOIN event_reports r ON r.article_id = m.article_id WHERE m.story_id = ?",
            (story_id,),
        )
    }
    recount(conn, touched)
