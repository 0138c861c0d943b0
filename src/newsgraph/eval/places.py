"""Place recognition and resolution on GeoVirus (``shared/data/geo/GeoVirus.xml``).

GeoVirus (Gritta et al. 2018) holds 229 WikiNews articles about disease outbreaks with 2,170
place spans, each with the point of its Wikipedia page. Reading it:

- the file is parsed with an XML parser: 9 ``<article>`` blocks are commented out;
- gold offsets are shifted by one: the name is ``text[start - 1 : end - 1]``.

Scoring, for :func:`find_places` (context) and :func:`find_places_naive` (the baseline) on the
same parses:

- **recognition**: every mention of every place is a predicted span. *Exact*: same start and end.
  *Overlap*: spans sharing a character, matched one to one in text order. Precision, recall, F1.
- **resolution**, on the overlap matches: the distance from the predicted place's point to the
  gold point (a prediction without a point is a miss); accuracy within 161 km (100 miles, the
  usual threshold), mean and median error. *Country accuracy*: the gold country is the country of
  the gazetteer city nearest the gold point (within 200 km), except when the gold's Wikipedia
  page names a continent or a multi-country region in the gazetteer ("Africa", "Middle East"):
  those have no country and are left out. "Right country, far" counts misses beyond 161 km
  whose country is right: mostly countries and states whose reference point differs from
  Wikipedia's (the United States is at 38 N 97 W in countrystatecity, 40 N 100 W in Wikipedia).
"""

from __future__ import annotations

import statistics
import time
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar
from urllib.parse import unquote

from newsgraph.language import parse_texts
from newsgraph.places import find_places, find_places_naive, load_gazetteer
from newsgraph.places.geo import NearestPlace, distance_km
from newsgraph.places.names import name_key
from newsgraph.places.sources import CityOptions
from newsgraph.records import Place

from .scoring import MatchCounts

NEAR_KM = 161.0
REVERSE_MAX_KM = 200.0


@dataclass(frozen=True)
class GoldPlace:
    name: str
    start: int
    end: int
    lat: float
    lon: float
    page: str


@dataclass(frozen=True)
class GoldArticle:
    source: str
    text: str
    places: tuple[GoldPlace, ...]


def read_geovirus(path: Path, limit: int | None = None) -> list[GoldArticle]:
    """The articles of GeoVirus.xml with 0-based gold offsets, at most ``limit`` of them."""
    root = ElementTree.parse(path).getroot()
    articles = []
    for article in root.iter("article"):
        if limit is not None and len(articles) >= limit:
            break
        text = article.findtext("text") or ""
        places = []
        for location in article.iter("location"):
            start = int(location.findtext("start") or 0) - 1
            end = int(location.findtext("end") or 0) - 1
            places.append(
                GoldPlace(
                    name=location.findtext("name") or "",
                    start=start,
                    end=end,
                    lat=float(location.findtext("lat") or "nan"),
                    lon=float(location.findtext("lon") or "nan"),
                    page=location.findtext("page") or "",
                )
            )
        articles.append(GoldArticle(article.findtext("source") or "", text, tuple(places)))
    return articles


@dataclass(frozen=True)
class ResolutionScore:
    """Resolution of the recognised (overlap-matched) gold places."""

    matched: int = 0
    near: int = 0  # within 161 km
    errors_km: tuple[float, ...] = ()  # of predictions with a point
    country_total: int = 0
    country_right: int = 0
    right_country_far: int = 0
    by_type: tuple[tuple[str, int, int], ...] = ()  # predicted type, recognised, within 161 km

    def add(self, pairs: list[tuple[GoldPlace, Place]], judge: _GoldCountries) -> ResolutionScore:
        matched, near, errors = self.matched, self.near, list(self.errors_km)
        total, right, far = self.country_total, self.country_right, self.right_country_far
        type_total = Counter({kind: count for kind, count, _ in self.by_type})
        type_near = Counter({kind: count for kind, _, count in self.by_type})
        for gold, found in pairs:
            matched += 1
            type_total[found.type] += 1
            country = judge.country(gold)
            same_country = country is not None and found.country == country
            if country is not None:
                total += 1
                right += same_country
            if found.lat is None or found.lon is None:
                continue
            error = distance_km(gold.lat, gold.lon, found.lat, found.lon)
            errors.append(error)
            if error <= NEAR_KM:
                near += 1
                type_near[found.type] += 1
            else:
                far += same_country
        by_type = tuple((kind, count, type_near[kind]) for kind, count in type_total.most_common())
        return ResolutionScore(matched, near, tuple(errors), total, right, far, by_type)

    @property
    def accuracy_161(self) -> float:
        return self.near / self.matched if self.matched else 0.0

    @property
    def country_accuracy(self) -> float:
        return self.country_right / self.country_total if self.country_total else 0.0

    @property
    def mean_km(self) -> float:
        return statistics.fmean(self.errors_km) if self.errors_km else 0.0

    @property
    def median_km(self) -> float:
        return statistics.median(self.errors_km) if self.errors_km else 0.0

    @property
    def accuracy_country_points(self) -> float:
        """Accuracy within 161 km when right-country misses are counted as hits."""
        return (self.near + self.right_country_far) / self.matched if self.matched else 0.0


@dataclass(frozen=True)
class PlacesScore:
    """GeoVirus scores of :func:`find_places` and of the naive baseline.

    ``rows()`` gives (measure, newsgraph, naive baseline) triples for a table with
    :attr:`HEADER`; recognition is the same for both (same candidate mentions).
    """

    HEADER: ClassVar[tuple[str, str, str]] = ("measure", "newsgraph", "naive baseline")

    articles: int
    exact: MatchCounts
    overlap: MatchCounts
    context: ResolutionScore
    naive: ResolutionScore
    parse_seconds: float
    places_seconds: float

    def rows(self) -> list[tuple[str, str, str]]:
        def both(label: str, value: Callable[[ResolutionScore], str]) -> tuple[str, str, str]:
            return (label, value(self.context), value(self.naive))

        rows = [
            ("articles", str(self.articles), ""),
            ("gold places / predicted mentions", f"{self.exact.gold} / {self.exact.predicted}", ""),
        ]
        for name, spans in (("exact", self.exact), ("overlap", self.overlap)):
            value = f"{spans.precision:.3f} / {spans.recall:.3f} / {spans.f1:.3f}"
            rows.append((f"recognition P / R / F1, {name} spans", value, value))
        rows += [
            both("recognised places", lambda score: str(score.matched)),
            both(
                "accuracy within 161 km",
                lambda score: f"{score.accuracy_161:.3f} ({score.near})",
            ),
            both(
                "country accuracy",
                lambda score: (
                    f"{score.country_accuracy:.3f} ({score.country_right}/{score.country_total})"
                ),
            ),
            both(
                "mean / median error km",
                lambda score: f"{score.mean_km:.0f} / {score.median_km:.0f}",
            ),
            both("misses beyond 161 km in the right country", lambda s: str(s.right_country_far)),
            both(
                "accuracy within 161 km by predicted type",
                lambda score: ", ".join(
                    f"{kind} {near / total:.3f} ({total})" for kind, total, near in score.by_type
                ),
            ),
            both(
                "within 161 km or right country",
                lambda score: f"{score.accuracy_country_points:.3f}",
            ),
            (
                "seconds: spaCy parse / find_places",
                f"{self.parse_seconds:.1f} / {self.places_seconds:.2f}",
                "",
            ),
        ]
        return rows


def evaluate_places(path: Path | str, limit: int | None = None) -> PlacesScore:
    """Parse the GeoVirus articles at ``path`` (the first ``limit``), find their places with
    context and with the naive baseline, and score both against the gold."""
    articles = read_geovirus(Path(path), limit)
    judge = _GoldCountries()
    exact = overlap = MatchCounts()
    context = naive = ResolutionScore()
    parse_seconds = places_seconds = 0.0
    started = time.perf_counter()
    for doc, article in parse_texts((article.text, article) for article in articles):
        parse_seconds += time.perf_counter() - started
        clock = time.perf_counter()
        found = find_places(doc)
        places_seconds += time.perf_counter() - clock
        predicted = list(_spans(found))
        exact = exact.plus(
            _exact_matches(article.places, predicted), len(predicted), len(article.places)
        )
        pairs = _overlap_matches(article.places, predicted)
        overlap = overlap.plus(len(pairs), len(predicted), len(article.places))
        context = context.add(pairs, judge)
        naive_pairs = _overlap_matches(article.places, list(_spans(find_places_naive(doc))))
        naive = naive.add(naive_pairs, judge)
        started = time.perf_counter()
    return PlacesScore(
        articles=len(articles),
        exact=exact,
        overlap=overlap,
        context=context,
        naive=naive,
        parse_seconds=parse_seconds,
        places_seconds=places_seconds,
    )


def _spans(places: list[Place]) -> Iterator[tuple[int, int, Place]]:
    for place in places:
        for start, end in place.mentions:
            yield start, end, place


def _exact_matches(gold: tuple[GoldPlace, ...], predicted: list[tuple[int, int, Place]]) -> int:
    spans = {(start, end) for start, end, _ in predicted}
    return sum((place.start, place.end) in spans for place in gold)


def _overlap_matches(
    gold: tuple[GoldPlace, ...], predicted: list[tuple[int, int, Place]]
) -> list[tuple[GoldPlace, Place]]:
    """Gold and predicted spans that share a character, paired one to one in text order."""
    free = sorted(predicted, key=lambda span: (span[0], span[1]))
    pairs = []
    for place in sorted(gold, key=lambda place: (place.start, place.end)):
        for index, (start, end, found) in enumerate(free):
            if start < place.end and place.start < end:
                pairs.append((place, found))
                del free[index]
                break
    return pairs


class _GoldCountries:
    """The country of a gold place: its page's continent or region has none; otherwise the
    country of the gazetteer city nearest its point."""

    def __init__(self) -> None:
        self.gazetteer = load_gazetteer(CityOptions())  # the same judge whatever cities are in use
        self.nearest = NearestPlace.of_cities(self.gazetteer)

    def country(self, place: GoldPlace) -> str | None:
        title = unquote(place.page.rsplit("/", 1)[-1]).replace("_", " ").split(" (")[0]
        for row in self.gazetteer.names.get(name_key(title), ()):
            entry = self.gazetteer.entry(row)
            if entry.kind in ("continent", "region") and entry.country is None:
                return None
        row = self.nearest.find(place.lat, place.lon, REVERSE_MAX_KM)
        return None if row is None else self.gazetteer.strings[self.gazetteer.country[row]]
