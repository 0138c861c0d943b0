"""Actor country and sector accuracy on the PLOVER gold-standard sentences.

Each gold actor or recipient of ``plover-gsr-dev.jsonl`` has its text, an ISO3 (or IGO) code
and often a PLOVER sector. A gold actor counts as found when one of our actors has a mention
overlapping its text; then its country and sector (the first three letters of the gold code,
"GOVMOS" is GOV) are compared. As a reference, the same run scores a naive reading: the spaCy
entity overlapping the gold text, looked up alone in the country and organisation tables.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..actors import find_actors, load_knowledge
from ..actors.knowledge import ActorKnowledge, phrase_key
from ..language import load_nlp, parse_texts
from ..records import Actor

# Codes in the gold file that are not ISO 3166-1 alpha-3.
GOLD_CODE_FIXES = {"JAP": "JPN"}
# PLOVER's MED is health, which newsgraph's output contract writes HLH.
GOLD_SECTOR_FIXES = {"MED": "HLH"}


@dataclass(frozen=True)
class GoldActor:
    text: str
    start: int
    end: int
    country: str
    sector: str | None


@dataclass(frozen=True)
class GoldSentence:
    id: str
    text: str
    actors: list[GoldActor]
    missing: int


@dataclass
class Tally:
    """Counts for one method over all gold actors."""

    gold: int = 0
    found: int = 0
    country_right: int = 0
    with_sector: int = 0
    sector_found: int = 0
    sector_right: int = 0

    def add(self, gold: GoldActor, country: str | None, sector: str | None, found: bool) -> None:
        self.gold += 1
        self.found += found
        self.country_right += found and country == gold.country
        if gold.sector:
            self.with_sector += 1
            self.sector_found += found
            self.sector_right += found and sector == gold.sector

    @property
    def coverage(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.country_right / self.gold if self.gold else 0.0

    @property
    def country_accuracy_found(self) -> float:
        return self.country_right / self.found if self.found else 0.0

    @property
    def sector_accuracy(self) -> float:
        return self.sector_right / self.with_sector if self.with_sector else 0.0

    @property
    def sector_accuracy_found(self) -> float:
        return self.sector_right / self.sector_found if self.sector_found else 0.0


@dataclass
class ActorsScore:
    sentences: int
    unfindable: int
    ours: Tally = field(default_factory=Tally)
    naive: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, str]]:
        """(measure, newsgraph, naive entity lookup) rows for a table."""

        def pair(name: str, fmt=lambda value: f"{value:.3f}") -> tuple[str, str, str]:
            return (
                name.replace("_", " "),
                fmt(getattr(self.ours, name)),
                fmt(getattr(self.naive, name)),
            )

        return [
            ("gold actors (found in text)", str(self.ours.gold), str(self.naive.gold)),
            pair("coverage"),
            pair("country_accuracy"),
            pair("country_accuracy_found"),
            ("gold actors with a sector", str(self.ours.with_sector), str(self.naive.with_sector)),
            pair("sector_accuracy"),
            pair("sector_accuracy_found"),
        ]


def read_gold_sentences(path: Path) -> list[GoldSentence]:
    """The gold sentences with each actor located in the text (first occurrence)."""
    sentences = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            text = row["text"]
            actors, missing = [], 0
            for gold in [*row.get("actor", []), *row.get("recipient", [])]:
                start = text.find(gold["actorText"])
                if start < 0:
                    missing += 1
                    continue
                sector = (gold.get("sector") or "")[:3].upper()
                actors.append(
                    GoldActor(
                        text=gold["actorText"],
                        start=start,
                        end=start + len(gold["actorText"]),
                        country=GOLD_CODE_FIXES.get(gold["code"], gold["code"]),
                        sector=GOLD_SECTOR_FIXES.get(sector, sector) if sector.isalpha() else None,
                    )
                )
            sentences.append(GoldSentence(row["id"], text, actors, missing))
    return sentences


def _overlap(start: int, end: int, other_start: int, other_end: int) -> int:
    return max(0, min(end, other_end) - max(start, other_start))


def best_actor(gold: GoldActor, actors: list[Actor]) -> Actor | None:
    """Our actor whose mentions overlap the gold text most, if any does."""
    scored = [
        (max(_overlap(gold.start, gold.end, start, end) for start, end in actor.mentions), actor)
        for actor in actors
        if actor.mentions
    ]
    scored = [(overlap, actor) for overlap, actor in scored if overlap > 0]
    return max(scored, key=lambda pair: pair[0])[1] if scored else None


def naive_country(gold: GoldActor, doc, knowledge: ActorKnowledge) -> tuple[bool, str | None]:
    """The reference reading: the overlapping entity's text looked up as a country or body."""
    for entity in doc.ents:
        if _overlap(gold.start, gold.end, entity.start_char, entity.end_char) > 0:
            key = phrase_key(entity.text)
            organization = knowledge.organizations.get(key)
            country = (
                knowledge.country_names.get(key)
                or knowledge.demonyms.get(key)
                or (organization.country if organization else None)
            )
            return True, country
    return False, None


def evaluate_actors(path: Path, limit: int | None = None) -> ActorsScore:
    """Score actor finding, country and sector on the gold sentences at ``path``."""
    sentences = read_gold_sentences(path)[:limit]
    nlp, knowledge = load_nlp(), load_knowledge()
    score = ActorsScore(
        sentences=len(sentences), unfindable=sum(sentence.missing for sentence in sentences)
    )
    for doc, sentence in parse_texts(((sentence.text, sentence) for sentence in sentences), nlp):
        actors = find_actors(doc, nlp, knowledge)
        for gold in sentence.actors:
            actor = best_actor(gold, actors)
            score.ours.add(
                gold,
                actor.country if actor else None,
                actor.sector if actor else None,
                actor is not None,
            )
            if (
                actor is None
                or actor.country != gold.country
                or (gold.sector and actor.sector != gold.sector)
            ):
                score.misses.append(
                    f"{sentence.id}: {gold.text!r} gold {gold.country}/{gold.sector}, "
                    f"got {(actor.name, actor.country, actor.sector) if actor else None}"
                )
            found, country = naive_country(gold, doc, knowledge)
            score.naive.add(gold, country, None, found)
    return score
