"""``newsgraph batch``: Wikinews articles, the reference article, a repeated article and a bad
record through the local engine and through Ray Data (a local Ray instance with two actors on
fractional CPUs) give the records the pipeline gives, the same part files and the same tables;
failures are reported with their ids; a rerun resumes; ``--ingest`` loads the store."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result

from newsgraph.cli import main
from newsgraph.ingest import Document, InputError, read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.records import ArticleRecord
from newsgraph.store import ArticleStore
from newsgraph.store.export import PARQUET_TABLES

WIKINEWS_ARTICLES = 8
BATCH_SIZE = "4"
BAD_LINE = "{not json"
WORKER_COLUMNS = ["worker", "worker_peak_rss"]


@pytest.fixture(scope="module")
def inputs(tmp_path_factory, shared: Path) -> list[str]:
    """Wikinews articles as JSON Lines (the first one twice, then a line that is no JSON), and
    the reference article as a text file."""
    lines = (shared / "data/articles/wikinews/wikinews-2019.jsonl").read_text("utf-8").splitlines()
    chosen = lines[:WIKINEWS_ARTICLES]
    corpus = tmp_path_factory.mktemp("inputs") / "wikinews.jsonl"
    corpus.write_text("\n".join([*chosen, chosen[0], BAD_LINE]) + "\n", encoding="utf-8")
    return [str(corpus), str(shared / "data/articles/seed/us-mexico-fentanyl-labs.txt")]


@pytest.fixture(scope="module")
def expected(inputs: list[str]) -> dict[str, ArticleRecord | InputError]:
    """What the pipeline makes of each input on its own, by input id."""
    pipeline = Pipeline()
    return {
        item.where: pipeline.process(item) if isinstance(item, Document) else item
        for item in read_inputs(inputs)
    }


def batch(inputs: list[str], out: Path, *options: str) -> Result:
    return CliRunner().invoke(
        main, ["batch", *inputs, "--out", str(out), "--batch-size", BATCH_SIZE, *options]
    )


@pytest.fixture(scope="module")
def local_run(tmp_path_factory, inputs: list[str]) -> Path:
    folder = tmp_path_factory.mktemp("local")
    result = batch(inputs, folder / "run", "--workers", "2", "--ingest", str(folder / "run.db"))
    assert result.exit_code == 1, result.output  # the bad line
    assert "read 11, extracted 10 (9 articles, 1 duplicates), failed 1" in result.output
    assert "loaded into" in result.output and "stored 9, already present 1" in result.output
    return folder / "run"


def parts(out: Path) -> dict[str, pa.Table]:
    return {
        path.name: pq.read_table(path).drop_columns(WORKER_COLUMNS)
        for path in sorted((out / "records").glob("part-*.parquet"))
    }


def tables(out: Path) -> dict[str, pa.Table]:
    return {table: pq.read_table(out / "tables" / f"{table}.parquet") for table in PARQUET_TABLES}


def sorted_rows(table: pa.Table) -> pa.Table:
    return table.sort_by([(name, "ascending") for name in table.column_names])


def test_local_engine_gives_the_records_of_the_pipeline(
    local_run: Path, inputs: list[str], expected
):
    rows = [row for table in parts(local_run).values() for row in table.to_pylist()]
    assert [row["input_id"] for row in rows] == list(expected)
    for row in rows:
        result = expected[row["input_id"]]
        if isinstance(result, InputError):
            assert (row["record"], row["error"]) == (None, result.message)
        else:
            assert (row["article_id"], row["record"]) == (result.id, result.to_json())
    assert sum(bool(json.loads(row["record"])["events"]) for row in rows if row["record"]) >= 8

    bad_id = f"{inputs[0]}:{WIKINEWS_ARTICLES + 2}"
    assert isinstance(expected[bad_id], InputError)
    failure = {"input_id": bad_id, "reason": expected[bad_id].message}
    assert failure["reason"].startswith("invalid JSON")
    summary = json.loads((local_run / "summary.json").read_text("utf-8"))
    assert {key: summary[key] for key in ("read", "extracted", "articles", "duplicates")} == {
        "read": 11,
        "extracted": 10,
        "articles": 9,
        "duplicates": 1,
    }
    assert summary["failures"] == [failure]
    assert summary["run"]["engine"] == "local" and summary["run"]["processed"] == 11
    assert len(summary["run"]["workers_used"]) == 2
    assert all(0 < worker["peak_rss_mb"] < 1536 for worker in summary["run"]["workers_used"])
    lines = (local_run / "failed.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [failure]


def test_tables_are_the_parquet_export_of_the_ingested_store(local_run: Path, expected, tmp_path):
    records: dict[str, ArticleRecord] = {}
    for result in expected.values():
        if isinstance(result, ArticleRecord):
            records.setdefault(result.id, result)  # the store keeps an article's first input
    db = local_run.parent / "run.db"
    with ArticleStore.open_readonly(db) as store:
        assert store.count() == len(records) == 9
        assert {summary.id for summary in store.list()} == set(records)
        for article_id, record in records.items():
            assert store.get(article_id) == record
    exported = tmp_path / "export"
    result = CliRunner().invoke(
        main, ["export", "--format", "parquet", "--out", str(exported), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    for table, written in tables(local_run).items():
        from_store = pq.read_table(exported / f"{table}.parquet")
        assert written.schema == from_store.schema, table
        assert sorted_rows(written).equals(sorted_rows(from_store)), table
    assert tables(local_run)["events"].num_rows > 20


def test_a_rerun_skips_what_is_done_and_redoes_a_deleted_part(
    local_run: Path, inputs: list[str], tmp_path: Path
):
    out = tmp_path / "run"
    shutil.copytree(local_run, out)
    before = {path.name: path.stat().st_mtime_ns for path in (out / "records").iterdir()}
    assert len(before) == 4  # the 10 lines in batches of 4, and the reference article

    result = batch(inputs, out, "--workers", "1")
    assert result.exit_code == 1, result.output
    assert "this run: 0 processed, 11 already done" in result.output
    assert {path.name: path.stat().st_mtime_ns for path in (out / "records").iterdir()} == before

    deleted = sorted(before)[1]
    (out / "records" / deleted).unlink()
    result = batch(inputs, out, "--workers", "1")
    assert result.exit_code == 1, result.output
    assert "this run: 4 processed, 7 already done" in result.output
    assert parts(out) == parts(local_run)
    assert tables(out) == tables(local_run)


def test_batch_reads_files_and_takes_an_address_only_for_ray(tmp_path: Path, inputs: list[str]):
    result = batch(["-"], tmp_path / "run")
    assert result.exit_code == 2 and "a batch reads files, not standard input" in result.output
    result = batch(inputs, tmp_path / "run", "--address", "127.0.0.1:6379")
    assert result.exit_code == 2 and "--address is for --engine ray" in result.output
    assert not (tmp_path / "run").exists()


def test_parquet_records_read_like_json_lines(tmp_path: Path, inputs: list[str]):
    lines = Path(inputs[0]).read_text("utf-8").splitlines()[:3]
    rows = [json.loads(line) for line in lines] + [{"id": "no-text", "title": "Empty"}]
    path = tmp_path / "wikinews.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path)
    from_parquet = list(read_inputs([str(path)]))
    from_jsonl = list(read_inputs([inputs[0]]))[:3]
    for row_number, (document, twin) in enumerate(
        zip(from_parquet[:3], from_jsonl, strict=True), start=1
    ):
        assert (document.raw, document.kind, document.record_id, document.url) == (
            twin.raw,
            twin.kind,
            twin.record_id,
            twin.url,
        )
        assert (document.title, document.date) == (twin.title, twin.date)
        assert (document.input_format, document.line) == ("parquet", row_number)
    assert str(from_parquet[3]) == f"{path}:4: line has neither 'text' nor 'html'"
    record = Pipeline(language=False).process(from_parquet[0])
    assert record.id == Pipeline(language=False).process(from_jsonl[0]).id
    assert record.input.format == "parquet" and record.input.line == 1


@pytest.fixture(scope="module")
def ray_instance(tmp_path_factory):
    """A local Ray instance of two CPUs for this module, started as ``batch`` starts one."""
    from newsgraph.scale.raydata import ray_session

    run_dir = tmp_path_factory.mktemp("ray")
    with ray_session(run_dir, workers=2):
        yield run_dir


def test_ray_engine_writes_what_the_local_engine_writes(
    ray_instance: Path, local_run: Path, inputs: list[str], tmp_path: Path
):
    assert (ray_instance / "ray/auth_token").stat().st_mode & 0o077 == 0
    assert list((ray_instance / "ray").glob("session_*/logs"))
    out = tmp_path / "run"
    result = batch(inputs, out, "--engine", "ray", "--workers", "2")
    assert result.exit_code == 1, result.output
    assert f"{inputs[0]}:{WIKINEWS_ARTICLES + 2}: invalid JSON" in result.output
    assert parts(out) == parts(local_run)
    assert tables(out) == tables(local_run)
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["run"]["engine"] == "ray" and summary["run"]["processed"] == 11
    actors = summary["run"]["workers_used"]
    assert len(actors) == 2 and all(0 < actor["peak_rss_mb"] < 1536 for actor in actors)
