"""An article's brief as data: who did what to whom (with the sentence that says so), quotes
with their speakers, sources grouped by type, counts and flags, and the sourcing profile.
``newsgraph brief`` prints it; the API serves it as JSON."""

from __future__ import annotations

from dataclasses import dataclass

from ..records import Actor, ArticleRecord, Count, Event, Flag, SourcingProfile


def actor_label(actor: Actor) -> str:
    """The actor's name with its country and sector, as in "Alicia Bárcena (MEX GOV)"."""
    facts = " ".join(value for value in (actor.country, actor.sector) if value)
    return f"{actor.name} ({facts})" if facts else actor.name


def event_line(record: ArticleRecord, event: Event) -> str:
    """Who did what to whom, when, where, in what modality and on whose word, on one line."""
    actors = {actor.id: actor_label(actor) for actor in record.actors}
    places = {place.id: place.name for place in record.places}
    sources = {source.id: source.text for source in record.sources}

    def side(ids: list[str]) -> str:
        return ", ".join(actors.get(actor_id, actor_id) for actor_id in ids) or "?"

    kind = f"{event.type}/{event.mode}" if event.mode else event.type
    facts = [
        event.modality if event.modality != "asserted" else "",
        event.date or "undated",
        places.get(event.place, "") if event.place else "",
        f"per {sources.get(event.source, event.source)}" if event.source else "",
    ]
    return f"{side(event.actor)} —{kind}→ {side(event.recipient)} · " + " · ".join(
        fact for fact in facts if fact
    )


def count_line(record: ArticleRecord, count: Count) -> str:
    """A count with its type, qualifier, value and object, then its time, place and source:
    "KILL >70,000 overdose deaths · 2025 · United States · per preliminary CDC estimates"."""
    places = {place.id: place.name for place in record.places}
    sources = {source.id: source.text for source in record.sources}
    qualifier = "" if count.qualifier == "=" else count.qualifier
    facts = [
        count.time or "",
        places.get(count.place, "") if count.place else "",
        f"per {sources.get(count.source, count.source)}" if count.source else "",
    ]
    details = " · ".join(fact for fact in facts if fact)
    return (
        f"{count.count_type} {qualifier}{count.value:,g} "
        f"{count.object or ''}{' · ' + details if details else ''}"
    )


@dataclass(frozen=True)
class BriefEvent:
    """One event as a line (:func:`event_line`) and the sentence it was read from."""

    id: str
    line: str
    evidence: str


@dataclass(frozen=True)
class BriefQuote:
    """One quote with who said it (``speaker`` is the text naming them, None when unknown)."""

    id: str
    kind: str
    speaker: str | None
    cue: str | None
    text: str


@dataclass(frozen=True)
class SourceGroup:
    """The sources of one type, each as its text, marked when a reason for anonymity is
    given."""

    type: str
    sources: list[str]


@dataclass(frozen=True)
class BriefCount:
    """One count as a line (:func:`count_line`)."""

    id: str
    line: str


@dataclass(frozen=True)
class ArticleBrief:
    """One article in short."""

    id: str
    title: str | None
    site: str | None
    published: str | None
    authors: list[str]
    language: str | None
    events: list[BriefEvent]
    quotes: list[BriefQuote]
    sources: list[SourceGroup]
    counts: list[BriefCount]
    flags: list[Flag]
    sourcing: SourcingProfile


def sources_by_type(record: ArticleRecord) -> list[SourceGroup]:
    """The article's sources grouped by type, types in the order they first appear."""
    by_type: dict[str, list[str]] = {}
    for source in record.sources:
        reason = " (reason for anonymity given)" if source.anonymity_reason else ""
        by_type.setdefault(source.type, []).append(f"{source.text}{reason}")
    return [SourceGroup(source_type, texts) for source_type, texts in by_type.items()]


def article_brief(record: ArticleRecord) -> ArticleBrief:
    """The brief of ``record``."""
    meta = record.meta
    return ArticleBrief(
        id=record.id,
        title=meta.title,
        site=meta.site,
        published=meta.published,
        authors=list(meta.authors),
        language=meta.language,
        events=[
            BriefEvent(
                event.id,
                event_line(record, event),
                record.text[event.evidence.start : event.evidence.end],
            )
            for event in record.events
        ],
        quotes=[
            BriefQuote(quote.id, quote.kind, quote.speaker_text, quote.cue, quote.text)
            for quote in record.quotes
        ],
        sources=sources_by_type(record),
        counts=[BriefCount(count.id, count_line(record, count)) for count in record.counts],
        flags=list(record.flags),
        sourcing=record.sourcing,
    )
