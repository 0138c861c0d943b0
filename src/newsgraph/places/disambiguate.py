"""Choose one gazetteer reading per place name of an article, from priors and the article's context.

All mentions with the same name key are one place ("one sense per article"). A reading's score is

    prior (size and kind: log10 population, +3 for a country, +1 for a first-level subdivision,
           -1 for a lower one, +1 for a capital, -1.5 when the name is only an alternate name)
    + country context   (share of the article's evidence that points at the reading's country)
    + admin1 context    (share pointing at its first-level subdivision: "Atlanta" for "Georgia")
    + local context     (share of the article's sub-national places that lie in its country)
    + containment       ("Santa Ana, California": a reading inside the next place, or holding
                         the previous one)

Evidence comes from the caller's hint countries, the demonyms, and the readings chosen for the
other names of the article, so resolution is iterated a few rounds from the priors alone.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .candidates import Mention
from .gazetteer import KINDS, Gazetteer

ROUNDS = 3
CITY = KINDS.index("city")
SUBDIVISIONS = frozenset({KINDS.index("admin1"), KINDS.index("subdivision")})
# A subdivision whose same-named city holds this share of its population is that city.
CITY_STATE_SHARE = 0.5


@dataclass(frozen=True)
class Weights:
    """How much each kind of evidence counts.

    Chosen on GeoVirus with a coarse grid (country 2-5, admin1 2-6, local 0-2, containment 3-6,
    alternate -0.5 to -3, capital 0-2), scored separately on odd and even articles: accuracy
    within 161 km moves by less than half a point over the whole grid, so these are round values
    from the plateau, not a fit.
    """

    country: float = 3.0
    admin1: float = 4.0
    local: float = 1.0
    inside: float = 3.0
    hint: float = 2.0
    demonym: float = 0.5
    capital: float = 1.0
    alternate: float = -1.5
    kind_bonus: dict[str, float] = field(
        default_factory=lambda: {
            "country": 3.0,
            "admin1": 1.0,
            # Provinces named after their capital ("Guadalajara", "Milano") mostly mean the city.
            "subdivision": -1.0,
            "continent": 1.0,
            "region": 10.0,
            "other": 10.0,
            "city": 0.0,
        }
    )


@dataclass
class Group:
    """All mentions of one name in the article, and the reading chosen for them (or None)."""

    key: str
    rows: tuple[int, ...]
    mentions: list[Mention]
    lowercase: bool
    choice: int | None = None


@dataclass
class _Evidence:
    country: Counter[str] = field(default_factory=Counter)
    admin1: Counter[str] = field(default_factory=Counter)
    local: Counter[str] = field(default_factory=Counter)

    def add(self, other: _Evidence, sign: float = 1.0) -> None:
        for mine, theirs in (
            (self.country, other.country),
            (self.admin1, other.admin1),
            (self.local, other.local),
        ):
            for key, value in theirs.items():
                mine[key] += sign * value


def group_mentions(mentions: Iterable[Mention]) -> list[Group]:
    """Mentions grouped by name key and readings, in order of first mention."""
    groups: dict[tuple[str, tuple[int, ...]], Group] = {}
    for mention in mentions:
        key = (mention.key, mention.rows)
        if key not in groups:
            groups[key] = Group(mention.key, mention.rows, [], mention.lowercase)
        groups[key].mentions.append(mention)
    return list(groups.values())


class Resolver:
    """Scores readings for the groups of one article; ``resolve`` sets each group's choice."""

    def __init__(self, gazetteer: Gazetteer, weights: Weights | None = None) -> None:
        self.gazetteer = gazetteer
        self.weights = weights or Weights()
        self._kind_bonus = [self.weights.kind_bonus[kind] for kind in KINDS]

    def prior(self, row: int, key: str) -> float:
        gazetteer, weights = self.gazetteer, self.weights
        score = math.log10(gazetteer.population[row] + 1) + self._kind_bonus[gazetteer.kind[row]]
        if row in gazetteer.capitals:
            score += weights.capital
        if gazetteer.is_alternate(key, row):
            score += weights.alternate
        return score

    def _priors(self, group: Group) -> dict[int, float]:
        """Prior of each reading; a subdivision that is mostly one city of the same name
        (Tbilisi, Moscow, Berlin) yields to that city."""
        gazetteer = self.gazetteer
        scores = {row: self.prior(row, group.key) for row in group.rows}
        for city in group.rows:
            if gazetteer.kind[city] != CITY:
                continue
            for row in group.rows:
                if (
                    gazetteer.kind[row] in SUBDIVISIONS
                    and gazetteer.code[row] == gazetteer.admin1[city]
                    and gazetteer.population[city] >= gazetteer.population[row] * CITY_STATE_SHARE
                ):
                    scores[row] = min(scores[row], scores[city] - 0.5)
        return scores

    def resolve(
        self,
        groups: list[Group],
        text: str,
        hints: Iterable[str] = (),
        demonyms: Counter[str] | None = None,
    ) -> None:
        """Set each group's ``choice``; ``text`` is the article (for "A, B" patterns)."""
        background = _Evidence()
        for country in hints:
            background.country[country.upper()] += self.weights.hint
        for country, count in (demonyms or Counter()).items():
            background.country[country] += self.weights.demonym * count
        priors = [self._priors(group) for group in groups]
        for group, scores in zip(groups, priors, strict=True):
            group.choice = max(scores, key=scores.__getitem__) if scores else None
        neighbours = _comma_pairs(groups, text)
        for _ in range(ROUNDS):
            own = [self._evidence(group.choice) for group in groups]
            total = _Evidence()
            total.add(background)
            for evidence in own:
                total.add(evidence)
            choices = []
            for index, (group, scores) in enumerate(zip(groups, priors, strict=True)):
                if len(scores) < 2:
                    choices.append(group.choice)
                    continue
                context = _Evidence()
                context.add(total)
                context.add(own[index], -1.0)
                best = max(
                    scores,
                    key=lambda row: (
                        scores[row]
                        + self._context(row, context)
                        + self._containment(row, index, groups, neighbours)
                    ),
                )
                choices.append(best)
            for group, choice in zip(groups, choices, strict=True):
                group.choice = choice
        self._drop_unsupported_lowercase(groups)

    def _evidence(self, row: int | None) -> _Evidence:
        evidence = _Evidence()
        if row is None:
            return evidence
        entry = self.gazetteer.entry(row)
        if entry.kind in ("continent", "region", "other"):
            for country in entry.countries:
                evidence.country[country] += 1 / len(entry.countries)
            return evidence
        if entry.country:
            evidence.country[entry.country] += 1
        if entry.kind != "country" and entry.country:
            evidence.local[entry.country] += 1
            if entry.admin1:
                evidence.admin1[entry.admin1] += 1
        return evidence

    def _context(self, row: int, context: _Evidence) -> float:
        gazetteer, weights = self.gazetteer, self.weights
        country = gazetteer.strings[gazetteer.country[row]]
        if not country:
            return 0.0
        score = weights.country * _share(context.country, country)
        if gazetteer.kind[row] != 0:  # below country level
            score += weights.local * _share(context.local, country)
            admin1 = gazetteer.strings[gazetteer.admin1[row]]
            if admin1:
                score += weights.admin1 * _share(context.admin1, admin1)
        return score

    def _containment(
        self,
        row: int,
        index: int,
        groups: list[Group],
        neighbours: dict[int, set[tuple[int, bool]]],
    ) -> float:
        """Bonus for "A, B" readings where A lies in B (both directions)."""
        bonus = 0.0
        for other, holder_is_other in neighbours.get(index, ()):
            choice = groups[other].choice
            if choice is None:
                continue
            inner, outer = (row, choice) if holder_is_other else (choice, row)
            if self._contains(outer, inner):
                bonus = self.weights.inside
        return bonus

    def _contains(self, outer: int, inner: int) -> bool:
        gazetteer = self.gazetteer
        if outer == inner:
            return False
        kind = KINDS[gazetteer.kind[outer]]
        if kind == "country":
            return gazetteer.country[inner] == gazetteer.country[outer]
        if kind in ("admin1", "subdivision"):
            return (
                gazetteer.admin1[inner] == gazetteer.admin1[outer] and gazetteer.admin1[inner] != 0
            )
        return False

    def _drop_unsupported_lowercase(self, groups: list[Group]) -> None:
        """A lowercase phrase ("the southern border") counts only when the article is already
        about one of its countries."""
        in_play = {
            self.gazetteer.strings[self.gazetteer.country[group.choice]]
            for group in groups
            if group.choice is not None and not group.lowercase
        }
        for group in groups:
            if group.lowercase and group.choice is not None:
                members = set(self.gazetteer.entry(group.choice).countries)
                if not members & in_play:
                    group.choice = None
                    group.mentions = []


def _share(counter: Counter[str], key: str) -> float:
    total = sum(value for value in counter.values() if value > 0)
    return max(counter.get(key, 0.0), 0.0) / (total + 1.0)


def _comma_pairs(groups: list[Group], text: str) -> dict[int, set[tuple[int, bool]]]:
    """For each group, the groups it meets as "A, B": (other group, other is the holder)."""
    group_of = {}
    for index, group in enumerate(groups):
        for mention in group.mentions:
            group_of[mention.first_token] = (index, mention)
    pairs: dict[int, set[tuple[int, bool]]] = defaultdict(set)
    for index, mention in group_of.values():
        following = group_of.get(mention.end_token + 1)
        if following is None or text[mention.end : following[1].start].strip() != ",":
            continue
        other = following[0]
        if other != index:
            pairs[index].add((other, True))
            pairs[other].add((index, False))
    return pairs
