"""Scoring quotes, sources and counts against the team's Wikinews gold set, and count values
against quantulum3's test sentences.

Gold items are found in their article by their exact text; a prediction matches a gold item of
the same kind when their character spans overlap by at least half of the longer one (quotes,
counts) or when one's words hold the other's head (sources, whose mentions differ: "Interior
Minister Joachim Brudziński" and "Brudziński"). Matching is one to one, best overlap first.
- Quotes: direct and indirect P/R/F1; speaker accuracy over matched quotes whose gold speaker is
  known (names match when one holds the other's last word).
- Sources: P/R/F1 and type accuracy over matched sources.
- Counts: detection P/R/F1, and value F1 where a match must also have the gold value and
  qualifier; count type accuracy over matched counts.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .reading import read_articles
from .scoring import MatchCounts

if TYPE_CHECKING:
    from ..annotate import Annotation

_WORD = re.compile(r"\w+")
_STOP = frozenset({"the", "a", "an", "of", "s", "mr", "mrs", "ms", "dr"})


@dataclass(frozen=True)
class GoldQuote:
    kind: str
    start: int
    end: int
    speaker: str | None


@dataclass(frozen=True)
class GoldSource:
    text: str
    type: str


@dataclass(frozen=True)
class GoldCount:
    start: int
    end: int
    value: float
    qualifier: str
    count_type: str


@dataclass(frozen=True)
class GoldArticle:
    id: str
    date: str | None
    text: str
    quotes: list[GoldQuote]
    sources: list[GoldSource]
    counts: list[GoldCount]


def _placed(text: str, snippets: Iterable[str]) -> Iterator[tuple[int, int]]:
    """The offsets of each snippet, a repeated snippet taking its next occurrence."""
    used: dict[str, int] = {}
    for snippet in snippets:
        start = text.find(snippet, used.get(snippet, 0))
        if start == -1:
            start = text.find(snippet)
        used[snippet] = start + 1
        yield start, start + len(snippet)


def read_gold_attribution(paths: Iterable[Path]) -> list[GoldArticle]:
    articles = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                text = row["text"]
                quotes = [
                    GoldQuote(quote["kind"], start, end, quote.get("speaker"))
                    for quote, (start, end) in zip(
                        row["quotes"],
                        _placed(text, (quote["text"] for quote in row["quotes"])),
                        strict=True,
                    )
                ]
                counts = [
                    GoldCount(
                        start, end, float(count["value"]), count["qualifier"], count["count_type"]
                    )
                    for count, (start, end) in zip(
                        row["counts"],
                        _placed(text, (count["text"] for count in row["counts"])),
                        strict=True,
                    )
                ]
                sources = [GoldSource(source["text"], source["type"]) for source in row["sources"]]
                articles.append(
                    GoldArticle(row["id"], row.get("date"), text, quotes, sources, counts)
                )
    return articles


def _overlap(a: tuple[int, int], b: tuple[int, int], longer: bool = True) -> float:
    shared = min(a[1], b[1]) - max(a[0], b[0])
    lengths = (a[1] - a[0], b[1] - b[0])
    return max(shared, 0) / max(max(lengths) if longer else min(lengths), 1)


def _pairs(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], longer: bool = True
) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs overlapping by half or more of the longer
    span (of the shorter one with ``longer`` False), best first."""
    scored = sorted(
        (
            (_overlap(g, p, longer), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
        ),
        reverse=True,
    )
    taken_gold, taken_predicted, pairs = set(), set(), []
    for score, gi, pi in scored:
        if score < 0.5:
            break
        if gi in taken_gold or pi in taken_predicted:
            continue
        taken_gold.add(gi)
        taken_predicted.add(pi)
        pairs.append((gi, pi))
    return pairs


def _name_words(name: str) -> list[str]:
    return [word for word in _WORD.findall(name.lower()) if word not in _STOP]


def names_match(predicted: str | None, gold: str | None) -> bool:
    """Whether two names of a speaker or source are one: equal, or one holds the other's last
    word ("Brudziński" and "Interior Minister Joachim Brudziński")."""
    if not predicted or not gold:
        return False
    ours, theirs = _name_words(predicted), _name_words(gold)
    if not ours or not theirs:
        return False
    return ours[-1] in theirs or theirs[-1] in ours


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0

    def add(self, right: bool) -> None:
        self.right += right
        self.total += 1


@dataclass
class AttributionScore:
    articles: int = 0
    direct: MatchCounts = field(default_factory=MatchCounts)
    indirect: MatchCounts = field(default_factory=MatchCounts)
    speakers: Accuracy = field(default_factory=Accuracy)
    sources: MatchCounts = field(default_factory=MatchCounts)
    source_types: Accuracy = field(default_factory=Accuracy)
    counts: MatchCounts = field(default_factory=MatchCounts)
    count_values: MatchCounts = field(default_factory=MatchCounts)
    count_types: Accuracy = field(default_factory=Accuracy)
    misses: list[str] = field(default_factory=list)

    def quote_rows(self) -> list[tuple[str, str]]:
        return [
            ("articles", str(self.articles)),
            ("direct quotes P / R / F1", _prf(self.direct)),
            ("speaker accuracy (matched direct quotes)", _rate(self.speakers)),
            ("indirect quotes P / R / F1", _prf(self.indirect)),
        ]

    def source_rows(self) -> list[tuple[str, str]]:
        return [
            ("articles", str(self.articles)),
            ("sources P / R / F1", _prf(self.sources)),
            ("type accuracy (matched sources)", _rate(self.source_types)),
        ]

    def count_rows(self) -> list[tuple[str, str]]:
        return [
            ("articles", str(self.articles)),
            ("counts found P / R / F1", _prf(self.counts)),
            ("value and qualifier P / R / F1", _prf(self.count_values)),
            ("count type accuracy (matched counts)", _rate(self.count_types)),
        ]


def _prf(score: MatchCounts) -> str:
    return f"{score.precision:.3f} / {score.recall:.3f} / {score.f1:.3f}"


def _rate(accuracy: Accuracy) -> str:
    return f"{accuracy.rate:.3f} ({accuracy.right}/{accuracy.total})"


def _same_value(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.01, abs_tol=0.011)


def score_article(gold: GoldArticle, annotation: Annotation, score: AttributionScore) -> None:
    score.articles += 1
    names = {actor.id: actor.name for actor in annotation.actors}
    for kind, counts_name in (("direct", "direct"), ("indirect", "indirect")):
        wanted = [quote for quote in gold.quotes if quote.kind == kind]
        found = [quote for quote in annotation.quotes if quote.kind == kind]
        pairs = _pairs([(q.start, q.end) for q in wanted], [(q.start, q.end) for q in found])
        setattr(
            score,
            counts_name,
            getattr(score, counts_name).plus(len(pairs), len(found), len(wanted)),
        )
        if kind == "direct":
            for gi, pi in pairs:
                if wanted[gi].speaker:
                    ours = found[pi]
                    right = names_match(ours.speaker_text, wanted[gi].speaker) or names_match(
                        names.get(ours.speaker or ""), wanted[gi].speaker
                    )
                    score.speakers.add(right)
                    if not right:
                        score.misses.append(
                            f"{gold.id} speaker: {ours.speaker_text!r} for {wanted[gi].speaker!r}: "
                            f"{gold.text[wanted[gi].start : wanted[gi].end][:60]!r}"
                        )
            score.misses.extend(_unmatched(gold, "direct", pairs, wanted, found, lambda quote: ""))
    _score_sources(gold, annotation, score)
    _score_counts(gold, annotation, score)


def _score_sources(gold: GoldArticle, annotation: Annotation, score: AttributionScore) -> None:
    names = {actor.id: actor.name for actor in annotation.actors}
    taken: set[int] = set()
    right = 0
    for wanted in gold.sources:
        for index, source in enumerate(annotation.sources):
            if index in taken:
                continue
            if names_match(source.text, wanted.text) or names_match(
                names.get(source.actor or ""), wanted.text
            ):
                taken.add(index)
                right += 1
                score.source_types.add(source.type == wanted.type)
                if source.type != wanted.type:
                    score.misses.append(
                        f"{gold.id} source type: {source.text!r} {source.type} for {wanted.type}"
                    )
                break
        else:
            score.misses.append(f"{gold.id} missed source: {wanted.text!r} ({wanted.type})")
    score.sources = score.sources.plus(right, len(annotation.sources), len(gold.sources))


def _score_counts(gold: GoldArticle, annotation: Annotation, score: AttributionScore) -> None:
    found = annotation.counts
    # Count spans differ by convention ("three" or "three children"): half the shorter one.
    pairs = _pairs(
        [(c.start, c.end) for c in gold.counts], [(c.start, c.end) for c in found], longer=False
    )
    score.counts = score.counts.plus(len(pairs), len(found), len(gold.counts))
    valued = 0
    for gi, pi in pairs:
        wanted, ours = gold.counts[gi], found[pi]
        if _same_value(wanted.value, ours.value) and wanted.qualifier == ours.qualifier:
            valued += 1
        else:
            score.misses.append(
                f"{gold.id} count value: {gold.text[wanted.start : wanted.end]!r} "
                f"{ours.value:g}{ours.qualifier} for {wanted.value:g}{wanted.qualifier}"
            )
        score.count_types.add(wanted.count_type == ours.count_type)
    score.count_values = score.count_values.plus(valued, len(found), len(gold.counts))
    score.misses.extend(
        _unmatched(gold, "count", pairs, gold.counts, found, lambda count: f" {count.value:g}")
    )


def _unmatched(gold, kind, pairs, wanted, found, detail) -> list[str]:
    """One line per gold item missed and per prediction matching no gold item."""
    matched_gold = {gi for gi, _ in pairs}
    matched_found = {pi for _, pi in pairs}
    return [
        f"{gold.id} missed {kind}: {gold.text[item.start : item.end][:70]!r}"
        for index, item in enumerate(wanted)
        if index not in matched_gold
    ] + [
        f"{gold.id} extra {kind}: {gold.text[item.start : item.end][:70]!r}{detail(item)}"
        for index, item in enumerate(found)
        if index not in matched_found
    ]


def evaluate_attribution(paths: Iterable[Path], limit: int | None = None) -> AttributionScore:
    gold = read_gold_attribution(paths)[:limit]
    score = AttributionScore()
    for article, annotation in zip(
        gold, read_articles([(a.text, a.date) for a in gold]), strict=True
    ):
        score_article(article, annotation, score)
    return score


@dataclass(frozen=True)
class ValueScore:
    sentences: int
    values: MatchCounts

    def rows(self) -> list[tuple[str, str]]:
        return [("sentences", str(self.sentences)), ("values P / R / F1", _prf(self.values))]


def evaluate_count_values(path: Path) -> ValueScore:
    """Count values on quantulum3's test sentences: a value matches a gold quantity's value
    (1% tolerance), one to one. The gold holds things newsgraph does not count by design (years,
    "Voyager 2"), so recall is bounded below 1."""
    rows = json.loads(path.read_text(encoding="utf-8"))
    values = MatchCounts()
    for row, annotation in zip(
        rows, read_articles([(row["req"], None) for row in rows]), strict=True
    ):
        wanted = [float(item["value"]) for item in row["res"]]
        right = 0
        for count in annotation.counts:
            match = next(
                (index for index, value in enumerate(wanted) if _same_value(value, count.value)),
                None,
            )
            if match is not None:
                wanted.pop(match)
                right += 1
        values = values.plus(right, len(annotation.counts), len(row["res"]))
    return ValueScore(len(rows), values)
