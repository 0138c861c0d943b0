"""The PostgreSQL store against a real server: the same articles stored in SQLite and in
PostgreSQL answer every corpus query the same way.

The server's URL comes from ``NEWSGRAPH_TEST_POSTGRES`` (``.ci/run`` starts one); without it
these tests are skipped, unless ``NEWSGRAPH_REQUIRE_POSTGRES`` is set, as in CI, where a missing
server is a failure.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest import read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.records import ArticleRecord
from newsgraph.store import ArticleStore, StoreError
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
from newsgraph.store.postgres_sql import postgres_query
from newsgraph.store.queries import (
    CountFilter,
    EventFilter,
    QuoteFilter,
    SourceFilter,
    find_counts,
    find_event_reports,
    find_events,
    find_quotes,
    find_sources,
    search_articles,
)
from newsgraph.store.relations import dyads, timeline
from newsgraph.store.stories import StoryFilter, find_stories, story_versions


@pytest.fixture(scope="module")
def server() -> str:
    url = os.environ.get("NEWSGRAPH_TEST_POSTGRES")
    if not url:
        if os.environ.get("NEWSGRAPH_REQUIRE_POSTGRES"):
            pytest.fail("NEWSGRAPH_REQUIRE_POSTGRES is set but NEWSGRAPH_TEST_POSTGRES is not")
        pytest.skip("no PostgreSQL server: set NEWSGRAPH_TEST_POSTGRES (.ci/run starts one)")
    return url


@pytest.fixture()
def postgres_url(server: str):
    """A new empty database on the server, dropped afterwards."""
    import psycopg

    name = f"newsgraph_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    base, _, _ = server.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(scope="module")
def records(samples: Path, shared: Path, tmp_path_factory) -> list[ArticleRecord]:
    seed = shared / "data/articles/seed/us-mexico-fentanyl-labs.txt"
    wikinews = shared / "data/articles/wikinews/wikinews-2019.jsonl"
    with open(wikinews, encoding="utf-8") as lines:
        first_articles = [next(lines) for _ in range(12)]
    sample = tmp_path_factory.mktemp("postgres") / "wikinews-12.jsonl"
    sample.write_text("".join(first_articles), encoding="utf-8")
    results = list(Pipeline().run(read_inputs([str(samples), str(seed), str(sample)])))
    assert all(isinstance(result, ArticleRecord) for result in results)
    return results


def test_sql_rewrites_for_postgres():
    assert postgres_query("INSERT OR IGNORE INTO t (a) VALUES (?)") == (
        "INSERT INTO t (a) VALUES (%s) ON CONFLICT DO NOTHING"
    )
    assert postgres_query(
        "SELECT group_concat(a.name, '; '), SUM(MAX(score, 0)), MIN(x), MIN(a, b) FROM t "
        "WHERE name LIKE ? AND date IS ? AND note = 'is ? 100%'"
    ) == (
        "SELECT string_agg(CAST(a.name AS TEXT), '; '), SUM(GREATEST(score, 0)), MIN(x), "
        "LEAST(a, b) FROM t WHERE name ILIKE %s AND date IS NOT DISTINCT FROM %s "
        "AND note = 'is ? 100%%'"
    )
    assert postgres_query("SELECT n FROM (SELECT n FROM t ORDER BY d DESC, n LIMIT ?)") == (
        "SELECT n FROM (SELECT n FROM t ORDER BY d DESC NULLS LAST, n NULLS FIRST LIMIT %s) "
        "AS subquery_1"
    )
    assert postgres_query("UPDATE t SET n = :n WHERE id = :id") == (
        "UPDATE t SET n = %(n)s WHERE id = %(id)s"
    )


def _both(tmp_path: Path, url: str, records: list[ArticleRecord]):
    sqlite_path = tmp_path / "corpus.db"
    for store in (ArticleStore(sqlite_path), PostgresStore(url)):
        with store:
            for record in records:
                store.put(record)
            store.put(records[0])  # a second time: stored once
    return ArticleStore.open_readonly(sqlite_path), PostgresStore.open_readonly(url)


QUERIES = [
    (find_places, PlaceFilter()),
    (find_places, PlaceFilter(country="MEX", sort="name")),
    (find_actors, ActorFilter()),
    (find_actors, ActorFilter(name="Bárcena")),
    (find_actors, ActorFilter(country="MEX", sector="GOV", sort="events")),
    (country_event_counts, None),
    (actor_network, "2019"),
    (actor_profile, "Alicia Bárcena"),
    (find_events, EventFilter()),
    (find_events, EventFilter(actor="USA", recipient="MEX")),
    (find_events, EventFilter(actor="sheinbaum")),
    (find_events, EventFilter(actor="MEXGOV", type="reject")),
    (find_events, EventFilter(source_type="anonymous")),
    (find_events, EventFilter(place="Sinaloa")),
    (find_events, EventFilter(since="2019", until="2019-12")),
    (find_event_reports, EventFilter()),
    (find_event_reports, EventFilter(actor="USA", modality="historical")),
    (find_quotes, QuoteFilter(speaker="Bárcena")),
    (find_quotes, QuoteFilter(speaker="MEX", kind="indirect")),
    (find_sources, SourceFilter()),
    (find_sources, SourceFilter(type="anonymous")),
    (find_counts, CountFilter()),
    (find_counts, CountFilter(type="KILL", place="United States")),
    (find_stories, StoryFilter(min_versions=1)),
]


def test_every_query_answers_alike_on_sqlite_and_postgresql(
    tmp_path: Path, postgres_url: str, records: list[ArticleRecord]
):
    lite, postgres = _both(tmp_path, postgres_url, records)
    with lite, postgres:
        assert postgres.count() == lite.count() == len({record.id for record in records})
        assert postgres.list(limit=5) == lite.list(limit=5)
        assert postgres.get(records[0].id[:6]) == lite.get(records[0].id)
        assert postgres.inputs(records[0].id) == lite.inputs(records[0].id)
        for find, query in QUERIES:
            expected = lite.query(find, query)
            assert expected or find is find_event_reports, (find.__name__, query)
            assert postgres.query(find, query) == expected, (find.__name__, query)
        for by in ("month", "week"):
            assert postgres.query(timeline, "USA", "MEX", by) == lite.query(
                timeline, "USA", "MEX", by
            )
        assert postgres.query(dyads, "2026", "2026") == lite.query(dyads, "2026", "2026")
        story = lite.query(find_stories, StoryFilter(min_versions=1))[0].story
        assert postgres.query(story_versions, story) == lite.query(story_versions, story)


def test_full_text_search_on_postgresql(
    tmp_path: Path, postgres_url: str, records: list[ArticleRecord]
):
    lite, postgres = _both(tmp_path, postgres_url, records)
    with lite, postgres:
        for words in ("foreign troops", "fentanyl", "sovereign nation"):
            found = {row.article_id for row in postgres.query(search_articles, words)}
            assert found == {row.article_id for row in lite.query(search_articles, words)}
        (barcena,) = postgres.query(find_quotes, QuoteFilter(search="sovereign nation"))
        assert barcena.speaker == "Alicia Bárcena"
        (hit,) = [row for row in postgres.query(search_articles, "foreign troops")]
        assert "[" in hit.snippet and "]" in hit.snippet


def test_command_line_on_postgresql(postgres_url: str, shared: Path):
    seed = shared / "data/articles/seed/us-mexico-fentanyl-labs.txt"
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(seed), "--db", postgres_url])
    assert result.exit_code == 0, result.output
    result = runner.invoke(
        main, ["events", "--actor", "USA", "--format", "json", "--db", postgres_url]
    )
    assert result.exit_code == 0 and '"type": "REQUEST"' in result.output, result.output
    result = runner.invoke(main, ["brief", str(seed), "--db", postgres_url])
    assert "Alicia Bárcena (responded)" in result.output, result.output


def test_postgresql_errors_are_one_line(
    server: str, postgres_url: str, records: list[ArticleRecord]
):
    base, _, _ = server.rpartition("/")
    with pytest.raises(StoreError, match="newsgraph_no_such_database"):
        PostgresStore(f"{base}/newsgraph_no_such_database")
    PostgresStore(postgres_url).close()
    with PostgresStore.open_readonly(postgres_url) as reader:
        with pytest.raises(StoreError, match="read-only transaction"):
            reader.put(records[0])
        assert reader.count() == 0


def test_exports_from_postgresql_equal_those_from_sqlite(
    tmp_path: Path, postgres_url: str, records: list[ArticleRecord]
):
    from newsgraph.store.export import export_jsonl, export_parquet

    lite, postgres = _both(tmp_path, postgres_url, records)
    with lite, postgres:
        assert (
            postgres.query(export_jsonl, tmp_path / "pg.jsonl").rows
            == lite.query(export_jsonl, tmp_path / "lite.jsonl").rows
        )
        assert (tmp_path / "pg.jsonl").read_text() == (tmp_path / "lite.jsonl").read_text()
        from_postgres = postgres.query(export_parquet, tmp_path / "pg")
        from_sqlite = lite.query(export_parquet, tmp_path / "lite")
    import pyarrow.parquet as pq

    for ours, theirs in zip(from_postgres, from_sqlite, strict=True):
        assert pq.read_table(ours.path).equals(pq.read_table(theirs.path)), ours.path.name
