"""Latency of the web server (issue 7): the median and 95th percentile of every GET route of the
application, API endpoints and pages alike, through a real uvicorn server on 127.0.0.1 and httpx,
one request at a time, against the goal (p95 under 200 ms).

Usage:
  .venv/bin/python bench/web.py [--db PATH]... [--requests 30] [--seed 7] [--markdown]
      [--shared ../shared]

Each ``--db`` is benchmarked in turn; without one, the shared corpus (the reference article,
Wikinews 2019, White House US-MX: what ``make demo`` ingests) is ingested with ``newsgraph
ingest`` into /tmp/newsgraph-web-corpus.db first, which takes about ten minutes of CPU, and the
database is kept and reused by later runs. The run recorded in the report of issue 7:

  .venv/bin/python bench/web.py --db /tmp/newsgraph-web-corpus.db \\
      --db /tmp/newsgraph-bench.db --markdown

The routes are read from the application (``create_app``), so pages added later are measured
too. Each route is asked ``--requests`` times with realistic parameters drawn from the store
(its newest and random articles, its most named actors, its busiest country pairs, its
stories), routes interleaved; a first request to each route warms the server and is not
counted. A route with a path parameter the bench cannot fill is listed as skipped.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

import httpx
from fastapi.routing import APIRoute
from rich import box
from rich.console import Console
from rich.table import Table

from newsgraph.store import ArticleStore
from newsgraph.store.catalog import (
    ActorFilter,
    actor_network,
    country_event_counts,
    find_actors,
)
from newsgraph.store.stories import StoryFilter, find_stories
from newsgraph.web import ServerSettings, create_app

GOAL_MS = 200.0
CORPUS_DB = "/tmp/newsgraph-web-corpus.db"
CORPUS_INPUTS = (
    "data/articles/seed/us-mexico-fentanyl-labs.txt",
    "data/articles/wikinews/wikinews-2019.jsonl",
    "data/articles/whitehouse/usmx.jsonl.gz",
)
START_SECONDS = 30.0
SEARCH_WORDS = ("government", "president minister", "police arrested", "fentanyl", "election")
EVENT_TYPES = ("ASSAULT", "CONSULT", "ACCUSE", "AGREE", "PROTEST")
PERIODS = (("2019", "2019"), ("2021", "2022-06"), ("2025-01", "2026-12-31"), (None, None))
ROUTE_PARAMETERS = {
    "/api/articles": ("limit", "offset"),
    "/api/articles/search": ("q",),
    "/api/events": ("actor", "recipient", "type", "since", "until", "place", "reports"),
    "/api/quotes": ("speaker", "search"),
    "/api/sources": ("source_type",),
    "/api/counts": ("count_type",),
    "/api/places": ("country", "name"),
    "/api/places/countries": ("since", "until"),
    "/api/actors": ("country", "name"),
    "/api/actors/network": ("since", "until"),
    "/api/timeline": ("a", "b", "since", "until"),
    "/api/dyads": ("since", "until"),
    "/api/stories": ("min_versions",),
    "/events": ("actor", "recipient", "type", "since", "until", "place"),
    "/timeline": ("a", "b", "since", "until"),
    "/search": ("q",),
    "/actors": ("country", "name"),
    "/map": ("since", "until", "country"),
}
"""Which of the drawn parameters each known route takes; other routes are asked bare."""


@dataclass(frozen=True)
class Samples:
    """Values from a store to ask its routes about."""

    article_ids: list[str]
    actor_names: list[str]
    countries: list[str]
    pairs: list[tuple[str, str]]
    stories: list[int]

    @classmethod
    def of(cls, db: str, rng: random.Random) -> Samples:
        with ArticleStore.open_readonly(db) as store:
            total = store.count()
            newest = [summary.id for summary in store.list(limit=10)]
            anywhere = [store.list(limit=1, offset=rng.randrange(total))[0].id for _ in range(10)]
            actors = [row.name for row in store.query(find_actors, ActorFilter(limit=20))]
            countries = [row.country for row in store.query(country_event_counts)[:15]]
            pairs = [(pair.first, pair.second) for pair in store.query(actor_network)[:10]]
            stories = [row.story for row in store.query(find_stories, StoryFilter(limit=10))]
        return cls(newest + anywhere, actors, countries, pairs or [("USA", "MEX")], stories)

    def parameters(self, name: str, rng: random.Random, period: tuple) -> str | None:
        """A value for the query parameter ``name`` (None: leave it out)."""
        since, until = period
        match name:
            case "actor" | "country":
                return rng.choice(self.countries + [None])
            case "recipient":
                return rng.choice(self.countries[:5] + [None] * 3)
            case "a" | "b":
                return rng.choice(self.pairs)[name == "b"]
            case "speaker" | "name":
                # A part of a name, as a search box gets it: the last word of a known name.
                names = [name.split()[-1] for name in self.actor_names[:10]]
                return rng.choice(names + [None] * 2)
            case "type":
                return rng.choice(EVENT_TYPES + (None,) * 3)
            case "place":
                return rng.choice(self.countries[:5] + [None] * 5)
            case "since":
                return since
            case "until":
                return until
            case "reports":
                return rng.choice(["true", None, None])
            case "search" | "q":
                return rng.choice(SEARCH_WORDS)
            case "source_type":
                return rng.choice(["anonymous", "named_person", None])
            case "count_type":
                return rng.choice(["KILL", "ARREST", None])
            case "min_versions":
                return rng.choice(["1", "2"])
            case "offset":
                return rng.choice(["0", "50", "500"])
            case "limit":
                return "50"
        return None

    def path_value(self, name: str, rng: random.Random) -> str | None:
        """A value for the path parameter ``name``; None when the bench has none to give."""
        if name == "article_id":
            return rng.choice(self.article_ids)
        if name == "name":
            return rng.choice(self.actor_names)
        if name == "story" and self.stories:
            return str(rng.choice(self.stories))
        return None


@dataclass
class Timing:
    """The latencies (ms) of one route and the requests that did not answer 2xx."""

    route: str
    samples: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    @property
    def p95(self) -> float:
        return statistics.quantiles(self.samples, n=20, method="inclusive")[-1]


def get_routes() -> list[str]:
    """The GET routes of the application (API and pages), as path templates."""
    return _get_paths(create_app(ServerSettings(db=":memory:")).routes)


def _get_paths(routes: list) -> list[str]:
    # FastAPI 0.165 keeps an included router whole (its routes under ``original_router``),
    # with the router's own prefix already in its routes' paths.
    paths = []
    for route in routes:
        if hasattr(route, "original_router"):
            paths += _get_paths(route.original_router.routes)
        elif isinstance(route, APIRoute) and "GET" in route.methods:
            paths.append(route.path)
    return paths


def _url(route: str, samples: Samples, rng: random.Random) -> str | None:
    """A request to ``route`` with drawn parameters; None when a path parameter has no value."""
    path = route
    for name in _path_names(route):
        value = samples.path_value(name, rng)
        if value is None:
            return None
        path = path.replace(f"{{{name}}}", quote(value, safe=""))
    period = rng.choice(PERIODS)
    query = {
        name: value
        for name in ROUTE_PARAMETERS.get(route, ())
        if (value := samples.parameters(name, rng, period)) is not None
    }
    return f"{path}?{urlencode(query)}" if query else path


def _path_names(route: str) -> list[str]:
    return [part[1:-1] for part in route.split("/") if part.startswith("{")]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``newsgraph serve`` on a free port of 127.0.0.1, in its own process."""

    def __init__(self, db: str) -> None:
        self.port = _free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "newsgraph.cli", "serve", "--db", db, "--port", str(self.port)],
        )
        self.base = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Server:
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                httpx.get(f"{self.base}/api/openapi.json", timeout=2.0).raise_for_status()
                return self
            except httpx.HTTPError:
                time.sleep(0.2)
        self.process.kill()
        raise RuntimeError(f"newsgraph serve did not answer within {START_SECONDS:.0f} s")

    def __exit__(self, *exc_info: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _requests(routes: list[str], samples: Samples, count: int, seed: int) -> Iterator[tuple]:
    """``(route, url, counted)``: one uncounted request per route, then ``count`` each,
    interleaved."""
    rng = random.Random(seed)
    for route in routes:
        yield route, _url(route, samples, rng), False
    for _, route in itertools.product(range(count), routes):
        yield route, _url(route, samples, rng), True


def measure(db: str, count: int, seed: int) -> tuple[dict[str, Timing], list[str]]:
    """Each route's timing on the store ``db``, and the routes skipped."""
    samples = Samples.of(db, random.Random(seed))
    routes = get_routes()
    timings = {route: Timing(route) for route in routes}
    skipped = set()
    with Server(db) as server, httpx.Client(base_url=server.base, timeout=60.0) as client:
        for route, url, counted in _requests(routes, samples, count, seed):
            if url is None:
                skipped.add(route)
                continue
            start = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - start) * 1000
            if not counted:
                continue
            timings[route].samples.append(elapsed)
            if not response.is_success:
                timings[route].failures.append(f"{response.status_code} {url}")
    return {route: timing for route, timing in timings.items() if timing.samples}, sorted(skipped)


def latency_table(db: str, timings: dict[str, Timing], markdown: bool) -> Table:
    table = Table(
        title=f"{db}: latency per route (ms), goal p95 < {GOAL_MS:.0f}",
        box=box.MARKDOWN if markdown else box.HEAVY_HEAD,
    )
    for column in ("route", "requests", "median", "p95", "max", "goal", "not 2xx"):
        table.add_column(column, justify="left" if column == "route" else "right")
    for timing in timings.values():
        met = timing.p95 < GOAL_MS
        table.add_row(
            timing.route,
            str(len(timing.samples)),
            f"{statistics.median(timing.samples):.0f}",
            f"{timing.p95:.0f}",
            f"{max(timing.samples):.0f}",
            ("met" if met else "MISSED") if markdown else ("[green]met" if met else "[red]MISSED"),
            str(len(timing.failures)),
        )
    return table


def corpus_db(shared: Path, console: Console) -> str:
    """The shared corpus's store, ingested into :data:`CORPUS_DB` unless it is there."""
    if not os.path.exists(CORPUS_DB):
        inputs = [str(shared / path) for path in CORPUS_INPUTS]
        console.print(f"ingesting the shared corpus into {CORPUS_DB} (about ten minutes)")
        subprocess.run(
            [sys.executable, "-m", "newsgraph.cli", "ingest", *inputs, "--db", CORPUS_DB],
            check=False,
        )
    return CORPUS_DB


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", action="append", help="A store to serve (repeatable).")
    parser.add_argument("--requests", type=int, default=30, help="Counted requests per route.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--markdown", action="store_true", help="Tables in Markdown.")
    parser.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("NEWSGRAPH_SHARED", "../shared"))
    )
    options = parser.parse_args()
    console = Console(width=120)
    for db in options.db or [corpus_db(options.shared, console)]:
        timings, skipped = measure(db, options.requests, options.seed)
        console.print(latency_table(db, timings, options.markdown))
        for route in skipped:
            console.print(f"skipped {route}: no value for its path parameter")
        for timing in timings.values():
            for failure in timing.failures[:3]:
                console.print(f"not 2xx: {failure}", markup=False)


if __name__ == "__main__":
    main()
