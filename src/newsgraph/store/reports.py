"""The stored events as self-contained reports: each event with its actors, place, claim source,
resolved date and article, the input of the GDELT and PLOVER exports.

Read from the record JSON, one article at a time, because the record carries what the part
tables leave out (contexts, trigger offsets, actor roles); memory stays at one article whatever
the size of the store.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

from newsgraph.records import Actor, ArticleRecord, Event, Place, Source

ALL_MODALITIES: frozenset[str] = frozenset(get_args(Event.model_fields["modality"].annotation))
EXPORTED_MODALITIES: frozenset[str] = frozenset({"asserted", "historical"})
"""What the exports keep by default: events the article reports as having happened. GDELT has no
modality, so an imagined, expected or denied event would read there as a fact."""


@dataclass(frozen=True)
class ArticleInfo:
    id: str
    url: str | None
    path: str
    title: str | None
    site: str | None
    language: str | None
    published: str | None
    ingested_at: str

    @property
    def address(self) -> str:
        """The article's URL, or the input path when it came without one."""
        return self.url or self.path


@dataclass(frozen=True)
class EventDate:
    """The day an event is filed under: its own date, else the article's; a partial date
    (``2019``, ``2026-01``) is filed under its first day and keeps its text in ``reported``."""

    day: date
    reported: str
    origin: Literal["event", "article"]


@dataclass(frozen=True)
class Coverage:
    """How many mentions, sources and articles report an event (GDELT's NumMentions,
    NumSources, NumArticles)."""

    mentions: int
    sources: int
    articles: int


@dataclass(frozen=True)
class EventReport:
    """One event as one article reports it."""

    article: ArticleInfo
    event: Event
    actors: tuple[Actor, ...]
    recipients: tuple[Actor, ...]
    place: Place | None
    claim_source: Source | None
    date: EventDate | None
    trigger_text: str | None
    in_lead: bool


def coverage(report: EventReport) -> Coverage:
    """The coverage of ``report``: one report is one mention in one article from one source.

    The single place to count merged reports once events are matched across articles.
    """
    return Coverage(mentions=1, sources=1, articles=1)


def _day(text: str | None) -> date | None:
    """The first day of an ISO date that may be partial (``2019``, ``2019-05``, ``2019-05-02``,
    or a datetime); None when it is not one."""
    if not text:
        return None
    try:
        numbers = [int(part) for part in text[:10].split("-")] + [1, 1]
        return date(*numbers[:3])
    except ValueError:
        return None


def event_date(event: Event, published: str | None) -> EventDate | None:
    """The event's own date, else the article's publication date; None when neither is known."""
    for text, origin in ((event.date, "event"), (published, "article")):
        day = _day(text)
        if day is not None:
            return EventDate(day=day, reported=text, origin=origin)
    return None


def _reports(
    record: ArticleRecord, ingested_at: str, modalities: frozenset[str]
) -> Iterator[EventReport]:
    article = ArticleInfo(
        id=record.id,
        url=record.input.url,
        path=record.input.path,
        title=record.meta.title,
        site=record.meta.site,
        language=record.meta.language,
        published=record.meta.published,
        ingested_at=ingested_at,
    )
    actors = {actor.id: actor for actor in record.actors}
    places = {place.id: place for place in record.places}
    sources = {source.id: source for source in record.sources}
    lead_end = record.text.find("\n")
    lead_end = len(record.text) if lead_end < 0 else lead_end
    for event in record.events:
        if event.modality not in modalities:
            continue
        trigger = event.evidence.trigger
        yield EventReport(
            article=article,
            event=event,
            actors=tuple(actors[key] for key in event.actor if key in actors),
            recipients=tuple(actors[key] for key in event.recipient if key in actors),
            place=places.get(event.place) if event.place else None,
            claim_source=sources.get(event.source) if event.source else None,
            date=event_date(event, record.meta.published),
            trigger_text=record.text[trigger[0] : trigger[1]] if trigger else None,
            in_lead=event.evidence.start < lead_end,
        )


def event_reports(
    conn: sqlite3.Connection, modalities: frozenset[str] = EXPORTED_MODALITIES
) -> Iterator[EventReport]:
    """Every stored event whose modality is in ``modalities``, article by article (by id), in
    the order of each record's events."""
    rows = conn.execute("SELECT record_json, ingested_at FROM articles ORDER BY id")
    for record_json, ingested_at in rows:
        yield from _reports(ArticleRecord.model_validate_json(record_json), ingested_at, modalities)
