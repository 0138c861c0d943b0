"""Speed of the language layer against raw spaCy on the same texts, in one process.

Usage: .venv/bin/python bench/language.py [--shared ../shared] [--texts 200] [--rounds 2]

The texts are the cleaned bodies of the first N White House world-sample records. Each round
times, in turn:
  spacy      list(nlp.pipe(texts, batch_size=16)): the reference;
  layer      Annotator.annotate_all: the same parse plus reference dates, actors, places,
             events, quotes, sources and counts;
and the best round of each is kept. The stages alone are also timed on docs parsed once (dates,
actors, places, events: the event coder given each doc's actors and places; attribution: quotes,
sources and counts given the actors, places and events), so the table shows where our own time
goes. Goals: the layer adds no more than a quarter to spaCy's own time (issue 3); the event stage
adds no more than a tenth to the rest of the layer (issue 4: "events / rest of layer" row); the
attribution stages add at most a tenth to the language layer (issue 5: "attribution / rest of
layer"). Peak RSS is the process's high-water mark.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from newsgraph.actors import find_actors, load_knowledge
from newsgraph.annotate import Annotator
from newsgraph.attribution import attribute, load_attribution_lexicon
from newsgraph.dates import reference_date
from newsgraph.events import code_events, load_lexicon
from newsgraph.ingest import read_inputs
from newsgraph.language import load_nlp
from newsgraph.language.parse import BATCH_SIZE
from newsgraph.pipeline import Pipeline
from newsgraph.places import find_places
from newsgraph.records import ArticleRecord

SAMPLE = "data/articles/whitehouse/world-sample.jsonl.gz"


def cleaned_records(path: Path, count: int) -> list[ArticleRecord]:
    records = []
    for result in Pipeline(language=False).run(read_inputs([str(path)])):
        if isinstance(result, ArticleRecord) and result.meta.language == "en":
            records.append(result)
        if len(records) == count:
            break
    return records


def seconds(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path("../shared"))
    parser.add_argument("--texts", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2)
    options = parser.parse_args()

    records = cleaned_records(options.shared / SAMPLE, options.texts)
    texts = [record.text for record in records]
    words = sum(len(text.split()) for text in texts)
    nlp, knowledge = load_nlp(), load_knowledge()
    annotator = Annotator.for_files()
    annotator.annotate_all(records[:2])  # gazetteer and matchers load outside the timings

    spacy_times, layer_times = [], []
    for _ in range(options.rounds):
        spacy_times.append(seconds(lambda: list(nlp.pipe(texts, batch_size=BATCH_SIZE))))
        layer_times.append(seconds(lambda: annotator.annotate_all(records)))
    docs = list(nlp.pipe(texts, batch_size=BATCH_SIZE))
    read = [
        annotator.read(doc, record.meta.published)
        for doc, record in zip(docs, records, strict=True)
    ]
    lexicon = load_lexicon()
    events_time = seconds(
        lambda: [
            code_events(doc, found.actors, found.places, record.meta.published, lexicon, knowledge)
            for doc, found, record in zip(docs, read, records, strict=True)
        ]
    )
    events_found = sum(len(found.events) for found in read)
    attribution = load_attribution_lexicon()
    attribution_time = seconds(
        lambda: [
            attribute(
                doc, found.actors, found.places, found.events, record.meta.published, attribution
            )
            for doc, found, record in zip(docs, read, records, strict=True)
        ]
    )
    attributed = sum(len(found.quotes) + len(found.counts) for found in read)
    stage_times = {
        "reference dates": seconds(
            lambda: [reference_date(r.text, r.meta.published) for r in records]
        ),
        "actors": seconds(lambda: [find_actors(doc, nlp, knowledge) for doc in docs]),
        "places": seconds(lambda: [find_places(doc) for doc in docs]),
        f"events ({events_found:,} coded)": events_time,
        f"attribution ({attributed:,} quotes and counts)": attribution_time,
    }

    spacy_best, layer_best = min(spacy_times), min(layer_times)
    table = Table(
        title=f"language layer on {len(texts)} White House texts ({words:,} words), "
        f"best of {options.rounds}",
        box=box.MARKDOWN,
    )
    for column in ("run", "seconds", "words/s", "x spaCy"):
        table.add_column(column, justify="left" if column == "run" else "right")
    table.add_row("spaCy nlp.pipe", f"{spacy_best:.1f}", f"{words / spacy_best:,.0f}", "1.00")
    table.add_row(
        "newsgraph language layer",
        f"{layer_best:.1f}",
        f"{words / layer_best:,.0f}",
        f"{layer_best / spacy_best:.2f}",
    )
    for stage, elapsed in stage_times.items():
        table.add_row(f"  {stage} alone", f"{elapsed:.2f}", "", f"{elapsed / spacy_best:.3f}")
    table.add_row(
        "events / rest of layer", "", "", f"{events_time / (layer_best - events_time):.3f}"
    )
    table.add_row(
        "attribution / rest of layer",
        "",
        "",
        f"{attribution_time / (layer_best - attribution_time):.3f}",
    )
    console = Console()
    console.print(table)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    console.print(f"peak RSS {peak:,.0f} MB")


if __name__ == "__main__":
    main()
