"""Great-circle distances and a nearest-city lookup (reverse geocoding) over the gazetteer."""

from __future__ import annotations

import math
from collections import defaultdict

from .gazetteer import KINDS, Gazetteer

EARTH_RADIUS_KM = 6371.0088
CELL_DEGREES = 1.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Haversine distance between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class NearestPlace:
    """Rows of the gazetteer on a one-degree grid, for "which place is nearest this point"."""

    def __init__(self, gazetteer: Gazetteer, rows: list[int]) -> None:
        self.gazetteer = gazetteer
        self.cells: dict[tuple[int, int], list[int]] = defaultdict(list)
        for row in rows:
            lat, lon = gazetteer.lat[row], gazetteer.lon[row]
            if lat == lat:
                self.cells[_cell(lat, lon)].append(row)

    @classmethod
    def of_cities(cls, gazetteer: Gazetteer) -> NearestPlace:
        city = KINDS.index("city")
        return cls(gazetteer, [row for row, kind in enumerate(gazetteer.kind) if kind == city])

    def find(self, lat: float, lon: float, max_km: float) -> int | None:
        """The row nearest (lat, lon) within ``max_km``, or None."""
        reach = int(max_km / 111.0 / max(math.cos(math.radians(min(abs(lat), 89.0))), 0.02)) + 1
        lat_reach = int(max_km / 111.0) + 1
        row_lat, row_lon = _cell(lat, lon)
        best, best_km = None, max_km
        for dlat in range(-lat_reach, lat_reach + 1):
            for dlon in range(-reach, reach + 1):
                cell = (row_lat + dlat, (row_lon + dlon + 180) % 360 - 180)
                for row in self.cells.get(cell, ()):
                    km = distance_km(lat, lon, self.gazetteer.lat[row], self.gazetteer.lon[row])
                    if km <= best_km:
                        best, best_km = row, km
        return best


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / CELL_DEGREES), math.floor(lon / CELL_DEGREES)
