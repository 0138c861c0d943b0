"""Place records from resolved groups: one record per real place, ids in order of first mention."""

from __future__ import annotations

from newsgraph.records import Place

from .disambiguate import Group
from .gazetteer import Gazetteer


def build_places(groups: list[Group], gazetteer: Gazetteer) -> list[Place]:
    """Merge groups that chose the same place ("U.S." and "United States"); unresolved names
    become places of type ``other`` without a point, one per name."""
    merged: dict[object, list[Group]] = {}
    for group in groups:
        if not group.mentions:
            continue
        identity = group.choice if group.choice is not None else ("name", group.key)
        merged.setdefault(identity, []).append(group)
    records = []
    for identity, members in merged.items():
        spans = sorted({(m.start, m.end) for group in members for m in group.mentions})
        records.append((spans, identity, members))
    records.sort(key=lambda record: record[0][0])
    places = []
    for number, (spans, identity, members) in enumerate(records, start=1):
        if isinstance(identity, int):
            entry = gazetteer.entry(identity)
            places.append(
                Place(
                    id=f"p{number}",
                    name=entry.name,
                    type=entry.type,
                    country=entry.country,
                    iso3166_2=entry.code,
                    lat=entry.lat,
                    lon=entry.lon,
                    mentions=spans,
                )
            )
        else:
            places.append(
                Place(
                    id=f"p{number}", name=members[0].mentions[0].text, type="other", mentions=spans
                )
            )
    return places
