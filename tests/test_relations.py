"""Relations over time on real White House texts about Mexico: the USA–MEX timeline by month and
week within dates, with the months between filled; dyads against the period before; the PNG
chart; the article brief."""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.ingest import Document
from newsgraph.pipeline import Pipeline
from newsgraph.store import ArticleStore
from newsgraph.store.queries import EventFilter, find_event_reports, find_events
from newsgraph.store.relations import dyads, period_start, timeline

# Short 2021 readouts and statements on U.S.-Mexico relations, each with its own date.
USMX_2021 = (
    "Readout of President Joe Biden Call with President Andrés Manuel López Obrador",
    "U.S.-Mexico Joint Declaration",
    "Readout of Vice President Kamala Harris Call with President Andrés Manuel López",
    "U.S.- Mexico High-Level Economic Dialogue",
    "U.S.- Mexico High-Level Security Dialogue",
    "Readout of President Biden’s Meeting with President Andrés Manuel López Obrador",
)


@pytest.fixture(scope="module")
def usmx_db(shared: Path, seed_text: str, tmp_path_factory) -> Path:
    with gzip.open(shared / "data/articles/whitehouse/usmx.jsonl.gz", "rt") as lines:
        records = [json.loads(line) for line in lines]
    chosen = [
        record
        for record in records
        if record["date"].startswith("2021") and record["title"].startswith(USMX_2021)
    ]
    assert len(chosen) >= len(USMX_2021), [record["title"] for record in chosen]
    documents = [
        Document(
            raw=record["text"],
            kind="text",
            input_format="jsonl",
            path="usmx.jsonl.gz",
            title=record["title"],
            date=record["date"],
            url=record["url"],
        )
        for record in chosen
    ]
    documents.append(Document(raw=seed_text, kind="text", input_format="text", path="seed.txt"))
    # A syndicated copy: the same events reported again, to be counted once.
    copy = "Republished with permission of ddnewsonline.com\n\n" + seed_text
    documents.append(Document(raw=copy, kind="text", input_format="text", path="copy.txt"))
    path = tmp_path_factory.mktemp("relations") / "usmx.db"
    with ArticleStore(path) as store:
        for record in Pipeline().run(documents):
            store.put(record)
    return path


def run(db: Path, find, *arguments):
    with ArticleStore.open_readonly(db) as store:
        return store.query(find, *arguments)


def test_timeline_fills_the_months_between_and_keeps_to_its_dates(usmx_db: Path):
    rows = run(usmx_db, timeline, "USA", "MEX", "month")
    periods = [row.period for row in rows]
    assert periods[0].startswith("2021-") and periods[-1] == "2026-01", periods
    starts = [period_start(period) for period in periods]
    gaps = {
        (later.year * 12 + later.month) - (earlier.year * 12 + earlier.month)
        for earlier, later in itertools.pairwise(starts)
    }
    assert gaps == {1}, "one row per month from the first to the last"
    busy = [row for row in rows if row.a_to_b + row.b_to_a]
    assert len(busy) >= 4, busy
    assert all(row.score > 0 for row in busy if row.period.startswith("2021")), (
        "2021 readouts and joint declarations are cooperation"
    )
    assert rows[-1].score < 0, "the reference article's threats are conflict"
    january = EventFilter(actor="USA", recipient="MEX", since="2026-01", modality="asserted")
    reports = run(usmx_db, find_event_reports, january)
    corpus_events = run(usmx_db, find_events, january)
    assert len(reports) == 2 * len(corpus_events) > 0, "the copy reports each event again"
    assert rows[-1].a_to_b == len(corpus_events), "each event counted once"
    only_2021 = run(usmx_db, timeline, "USA", "MEX", "month", "2021", "2021")
    assert only_2021 and all(row.period.startswith("2021-") for row in only_2021)
    assert only_2021 == [row for row in rows if row.period.startswith("2021-")][: len(only_2021)]
    weeks = run(usmx_db, timeline, "USA", "MEX", "week", "2021-03", "2021-03")
    assert weeks and all(period_start(row.period).month in (2, 3) for row in weeks)


def test_dyads_rank_pairs_against_the_period_before(usmx_db: Path):
    report = run(usmx_db, dyads, "2021", "2021")
    assert (report.start, report.end, report.previous_start) == (
        "2021-01-01",
        "2022-01-01",
        "2020-01-01",
    )
    (pair,) = [row for row in report.most_cooperation if (row.first, row.second) == ("MEX", "USA")]
    timeline_2021 = run(usmx_db, timeline, "USA", "MEX", "month", "2021", "2021")
    assert pair.events <= sum(row.a_to_b + row.b_to_a for row in timeline_2021)
    assert pair.cooperation > 0 and pair.index == pair.change, "nothing in 2020 to compare"
    latest = run(usmx_db, dyads, None, None)
    assert latest.end == "2026-01-16", "until defaults to the latest article's date"
    (recent,) = [row for row in latest.most_conflict if (row.first, row.second) == ("MEX", "USA")]
    assert recent.conflict < 0


def test_timeline_png_and_dyads_on_the_command_line(usmx_db: Path, tmp_path: Path):
    runner = CliRunner()
    chart = tmp_path / "usa-mex.png"
    result = runner.invoke(
        main,
        [
            "timeline",
            "USA",
            "MEX",
            "--since",
            "2021",
            "--until",
            "2026",
            "--png",
            str(chart),
            "--db",
            str(usmx_db),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "index " in result.output and "2021-" in result.output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 10_000
    result = runner.invoke(
        main, ["dyads", "--since", "2021", "--until", "2021", "--db", str(usmx_db)]
    )
    assert result.exit_code == 0, result.output
    assert "most cooperation, 2021-01-01 to 2022-01-01" in result.output
    assert "MEX–USA" in result.output


def test_brief_of_the_reference_article_by_its_file(usmx_db: Path, shared: Path):
    seed = shared / "data/articles/seed/us-mexico-fentanyl-labs.txt"
    result = CliRunner().invoke(main, ["brief", str(seed), "--db", str(usmx_db)])
    assert result.exit_code == 0, result.output
    output = result.output
    assert "who did what to whom (" in output
    assert (
        "Mexico (MEX) —REJECT→" in output
        and "per Mexican Foreign Secretary Alicia Bárcena" in output
    )
    assert "Alicia Bárcena (responded): “Mexico will never accept foreign troops" in output
    assert "anonymous: multiple senior American officials" in output
    assert (
        "KILL >70,000 overdose deaths · 2025 · United States · per preliminary CDC estimates"
        in output
    )
    assert "[role_outdated]" in output and "[date_inconsistent]" in output
    missing = CliRunner().invoke(main, ["brief", "ffffffff", "--db", str(usmx_db)])
    assert missing.exit_code == 1 and "no article 'ffffffff'" in missing.output
