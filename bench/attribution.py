"""Quotes and counts against the libraries of the field, on the team's attribution gold, in one
process.

Usage: .venv/bin/pip install -e '.[bench]'
       .venv/bin/python bench/attribution.py [--gold tests/data/attribution/dev.jsonl] ...

Each gold article is parsed once by newsgraph's spaCy pipeline; on that parse run
  newsgraph   the language layer's attribution (quotes, speakers, counts);
  textacy     textacy.extract.triples.direct_quotations (direct quotes and their speakers);
  quantulum3  quantulum3.parser.parse on the article text (quantities; it gives no qualifier, so
              every value is scored as "=").
All are scored by newsgraph.eval.attribution's scorer (same matching rules). Times are the
extractors' own, the parse left out.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from rich import box
from rich.console import Console
from rich.table import Table

from newsgraph.annotate import Annotation, Annotator
from newsgraph.eval.attribution import AttributionScore, read_gold_attribution, score_article
from newsgraph.records import Count, Quote, SourcingProfile

QUOTE_MARKS = "\"'“”‘’«»„"


def textacy_quotes(doc) -> list[Quote]:
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        # textacy gives up on an article with an odd number of quotation marks.
        return []
    quotes = []
    for number, triple in enumerate(triples, 1):
        start, end = triple.content.start_char, triple.content.end_char
        text = doc.text
        while start < end and text[start] in QUOTE_MARKS:
            start += 1
        while end > start and text[end - 1] in QUOTE_MARKS:
            end -= 1
        quotes.append(
            Quote(
                id=f"q{number}",
                kind="direct",
                text=text[start:end],
                start=start,
                end=end,
                speaker_text=" ".join(token.text for token in triple.speaker) or None,
                cue=" ".join(token.text for token in triple.cue) or None,
            )
        )
    return quotes


def quantulum_counts(text: str) -> list[Count]:
    from quantulum3 import classifier, parser

    # Its pickled unit classifier no longer loads with current scikit-learn: quantulum3 then
    # disambiguates units by its dictionary, which does not change the values it reads.
    classifier.USE_CLF = False

    counts = []
    for number, quantity in enumerate(parser.parse(text), 1):
        start, end = quantity.span
        counts.append(
            Count(
                id=f"c{number}",
                value=quantity.value,
                qualifier="=",
                count_type="OTHER",
                start=start,
                end=end,
            )
        )
    return counts


def only(quotes=(), counts=()) -> Annotation:
    return Annotation(
        actors=[],
        places=[],
        events=[],
        quotes=list(quotes),
        sources=[],
        counts=list(counts),
        sourcing=SourcingProfile(),
        flags=[],
    )


def prf(score) -> str:
    return f"{score.precision:.3f} / {score.recall:.3f} / {score.f1:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, action="append", help="Gold JSON Lines (repeatable).")
    options = parser.parse_args()
    paths = options.gold or [Path("tests/data/attribution/dev.jsonl")]
    annotator = Annotator.for_files()
    console = Console(width=150)
    for path in paths:
        gold = read_gold_attribution([path])
        ours, theirs_quotes, theirs_counts = (
            AttributionScore(),
            AttributionScore(),
            AttributionScore(),
        )
        elapsed = {"newsgraph": 0.0, "textacy": 0.0, "quantulum3": 0.0}
        for article in gold:
            doc = annotator.nlp(article.text)
            started = time.perf_counter()
            annotation = annotator.read(doc, article.date)
            elapsed["newsgraph"] += time.perf_counter() - started
            score_article(article, annotation, ours)
            started = time.perf_counter()
            quotes = textacy_quotes(doc)
            elapsed["textacy"] += time.perf_counter() - started
            score_article(article, only(quotes=quotes), theirs_quotes)
            started = time.perf_counter()
            counts = quantulum_counts(article.text)
            elapsed["quantulum3"] += time.perf_counter() - started
            score_article(article, only(counts=counts), theirs_counts)
        table = Table(title=f"{path} ({len(gold)} articles)", box=box.MARKDOWN)
        for column in ("measure", "newsgraph", "reference"):
            table.add_column(column, justify="left" if column == "measure" else "right")
        table.add_row(
            "direct quotes P / R / F1", prf(ours.direct), f"textacy {prf(theirs_quotes.direct)}"
        )
        table.add_row(
            "speaker accuracy (matched)",
            f"{ours.speakers.rate:.3f}",
            f"textacy {theirs_quotes.speakers.rate:.3f}",
        )
        table.add_row("indirect quotes P / R / F1", prf(ours.indirect), "textacy: none")
        table.add_row(
            "counts found P / R / F1", prf(ours.counts), f"quantulum3 {prf(theirs_counts.counts)}"
        )
        table.add_row(
            "count value and qualifier P / R / F1",
            prf(ours.count_values),
            f"quantulum3 {prf(theirs_counts.count_values)}",
        )
        table.add_row(
            "seconds (extraction only)",
            f"{elapsed['newsgraph']:.2f} (whole language layer)",
            f"textacy {elapsed['textacy']:.2f}, quantulum3 {elapsed['quantulum3']:.2f}",
        )
        console.print(table)


if __name__ == "__main__":
    main()
