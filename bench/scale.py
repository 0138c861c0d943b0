"""Batch throughput on one machine: one process, the local engine and Ray Data, and a WARC run.

Usage: .venv/bin/python bench/scale.py [--shared ../shared] [--limit 1000] [--markdown]

On the first ``--limit`` texts of White House world-sample.jsonl.gz it times, each from a cold
start (models loaded inside the timing, as a user's run pays for them):
  one process   Pipeline().run in a fresh process, no engine;
  local         newsgraph batch --engine local --workers 2 (a spawn process pool);
  ray           newsgraph batch --engine ray --workers 2 (a local Ray instance, two actors);
and prints articles per second, the speed-up over one process (goal: at least 1.7x with two
workers on this 2-core machine) and the peak resident memory of each worker process, read by
the worker itself (getrusage; goal: under 1.5 GB). Then it builds a WARC from the shared HTML
pages (WCXB development pages and White House pages, as response records) and Wikinews texts (as
conversion records), with three records that hold no article (an image, a 404, an empty page),
and runs it through the local engine end to end. Load averages are printed before and after:
the numbers mean little on a machine busy with other work.
"""

from __future__ import annotations

import argparse
import gzip
import io
import itertools
import json
import multiprocessing
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsgraph.ingest import InputError, read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.scale.engine import Engine, LocalEngine
from newsgraph.scale.raydata import RayEngine
from newsgraph.scale.run import run_batch
from newsgraph.scale.summary import RunSummary
from newsgraph.scale.worker import this_worker

CORPUS = "data/articles/whitehouse/world-sample.jsonl.gz"
GOAL_SPEEDUP = 1.7
GOAL_RSS_MB = 1536


@dataclass(frozen=True)
class Measure:
    """One configuration's run over the sample."""

    name: str
    articles: int
    seconds: float
    peak_rss_mb: list[float]

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds


def sample(shared: Path, limit: int, folder: Path) -> Path:
    """The first ``limit`` lines of the corpus, as their own gzipped JSON Lines file."""
    path = folder / "sample.jsonl.gz"
    with gzip.open(shared / CORPUS, "rt", encoding="utf-8") as source:
        lines = list(itertools.islice(source, limit))
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.writelines(lines)
    return path


def one_process(path: str) -> tuple[int, float, int]:
    """In a fresh process: the articles the pipeline made of ``path``, the seconds it took
    (model loading included) and the process's peak RSS in bytes."""
    started = time.perf_counter()
    results = Pipeline().run(read_inputs([path]))
    articles = sum(not isinstance(result, InputError) for result in results)
    return articles, time.perf_counter() - started, this_worker().peak_rss


def measure_one_process(path: Path) -> Measure:
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        articles, seconds, peak = pool.apply(one_process, (str(path),))
    return Measure("one process", articles, seconds, [round(peak / 2**20, 1)])


def measure_engine(name: str, engine: Engine, path: Path, out: Path) -> tuple[Measure, RunSummary]:
    summary = run_batch([str(path)], out, engine)
    peaks = [worker.peak_rss_mb for worker in summary.run.workers_used]
    return Measure(name, summary.totals.extracted, summary.run.seconds, peaks), summary


def write_warc(path: Path, shared: Path, pages: int, texts: int) -> int:
    """A WARC of ``pages`` WCXB pages, the White House pages and ``texts`` Wikinews texts, plus
    three records with no article; the number of records that hold content."""
    html = shared / "data/html"
    truth = {
        item["id"]: item["url"]
        for item in map(json.loads, (html / "wcxb-dev/ground-truth.jsonl").open(encoding="utf-8"))
    }
    found = [
        (truth[name], gzip.decompress((html / f"wcxb-dev/html/{name}.html.gz").read_bytes()))
        for name in sorted(truth)[:pages]
    ]
    for item in json.loads((html / "whitehouse/metadata.json").read_text("utf-8")):
        found.append((item["url"], (html / "whitehouse" / item["file"]).read_bytes()))
    junk = [
        ("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n", "image/png", "200 OK"),
        ("https://example.org/missing", b"<html>Not found</html>", "text/html", "404 Not Found"),
        ("https://example.org/blank", b"", "text/html", "200 OK"),
    ]
    lines = (shared / "data/articles/wikinews/wikinews-2019.jsonl").read_text("utf-8")
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, body, content_type, status in [
            *((url, body, "text/html; charset=utf-8", "200 OK") for url, body in found),
            *junk,
        ]:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], "HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=headers
                )
            )
        for line in lines.splitlines()[:texts]:
            item = json.loads(line)
            writer.write_record(
                writer.create_warc_record(
                    item["url"],
                    "conversion",
                    payload=io.BytesIO(item["text"].encode("utf-8")),
                    warc_content_type="text/plain",
                )
            )
    return len(found) + len(junk) + min(texts, len(lines.splitlines()))


def load() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--limit", type=int, default=1000, help="Texts of the corpus to run.")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--warc-pages", type=int, default=120, help="WCXB pages in the WARC.")
    parser.add_argument("--warc-texts", type=int, default=40, help="Wikinews texts in the WARC.")
    parser.add_argument("--markdown", action="store_true", help="Print the tables as Markdown.")
    args = parser.parse_args()
    console = Console()
    table_box = box.MARKDOWN if args.markdown else box.HEAVY_HEAD
    console.print(f"load average before: {load()}")

    with tempfile.TemporaryDirectory(prefix="ng-scale-") as folder:
        root = Path(folder)
        path = sample(args.shared, args.limit, root)
        pipeline = Pipeline()
        measures = [measure_one_process(path)]
        local, _ = measure_engine(
            f"local engine, {args.workers} workers",
            LocalEngine(pipeline, args.workers),
            path,
            root / "local",
        )
        ray_out = root / "ray"
        on_ray, _ = measure_engine(
            f"Ray Data, {args.workers} actors",
            RayEngine(pipeline, args.workers, ray_out),
            path,
            ray_out,
        )
        measures += [local, on_ray]

        warc = root / "crawl.warc.gz"
        records = write_warc(warc, args.shared, args.warc_pages, args.warc_texts)
        _, warc_summary = measure_engine(
            "WARC", LocalEngine(pipeline, args.workers), warc, root / "warc"
        )

    single = measures[0].per_second
    table = Table(
        title=f"world-sample, first {args.limit} texts (articles per second, start-up included)",
        box=table_box,
    )
    for column in ("configuration", "articles", "seconds", "articles/s", "speed-up", "goal"):
        table.add_column(column, justify="left" if column == "configuration" else "right")
    table.add_column("peak RSS MB per worker", justify="right")
    table.add_column("goal", justify="right")
    for measure in measures:
        speedup = measure.per_second / single
        scaled = measure is not measures[0]
        table.add_row(
            measure.name,
            f"{measure.articles:,}",
            f"{measure.seconds:,.1f}",
            f"{measure.per_second:.2f}",
            f"{speedup:.2f}x",
            ("pass" if speedup >= GOAL_SPEEDUP else "FAIL") if scaled else "",
            ", ".join(f"{peak:,.0f}" for peak in measure.peak_rss_mb),
            "pass" if max(measure.peak_rss_mb) < GOAL_RSS_MB else "FAIL",
        )
    console.print(table)

    totals, run = warc_summary.totals, warc_summary.run
    reasons = Counter(failure.reason for failure in totals.failures)
    warc_table = Table(
        title=f"WARC end to end (local engine, {args.workers} workers)", box=table_box
    )
    warc_table.add_column("measure")
    warc_table.add_column("value", justify="right")
    for name, value in (
        ("content records written", f"{records:,}"),
        ("inputs read", f"{totals.read:,}"),
        ("articles extracted", f"{totals.extracted:,}"),
        ("of them not in English", f"{totals.not_english:,}"),
        ("failed", f"{len(totals.failures):,}"),
        *((f"  {reason}", f"{count:,}") for reason, count in reasons.most_common()),
        ("seconds (start-up included)", f"{run.seconds:,.1f}"),
        ("inputs/s", f"{run.per_second:.2f}"),
        (
            "peak RSS MB per worker",
            ", ".join(f"{worker.peak_rss_mb:,.0f}" for worker in run.workers_used),
        ),
    ):
        warc_table.add_row(name, value)
    console.print(warc_table)
    console.print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
