"""Which of several places is the most precise: a city before its state before its country."""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Place

PRECISION = {"city": 0, "admin1": 1, "other": 2, "region": 3, "country": 4}


def most_precise(places: Iterable[Place]) -> Place | None:
    """The most precise of ``places`` (the first of equals), or None when there are none."""
    return min(places, key=lambda place: PRECISION[place.type], default=None)
