"""Scoring PLOVER event coding against gold sentences: type F1 and dyad F1.

The gold is ``plover-gsr-dev.jsonl``: one event per sentence with its PLOVER type, actor and
recipient codes (ISO3 or IGO). A coder's output for a sentence is a list of :class:`CodedEvent`.
- Type F1: per sentence, the set of predicted types against the gold type; micro over all
  sentences, macro as the mean F1 of the types that occur in the gold or the predictions.
- Dyad F1: the (type, actor country, recipient country) triples of each event, one per actor and
  recipient pair (a side with no known country is None); for the symmetric types (CONSULT, AGREE, COOPERATE)
  the two countries are unordered.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .actors import GOLD_CODE_FIXES
from .reading import read_articles
from .scoring import MatchCounts

if TYPE_CHECKING:
    from ..annotate import Annotation

SYMMETRIC_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})

Dyad = tuple[str, str | None, str | None]


@dataclass(frozen=True)
class CodedEvent:
    """What the scorer compares: a type and the countries on each side."""

    type: str
    actors: tuple[str | None, ...] = ()
    recipients: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    event: CodedEvent
    mode: str | None
    context: str | None


def read_gold_events(path: Path) -> list[GoldSentence]:
    """The gold sentences of a PLOVER JSON Lines file, one event each."""
    sentences = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)

            def codes(side: str, row: dict = row) -> tuple[str, ...]:
                return tuple(
                    GOLD_CODE_FIXES.get(actor["code"], actor["code"]) for actor in row[side]
                )

            sentences.append(
                GoldSentence(
                    id=row["id"],
                    text=row["text"],
                    event=CodedEvent(row["event"], codes("actor"), codes("recipient")),
                    mode=row.get("mode"),
                    context=row.get("context"),
                )
            )
    return sentences


def _known(codes: tuple[str | None, ...]) -> tuple[str | None, ...]:
    """A side's countries: those of its actors with one, else None (no country known)."""
    return tuple(code for code in codes if code) or (None,)


def dyads(event: CodedEvent) -> set[Dyad]:
    """The (type, actor, recipient) triples of one event; unordered for symmetric types. A
    side's actors with no country add no triple when others on that side have one."""
    triples = set()
    for actor in _known(event.actors):
        for recipient in _known(event.recipients):
            if event.type in SYMMETRIC_TYPES:
                actor, recipient = sorted((actor, recipient), key=lambda code: code or "")
            triples.add((event.type, actor, recipient))
    return triples


@dataclass(frozen=True)
class EventScore:
    sentences: int
    types: MatchCounts
    per_type: dict[str, MatchCounts]
    dyads: MatchCounts
    empty_sentences: int

    @property
    def macro_f1(self) -> float:
        return sum(score.f1 for score in self.per_type.values()) / len(self.per_type)

    def rows(self) -> list[tuple[str, str]]:
        """(measure, value) pairs for a table."""

        def prf(score: MatchCounts) -> str:
            return f"{score.precision:.3f} / {score.recall:.3f} / {score.f1:.3f}"

        return [
            ("sentences", str(self.sentences)),
            ("type P / R / F1 (micro)", prf(self.types)),
            ("type F1 (macro, over types seen)", f"{self.macro_f1:.3f}"),
            ("dyad P / R / F1", prf(self.dyads)),
            ("sentences with no event coded", str(self.empty_sentences)),
            *((f"  {name}", prf(score)) for name, score in sorted(self.per_type.items())),
        ]


def score_events(
    gold: Sequence[GoldSentence], predicted: Sequence[Iterable[CodedEvent]]
) -> EventScore:
    """Score one list of coded events per gold sentence."""
    if len(gold) != len(predicted):
        raise ValueError(f"{len(predicted)} predictions for {len(gold)} gold sentences")
    found, wanted, right = Counter(), Counter(), Counter()
    dyad_right = dyad_predicted = dyad_gold = 0
    empty = 0
    for sentence, events in zip(gold, predicted, strict=True):
        events = list(events)
        empty += not events
        types = {event.type for event in events}
        found.update(types)
        wanted[sentence.event.type] += 1
        right[sentence.event.type] += sentence.event.type in types
        predicted_dyads = set().union(*(dyads(event) for event in events)) if events else set()
        gold_dyads = dyads(sentence.event)
        dyad_predicted += len(predicted_dyads)
        dyad_gold += len(gold_dyads)
        dyad_right += len(predicted_dyads & gold_dyads)
    per_type = {
        name: MatchCounts(right[name], found[name], wanted[name])
        for name in set(found) | set(wanted)
    }
    return EventScore(
        sentences=len(gold),
        types=MatchCounts(sum(right.values()), sum(found.values()), sum(wanted.values())),
        per_type=per_type,
        dyads=MatchCounts(dyad_right, dyad_predicted, dyad_gold),
        empty_sentences=empty,
    )


def _annotated(texts: Iterable[str]) -> Iterator[Annotation]:
    """Each text read as an undated article by the article pipeline's language stages."""
    return read_articles((text, None) for text in texts)


def evaluate_events(path: Path, limit: int | None = None) -> EventScore:
    """Code the gold sentences at ``path`` with the article pipeline's language stages (each
    sentence read as an undated article) and score them."""
    gold = read_gold_events(path)[:limit]
    predicted = []
    for annotation in _annotated(sentence.text for sentence in gold):
        countries = {actor.id: actor.country for actor in annotation.actors}
        predicted.append(
            [
                CodedEvent(
                    event.type,
                    tuple(countries.get(actor_id) for actor_id in event.actor),
                    tuple(countries.get(actor_id) for actor_id in event.recipient),
                )
                for event in annotation.events
            ]
        )
    return score_events(gold, predicted)


@dataclass(frozen=True)
class InventedEvents:
    sentences: int
    with_events: int
    examples: tuple[str, ...]

    @property
    def rate(self) -> float:
        return self.with_events / self.sentences if self.sentences else 0.0


def count_invented_events(path: Path) -> InventedEvents:
    """How many of the sentences at ``path`` (one per line, "#" lines are notes), which report
    no event, get one from the article pipeline's language stages."""
    with path.open(encoding="utf-8") as lines:
        texts = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    invented = [
        text for text, annotation in zip(texts, _annotated(texts), strict=True) if annotation.events
    ]
    return InventedEvents(len(texts), len(invented), tuple(invented))
