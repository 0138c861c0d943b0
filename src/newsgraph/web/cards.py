"""The coded record behind each mark of an article, as a card of facts: an event's type, mode,
actor and recipient, date, place, modality and source; a quote's speaker, cue and kind; a
source's type and whether a reason for its anonymity is given; a count; a place; a flag. The
article page lists the cards under the text and shows a mark's cards when it is focused."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..analysis.brief import actor_label
from ..records import ArticleRecord, Count, Event, Flag, Place, Quote, Source
from .highlight import MarkKind, flag_key

SOURCE_TYPE_LABELS = {
    "named_person": "named person",
    "named_org": "named organization",
    "document": "document",
    "anonymous": "anonymous",
    "unnamed": "unnamed",
    "media": "media",
}


@dataclass(frozen=True)
class Fact:
    """One line of a card; ``href`` links the value to a page of this site."""

    term: str
    value: str
    href: str | None = None


@dataclass(frozen=True)
class Card:
    """The coded record of one part of an article, titled, with its facts and the words of the
    text it was read from (``excerpt``)."""

    kind: MarkKind
    key: str
    title: str
    facts: tuple[Fact, ...]
    excerpt: str | None = None

    @property
    def anchor(self) -> str:
        """The fragment of the part's first mark in the text, e.g. ``quote-q4``."""
        return f"{self.kind}-{self.key}"


def actor_href(name: str) -> str:
    """The actor page of ``name``."""
    return f"/actors/{quote(name, safe='')}"


class _Lookup:
    """The actors, places and sources of one record by id."""

    def __init__(self, record: ArticleRecord) -> None:
        self.actors = {actor.id: actor for actor in record.actors}
        self.places = {place.id: place for place in record.places}
        self.sources = {source.id: source for source in record.sources}

    def side(self, ids: list[str]) -> str:
        return ", ".join(
            actor_label(self.actors[actor_id]) if actor_id in self.actors else actor_id
            for actor_id in ids
        )

    def place(self, place_id: str | None) -> str | None:
        place = self.places.get(place_id) if place_id else None
        return place.name if place else place_id

    def source(self, source_id: str | None) -> str:
        source = self.sources.get(source_id) if source_id else None
        if source is None:
            return "the outlet itself (no source)" if source_id is None else source_id
        return f"{source.text} ({SOURCE_TYPE_LABELS[source.type]})"


def _facts(*facts: Fact | tuple[str, str | None]) -> tuple[Fact, ...]:
    """The facts with a value: ``(term, value)`` pairs become facts, empty values are left out."""
    kept = []
    for fact in facts:
        if isinstance(fact, tuple):
            term, value = fact
            fact = Fact(term, value) if value else None
        if fact is not None:
            kept.append(fact)
    return tuple(kept)


def event_card(event: Event, lookup: _Lookup) -> Card:
    title = f"{event.type} / {event.mode}" if event.mode else event.type
    sides = f"{lookup.side(event.actor) or '?'} → {lookup.side(event.recipient) or '?'}"
    score = f"{event.score:+g}" if event.score is not None else None
    return Card(
        "event",
        event.id,
        f"Event: {title}",
        _facts(
            ("Type", event.type),
            ("Mode", event.mode),
            ("Actor → recipient", sides),
            ("Date", event.date or "undated"),
            ("Place", lookup.place(event.place)),
            ("Modality", event.modality),
            ("Context", ", ".join(event.context)),
            ("Source", lookup.source(event.source)),
            ("CAMEO root", event.cameo),
            ("PLOVER score", score),
        ),
        event.evidence.text,
    )


def quote_card(quote_: Quote, lookup: _Lookup) -> Card:
    speaker = lookup.actors.get(quote_.speaker) if quote_.speaker else None
    speaker_fact = (
        Fact("Speaker", actor_label(speaker), actor_href(speaker.name))
        if speaker
        else Fact("Speaker", quote_.speaker_text or "unknown")
    )
    said_as = speaker and quote_.speaker_text and quote_.speaker_text != speaker.name
    return Card(
        "quote",
        quote_.id,
        "Direct quote" if quote_.kind == "direct" else "Reported speech",
        _facts(
            speaker_fact,
            ("Named as", quote_.speaker_text if said_as else None),
            ("Cue", quote_.cue),
            ("Kind", quote_.kind),
        ),
        quote_.text,
    )


def source_card(source: Source, lookup: _Lookup, claims: int) -> Card:
    actor = lookup.actors.get(source.actor) if source.actor else None
    reason = None
    if source.type == "anonymous":
        reason = "given" if source.anonymity_reason else "none given"
    return Card(
        "source",
        source.id,
        f"Source: {SOURCE_TYPE_LABELS[source.type]}",
        _facts(
            ("Type", SOURCE_TYPE_LABELS[source.type]),
            ("Reason for anonymity", reason),
            Fact("Actor", actor_label(actor), actor_href(actor.name)) if actor else None,
            ("Claims resting on it", str(claims)),
        ),
        source.text,
    )


def _number(value: float | None) -> str:
    """``value`` with thousands separators, without a trailing ``.0``."""
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def count_card(count: Count, lookup: _Lookup, text: str) -> Card:
    qualifier = "" if count.qualifier == "=" else f"{count.qualifier} "
    bounds = None
    if count.low is not None or count.high is not None:
        bounds = f"{_number(count.low)} to {_number(count.high)}"
    return Card(
        "count",
        count.id,
        f"Count: {count.count_type} {qualifier}{_number(count.value)}",
        _facts(
            ("Value", f"{qualifier}{_number(count.value)}"),
            ("Range", bounds),
            ("What", count.object),
            ("Type", count.count_type),
            ("Time", count.time),
            ("Place", lookup.place(count.place)),
            ("Source", lookup.source(count.source)),
        ),
        text[count.start : count.end],
    )


def place_card(place: Place, text: str) -> Card:
    point = f"{place.lat:.2f}, {place.lon:.2f}" if place.lat is not None else None
    first = place.mentions[0] if place.mentions else None
    return Card(
        "place",
        place.id,
        f"Place: {place.name}",
        _facts(
            ("Type", place.type),
            ("Country", place.country),
            ("ISO 3166-2", place.iso3166_2),
            ("Coordinates", point),
            ("Mentions", str(len(place.mentions))),
        ),
        text[first[0] : first[1]] if first else None,
    )


def flag_card(position: int, flag: Flag, text: str) -> Card:
    return Card(
        "flag",
        flag_key(position),
        f"Flag: {flag.kind.replace('_', ' ')}",
        _facts(("Kind", flag.kind), ("Message", flag.message)),
        text[flag.start : flag.end],
    )


def _claims_by_source(record: ArticleRecord) -> dict[str, int]:
    claims: dict[str, int] = {}
    for part in (*record.events, *record.counts):
        if part.source:
            claims[part.source] = claims.get(part.source, 0) + 1
    return claims


def article_cards(record: ArticleRecord) -> dict[MarkKind, list[Card]]:
    """The cards of every event, quote, source, count, place and flag of ``record``, by kind,
    in the record's order."""
    lookup = _Lookup(record)
    claims = _claims_by_source(record)
    return {
        "event": [event_card(event, lookup) for event in record.events],
        "quote": [quote_card(quote_, lookup) for quote_ in record.quotes],
        "source": [
            source_card(source, lookup, claims.get(source.id, 0)) for source in record.sources
        ],
        "count": [count_card(count, lookup, record.text) for count in record.counts],
        "place": [place_card(place, record.text) for place in record.places],
        "flag": [
            flag_card(position, flag, record.text) for position, flag in enumerate(record.flags)
        ],
    }
