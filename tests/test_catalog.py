"""The catalog queries (places, events by country, actors, the network of countries, an actor's
profile) on the store of real articles the API tests read, and alike on PostgreSQL when a
server is given (NEWSGRAPH_TEST_POSTGRES, as for tests/test_postgres.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.records import ArticleRecord
from newsgraph.store import ArticleStore, catalog
from newsgraph.store.catalog import (
    ActorFilter,
    PlaceFilter,
    actor_network,
    actor_profile,
    country_event_counts,
    find_actors,
    find_places,
)
from newsgraph.store.postgres import PostgresStore
from newsgraph.store.queries import EventFilter, QuoteFilter, find_events, find_quotes
from newsgraph.store.relations import dyads
from test_postgres import postgres_url, server  # noqa: F401 - fixtures of the PostgreSQL tests
from test_web_api import db, records  # noqa: F401 - the store of the API tests


def run(db: Path, find, *arguments):  # noqa: F811 - ``db`` is the path, not the fixture
    with ArticleStore.open_readonly(db) as store:
        return store.query(find, *arguments)


def test_places_with_their_events_and_articles(db: Path):  # noqa: F811
    mexico = run(db, find_places, PlaceFilter(country="mex"))
    sinaloa = next(row for row in mexico if row.name == "Sinaloa")
    assert (sinaloa.country, sinaloa.iso3166_2, sinaloa.type) == ("MEX", "MX-SIN", "admin1")
    # The reference article and its syndicated copy: two articles, their events counted once.
    assert sinaloa.articles == 2
    reports = run(db, find_events, EventFilter(place="Sinaloa", limit=100))
    assert sinaloa.events == len(reports) > 0
    assert all(row.country == "MEX" for row in mexico)
    assert [row.name for row in run(db, find_places, PlaceFilter(name="sinal"))] == ["Sinaloa"]
    ranked = run(db, find_places, PlaceFilter())
    assert [(row.events, row.articles) for row in ranked] == sorted(
        ((row.events, row.articles) for row in ranked), reverse=True
    )
    by_name = run(db, find_places, PlaceFilter(sort="name", limit=5))
    assert [row.name for row in by_name] == sorted(row.name for row in by_name)
    assert len(by_name) == 5


def test_events_by_country_for_the_map(db: Path):  # noqa: F811
    countries = run(db, country_event_counts)
    assert countries == sorted(countries, key=lambda row: (-row.events, row.country))
    by_country = {row.country: row.events for row in countries}
    assert by_country["MEX"] >= 1
    in_2021 = {row.country: row.events for row in run(db, country_event_counts, "2021", "2021")}
    assert in_2021 and all(events <= by_country[country] for country, events in in_2021.items())
    assert run(db, country_event_counts, "2030", "2031") == []


def test_actors_with_their_articles_events_and_quotes(db: Path):  # noqa: F811
    (barcena,) = run(db, find_actors, ActorFilter(name="bárcena"))
    assert (barcena.name, barcena.country, barcena.kind) == ("Alicia Bárcena", "MEX", "person")
    assert barcena.articles == 2 and barcena.quotes == 2
    government = run(db, find_actors, ActorFilter(country="MEX", sector="gov"))
    assert "Claudia Sheinbaum" in {row.name for row in government}
    assert {(row.country, row.sector) for row in government} == {("MEX", "GOV")}
    (sheinbaum,) = [row for row in government if row.name == "Claudia Sheinbaum"]
    assert sheinbaum.events == len(run(db, find_events, EventFilter(actor="sheinbaum")))
    ranked = run(db, find_actors, ActorFilter())
    assert [row.articles for row in ranked] == sorted(
        (row.articles for row in ranked), reverse=True
    )
    talkers = run(db, find_actors, ActorFilter(sort="quotes", limit=3))
    assert talkers[0].quotes == max(row.quotes for row in ranked)


def test_the_window_counts_the_newest_articles_only(
    db: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
):
    with ArticleStore.open_readonly(db) as store:
        (newest,) = store.list(limit=1)
        named = {actor.name for actor in store.get(newest.id).actors}
    monkeypatch.setattr(catalog, "RECENT_ARTICLES", 1)
    actors = run(db, find_actors, ActorFilter(limit=1000))
    assert {row.name for row in actors} == named
    assert {row.articles for row in actors} == {1}


def test_network_counts_pairs_as_the_dyads_do(db: Path):  # noqa: F811
    network = run(db, actor_network, "2021", "2021")
    report = run(db, dyads, "2021", "2021", 1000)
    ranked = {
        (row.first, row.second): row for row in report.most_conflict + report.most_cooperation
    }
    assert network and {(pair.first, pair.second) for pair in network} <= set(ranked)
    for pair in network:
        dyad = ranked[(pair.first, pair.second)]
        assert (pair.events, pair.cooperation, pair.conflict) == (
            dyad.events,
            dyad.cooperation,
            dyad.conflict,
        )
    assert [pair.events for pair in network] == sorted(
        (pair.events for pair in network), reverse=True
    )
    assert len(run(db, actor_network, "2021", "2021", 1)) == 1
    assert run(db, actor_network, "2030", "2030") == []


@pytest.mark.parametrize("walk", [False, True], ids=["name index", "newest articles"])
def test_profile_of_an_actor(db: Path, walk: bool, monkeypatch: pytest.MonkeyPatch):  # noqa: F811
    monkeypatch.setattr(catalog, "WALK_ARTICLES", 0 if walk else 10**6)
    profile = run(db, actor_profile, "alicia bárcena")
    assert (profile.name, profile.country, profile.articles) == ("Alicia Bárcena", "MEX", 2)
    assert [quote.text for quote in profile.quotes] == [
        quote.text for quote in run(db, find_quotes, QuoteFilter(speaker="Alicia Bárcena"))
    ]
    assert profile.quotes[0].text.startswith("Mexico will never accept foreign troops")
    sheinbaum = run(db, actor_profile, "Claudia Sheinbaum")
    assert {"REJECT", "AGREE"} <= {event.type for event in sheinbaum.recent_events}
    assert sheinbaum.events == len({event.corpus_event for event in sheinbaum.recent_events})
    dates = [event.date or "" for event in sheinbaum.recent_events]
    assert dates == sorted(dates, reverse=True)
    assert run(db, actor_profile, "Nobody Atall") is None
    assert run(db, actor_profile, "Bárcena") is None, "the whole name, not a part"


CATALOG_QUERIES = [
    (find_places, PlaceFilter()),
    (find_places, PlaceFilter(country="MEX", sort="name")),
    (find_places, PlaceFilter(name="sinaloa")),
    (country_event_counts,),
    (country_event_counts, "2021", "2021"),
    (find_actors, ActorFilter()),
    (find_actors, ActorFilter(country="MEX", sector="GOV", sort="events")),
    (find_actors, ActorFilter(name="Bárcena")),
    (actor_network, "2021", "2021"),
    (actor_profile, "Alicia Bárcena"),
    (actor_profile, "Claudia Sheinbaum"),
]


def test_catalog_answers_alike_on_sqlite_and_postgresql(
    db: Path,  # noqa: F811
    postgres_url: str,  # noqa: F811
    records: list[ArticleRecord],  # noqa: F811
):
    with PostgresStore(postgres_url) as writer:
        for record in records:
            writer.put(record)
    with ArticleStore.open_readonly(db) as lite, PostgresStore.open_readonly(postgres_url) as pg:
        for find, *arguments in CATALOG_QUERIES:
            expected = lite.query(find, *arguments)
            assert expected, (find.__name__, arguments)
            assert pg.query(find, *arguments) == expected, (find.__name__, arguments)
