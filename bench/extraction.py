"""Extraction accuracy and speed on the WCXB development pages, in one process.

Main text, scored by word-level F1/precision/recall against the gold ``main_content``:
  (a) trafilatura.extract on the HTML, default options;
  (b) newsgraph.clean.html.clean_html on the HTML;
  (c) the page flattened (eval.wcxb.flatten_html), not cleaned;
  (d) the flattened page cleaned by newsgraph.clean.text.clean_text;
  (e) the flattened page's lines cleaned by jusText (English stoplist), when justext is installed.
With ``--trafilatura-options``, trafilatura.extract also runs with each option clean_html chose
among (comments off, favor_precision, favor_recall, tables off, fast).
Metadata accuracy for trafilatura's metadata, htmldate (extensive_search on and off) and clean_html:
title (case and whitespace folded, exact and "contains"), author (any extracted name equals a gold
name, case-insensitively), date (same day; a gold "YYYY-MM" is compared on the month).
Times are per page, from the HTML string, in this one process.

    .venv/bin/python bench/extraction.py [--limit N] [--root DIR] [--trafilatura-options]
                                         [--markdown]
"""

from __future__ import annotations

import argparse
import html as html_escape
import logging
import resource
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import trafilatura
from htmldate import find_date
from rich.console import Console
from rich.progress import track
from rich.table import Table
from trafilatura.metadata import extract_metadata

from newsgraph.clean.flatten import flatten_html
from newsgraph.clean.html import clean_html
from newsgraph.clean.text import clean_text
from newsgraph.eval.scoring import WordScore, author_matches, folded, same_day, word_f1
from newsgraph.eval.wcxb import GoldPage, read_gold_pages

try:
    import justext
except ImportError:  # justext is in the dev extra only
    justext = None

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_ROOT = PROJECT_ROOT.parent / "shared" / "data" / "html" / "wcxb-dev"
BASELINE = "(a) trafilatura.extract"
CLEAN_HTML = "(b) newsgraph clean_html"
TRAFILATURA_OPTIONS = {
    "trafilatura include_comments=False": {"include_comments": False},
    "trafilatura no comments, favor_precision": {
        "include_comments": False,
        "favor_precision": True,
    },
    "trafilatura no comments, favor_recall": {"include_comments": False, "favor_recall": True},
    "trafilatura no comments, include_tables=False": {
        "include_comments": False,
        "include_tables": False,
    },
    "trafilatura no comments, fast": {"include_comments": False, "fast": True},
}


@dataclass
class Metadata:
    """What one extractor read off a page. A date-only reader (htmldate) leaves title and authors
    None; a full reader gives authors as a list, empty when it found none."""

    title: str | None = None
    authors: list[str] | None = None
    published: str | None = None


@dataclass
class Tally:
    """One extractor's times and scores over the pages."""

    times: list[float] = field(default_factory=list)
    scores: list[WordScore] = field(default_factory=list)
    hits: dict[str, list[bool]] = field(default_factory=lambda: defaultdict(list))


def timed(function: Callable, *args, **kwargs):
    """``function(*args, **kwargs)`` and the seconds it took."""
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def justext_lines(flat: str) -> str:
    """jusText over the flattened page, each line a paragraph."""
    lines = "".join(
        f"<p>{html_escape.escape(line)}</p>" for line in flat.splitlines() if line.strip()
    )
    paragraphs = justext.justext(
        f"<html><body>{lines}</body></html>", justext.get_stoplist("English")
    )
    return "\n\n".join(paragraph.text for paragraph in paragraphs if not paragraph.is_boilerplate)


def score_metadata(tally: Tally, found: Metadata, page: GoldPage) -> None:
    """Add one page's metadata hits to ``tally``, for the fields the extractor reads."""
    if found.title is not None or found.authors is not None:
        gold_title = folded(page.title)
        tally.hits["title"].append(folded(found.title) == gold_title)
        tally.hits["title contains"].append(bool(gold_title) and gold_title in folded(found.title))
    if found.authors is not None and page.author:
        tally.hits["author"].append(author_matches(found.authors, page.author))
    if page.published:
        tally.hits["date"].append(same_day(found.published, page.published))


def trafilatura_metadata(html: str, url: str) -> Metadata:
    """trafilatura's metadata, its "A; B" author string split into names."""
    metadata = extract_metadata(html, default_url=url)
    authors = [name.strip() for name in (metadata.author or "").split(";") if name.strip()]
    return Metadata(title=metadata.title, authors=authors, published=metadata.date)


def htmldate_metadata(html: str, url: str, extensive: bool) -> Metadata:
    """htmldate's original publication date, as trafilatura asks for it but on the HTML string."""
    return Metadata(
        published=find_date(html, original_date=True, extensive_search=extensive, url=url or None)
    )


METADATA_READERS: dict[str, Callable[[str, str], Metadata]] = {
    "trafilatura metadata": trafilatura_metadata,
    "htmldate extensive": partial(htmldate_metadata, extensive=True),
    "htmldate not extensive": partial(htmldate_metadata, extensive=False),
}


def measure(pages: list[GoldPage], with_options: bool) -> dict[str, Tally]:
    """Run every extractor over ``pages`` and tally their scores and times.

    ``with_options`` adds trafilatura.extract runs with each option of :data:`TRAFILATURA_OPTIONS`.
    """
    options = TRAFILATURA_OPTIONS if with_options else {}
    text_runs = [BASELINE, CLEAN_HTML, "(c) flattened", "(d) flattened + clean_text"]
    if justext is not None:
        text_runs.append("(e) flattened + jusText")
    tallies = {name: Tally() for name in text_runs + list(options) + list(METADATA_READERS)}
    for page in track(pages, description="extracting", disable=not sys.stderr.isatty()):
        html, gold = page.html(), page.main_content or ""
        outputs = {}
        for name, keywords in {BASELINE: {}, **options}.items():
            text, seconds = timed(trafilatura.extract, html, url=page.url, **keywords)
            outputs[name] = (text or "", seconds)
        cleaned, seconds = timed(clean_html, html, url=page.url)
        outputs[CLEAN_HTML] = (cleaned.text, seconds)
        score_metadata(
            tallies[CLEAN_HTML], Metadata(cleaned.title, cleaned.authors, cleaned.published), page
        )
        flat, flat_seconds = timed(flatten_html, html)
        outputs["(c) flattened"] = (flat, flat_seconds)
        text, seconds = timed(clean_text, flat)
        outputs["(d) flattened + clean_text"] = (text.text, flat_seconds + seconds)
        if justext is not None:
            text, seconds = timed(justext_lines, flat)
            outputs["(e) flattened + jusText"] = (text, flat_seconds + seconds)
        for name, (text, seconds) in outputs.items():
            tallies[name].times.append(seconds)
            tallies[name].scores.append(word_f1(text, gold))
        for name, reader in METADATA_READERS.items():
            found, seconds = timed(reader, html, page.url)
            tallies[name].times.append(seconds)
            score_metadata(tallies[name], found, page)
    return tallies


def percentile(values: list[float], share: float) -> float:
    """The value below which ``share`` of ``values`` fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def table_rows(tallies: dict[str, Tally]) -> tuple[list[str], list[list[str]]]:
    """The result table as a header and rows of formatted cells."""
    fields = ["title", "title contains", "author", "date"]
    header = [
        "extractor",
        "F1",
        "precision",
        "recall",
        *fields,
        "ms mean",
        "ms p95",
        "× trafilatura",
    ]
    baseline = statistics.mean(tallies[BASELINE].times)
    rows = []
    for name, tally in tallies.items():
        scores = tally.scores
        quality = [
            f"{statistics.mean(getattr(score, part) for score in scores):.4f}" if scores else "–"
            for part in ("f1", "precision", "recall")
        ]
        accuracy = [
            f"{statistics.mean(tally.hits[f]):.3f}" if tally.hits.get(f) else "–" for f in fields
        ]
        mean = statistics.mean(tally.times)
        timing = [
            f"{1000 * mean:.1f}",
            f"{1000 * percentile(tally.times, 0.95):.1f}",
            f"{mean / baseline:.2f}",
        ]
        rows.append([name, *quality, *accuracy, *timing])
    return header, rows


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """The table in GitHub Markdown, for bench/RESULTS.md."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Parse the arguments, measure, and print the table (rich, or Markdown with ``--markdown``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=DEFAULT_ROOT, help="the wcxb-dev folder")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument(
        "--trafilatura-options",
        action="store_true",
        help="also run trafilatura.extract with each option clean_html chose among",
    )
    args = parser.parse_args(argv)
    logging.disable(logging.ERROR)  # trafilatura logs every page it discards
    pages = list(read_gold_pages(args.root, limit=args.limit))
    tallies = measure(pages, args.trafilatura_options)
    header, rows = table_rows(tallies)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    summary = f"{len(pages)} pages; peak RSS {peak_mb:.0f} MB"
    if args.markdown:
        print(markdown_table(header, rows))
        print(f"\n{summary}")
        return
    table = Table(title=f"Extraction on {args.root.name}", caption=summary)
    for column in header:
        table.add_column(column, justify="left" if column == "extractor" else "right")
    for row in rows:
        table.add_row(*row)
    Console(width=None if sys.stdout.isatty() else 160).print(table)


if __name__ == "__main__":
    main()
