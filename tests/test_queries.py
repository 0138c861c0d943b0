"""Corpus queries on the store's part tables: events, quotes, sources, counts, full-text search;
parts filled in for articles stored before the part tables existed; the CLI's query commands."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest import Document
from newsgraph.pipeline import Pipeline
from newsgraph.records import ArticleRecord
from newsgraph.store import ArticleStore, facets, fulltext
from newsgraph.store.fulltext import fts_query
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
from newsgraph.store.relations import sparkline, timeline


@pytest.fixture(scope="module")
def seed_record(seed_text: str) -> ArticleRecord:
    return Pipeline().process(
        Document(raw=seed_text, kind="text", input_format="text", path="seed.txt")
    )


@pytest.fixture()
def db(tmp_path: Path, seed_record: ArticleRecord) -> Path:
    path = tmp_path / "corpus.db"
    with ArticleStore(path) as store:
        store.put(seed_record)
    return path


def run(db: Path, find, *arguments):
    with ArticleStore.open_readonly(db) as store:
        return store.query(find, *arguments)


@pytest.fixture(
    params=[(5000, 20000), (0, 20000), (0, 1)],
    ids=["rarest filter drives", "newest first", "newest few, then the rarest drives"],
)
def strategy(request, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each way the event queries can run (see newsgraph.store.facets), forced."""
    driver_rows, scan_rows = request.param
    monkeypatch.setattr(facets, "DRIVER_ROWS", driver_rows)
    monkeypatch.setattr(facets, "SCAN_ROWS", scan_rows)


@pytest.mark.usefixtures("strategy")
def test_event_reports_by_country_sector_name_place_and_source_type(db: Path):
    pairs = run(db, find_event_reports, EventFilter(actor="USA", recipient="MEX"))
    assert {row.type for row in pairs} >= {"REQUEST", "THREATEN"}
    assert all(row.recipients for row in pairs)
    government = run(db, find_event_reports, EventFilter(actor="MEXGOV", type="reject"))
    assert [row.actors for row in government] == ["Claudia Sheinbaum"]
    by_name = run(db, find_event_reports, EventFilter(actor="sheinbaum"))
    assert {row.type for row in by_name} == {"REJECT", "AGREE"}
    anonymous = run(db, find_event_reports, EventFilter(source_type="anonymous"))
    assert [(row.type, row.source_type) for row in anonymous] == [("REQUEST", "anonymous")]
    sinaloa = run(db, find_event_reports, EventFilter(place="Sinaloa"))
    assert [row.type for row in sinaloa] == ["THREATEN"]
    historical = run(db, find_event_reports, EventFilter(modality="historical", until="2019-12-31"))
    assert [(row.actors, row.date) for row in historical] == [("Donald Trump", "2019")]
    assert run(db, find_event_reports, EventFilter(since="2027")) == []
    assert all(row.corpus_event for row in run(db, find_event_reports, EventFilter()))


FILTERS = [
    EventFilter(actor="USA", recipient="MEX"),
    EventFilter(actor="USA", recipient="MEX", modality="asserted", since="2026"),
    EventFilter(actor="United States", place="MEX"),
    EventFilter(actor="MEXGOV", type="reject"),
    EventFilter(actor="sheinbaum"),
    EventFilter(source_type="anonymous"),
    EventFilter(place="Sinaloa"),
    EventFilter(place="MEX"),
    EventFilter(modality="historical", until="2019-12-31"),
    EventFilter(since="2026-01"),
    EventFilter(since="2027"),
    EventFilter(actor="nobody by this name"),
    EventFilter(),
]


@pytest.mark.usefixtures("strategy")
@pytest.mark.parametrize("query", FILTERS, ids=repr)
def test_corpus_events_answer_every_filter_like_their_reports(db: Path, query: EventFilter):
    """One article, whose events are all different: each filter finds one corpus event per
    report it finds, each with that report as its first, reported once by one site."""
    reports = run(db, find_event_reports, query)
    events = run(db, find_events, query)
    assert sorted((row.corpus_event, row.event_id, row.type) for row in events) == sorted(
        (row.corpus_event, row.event_id, row.type) for row in reports
    )
    assert [row.date for row in events] == sorted((row.date for row in events), reverse=True)
    assert all(
        (row.reports, row.articles, row.sites, row.stories) == (1, 1, 1, 1) for row in events
    )
    assert all(row.first_reported == "2026-01-15" for row in events)


def test_quotes_sources_counts_and_search(db: Path):
    barcena = run(db, find_quotes, QuoteFilter(speaker="Bárcena"))
    assert [(row.kind, row.cue) for row in barcena] == [("direct", "responded")]
    assert run(db, find_quotes, QuoteFilter(search="sovereign nation"))[0].speaker == (
        "Alicia Bárcena"
    )
    assert run(db, find_quotes, QuoteFilter(speaker="MEX", kind="indirect"))
    anonymous = run(db, find_sources, SourceFilter(type="anonymous"))
    assert [(row.text, row.anonymity_reason, row.claims) for row in anonymous] == [
        ("multiple senior American officials speaking on condition of anonymity", True, 1)
    ]
    deaths = run(db, find_counts, CountFilter(type="KILL", place="USA"))
    assert [(row.value, row.qualifier, row.time, row.source) for row in deaths] == [
        (70000, ">", "2025", "preliminary CDC estimates")
    ]
    found = run(db, search_articles, "fentanyl labs", 5)
    assert len(found) == 1 and "[fentanyl]" in found[0].snippet.lower()
    assert run(db, search_articles, 'zzyzx" OR (', 5) == []


def test_quote_search_walking_newest_first_finds_what_sorting_finds(
    db: Path, monkeypatch: pytest.MonkeyPatch
):
    sorted_by_date = run(db, find_quotes, QuoteFilter(search="the"))
    assert len(sorted_by_date) >= 3
    monkeypatch.setattr(fulltext, "WALKED_QUOTE_MATCHES", 1)
    assert run(db, find_quotes, QuoteFilter(search="the")) == sorted_by_date
    with sqlite3.connect(db) as conn:  # an index made before quotes shared its rowids
        conn.execute("DELETE FROM quote_search")
        conn.execute(
            "INSERT INTO quote_search (rowid, article_id, quote_id, speaker, text) "
            "SELECT rowid + 1000, article_id, id, '', text FROM quotes"
        )
        conn.execute("DELETE FROM schema_migrations WHERE version = 6")
    ArticleStore(db).close()
    assert run(db, find_quotes, QuoteFilter(search="the")) == sorted_by_date


def test_fts_query_quotes_every_term():
    assert fts_query('say "no" NEAR') == '"say" """no""" "NEAR"'


def test_parts_of_articles_stored_before_the_part_tables_are_filled_in(
    db: Path, seed_record: ArticleRecord
):
    with sqlite3.connect(db) as conn:
        for table in ("event_actors", "events", "quotes", "article_parts", "article_search"):
            conn.execute(f"DELETE FROM {table}")
    assert run(db, find_event_reports, EventFilter()) == []
    ArticleStore(db).close()
    assert len(run(db, find_event_reports, EventFilter())) == len(seed_record.events)
    assert run(db, search_articles, "fentanyl", 5)


def test_query_commands_print_table_json_and_csv(db: Path):
    runner = CliRunner()
    table = runner.invoke(main, ["events", "--db", str(db), "--actor", "USA"])
    assert table.exit_code == 0, table.output
    assert "events (4;" in table.output
    as_json = runner.invoke(main, ["quotes", "--db", str(db), "--format", "json"])
    quotes = [json.loads(line) for line in as_json.output.splitlines()]
    assert any(quote["speaker"] == "Alicia Bárcena" for quote in quotes)
    as_csv = runner.invoke(main, ["counts", "--db", str(db), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.output)))
    assert {row["count_type"] for row in rows} >= {"KILL"}
    missing = runner.invoke(main, ["sources", "--db", str(db.parent / "none.db")])
    assert missing.exit_code != 0


def test_readers_query_while_another_process_ingests(tmp_path: Path, shared: Path):
    """Readers never wait on a running ingest and never see an article without its parts: the
    record JSON and the part tables agree on every article seen, in every round."""
    lines = (shared / "data/articles/wikinews/wikinews-2019.jsonl").read_text("utf-8").splitlines()
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("\n".join(lines[:30]) + "\n", encoding="utf-8")
    db = tmp_path / "live.db"
    ArticleStore(db).close()
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", str(db)]
    writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    rounds, seen = 0, set()
    try:
        raw = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
        with ArticleStore.open_readonly(db) as reader:
            while writer.poll() is None or rounds == 0:
                stored = raw.execute(
                    "SELECT a.id, json_array_length(a.record_json, '$.events'), "
                    "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id), "
                    "(SELECT COUNT(*) FROM article_parts p WHERE p.article_id = a.id) "
                    "FROM articles a"
                ).fetchall()
                for article, in_record, in_table, parts in stored:
                    assert (in_record, parts) == (in_table, 1), article
                    seen.add(article)
                reader.query(find_events, EventFilter(limit=5))
                rounds += 1
        raw.close()
    finally:
        writer.wait(timeout=300)
    assert writer.returncode == 0
    assert rounds > 1 and len(seen) == 30


def test_exports_read_back(db: Path, tmp_path: Path, seed_record: ArticleRecord):
    """JSON Lines gives the records back; DuckDB reads the Parquet parts and their joins agree
    with the store's own event query."""
    duckdb = pytest.importorskip("duckdb")
    runner = CliRunner()
    lines = tmp_path / "records.jsonl"
    result = runner.invoke(
        main, ["export", "--format", "jsonl", "--out", str(lines), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    records = [
        ArticleRecord.model_validate_json(line) for line in lines.read_text("utf-8").splitlines()
    ]
    assert records == [seed_record]
    folder = tmp_path / "parquet"
    result = runner.invoke(
        main, ["export", "--format", "parquet", "--out", str(folder), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    joined = duckdb.sql(
        f"SELECT e.type FROM '{folder}/events.parquet' e "
        f"JOIN '{folder}/event_actors.parquet' s ON s.article_id = e.article_id AND s.event_id = e.id "
        f"JOIN '{folder}/actors.parquet' a ON a.article_id = s.article_id AND a.id = s.actor_id "
        "WHERE s.side = 'actor' AND a.country = 'USA' ORDER BY e.id"
    ).fetchall()
    stored = run(db, find_event_reports, EventFilter(actor="USA"))
    assert sorted(row[0] for row in joined) == sorted(row.type for row in stored)
    counts = duckdb.sql(
        f"SELECT value, qualifier FROM '{folder}/counts.parquet' WHERE value > 50000"
    ).fetchall()
    assert counts == [(70000.0, ">")]
    assert duckdb.sql(f"SELECT count(*) FROM '{folder}/flags.parquet'").fetchall() == [
        (len(seed_record.flags),)
    ]


def test_timeline_between_two_actors_by_month_and_week(db: Path):
    rows = run(db, timeline, "USA", "MEX", "month")
    assert [row.period for row in rows] == ["2026-01"]
    (january,) = rows
    assert january.a_to_b >= 2 and "REQUEST" in january.types and "THREATEN" in january.types
    assert january.score < 0, "threats outweigh the request"
    assert run(db, timeline, "MEX", "USA", "week")[0].period == "2026-W03"
    assert run(db, timeline, "USA", "FRA", "month") == []
    runner = CliRunner()
    result = runner.invoke(main, ["timeline", "USA", "MEX", "--db", str(db), "--format", "json"])
    assert json.loads(result.output.splitlines()[0])["period"] == "2026-01"


def test_sparkline_spans_lowest_to_highest():
    assert sparkline([-4.0, 0.0, 4.0]) == "▁▅█"
    assert sparkline([]) == ""
