"""Attribution: quotes with their speakers, the sources behind claims, and counts.

:func:`attribute` reads a parsed article with its actors, places and events, and returns its
quotes, sources and counts, its events with the source that reports each, and its sourcing
profile.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from ..records import Actor, Count, Event, Place, Quote, Source, SourcingProfile
from .counts import CountFinder
from .lexicon import AttributionLexicon, load_attribution_lexicon
from .quotes import QuoteFinder
from .scope import profile, source_at
from .sources import SourceFinder
from .speakers import SpeakerFinder

__all__ = ["Attribution", "AttributionLexicon", "attribute", "load_attribution_lexicon"]


@dataclass(frozen=True)
class Attribution:
    quotes: list[Quote]
    sources: list[Source]
    counts: list[Count]
    events: list[Event]
    sourcing: SourcingProfile


def attribute(
    doc: Doc,
    actors: list[Actor],
    places: list[Place],
    events: list[Event],
    reference: str | None,
    lexicon: AttributionLexicon,
) -> Attribution:
    speakers = SpeakerFinder(doc, actors)
    found_quotes = QuoteFinder(doc, speakers, lexicon.cues).all()
    sourcing = SourceFinder(doc, speakers, lexicon.cues).find(found_quotes)
    quotes = [
        Quote(
            id=f"q{number}",
            kind=quote.kind,
            text=quote.text,
            start=quote.start,
            end=quote.end,
            speaker=quote.speaker.actor.id if quote.speaker and quote.speaker.actor else None,
            speaker_text=quote.speaker.text if quote.speaker else None,
            cue=quote.cue.text if quote.cue is not None else None,
        )
        for number, quote in enumerate(found_quotes, 1)
    ]
    counts = [
        Count(
            id=f"c{number}",
            value=count.value,
            qualifier=count.qualifier,
            object=count.object,
            count_type=count.count_type,
            time=count.time,
            place=count.place,
            source=source_at(sourcing.claims, count.start),
            start=count.start,
            end=count.end,
            low=count.low,
            high=count.high,
        )
        for number, count in enumerate(CountFinder(doc, lexicon.counts, places, reference).all(), 1)
    ]
    sourced_events = [
        event.model_copy(
            update={
                "source": source_at(
                    sourcing.claims,
                    event.evidence.trigger[0] if event.evidence.trigger else event.evidence.start,
                )
            }
        )
        for event in events
    ]
    quote_sources = [source_at(sourcing.claims, quote.start) for quote in quotes]
    return Attribution(
        quotes=quotes,
        sources=sourcing.sources,
        counts=counts,
        events=sourced_events,
        sourcing=profile(
            sourcing.sources,
            [event.source for event in sourced_events]
            + quote_sources
            + [count.source for count in counts],
        ),
    )
