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

from ..clean.page import CleanedPage
from ..clean.text import clean_text
from .scoring import word_f1
from .wcxb import GoldPage, flatten_html, flatten_html_with_links, read_gold_pages

FLATTENINGS = (("copy-paste", flatten_html), ("with link markup", flatten_html_with_links))


@dataclass
class MethodScore:
    """Mean word precision, recall and F1 of one method over the pages, and its time per page."""

    name: str
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    seconds: float = 0.0
    pages: int = 0

    def add(self, extracted: str, gold: str, seconds: float) -> None:
        score = word_f1(extracted, gold)
        self.precision += score.precision
        self.recall += score.recall
        self.f1 += score.f1
        self.seconds += seconds
        self.pages += 1

    def mean(self) -> MethodScore:
        count = max(self.pages, 1)
        return MethodScore(
            self.name,
            self.precision / count,
            self.recall / count,
            self.f1 / count,
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


def _same_text(left: str | None, right: str | None) -> bool:
    return " ".join((left or "").lower().split()) == " ".join((right or "").lower().split())


def _author_matches(authors: list[str], gold: str) -> bool:
    return any(_same_text(author, name) for author in authors for name in gold.split(";"))


def evaluate_text_cleaning(
    pages: Iterable[GoldPage], on_page: Callable[[], None] | None = None
) -> CleanEvaluation:
    """Score each flattening of ``pages`` without cleaning and with newsgraph's cleaner; the
    metadata is scored on the copy-paste flattening."""
    methods = {
        (name, cleaned): MethodScore(f"{name}, {'newsgraph clean' if cleaned else 'no cleaning'}")
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
            methods[name, False].add(flat, page.main_content, 0.0)
            started = time.perf_counter()
            result = clean_text(flat)
            methods[name, True].add(result.text, page.main_content, time.perf_counter() - started)
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
        (title, page.title, _same_text(result.title, page.title)),
        (author, page.author, page.author and _author_matches(result.authors, page.author)),
        (published, page.published, (result.published or "")[:10] == (page.published or "")[:10]),
    ):
        if gold:
            score.with_gold += 1
            score.matched += bool(ok)


def evaluate_wcxb(root: Path, limit: int | None = None, **kwargs) -> CleanEvaluation:
    return evaluate_text_cleaning(read_gold_pages(root, limit), **kwargs)
