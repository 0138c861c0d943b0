"""What newsgraph knows about actors: the YAML files of ``data/actors/`` plus the user's own.

The files (each says where its facts come from) hold countries with their short forms, capitals
and demonyms, international bodies, named organisations, role nouns and titles, and office holders
with the dates of their terms. pycountry adds every ISO 3166-1 country's official and common names.
A user file (``--actors FILE``) has the same keys and is read after the packaged ones, so its
entries win where both name the same thing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

import pycountry
import yaml

KNOWLEDGE_FILES = ("countries", "igos", "organizations", "roles", "people")
IGO = "IGO"


class KnowledgeError(ValueError):
    """An actor knowledge file that cannot be read: says which file and what is wrong."""


def phrase_key(text: str) -> str:
    """The lookup form of a phrase: accents and case folded, quotes unified, a leading "the" off."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    folded = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    words = folded.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def role_key(text: str) -> str:
    """The lookup form of a role term, hyphens joined the same way however it was tokenised."""
    return re.sub(r"\s*-\s*", "-", phrase_key(text))


@dataclass(frozen=True)
class Office:
    country: str
    sector: str | None
    role: str
    start: str | None = None
    end: str | None = None

    def held_on(self, day: str) -> bool:
        """Whether the office was held on ``day``; partial dates on either side compare on the
        precision they share ("2025" ends in time for "2025-06-01")."""
        started = self.start is None or self.start[: len(day)] <= day[: len(self.start)]
        not_ended = self.end is None or day[: len(self.end)] <= self.end[: len(day)]
        return started and not_ended


@dataclass(frozen=True)
class Person:
    name: str
    gender: str | None
    offices: tuple[Office, ...]

    def offices_on(self, day: str | None) -> tuple[Office, ...]:
        if day is None:
            return ()
        return tuple(office for office in self.offices if office.held_on(day))

    def constant(self, attribute: str) -> str | None:
        """An attribute shared by all the person's offices (their country, say), else None."""
        values = {getattr(office, attribute) for office in self.offices}
        return values.pop() if len(values) == 1 else None


@dataclass(frozen=True)
class Organization:
    name: str
    country: str | None
    sector: str | None
    kind: str = "organization"


@dataclass(frozen=True)
class Role:
    term: str
    sector: str | None
    kind: str
    title: bool = False


@dataclass(eq=False)
class ActorKnowledge:
    """Lookup tables keyed by :func:`phrase_key`, and the names as written for text matching."""

    country_names: dict[str, str] = field(default_factory=dict)
    display_names: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)
    people: dict[str, list[Person]] = field(default_factory=dict)
    longest_role: int = 1
    surface_people: set[str] = field(default_factory=set)
    surface_organizations: set[str] = field(default_factory=set)
    surface_countries: set[str] = field(default_factory=set)

    def country_name(self, code: str) -> str:
        """The short English name of a country code: the data file's first name, else pycountry's."""
        if code in self.display_names:
            return self.display_names[code]
        country = pycountry.countries.get(alpha_3=code)
        if country is None:
            return code
        return getattr(country, "common_name", None) or country.name

    def role(self, words: Iterable[str]) -> Role | None:
        """The role whose term is these tokens ("Secretary", "-", "General" is secretary-general)."""
        return self.roles.get(role_key(" ".join(words)))

    def add(self, data: Mapping, origin: str) -> None:
        """Merge one file's entries; later files override earlier ones on the same key."""
        try:
            self._add_countries(data.get("countries") or {})
            for entry in data.get("igos") or []:
                self._add_organization(entry, default_country=IGO, default_sector=IGO)
            for entry in data.get("organizations") or []:
                self._add_organization(entry, default_country=None, default_sector=None)
            for entry in data.get("roles") or []:
                self._add_role(entry)
            for entry in data.get("people") or []:
                self._add_person(entry)
        except (KeyError, TypeError, AttributeError, ValueError) as error:
            raise KnowledgeError(f"{origin}: malformed actor knowledge: {error!r}") from error

    def _add_countries(self, countries: Mapping) -> None:
        for code, entry in countries.items():
            code = str(code).upper()
            names = entry.get("names") or []
            if names:
                self.display_names[code] = names[0]
            for name in names:
                self.country_names[phrase_key(name)] = code
                self.surface_countries.add(str(name))
            for capital in entry.get("capitals") or []:
                self.capitals[phrase_key(capital)] = code
            for demonym in entry.get("demonyms") or []:
                self.demonyms[phrase_key(demonym)] = code

    def _add_organization(
        self, entry: Mapping, default_country: str | None, default_sector: str | None
    ) -> None:
        organization = Organization(
            name=entry["name"],
            country=entry.get("country", default_country),
            sector=entry.get("sector", default_sector),
            kind=entry.get("kind", "organization"),
        )
        for alias in [entry["name"], *(entry.get("aliases") or [])]:
            self.organizations[phrase_key(str(alias))] = organization
            self.surface_organizations.add(str(alias))
        for capital in entry.get("capitals") or []:
            self.capitals[phrase_key(capital)] = organization.country or IGO

    def _add_role(self, entry: Mapping) -> None:
        for term in entry["terms"]:
            key = role_key(str(term))
            self.roles[key] = Role(
                term=str(term),
                sector=entry.get("sector"),
                kind=entry.get("kind", "group"),
                title=bool(entry.get("title", False)),
            )
            self.longest_role = max(self.longest_role, len(key.replace("-", " - ").split()))

    def _add_person(self, entry: Mapping) -> None:
        offices = tuple(
            Office(
                country=str(office["country"]).upper(),
                sector=office.get("sector"),
                role=office["role"],
                start=_iso(office.get("start")),
                end=_iso(office.get("end")),
            )
            for office in entry.get("offices") or []
        )
        person = Person(name=entry["name"], gender=entry.get("gender"), offices=offices)
        self.surface_people.update([entry["name"], *(entry.get("aliases") or [])])
        for alias in {phrase_key(entry["name"]), *map(phrase_key, entry.get("aliases") or [])}:
            known = [other for other in self.people.get(alias, []) if other.name != person.name]
            self.people[alias] = [*known, person]


def _iso(value: object) -> str | None:
    """YAML reads 2024-10-01 as a date and 2024 as an int: both back to ISO text."""
    return None if value is None else str(value)


def _pycountry_names(knowledge: ActorKnowledge) -> None:
    for country in pycountry.countries:
        for name in (
            country.name,
            getattr(country, "common_name", None),
            getattr(country, "official_name", None),
        ):
            if name:
                knowledge.country_names.setdefault(phrase_key(name), country.alpha_3)


def read_knowledge_file(path: Path) -> Mapping:
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise KnowledgeError(f"{path}: cannot read actor knowledge: {error}") from error
    if not isinstance(data, Mapping):
        raise KnowledgeError(f"{path}: actor knowledge must be a YAML mapping of sections")
    return data


@cache
def load_knowledge(extra_files: tuple[Path, ...] = ()) -> ActorKnowledge:
    """The packaged knowledge, then each of ``extra_files`` on top; loaded once per process."""
    knowledge = ActorKnowledge()
    _pycountry_names(knowledge)
    folder = files("newsgraph.data").joinpath("actors")
    for name in KNOWLEDGE_FILES:
        resource = folder.joinpath(f"{name}.yaml")
        knowledge.add(yaml.safe_load(resource.read_text("utf-8")) or {}, f"data/actors/{name}.yaml")
    for path in extra_files:
        knowledge.add(read_knowledge_file(path), str(path))
    return knowledge
