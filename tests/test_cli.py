"""The ``newsgraph`` command end to end: extract, ingest, list, show, schema, and bad input."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.pipeline import article_id
from newsgraph.records import ArticleRecord

SEED_TITLE = "U.S. Escalates Pressure on Mexico to Allow Military Action Against Fentanyl Labs, Officials Say"


def run(*args: str, stdin: bytes | None = None):
    return CliRunner().invoke(main, list(args), input=stdin, catch_exceptions=False)


def records(output: str) -> list[ArticleRecord]:
    return [ArticleRecord.model_validate_json(line) for line in output.splitlines() if line]


@pytest.fixture(scope="module")
def seed_path(shared):
    return str(shared / "data/articles/seed/us-mexico-fentanyl-labs.txt")


def test_every_command_has_help():
    for command in (
        [],
        ["extract"],
        ["ingest"],
        ["list"],
        ["show"],
        ["schema"],
        ["eval"],
        ["eval", "clean"],
        ["eval", "actors"],
        ["eval", "places"],
        ["eval", "dates"],
        ["eval", "events"],
    ):
        result = run(*command, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output, command


def test_extract_reference_article(seed_path):
    result = run("extract", seed_path)
    assert result.exit_code == 0
    [record] = records(result.stdout)
    assert record.meta.title == SEED_TITLE
    assert record.meta.authors == ["Ogungbayi Beedee Adeyemi"]
    assert record.meta.site == "ddnewsonline.com"
    assert record.meta.language == "en"
    assert record.input.format == "text" and record.input.path == seed_path
    assert record.text.startswith("The United States is intensifying diplomatic")
    assert record.meta.published == "2026-01-15"  # "reported … on January 15, 2026"
    assert {
        "Claudia Sheinbaum",
        "Alicia Bárcena",
        "Donald Trump",
        "Sinaloa Cartel",
        "Jalisco New Generation Cartel",
        "United States",
        "Mexico",
    } <= {actor.name for actor in record.actors}
    places = {place.name: place for place in record.places}
    assert {"Mexico", "United States", "Sinaloa", "Jalisco"} <= set(places)
    assert (places["Sinaloa"].iso3166_2, places["Jalisco"].iso3166_2) == ("MX-SIN", "MX-JAL")
    # "the states of Sinaloa and Jalisco": the model's ORG "Sinaloa" is a place, not an actor.
    assert "Sinaloa" not in {actor.name for actor in record.actors}
    names = {actor.id: actor.name for actor in record.actors}
    assert ("REQUEST", ["United States"], ["Mexico"]) in [
        (event.type, [names[a] for a in event.actor], [names[r] for r in event.recipient])
        for event in record.events
    ]
    assert json.loads(result.stdout)["schema"] == "newsgraph.article/1"


def test_extract_id_is_stable_and_content_derived(seed_path, tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_text(open(seed_path, encoding="utf-8").read(), encoding="utf-8")
    first = records(run("extract", seed_path).stdout)[0]
    second = records(run("extract", str(copy)).stdout)[0]
    assert first.id == second.id


def test_extract_jsonl_carries_input_ids(shared):
    path = shared / "data/articles/wikinews/wikinews-2019.jsonl"
    result = run("extract", "--no-language", str(path))
    assert result.exit_code == 0
    out = records(result.stdout)
    source = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [r.input.id for r in out] == [s["id"] for s in source]
    assert [r.meta.title for r in out] == [s["title"] for s in source]
    assert all(r.meta.site == "en.wikinews.org" for r in out)
    assert [r.input.line for r in out[:3]] == [1, 2, 3]


def test_extract_reads_standard_input(seed_path):
    data = open(seed_path, "rb").read()
    [record] = records(run("extract", "-", stdin=data).stdout)
    assert record.meta.title == SEED_TITLE and record.input.path == "-"


def test_short_sentence_record_is_kept(tmp_path):
    sentence = "Iranian forces seized a British-flagged tanker in the Strait of Hormuz on Friday."
    path = tmp_path / "sentences.jsonl"
    path.write_text(json.dumps({"id": "s1", "text": sentence}) + "\n", encoding="utf-8")
    [record] = records(run("extract", str(path)).stdout)
    assert record.text == sentence and record.input.id == "s1"


def test_clean_none_keeps_the_chrome(seed_path):
    [record] = records(run("extract", "--clean", "none", seed_path).stdout)
    assert "Subscribe To The Best Team" in record.text and record.removed == []


def test_html_page_through_extract(shared):
    page = shared / "data/html/whitehouse/obamawhitehouse.archives.gov--blog.html"
    [record] = records(run("extract", str(page)).stdout)
    assert record.input.format == "html"
    assert (
        record.meta.title == "WEEKLY ADDRESS: Merry Christmas from the President and the First Lady"
    )
    assert record.text.startswith("In this week’s address, the President and the First Lady")


def test_bad_inputs_are_reported_one_line_each_and_the_batch_goes_on(tmp_path, seed_path):
    good = tmp_path / "good.txt"
    good.write_text(open(seed_path, encoding="utf-8").read(), encoding="utf-8")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "cp1252.txt").write_bytes(
        "Mexican Foreign Secretary Alicia Bárcena said Mexico would never accept foreign troops "
        "on its territory, a position President Claudia Sheinbaum repeated.".encode("cp1252")
    )
    (tmp_path / "broken.jsonl").write_text(
        '{"id": "a", "text": "Protesters marched through Santiago on Tuesday against pension cuts."}\n'
        '{"id": "b", "text": \n'
        '{"id": "c", "html": "<html><body><nav>Home</nav></body></html>"}\n',
        encoding="utf-8",
    )
    (tmp_path / "nonews.html").write_text("<html><head><title>x</title></head><body></body></html>")
    (tmp_path / "french.txt").write_text(
        "Le gouvernement mexicain a rejeté toute présence militaire étrangère sur son territoire, "
        "a déclaré la présidente lors de sa conférence de presse quotidienne à Mexico.",
        encoding="utf-8",
    )
    result = run("extract", str(tmp_path))
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    by_file = {line.split(":")[0].rsplit("/", 1)[-1]: line for line in errors}
    assert set(by_file) == {"empty.txt", "junk.txt", "broken.jsonl", "nonews.html"}, errors
    assert "empty" in by_file["empty.txt"] and "binary" in by_file["junk.txt"]
    assert f"{tmp_path}/broken.jsonl:2: invalid JSON" in result.stderr
    assert f"{tmp_path}/broken.jsonl:3: no article text found" in result.stderr
    assert "no article text found" in by_file["nonews.html"]
    out = {r.input.path.rsplit("/", 1)[-1]: r for r in records(result.stdout)}
    assert set(out) == {"good.txt", "cp1252.txt", "broken.jsonl", "french.txt"}
    assert "Bárcena" in out["cp1252.txt"].text
    assert out["french.txt"].meta.language == "fr"
    assert out["french.txt"].notes and "English only" in out["french.txt"].notes[0]


def test_size_limit_is_configurable(seed_path):
    result = run("extract", "--max-bytes", "1000", seed_path)
    assert result.exit_code == 1 and "size limit" in result.stderr and result.stdout == ""


def test_usage_errors_exit_2(seed_path):
    assert run("extract", "--clean", "sideways", seed_path).exit_code == 2
    assert run("extract").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_ingest_then_list_show_and_reingest(tmp_path, samples, seed_path):
    db = str(tmp_path / "n.db")
    first = run("ingest", str(samples), seed_path, "--db", db)
    assert first.exit_code == 0, first.stderr
    stored = len(records(run("extract", str(samples), seed_path).stdout))
    assert f"read {stored}, stored {stored}, already present 0, failed 0" in first.stderr
    again = run("ingest", str(samples), seed_path, "--db", db)
    assert f"read {stored}, stored 0, already present {stored}, failed 0" in again.stderr

    listing = run("list", "--db", db, "--json")
    rows = [json.loads(line) for line in listing.stdout.splitlines()]
    assert len(rows) == stored
    seed = next(row for row in rows if row["title"] == SEED_TITLE)
    assert seed["site"] == "ddnewsonline.com" and seed["size"] > 2000

    shown = run("show", seed["id"][:8], "--db", db)
    assert shown.exit_code == 0 and SEED_TITLE in shown.stdout
    assert "[promo] Subscribe To The Best Team" in shown.stdout
    as_json = run("show", seed["id"], "--db", db, "--json")
    assert ArticleRecord.model_validate_json(as_json.stdout).meta.title == SEED_TITLE
    assert run("show", "ffffffffffff", "--db", db).exit_code == 1


def test_list_on_missing_database_says_so(tmp_path):
    result = run("list", "--db", str(tmp_path / "nothing.db"))
    assert result.exit_code == 1 and "nothing.db" in result.stderr


def test_schema_is_the_record_json_schema():
    schema = json.loads(run("schema").stdout)
    assert schema["$id"] == "newsgraph.article/1"
    for field in (
        "id",
        "input",
        "meta",
        "text",
        "removed",
        "actors",
        "places",
        "sources",
        "events",
        "quotes",
        "counts",
        "flags",
    ):
        assert field in schema["properties"]


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path, shared):
    """Kill ``newsgraph ingest`` (language stages on) midway, run it again: every article once,
    nothing half-written."""
    corpus = shared / "data/articles/wikinews/wikinews-2019.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    db = tmp_path / "killed.db"
    command = [sys.executable, "-m", "newsgraph.cli", "ingest", str(corpus), "--db", str(db)]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and child.poll() is None:
        if db.exists() and _count(db) >= 20:
            break
        time.sleep(0.05)
    assert child.poll() is None, "ingest finished before it could be killed"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    partial = _count(db)
    assert 20 <= partial < len(lines) - 20

    rerun = subprocess.run(command, capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    expected = {article_id(json.loads(line)["text"]) for line in lines}
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = [row[0] for row in connection.execute("SELECT id FROM articles")]
        inputs = connection.execute("SELECT count(*), count(DISTINCT line) FROM inputs").fetchone()
        with_actors = connection.execute(
            "SELECT count(*) FROM articles WHERE json_array_length(record_json, '$.actors') > 0"
        ).fetchone()[0]
    assert len(ids) == len(set(ids)) and set(ids) == expected
    assert inputs == (len(lines), len(lines)), "every JSON line recorded once as an input"
    assert with_actors >= len(expected) - 5, "the language stages ran before and after the kill"
    stored, present = len(expected) - partial, len(lines) - len(expected) + partial
    assert f"read {len(lines)}, stored {stored}, already present {present}" in rerun.stderr


def _count(db) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_truncated_and_malformed_html_still_yields_the_article(tmp_path, shared):
    page = (shared / "data/html/whitehouse/obamawhitehouse.archives.gov--blog.html").read_bytes()
    broken = tmp_path / "truncated.html"
    broken.write_bytes(page[:60000] + b"<div><p>unclosed <b>bold <table><tr><td>cell")
    result = run("extract", str(broken))
    assert result.exit_code == 0, result.stderr
    [record] = records(result.stdout)
    assert record.meta.title.startswith("WEEKLY ADDRESS: Merry Christmas")
    assert record.text.startswith("In this week’s address, the President and the First Lady")


def test_a_stage_failure_is_one_error_line_and_the_batch_goes_on(tmp_path, seed_path, monkeypatch):
    import newsgraph.pipeline

    clean_text = newsgraph.pipeline.clean_text

    def broken_cleaner(raw: str):
        if "Subscribe" in raw:
            raise RuntimeError("cleaner exploded\non two lines")
        return clean_text(raw)

    monkeypatch.setattr(newsgraph.pipeline, "clean_text", broken_cleaner)
    other = tmp_path / "other.txt"
    other.write_text(
        "Protesters marched through Santiago on Tuesday against pension cuts, police said.",
        encoding="utf-8",
    )
    result = run("extract", seed_path, str(other))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{seed_path}: could not be processed: RuntimeError: cleaner exploded on two lines"
    )
    assert [r.input.path for r in records(result.stdout)] == [str(other)]


def test_a_language_stage_failure_loses_only_its_article(tmp_path, seed_path, monkeypatch):
    """The articles of one spaCy batch are annotated together; one that breaks a stage is
    reported alone and the others of its batch keep their actors and places."""
    import newsgraph.annotate

    find_places = newsgraph.annotate.find_places

    def broken_places(doc, hint_countries=()):
        if "Santiago" in doc.text:
            raise ValueError("gazetteer exploded")
        return find_places(doc, hint_countries=hint_countries)

    monkeypatch.setattr(newsgraph.annotate, "find_places", broken_places)
    santiago = tmp_path / "santiago.txt"
    santiago.write_text(
        "Protesters marched through Santiago on Tuesday against pension cuts, police said.",
        encoding="utf-8",
    )
    lima = tmp_path / "lima.txt"
    lima.write_text(
        "Peruvian President Dina Boluarte met farmers in Lima on Monday, her office said.",
        encoding="utf-8",
    )
    result = run("extract", seed_path, str(santiago), str(lima))
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        f"{santiago}: could not be processed: ValueError: gazetteer exploded"
    )
    seed, peru = records(result.stdout)
    assert seed.input.path == seed_path and seed.places and seed.actors
    assert [place.name for place in peru.places] == ["Lima"]
    assert peru.actors[0].name == "Dina Boluarte"
