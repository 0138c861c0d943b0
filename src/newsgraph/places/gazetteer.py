"""The gazetteer as the resolver reads it: compact columns of places and a name index.

Places are rows numbered from 0: countries, subdivisions, continents, cities, then regions. The
columns are arrays and string tables rather than one object per place, so the index of ~200,000
cities pickles small and loads in a fraction of a second (:mod:`.store` keeps the pickle);
:meth:`Gazetteer.entry` makes the typed view of one row on demand.

Names are looked up by :func:`newsgraph.places.names.name_key`. ``names`` holds every place's
own names; ``alt_names`` the other-language and variant names GeoNames lists for cities, which
the resolver only trusts for spans the language model already tagged as places.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, field
from typing import Literal

from .names import name_key

Kind = Literal["country", "admin1", "subdivision", "continent", "region", "other", "city"]
KINDS: tuple[Kind, ...] = (
    "country",
    "admin1",
    "subdivision",
    "continent",
    "region",
    "other",
    "city",
)
PlaceType = Literal["country", "admin1", "city", "region", "other"]
OUTPUT_TYPE: dict[Kind, PlaceType] = {
    "country": "country",
    "admin1": "admin1",
    "subdivision": "other",
    "continent": "region",
    "region": "region",
    "other": "other",
    "city": "city",
}


@dataclass(frozen=True, slots=True)
class Entry:
    """One place of the gazetteer.

    ``country`` is ISO 3166-1 alpha-3 (None for continents and multi-country regions, whose
    member countries are in ``countries``); ``code`` is the place's own ISO 3166-2 code
    (subdivisions); ``admin1`` the first-level subdivision that holds it (a subdivision's own
    top-level code, a city's state or province when known).
    """

    id: int
    name: str
    kind: Kind
    country: str | None
    code: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    capital: bool
    countries: tuple[str, ...]

    @property
    def type(self) -> PlaceType:
        return OUTPUT_TYPE[self.kind]


@dataclass
class Gazetteer:
    """Columns of places plus name indexes; build one with :func:`.sources.build_gazetteer`."""

    name: list[str] = field(default_factory=list)
    kind: array = field(default_factory=lambda: array("B"))
    country: array = field(default_factory=lambda: array("H"))  # indexes into strings
    code: array = field(default_factory=lambda: array("H"))
    admin1: array = field(default_factory=lambda: array("H"))
    lat: array = field(default_factory=lambda: array("f"))
    lon: array = field(default_factory=lambda: array("f"))
    population: array = field(default_factory=lambda: array("q"))
    capitals: set[int] = field(default_factory=set)
    members: dict[int, tuple[str, ...]] = field(default_factory=dict)
    strings: list[str] = field(default_factory=lambda: [""])
    names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    alt_names: dict[str, tuple[int, ...]] = field(default_factory=dict)
    after_comma: dict[str, tuple[int, ...]] = field(default_factory=dict)
    lowercase: dict[str, tuple[int, ...]] = field(default_factory=dict)
    max_words: dict[str, int] = field(default_factory=dict)
    team_names: set[str] = field(default_factory=set)  # keys of aliases.yaml and regions.yaml
    _string_ids: dict[str, int] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.name)

    def string_id(self, value: str | None) -> int:
        if not value:
            return 0
        found = self._string_ids.get(value)
        if found is None:
            found = self._string_ids[value] = len(self.strings)
            self.strings.append(value)
        return found

    def add(
        self,
        name: str,
        kind: Kind,
        country: str | None,
        lat: float | None,
        lon: float | None,
        population: int = 0,
        code: str | None = None,
        admin1: str | None = None,
    ) -> int:
        """Append one place; returns its row number. A missing point is stored as NaN."""
        row = len(self.name)
        self.name.append(name)
        self.kind.append(KINDS.index(kind))
        self.country.append(self.string_id(country))
        self.code.append(self.string_id(code))
        self.admin1.append(self.string_id(admin1))
        self.lat.append(float("nan") if lat is None else lat)
        self.lon.append(float("nan") if lon is None else lon)
        self.population.append(population)
        return row

    def entry(self, row: int) -> Entry:
        lat, lon = self.lat[row], self.lon[row]
        has_point = lat == lat  # NaN marks a place without a point
        country = self.strings[self.country[row]] or None
        return Entry(
            id=row,
            name=self.name[row],
            kind=KINDS[self.kind[row]],
            country=country,
            code=self.strings[self.code[row]] or None,
            admin1=self.strings[self.admin1[row]] or None,
            lat=round(lat, 5) if has_point else None,
            lon=round(lon, 5) if has_point else None,
            population=self.population[row],
            capital=row in self.capitals,
            countries=self.members.get(row, (country,) if country else ()),
        )

    def lookup(self, key: str) -> tuple[int, ...]:
        """Rows named ``key`` (a :func:`.names.name_key`), cities' alternate names included."""
        own = self.names.get(key, ())
        other = self.alt_names.get(key, ())
        return own + tuple(row for row in other if row not in own) if other else own

    def is_alternate(self, key: str, row: int) -> bool:
        """Whether ``row`` carries ``key`` only as an alternate name."""
        return row not in self.names.get(key, ())

    def index_name(self, index: dict[str, tuple[int, ...]], name: str, row: int) -> None:
        key = name_key(name)
        if not key:
            return
        rows = index.get(key, ())
        if row not in rows:
            index[key] = rows + (row,)
        first = key.split(" ", 1)[0]
        words = key.count(" ") + 1
        if words > self.max_words.get(first, 0):
            self.max_words[first] = words

    def drop_string_ids(self) -> None:
        """Forget the builder's reverse string table before pickling."""
        self._string_ids = {}
