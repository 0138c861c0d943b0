"""An article's events as reports of real-world events: what corpus-event matching compares.

A report is one event of one article reduced to the facts two articles can agree on: its PLOVER
type and mode, who acted on whom (as actor codes), when, where (the country) and how the article
presents it (its modality).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

OCCURRED = frozenset({"asserted", "historical"})
"""Modalities of events the article reports as having happened."""


@dataclass(frozen=True)
class EventReport:
    """One event of one stored article. ``actor_key`` and ``recipient_key`` are side keys (see
    :func:`side_key`); ``place_country`` is the country of the event's place, when known;
    ``facets`` are the ``(facet, value)`` pairs the corpus-event queries filter on: actor and
    recipient codes and names, each actor code with each recipient code (``pair``), place
    country and name, source type, modality."""

    article_id: str
    event_id: str
    type: str
    mode: str | None
    modality: str
    date: str | None
    actor_key: str
    recipient_key: str
    place_country: str | None
    facets: frozenset[tuple[str, str]]

    @property
    def modality_class(self) -> str:
        """``occurred`` for asserted and historical events, else the modality itself: a threat,
        a plan or a denial is not the same report as the deed."""
        return "occurred" if self.modality in OCCURRED else self.modality

    @property
    def corroborable(self) -> bool:
        """Whether the report names enough to be matched with other stories' reports: it says
        the event happened, it is dated to the month or the day, and both its sides are known.
        A year is too long to tell one meeting of two governments from the next."""
        return (
            self.modality in OCCURRED
            and self.date is not None
            and len(self.date) >= len("2019-05")
            and bool(self.actor_key)
            and bool(self.recipient_key)
        )


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())


def _actor_key(name: str, country: str | None, sector: str | None) -> str:
    """An actor as matching compares it: its country and sector codes ("USAGOV", "MEX") when
    its country is known, else its name, case-folded with spaces collapsed."""
    if country:
        return country + (sector or "")
    return _folded(name)


def side_key(actors: list[tuple[str, str | None, str | None]]) -> str:
    """One side of an event (``(name, country, sector)`` of each actor) as one string: the
    distinct actor keys, sorted, joined by "|"; empty for a side nobody fills."""
    return "|".join(sorted({_actor_key(*actor) for actor in actors}))


def _side_facets(side: str, actors: list[tuple[str, str | None, str | None]]) -> set:
    """The facets of one side of an event: each actor's country and country with sector under
    ``side`` ("actor", "recipient"), and its case-folded name under ``side_name``."""
    facets = set()
    for name, country, sector in actors:
        facets.add((f"{side}_name", _folded(name)))
        if country:
            facets.add((side, country))
            if sector:
                facets.add((side, country + sector))
    return facets


def compatible_dates(date: str) -> list[str]:
    """The dates a corroborable report's date matches as they are: itself, and the month of a
    day ("2019-05-30" gives "2019-05-30", "2019-05"). The days of a month are matched too,
    as the dates like the month and a dash."""
    return [date, date[:7]] if len(date) > len("2019-05") else [date]


def pair_value(actor: str, recipient: str) -> str:
    """The ``pair`` facet's value for an actor code and a recipient code: "USA>MEXGOV"."""
    return f"{actor}>{recipient}"


def _facets(
    actors: list, recipients: list, modality: str, place: tuple, source_type: str | None
) -> frozenset[tuple[str, str]]:
    facets = _side_facets("actor", actors) | _side_facets("recipient", recipients)
    facets |= {
        ("pair", pair_value(actor, recipient))
        for facet, actor in facets
        if facet == "actor"
        for other, recipient in facets
        if other == "recipient"
    }
    facets.add(("modality", modality))
    place_name, place_country = place
    if place_name:
        facets.add(("place_name", _folded(place_name)))
    if place_country:
        facets.add(("place", place_country))
    if source_type:
        facets.add(("source", source_type))
    return frozenset(facets)


def article_reports(conn: sqlite3.Connection, article_id: str) -> list[EventReport]:
    """The events of the stored article ``article_id`` as reports, in the article's order."""
    sides: dict[tuple[str, str], list[tuple[str, str | None, str | None]]] = {}
    for event_id, side, name, country, sector in conn.execute(
        "SELECT ea.event_id, ea.side, ac.name, ac.country, ac.sector FROM event_actors ea "
        "JOIN actors ac ON ac.article_id = ea.article_id AND ac.id = ea.actor_id "
        "WHERE ea.article_id = ?",
        (article_id,),
    ):
        sides.setdefault((event_id, side), []).append((name, country, sector))
    reports = []
    for event_id, type_, mode, modality, date, place_name, country, source_type in conn.execute(
        "SELECT e.id, e.type, e.mode, e.modality, e.date, p.name, p.country, s.type FROM events e "
        "LEFT JOIN places p ON p.article_id = e.article_id AND p.id = e.place "
        "LEFT JOIN sources s ON s.article_id = e.article_id AND s.id = e.source "
        "WHERE e.article_id = ? ORDER BY e.start, e.id",
        (article_id,),
    ):
        actors = sides.get((event_id, "actor"), [])
        recipients = sides.get((event_id, "recipient"), [])
        reports.append(
            EventReport(
                article_id=article_id,
                event_id=event_id,
                type=type_,
                mode=mode,
                modality=modality,
                date=date,
                actor_key=side_key(actors),
                recipient_key=side_key(recipients),
                place_country=country,
                facets=_facets(actors, recipients, modality, (place_name, country), source_type),
            )
        )
    return reports
