"""Country outlines for the map: world-atlas's ``countries-110m.json`` (Natural Earth at 1:110m,
shipped in ``newsgraph/data/geo``) with each country's id turned from ISO 3166-1 numeric into
the alpha-3 code the store uses."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import pycountry

OUTLINES_FILE = "countries-110m.json"

# world-atlas gives these no numeric id (they have none in ISO 3166-1); the store codes
# Kosovo XKX (data/actors/countries.yaml) and has no code for the other two.
_UNNUMBERED = {"Kosovo": "XKX"}


def alpha3_of(numeric: str | None, name: str) -> str | None:
    """The ISO 3166-1 alpha-3 code of a world-atlas country: by its numeric id, or by its name
    for those without one."""
    if numeric:
        country = pycountry.countries.get(numeric=numeric)
        if country is not None:
            return country.alpha_3
    return _UNNUMBERED.get(name)


@cache
def country_outlines() -> dict[str, Any]:
    """The TopoJSON of the world's countries, ids as alpha-3 codes (None for a country with no
    code), read once per process."""
    topology = json.loads(files("newsgraph.data").joinpath("geo", OUTLINES_FILE).read_text("utf-8"))
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        geometry["id"] = alpha3_of(geometry.get("id"), name)
    return topology


@cache
def country_names() -> dict[str, str]:
    """Each alpha-3 code of the outlines with its country's name as the outlines give it."""
    return {
        geometry["id"]: geometry["properties"]["name"]
        for geometry in country_outlines()["objects"]["countries"]["geometries"]
        if geometry["id"]
    }
