"""``find_places``: the places of one parsed article, as output records."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc

from newsgraph.records import Place

from .assemble import build_places
from .candidates import find_candidates
from .disambiguate import Resolver, group_mentions
from .gazetteer import KINDS
from .store import load_gazetteer
from .words import load_words

NAIVE_ORDER = ("country", "continent", "region", "other", "admin1", "subdivision", "city")


def find_places(doc: Doc, hint_countries: Iterable[str] = ()) -> list[Place]:
    """The places ``doc`` mentions, resolved with the article's context.

    ``hint_countries`` (ISO 3166-1 alpha-3) are countries the caller already knows the article
    is about (its site's country, its dateline); they weigh like a mention each of those
    countries. Returns one :class:`~newsgraph.records.Place` per place, ids "p1", "p2", … in order
    of first mention, each with all its mentions as character offsets into ``doc.text``.
    """
    gazetteer = load_gazetteer()
    candidates = find_candidates(doc, gazetteer, load_words())
    groups = group_mentions(candidates.mentions)
    Resolver(gazetteer).resolve(groups, doc.text, hint_countries, candidates.demonyms)
    return build_places(groups, gazetteer)


def find_places_naive(doc: Doc) -> list[Place]:
    """The baseline: the same mentions, each read as its highest-ranked gazetteer entry
    (country, continent, region, first-level subdivision, other subdivision, then the most
    populous city) without looking at the rest of the article."""
    gazetteer = load_gazetteer()
    groups = group_mentions(find_candidates(doc, gazetteer, load_words()).mentions)
    rank = {kind: number for number, kind in enumerate(NAIVE_ORDER)}
    for group in groups:
        group.choice = min(
            group.rows,
            key=lambda row: (rank[KINDS[gazetteer.kind[row]]], -gazetteer.population[row]),
            default=None,
        )
    return build_places(groups, gazetteer)
