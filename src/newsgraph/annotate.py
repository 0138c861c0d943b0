"""The language stages of an article: its reference date, places and actors, read from its parse.

:class:`Annotator` holds what these stages load once per process (the spaCy pipeline, the actor
knowledge, the gazetteer on first use) and fills a cleaned record's language fields.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .actors import ActorKnowledge, find_actors, load_knowledge
from .dates import reference_date
from .language import load_nlp, parse_texts
from .places import find_places
from .reconcile import without_organization_names, without_place_names
from .records import ArticleRecord


@dataclass(frozen=True)
class Annotator:
    nlp: Language
    knowledge: ActorKnowledge

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

    def annotate(self, record: ArticleRecord, doc: Doc) -> ArticleRecord:
        """``record`` with its reference date, actors and places, read from ``doc``."""
        reference = reference_date(record.text, record.meta.published)
        published = reference.value if reference else None
        actors = find_actors(doc, self.nlp, self.knowledge, published)
        hints = [actor.country for actor in actors if actor.country and actor.country != "IGO"]
        places = find_places(doc, hint_countries=hints)
        return record.model_copy(
            update={
                "meta": record.meta.model_copy(update={"published": published}),
                "actors": without_place_names(actors, places),
                "places": without_organization_names(places, actors),
            }
        )


@cache
def _annotator(actor_files: tuple[Path, ...]) -> Annotator:
    return Annotator(load_nlp(), load_knowledge(actor_files))
