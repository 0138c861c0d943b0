"""Speed and memory of the places stage: gazetteer load, and find_places against spaCy's parse.

Usage: .venv/bin/python bench/places.py [--shared ../shared] [--texts 200] [--cities 500 15000]
                                        [--accuracy]

1. The gazetteer, for each GeoNames city file asked for, each in a fresh process: built from the
   installed packages into an empty cache folder ("cold"), then loaded from that cache ("warm"),
   with the process's RSS before and after and its peak. With ``--accuracy`` each city file
   also runs ``evaluate_places`` on GeoVirus (parse included, so it takes a while).
2. Throughput: the ``text`` of the first N White House world-sample records parsed with
   ``parse_texts`` (spaCy ``nlp.pipe``, batches of 16), then ``find_places`` on those docs.
   Goal from issue 3: actors and places together add at most a quarter to spaCy's own time, so
   places alone should stay well under a tenth.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

SAMPLE = "data/articles/whitehouse/world-sample.jsonl.gz"
GEOVIRUS = "data/geo/GeoVirus.xml"


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child_load() -> None:
    """In a fresh process: load the gazetteer once, print seconds and memory as JSON."""
    before = rss_mb()
    from newsgraph.places import load_gazetteer

    imported = rss_mb()
    started = time.perf_counter()
    gazetteer = load_gazetteer()
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    report = {
        "seconds": elapsed,
        "rss_start": before,
        "rss_imported": imported,
        "rss_loaded": rss_mb(),
        "peak": peak,
        "places": len(gazetteer),
        "names": len(gazetteer.names) + len(gazetteer.alt_names),
    }
    print(json.dumps(report))


def child_accuracy(geovirus: str) -> None:
    from newsgraph.eval.places import evaluate_places

    score = evaluate_places(geovirus)
    print(
        json.dumps(
            {
                "acc161": score.context.accuracy_161,
                "country": score.context.country_accuracy,
                "f1": score.exact.f1,
            }
        )
    )


def spawn(arguments: list[str], cities: int, cache: str) -> dict:
    environment = {
        **os.environ,
        "NEWSGRAPH_GAZETTEER_CITIES": str(cities),
        "NEWSGRAPH_CACHE_DIR": cache,
    }
    done = subprocess.run(
        [sys.executable, __file__, *arguments],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def sample_texts(path: Path, count: int) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        return [json.loads(line)["text"] for line in islice(lines, count)]


def gazetteer_table(options: argparse.Namespace) -> Table:
    table = Table(title="gazetteer, one fresh process per row", box=box.MARKDOWN)
    columns = ["cities file", "load", "seconds", "RSS added MB", "peak RSS MB", "places", "names"]
    if options.accuracy:
        columns += ["GeoVirus F1 exact", "acc@161 km", "country acc"]
    for column in columns:
        table.add_column(column, justify="left" if column in ("cities file", "load") else "right")
    for cities in options.cities:
        with tempfile.TemporaryDirectory() as cache:
            for load in ("cold (build + write cache)", "warm (from cache)"):
                found = spawn(["--child-load"], cities, cache)
                row = [
                    f"cities{cities}",
                    load,
                    f"{found['seconds']:.2f}",
                    f"{found['rss_loaded'] - found['rss_imported']:.0f}",
                    f"{found['peak']:.0f}",
                    f"{found['places']:,}",
                    f"{found['names']:,}",
                ]
                if options.accuracy:
                    row += ["", "", ""]
                    if load.startswith("warm"):
                        geovirus = str(options.shared / GEOVIRUS)
                        score = spawn(["--child-accuracy", geovirus], cities, cache)
                        row[-3:] = [
                            f"{score['f1']:.3f}",
                            f"{score['acc161']:.3f}",
                            f"{score['country']:.3f}",
                        ]
                table.add_row(*row)
    return table


def throughput_table(options: argparse.Namespace) -> Table:
    from newsgraph.language import load_nlp, parse_texts
    from newsgraph.places import find_places, load_gazetteer

    texts = sample_texts(options.shared / SAMPLE, options.texts)
    words = sum(len(text.split()) for text in texts)
    nlp = load_nlp()
    load_gazetteer()
    started = time.perf_counter()
    docs = [doc for doc, _ in parse_texts(((text, None) for text in texts), nlp)]
    parse_seconds = time.perf_counter() - started
    started = time.perf_counter()
    places = [find_places(doc) for doc in docs]
    places_seconds = time.perf_counter() - started
    mentions = sum(len(place.mentions) for found in places for place in found)
    table = Table(
        title=f"{len(texts)} White House texts ({words:,} words), {mentions:,} place mentions",
        box=box.MARKDOWN,
    )
    for column in ("run", "seconds", "words/s", "x spaCy parse"):
        table.add_column(column, justify="left" if column == "run" else "right")
    table.add_row(
        "spaCy parse (parse_texts)",
        f"{parse_seconds:.1f}",
        f"{words / parse_seconds:,.0f}",
        "1.000",
    )
    table.add_row(
        "find_places alone",
        f"{places_seconds:.2f}",
        f"{words / places_seconds:,.0f}",
        f"{places_seconds / parse_seconds:.3f}",
    )
    return table


def main() -> None:
    if sys.argv[1:2] == ["--child-load"]:
        return child_load()
    if sys.argv[1:2] == ["--child-accuracy"]:
        return child_accuracy(sys.argv[2])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--cities", type=int, nargs="+", default=[500, 15000])
    parser.add_argument("--accuracy", action="store_true", help="GeoVirus scores per city file")
    options = parser.parse_args()
    console = Console(width=None if sys.stdout.isatty() else 160)
    console.print(gazetteer_table(options))
    console.print(throughput_table(options))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    console.print(f"peak RSS of the throughput run {peak:,.0f} MB")


if __name__ == "__main__":
    main()
