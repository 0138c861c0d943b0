"""Event exports: the GDELT 2.0 event table read back through DuckDB, PLOVER JSON records, the
modality filter, on the reference article and Wikinews articles run through the pipeline."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest import Document
from newsgraph.pipeline import Pipeline
from newsgraph.records import ArticleRecord
from newsgraph.store import ArticleStore
from newsgraph.store.gdelt import GDELT_COLUMNS, GDELT_SCHEMA, date_columns
from newsgraph.store.interchange import (
    EventCodes,
    InterchangeError,
    check_event_codes,
    load_interchange,
)
from newsgraph.store.reports import ALL_MODALITIES, EXPORTED_MODALITIES, EventDate

WIKINEWS_ARTICLES = 8
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip


@pytest.fixture(scope="module")
def records(seed_text: str, shared: Path) -> list[ArticleRecord]:
    documents = [Document(raw=seed_text, kind="text", input_format="text", path="seed.txt")]
    lines = (shared / "data/articles/wikinews/wikinews-2019.jsonl").read_text("utf-8")
    for number, line in enumerate(lines.splitlines()[:WIKINEWS_ARTICLES], start=1):
        item = json.loads(line)
        documents.append(
            Document(
                raw=item["text"],
                kind="text",
                input_format="jsonl",
                path="wikinews-2019.jsonl",
                line=number,
                record_id=item["id"],
                url=item["url"],
                title=item["title"],
                date=item["date"],
            )
        )
    results = list(Pipeline().run(documents))
    assert all(isinstance(result, ArticleRecord) for result in results), results
    return results


@pytest.fixture(scope="module")
def db(tmp_path_factory, records: list[ArticleRecord]) -> Path:
    path = tmp_path_factory.mktemp("export") / "corpus.db"
    with ArticleStore(path) as store:
        for record in records:
            store.put(record)
    return path


@pytest.fixture(scope="module")
def seed(records: list[ArticleRecord]) -> ArticleRecord:
    return records[0]


def export(db: Path, out: Path, output_format: str, *options: str) -> Path:
    result = CliRunner().invoke(
        main, ["export", "--format", output_format, "--out", str(out), "--db", str(db), *options]
    )
    assert result.exit_code == 0, result.output
    return out


def read_gdelt(path: Path) -> list[dict]:
    duckdb = pytest.importorskip("duckdb")
    relation = duckdb.read_csv(
        str(path), delimiter="\t", header=False, quotechar="", columns=dict(GDELT_SCHEMA)
    )
    assert tuple(relation.columns) == GDELT_COLUMNS
    return [dict(zip(relation.columns, row, strict=True)) for row in relation.fetchall()]


def event_keys(records: list[ArticleRecord], modalities: frozenset[str]) -> Counter:
    return Counter(
        record.id for record in records for event in record.events if event.modality in modalities
    )


def quad_of(root: str) -> int:
    number = int(root)
    return 1 if number <= 5 else 2 if number <= 8 else 3 if number <= 13 else 4


def test_gdelt_export_has_61_columns_no_header_and_reads_back(
    db: Path, tmp_path: Path, records: list[ArticleRecord], seed: ArticleRecord
):
    path = export(db, tmp_path / "events.tsv", "gdelt")
    lines = path.read_text("utf-8").splitlines()
    assert len(GDELT_COLUMNS) == 61
    assert all(len(line.split("\t")) == 61 for line in lines)
    assert lines[0].split("\t")[0].isdigit()  # no header line
    rows = read_gdelt(path)
    assert len(rows) == sum(event_keys(records, EXPORTED_MODALITIES).values())
    assert len({row["GlobalEventID"] for row in rows}) == len(rows)
    for row in rows:
        assert -10 <= row["GoldsteinScale"] <= 10
        assert row["EventRootCode"] == row["EventCode"][:2] == row["EventBaseCode"][:2]
        assert row["QuadClass"] == quad_of(row["EventRootCode"])
        assert row["NumMentions"] == row["NumSources"] == row["NumArticles"] == 1
        assert len(str(row["DATEADDED"])) == 14

    seed_rows = [row for row in rows if row["SOURCEURL"] == "seed.txt"]
    assert len(seed_rows) == sum(event.modality in EXPORTED_MODALITIES for event in seed.events)
    rejects = [row for row in seed_rows if row["EventRootCode"] == "12"]
    requests = [row for row in seed_rows if row["EventRootCode"] == "10"]
    assert {row["Actor1Code"] for row in rejects} == {"MEXGOV", "MEX"}
    assert {row["Actor1CountryCode"] for row in rejects} == {"MEX"}
    assert "CLAUDIA SHEINBAUM" in {row["Actor1Name"] for row in rejects}
    assert [(r["Actor1Code"], r["Actor2Code"], r["EventCode"]) for r in requests] == [
        ("USA", "MEX", "100")
    ]
    assert requests[0]["IsRootEvent"] == 1  # the lead sentence
    assert all(row["Day"] == 20260115 and row["FractionDate"] == 2026.0411 for row in requests)
    sinaloa = next(place for place in seed.places if place.name == "Sinaloa")
    located = [row for row in seed_rows if row["ActionGeo_Type"] == 5]
    assert located and all(row["ActionGeo_CountryCode"] == "MX" for row in located)
    assert {row["ActionGeo_Fullname"] for row in located} == {"Sinaloa, Mexico"}
    assert {(row["ActionGeo_Lat"], row["ActionGeo_Long"]) for row in located} == {
        (sinaloa.lat, sinaloa.lon)
    }
    assert located[0]["ActionGeo_ADM1Code"] == "MXSIN"

    urls = {record.input.url for record in records[1:]}
    assert {row["SOURCEURL"] for row in rows} - {"seed.txt"} <= urls


def test_gdelt_files_a_partial_date_under_its_first_day(db: Path, tmp_path: Path, seed):
    historical = [event for event in seed.events if event.modality == "historical"]
    assert historical and historical[0].date == "2019"
    rows = read_gdelt(export(db, tmp_path / "events.tsv", "gdelt"))
    days = {row["Day"] for row in rows if row["SOURCEURL"] == "seed.txt"}
    assert 20190101 in days


def test_fraction_date_matches_published_gdelt_rows():
    assert date_columns(EventDate(date(2021, 3, 23), "2021-03-23", "event"))[3] == "2021.2274"
    assert date_columns(EventDate(date(1979, 1, 1), "1979-01-01", "event"))[3] == "1979.0027"


def test_modalities_filter_both_exports(db: Path, tmp_path: Path, records):
    asserted = event_keys(records, EXPORTED_MODALITIES)
    everything = event_keys(records, ALL_MODALITIES)
    assert asserted != everything  # the Wikinews articles have hypothetical and negated events
    default = read_gdelt(export(db, tmp_path / "a.tsv", "gdelt"))
    full = read_gdelt(export(db, tmp_path / "b.tsv", "gdelt", "--all-modalities"))
    assert (len(default), len(full)) == (sum(asserted.values()), sum(everything.values()))
    plover = tmp_path / "events.jsonl"
    export(db, plover, "plover")
    kept = [json.loads(line) for line in plover.read_text("utf-8").splitlines()]
    assert Counter(item["newsgraph"]["article_id"] for item in kept) == asserted
    assert {item["newsgraph"]["modality"] for item in kept} <= EXPORTED_MODALITIES


def test_plover_records_follow_the_spec_and_round_trip_events(
    db: Path, tmp_path: Path, records: list[ArticleRecord], seed: ArticleRecord
):
    path = export(db, tmp_path / "events.jsonl", "plover", "--all-modalities")
    items = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    assert Counter(item["newsgraph"]["article_id"] for item in items) == event_keys(
        records, ALL_MODALITIES
    )
    texts = {record.id: record.text for record in records}
    special = {"historical": "historical", "future": "future", "hypothetical": "hypothetical"}
    special["negated"] = "negation"
    for item in items:
        assert {"id", "date", "source", "event"} <= item.keys()  # PLOVER's required fields
        assert item["id"] == f"{item['newsgraph']['article_id']}-{item['newsgraph']['event_id']}"
        assert len(item["event"]) == 1 and item["event"][0] in PLOVER_TYPES
        assert isinstance(item["mode"], list) and isinstance(item["context"], list)
        assert item["quad_code"] in {1, 2, 3, 4}
        for actor in item["source"] + item["recipient"]:
            assert actor.keys() == {"code", "sector", "actor_text", "office"}
        start, end = item["text_info"]["start"], item["text_info"]["end"]
        assert texts[item["newsgraph"]["article_id"]][start:end] == item["text"]
        modality = item["newsgraph"]["modality"]
        if modality in special:
            assert special[modality] in item["context"]

    by_id = {item["id"]: item for item in items}
    request = next(event for event in seed.events if event.type == "REQUEST")
    first = by_id[f"{seed.id}-{request.id}"]
    assert [actor["code"] for actor in first["source"]] == ["USA"]
    assert [actor["code"] for actor in first["recipient"]] == ["MEX"]
    assert first["date"] == "2026-01-15" and first["cite_info"]["citation"] == seed.id
    assert first["newsgraph"]["claim_source"]["type"] == "anonymous"
    sheinbaum = [
        item
        for item in items
        if item["event"] == ["REJECT"] and item["source"][0]["actor_text"] == "Claudia Sheinbaum"
    ]
    assert sheinbaum[0]["source"][0] == {
        "code": "MEX",
        "sector": "GOV",
        "actor_text": "Claudia Sheinbaum",
        "office": "President",
    }
    located = [item for item in items if item["event_loc"]]
    assert {
        "name": "Sinaloa",
        "country code": "MX",
        "cc3": "MEX",
        "iso3166_2": "MX-SIN",
    }.items() <= next(
        item["event_loc"] for item in located if item["event_loc"]["name"] == "Sinaloa"
    ).items()


def test_interchange_codes_sit_under_the_ontology_roots():
    tables = load_interchange()
    assert set(tables.events) == PLOVER_TYPES
    assert tables.event_code("REJECT", "meet", []) == "125"
    assert tables.event_code("COOPERATE", None, ["legal", "economic"]) == "063"
    assert tables.event_code("ASSAULT", "firearms", []) == "193"
    with pytest.raises(InterchangeError, match="REJECT/meet"):
        check_event_codes("REJECT", EventCodes("120", {"meet": "136"}, {}), tables.types["REJECT"])
