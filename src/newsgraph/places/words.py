"""The word lists of ``data/places/`` (organisation heads, generic suffixes) and the demonyms of
``data/actors/countries.yaml``, the one demonym table the actors stage reads too."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

from .datafiles import data_text
from .names import name_key


@dataclass(frozen=True)
class PlaceWords:
    """Token texts as written (``org_heads``, ``suffixes``, ``city_suffixes``) or lower-cased
    (``name_heads``, ``modifiers``, ``locatives``); ``not_names`` and ``demonyms`` by name key."""

    org_heads: frozenset[str]
    name_heads: frozenset[str]
    suffixes: frozenset[str]
    city_suffixes: frozenset[str]
    modifiers: frozenset[str]
    locatives: frozenset[str]
    not_names: frozenset[str]
    demonyms: dict[str, str]  # name key -> ISO 3166-1 alpha-3

    def demonym_country(self, text: str) -> str | None:
        """The country of a demonym ("Mexican", "Mexicans"), or None."""
        key = name_key(text)
        found = self.demonyms.get(key)
        if found is None and key.endswith("s"):
            found = self.demonyms.get(key[:-1])
        return found


@cache
def load_words() -> PlaceWords:
    """The packaged word lists, read once per process."""
    words = yaml.safe_load(data_text("words.yaml"))
    countries = yaml.safe_load(
        files("newsgraph.data").joinpath("actors", "countries.yaml").read_text("utf-8")
    )["countries"]
    demonyms = {
        name_key(name): country
        for country, entry in countries.items()
        for name in entry.get("demonyms") or []
    }
    return PlaceWords(
        org_heads=frozenset(words["org_heads"]),
        name_heads=frozenset(word.lower() for word in words["name_heads"]),
        suffixes=frozenset(words["suffixes"]),
        city_suffixes=frozenset(words["city_suffixes"]),
        modifiers=frozenset(word.lower() for word in words["modifiers"]),
        locatives=frozenset(word.lower() for word in words["locatives"]),
        not_names=frozenset(name_key(name) for name in words["not_names"]),
        demonyms=demonyms,
    )
