"""The language stages of an article: its reference date, actors, places and events, from its parse.

:class:`Annotator` holds what these stages load once per process (the spaCy pipeline, the actor
knowledge, the event lexicon, the gazetteer on first use) and fills a cleaned record's language
fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .actors import ActorKnowledge, find_actors, load_knowledge
from .attribution import AttributionLexicon, attribute, load_attribution_lexicon
from .dates import reference_date
from .events import EventLexicon, code_events, load_lexicon
from .flags import Reading, find_flags
from .language import load_nlp, parse_texts
from .places import find_places
from .reconcile import with_context_country, without_organization_names, without_place_names
from .records import (
    Actor,
    ArticleRecord,
    Count,
    Event,
    Flag,
    Place,
    Quote,
    Source,
    SourcingProfile,
)


@dataclass(frozen=True)
class Annotation:
    actors: list[Actor]
    places: list[Place]
    events: list[Event]
    quotes: list[Quote]
    sources: list[Source]
    counts: list[Count]
    sourcing: SourcingProfile
    flags: list[Flag]


@dataclass(frozen=True)
class Annotator:
    nlp: Language
    knowledge: ActorKnowledge
    lexicon: EventLexicon
    attribution: AttributionLexicon

    @staticmethod
    def for_files(actor_files: Iterable[Path] = ()) -> Annotator:
        """The process's annotator for these user actor files, built on first use."""
        return _annotator(tuple(actor_files))

    def annotate_all(self, records: list[ArticleRecord]) -> list[ArticleRecord | Exception]:
        """Each record annotated, parsed together in batches; a failure is returned, not raised."""
        return [
            self._safely(record, doc)
            for doc, record in parse_texts(((record.text, record) for record in records), self.nlp)
        ]

    def annotate_one(self, record: ArticleRecord) -> ArticleRecord | Exception:
        try:
            doc = self.nlp(record.text)
        except Exception as error:  # noqa: BLE001 - reported for this article only
            return error
        return self._safely(record, doc)

    def _safely(self, record: ArticleRecord, doc: Doc) -> ArticleRecord | Exception:
        try:
            return self.annotate(record, doc)
        except Exception as error:  # noqa: BLE001 - reported for this article only
            return error

    def read(self, doc: Doc, published: str | None, title: str | None = None) -> Annotation:
        """The actors, places, events, quotes, sources, counts and flags of a parsed article
        dated ``published`` and headed ``title``."""
        actors = find_actors(doc, self.nlp, self.knowledge, published)
        hints = [actor.country for actor in actors if actor.country and actor.country != "IGO"]
        places = find_places(doc, hint_countries=hints)
        actors, places = (
            without_place_names(actors, places),
            without_organization_names(places, actors),
        )
        actors = with_context_country(actors, places)
        coded = code_events(doc, actors, places, published, self.lexicon, self.knowledge)
        attributed = attribute(doc, coded.actors, places, coded.events, published, self.attribution)
        reading = Reading(
            doc,
            title,
            published,
            coded.actors,
            places,
            attributed.events,
            attributed.sources,
            attributed.counts,
        )
        return Annotation(
            actors=coded.actors,
            places=places,
            events=attributed.events,
            quotes=attributed.quotes,
            sources=attributed.sources,
            counts=attributed.counts,
            sourcing=attributed.sourcing,
            flags=find_flags(reading, self.knowledge),
        )

    def annotate(self, record: ArticleRecord, doc: Doc) -> ArticleRecord:
        """``record`` with its reference date and its language fields, read from ``doc``."""
        reference = reference_date(record.text, record.meta.published)
        published = reference.value if reference else None
        annotation = self.read(doc, published, record.meta.title)
        return record.model_copy(
            update={
                "meta": record.meta.model_copy(update={"published": published}),
                "actors": annotation.actors,
                "places": annotation.places,
                "events": annotation.events,
                "quotes": annotation.quotes,
                "sources": annotation.sources,
                "counts": annotation.counts,
                "sourcing": annotation.sourcing,
                "flags": annotation.flags,
            }
        )


@cache
def _annotator(actor_files: tuple[Path, ...]) -> Annotator:
    return Annotator(
        load_nlp(), load_knowledge(actor_files), load_lexicon(), load_attribution_lexicon()
    )
