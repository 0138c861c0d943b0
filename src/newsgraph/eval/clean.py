"""``newsgraph eval clean``: the scraped-text cleaner scored on flattened WCXB pages.

Each page is flattened to text as a reader's copy-and-paste would give it, then scored by word F1
against its gold main text, without cleaning and with newsgraph's cleaner; title, author and date
read from the text are scored against the gold metadata.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..clean.flatten import flatten_html, flatten_html_with_links
from ..clean.page import CleanedPage
from ..clean.text import clean_text
from .scoring import author_matches, same_day, same_title, word_f1
from .wcxb import GoldPage, read_gold_pages

FLATTENINGS = (("copy-paste", flatten_html), ("with link markup", flatten_html_with_links))


@dataclass(frozen=True)
class MethodScore:
    """Mean word precision, recall and F1 of one method over the pages, the share of the gold's
    must-have snippets it kept and of its must-not-have snippets it left out, and its time."""

    name: str
    precision: float
    recall: float
    f1: float
    snippets_kept: float
    chrome_left_out: float
    seconds: float
    pages: int


def _folded(text: str) -> str:
    return " ".join(text.lower().split())


@dataclass
class MethodTotals:
    """Running sums for one method; :meth:`mean` turns them into its :class:`MethodScore`."""

    name: str
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    snippets_kept: int = 0
    snippets: int = 0
    chrome_left_out: int = 0
    chrome: int = 0
    seconds: float = 0.0
    pages: int = 0

    def add(self, extracted: str, page: GoldPage, seconds: float) -> None:
        score = word_f1(extracted, page.main_content)
        self.precision += score.precision
        self.recall += score.recall
        self.f1 += score.f1
        folded = _folded(extracted)
        self.snippets += len(page.must_include)
        self.snippets_kept += sum(_folded(snippet) in folded for snippet in page.must_include)
        self.chrome += len(page.must_exclude)
        self.chrome_left_out += sum(_folded(snippet) not in folded for snippet in page.must_exclude)
        self.seconds += seconds
        self.pages += 1

    def mean(self) -> MethodScore:
        count = max(self.pages, 1)
        return MethodScore(
            self.name,
            self.precision / count,
            self.recall / count,
            self.f1 / count,
            self.snippets_kept / max(self.snippets, 1),
            self.chrome_left_out / max(self.chrome, 1),
            self.seconds / count,
            self.pages,
        )


@dataclass
class MetadataScore:
    """Share of the pages with gold for a field where the extracted value matches it."""

    field: str
    matched: int = 0
    with_gold: int = 0

    @property
    def accuracy(self) -> float:
        return self.matched / self.with_gold if self.with_gold else 0.0


@dataclass
class CleanEvaluation:
    methods: list[MethodScore]
    metadata: list[MetadataScore] = field(default_factory=list)


def evaluate_text_cleaning(
    pages: Iterable[GoldPage], on_page: Callable[[], None] | None = None
) -> CleanEvaluation:
    """Score each flattening of ``pages`` without cleaning and with newsgraph's cleaner; the
    metadata is scored on the copy-paste flattening."""
    methods = {
        (name, cleaned): MethodTotals(f"{name}, {'newsgraph clean' if cleaned else 'no cleaning'}")
        for name, _ in FLATTENINGS
        for cleaned in (False, True)
    }
    title, author, published = (
        MetadataScore("title"),
        MetadataScore("author"),
        MetadataScore("date"),
    )
    for page in pages:
        for name, flatten in FLATTENINGS:
            flat = flatten(page.html())
            methods[name, False].add(flat, page, 0.0)
            started = time.perf_counter()
            result = clean_text(flat)
            methods[name, True].add(result.text, page, time.perf_counter() - started)
            if flatten is flatten_html:
                score_metadata(page, result, title, author, published)
        if on_page:
            on_page()
    return CleanEvaluation(
        [method.mean() for method in methods.values()], [title, author, published]
    )


def score_metadata(page: GoldPage, result: CleanedPage, *scores: MetadataScore) -> None:
    title, author, published = scores
    for score, gold, ok in (
        (title, page.title, same_title(result.title, page.title)),
        (author, page.author, page.author and author_matches(result.authors, page.author)),
        (published, page.published, page.published and same_day(result.published, page.published)),
    ):
        if gold:
            score.with_gold += 1
            score.matched += bool(ok)


def evaluate_wcxb(root: Path, limit: int | None = None, **kwargs) -> CleanEvaluation:
    return evaluate_text_cleaning(read_gold_pages(root, limit), **kwargs)
