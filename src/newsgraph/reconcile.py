"""Where the actors and places stages read the same words, which of them keeps them.

The small English model tags some place names ORG ("the states of Sinaloa and Jalisco"), and the
gazetteer knows towns named like organisations (White House, Tennessee): a span both stages claim
goes to the stage whose own knowledge backs it.
"""

from __future__ import annotations

from .records import Actor, Place


def _unknown_organization(actor: Actor) -> bool:
    return actor.kind == "organization" and actor.country is None and actor.sector is None


def without_place_names(actors: list[Actor], places: list[Place]) -> list[Actor]:
    """Drop unknown organisations whose every mention is a place the gazetteer resolved, and
    number the actors again."""
    place_spans = {tuple(mention) for place in places for mention in place.mentions}
    kept = [
        actor
        for actor in actors
        if not (
            _unknown_organization(actor)
            and all(tuple(mention) in place_spans for mention in actor.mentions)
        )
    ]
    return [actor.model_copy(update={"id": f"a{number}"}) for number, actor in enumerate(kept, 1)]


def without_organization_names(places: list[Place], actors: list[Actor]) -> list[Place]:
    """Drop place mentions that are exactly a known organisation's name ("the White House"),
    then places left with no mention, and number the places again."""
    organization_spans = {
        tuple(mention)
        for actor in actors
        if actor.kind == "organization" and not _unknown_organization(actor)
        for mention in actor.mentions
    }
    kept = []
    for place in places:
        mentions = [
            mention for mention in place.mentions if tuple(mention) not in organization_spans
        ]
        if mentions:
            kept.append(place.model_copy(update={"mentions": mentions}))
    return [place.model_copy(update={"id": f"p{number}"}) for number, place in enumerate(kept, 1)]


def with_context_country(actors: list[Actor], places: list[Place]) -> list[Actor]:
    """Give actors the text left without a country ("Ousted President Askar Akayev", "leaders
    of the opposition coalition") the article's country, when every country it names is one:
    news about one country is about that country's people."""
    named = {actor.country for actor in actors} | {place.country for place in places}
    named -= {None, "IGO", "NGO", "IMG"}
    if len(named) != 1:
        return actors
    (country,) = named
    return [
        actor.model_copy(update={"country": country})
        if actor.country is None and actor.kind in ("person", "group")
        else actor
        for actor in actors
    ]
