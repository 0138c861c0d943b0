"""Scorers shared by the evaluations: word-level bag-of-tokens F1 (as the WCXB benchmark scores
extraction), precision and recall from match counts, and metadata comparisons."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class WordScore:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class MatchCounts:
    """Precision, recall and F1 from counts: matches, predictions, gold items."""

    true_positives: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def plus(self, true_positives: int, predicted: int, gold: int) -> MatchCounts:
        return MatchCounts(
            self.true_positives + true_positives, self.predicted + predicted, self.gold + gold
        )


def word_tokens(text: str) -> Counter[str]:
    return Counter(match.group().lower() for match in _WORD.finditer(text or ""))


def word_f1(extracted: str, gold: str) -> WordScore:
    """Score ``extracted`` against ``gold`` on lower-cased word multisets."""
    got, want = word_tokens(extracted), word_tokens(gold)
    if not got and not want:
        return WordScore(1.0, 1.0, 1.0)
    overlap = sum((got & want).values())
    precision = overlap / sum(got.values()) if got else 0.0
    recall = overlap / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return WordScore(precision, recall, f1)


_GOLD_NAME_BREAK = re.compile(r"\s*(?:[,;&|]|\band\b)\s*", re.IGNORECASE)


def folded(text: str | None) -> str:
    """``text`` in lower case with its whitespace collapsed."""
    return " ".join((text or "").lower().split())


def same_title(found: str | None, gold: str | None) -> bool:
    return folded(found) == folded(gold)


def author_matches(found: list[str], gold: str) -> bool:
    """Whether one found name is a gold author ("A, B and C" or "A; B"), ignoring case."""
    names = {folded(name) for name in _GOLD_NAME_BREAK.split(gold) if name.strip()}
    names.add(folded(gold))
    return any(folded(name) in names for name in found)


def same_day(found: str | None, gold: str) -> bool:
    """Whether an ISO date falls on the gold day (or in the gold month, for "YYYY-MM")."""
    return bool(found) and found[: len(gold)] == gold
