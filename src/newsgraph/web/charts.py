"""The charts of the pages as Vega-Lite and Vega specifications, data included: a timeline's
events by period and type (stacked bars) and its cooperation-conflict index (a line), the
network of actor pairs (Vega's force layout), and the map (country outlines shaded by events,
places as points). ``static/js/charts.js`` draws them with the vendored Vega."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from ..store.catalog import ActorPair
from ..store.relations import TimelineRow

COOPERATION = "#2e7d32"
CONFLICT = "#c62828"
NEUTRAL = "#757575"


@dataclass(frozen=True)
class Chart:
    """A specification for ``vega`` or ``vega-lite`` (``mode``), with the text that says what
    it shows to those who cannot see it; with an ``aspect``, the chart is drawn that many
    times as high as it is wide, at the width of the page (a map or a network keeps its shape
    from phone to laptop)."""

    mode: str
    spec: dict[str, Any]
    description: str
    aspect: float | None = None


LEGEND_BELOW = {"legend": {"orient": "bottom", "direction": "horizontal"}}
"""The Vega-Lite configuration that puts legends under a chart, so a narrow screen keeps its
width for the chart."""


@dataclass(frozen=True)
class TypeCount:
    period: str
    type: str
    events: int


def type_counts(row: TimelineRow) -> list[TypeCount]:
    """The events of each type in a timeline row (its ``types`` reads "REJECT 2, THREATEN 1")."""
    counts = []
    for part in row.types.split(", ") if row.types else []:
        name, _, number = part.rpartition(" ")
        counts.append(TypeCount(row.period, name, int(number)))
    return counts


# Shades for the event types of each PLOVER quad class, lightest for its mildest type: blues
# and greens for cooperation, oranges and reds for conflict.
_QUAD_SHADES = {
    "verbal_cooperation": ("#9ecae1", "#6baed6", "#4292c6", "#2171b5", "#08519c"),
    "material_cooperation": ("#a1d99b", "#74c476", "#41ab5d", "#238b45", "#006d2c"),
    "verbal_conflict": ("#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"),
    "material_conflict": ("#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#99000d"),
}


def type_colours(names: set[str]) -> tuple[list[str], list[str]]:
    """The event types ``names``, most cooperative first, and a colour for each: its quad
    class's shade, darker the stronger its PLOVER score."""
    from ..events.lexicon import load_lexicon

    types = load_lexicon().types
    known = sorted(
        (name for name in names if name in types), key=lambda name: -(types[name].score or 0.0)
    )
    colours = []
    for name in known:
        quad = types[name].quad
        milder = sorted(
            (other for other in types.values() if other.quad == quad),
            key=lambda other: abs(other.score or 0.0),
        )
        shades = _QUAD_SHADES[quad]
        colours.append(shades[min([other.name for other in milder].index(name), len(shades) - 1)])
    unknown = sorted(names - set(known))
    return known + unknown, colours + [NEUTRAL] * len(unknown)


def _period_axis(periods: list[str]) -> dict[str, Any]:
    return {
        "field": "period",
        "type": "ordinal",
        "scale": {"domain": periods},
        "title": None,
        "axis": {"labelAngle": -60, "labelOverlap": True},
    }


def timeline_charts(rows: list[TimelineRow], a: str, b: str) -> tuple[Chart, Chart]:
    """The events between ``a`` and ``b`` by period, stacked by type, and the index by period."""
    periods = [row.period for row in rows]
    counts = [count for row in rows for count in type_counts(row)]
    domain, colours = type_colours({count.type for count in counts})
    bars = [asdict(count) | {"rank": domain.index(count.type)} for count in counts]
    events = Chart(
        "vega-lite",
        {
            "width": "container",
            "height": 240,
            "config": LEGEND_BELOW,
            "data": {"values": bars},
            "mark": {"type": "bar", "tooltip": True},
            "encoding": {
                "x": _period_axis(periods),
                "y": {
                    "aggregate": "sum",
                    "field": "events",
                    "type": "quantitative",
                    "title": "events",
                },
                "color": {
                    "field": "type",
                    "type": "nominal",
                    "title": "PLOVER type",
                    "scale": {"domain": domain, "range": colours},
                },
                "order": {"field": "rank", "type": "quantitative"},
            },
        },
        f"Events between {a} and {b} by period, stacked by PLOVER type",
    )
    index = Chart(
        "vega-lite",
        {
            "width": "container",
            "height": 160,
            "data": {"values": [{"period": row.period, "index": row.score} for row in rows]},
            "layer": [
                {"mark": {"type": "rule", "color": NEUTRAL}, "encoding": {"y": {"datum": 0}}},
                {
                    "mark": {"type": "line", "point": True, "tooltip": True},
                    "encoding": {
                        "x": _period_axis(periods),
                        "y": {
                            "field": "index",
                            "type": "quantitative",
                            "title": "cooperation − conflict",
                        },
                    },
                },
            ],
        },
        f"Cooperation-conflict index between {a} and {b} by period (sum of PLOVER scores)",
    )
    return events, index


def network_chart(pairs: list[ActorPair], names: dict[str, str]) -> Chart:
    """The countries of ``pairs`` as nodes sized by their events, pulled together by the events
    between them (Vega's force transform); a link's colour is its net tone, cooperation plus
    conflict. ``names`` gives a country's name for its code, in the tooltips."""
    codes = sorted({code for pair in pairs for code in (pair.first, pair.second)})
    position = {code: number for number, code in enumerate(codes)}
    totals = dict.fromkeys(codes, 0)
    for pair in pairs:
        totals[pair.first] += pair.events
        totals[pair.second] += pair.events
    nodes = [
        {
            "index": position[code],
            "code": code,
            "name": names.get(code, code),
            "events": totals[code],
            "href": f"/actors?country={code}",
        }
        for code in codes
    ]
    edges = [
        {
            "source": position[pair.first],
            "target": position[pair.second],
            "events": pair.events,
            "tone": _tone(pair.cooperation + pair.conflict),
        }
        for pair in pairs
    ]
    spec = {
        "width": 640,
        "height": 480,
        "autosize": "none",
        "signals": [
            {"name": "cx", "update": "width / 2"},
            {"name": "cy", "update": "height / 2"},
        ],
        "data": [
            {
                "name": "node-data",
                "values": nodes,
                # The middle of the drawing, as fields: the x and y forces pull towards a field.
                "transform": [
                    {"type": "formula", "as": "cx", "expr": "width / 2"},
                    {"type": "formula", "as": "cy", "expr": "height / 2"},
                ],
            },
            {"name": "link-data", "values": edges},
        ],
        "scales": [
            {
                "name": "size",
                "type": "sqrt",
                "domain": {"data": "node-data", "field": "events"},
                "range": [60, 900],
            },
            {
                "name": "thickness",
                "type": "sqrt",
                "domain": {"data": "link-data", "field": "events"},
                "range": [1, 8],
            },
            {
                "name": "tone",
                "type": "ordinal",
                "domain": ["cooperation", "conflict", "none"],
                "range": [COOPERATION, CONFLICT, NEUTRAL],
            },
        ],
        "legends": [{"stroke": "tone", "title": "net tone", "orient": "top-left"}],
        "marks": [
            {
                "name": "nodes",
                "type": "symbol",
                "zindex": 1,
                "from": {"data": "node-data"},
                "encode": {
                    "enter": {
                        "fill": {"value": "#1565c0"},
                        "stroke": {"value": "#ffffff"},
                        "size": {"scale": "size", "field": "events"},
                        "href": {"field": "href"},
                        "cursor": {"value": "pointer"},
                        "tooltip": {
                            "signal": "datum.name + ' (' + datum.code + '): ' + datum.events + ' events'"
                        },
                    }
                },
                "transform": [
                    {
                        "type": "force",
                        "iterations": 300,
                        "static": True,
                        "forces": [
                            {"force": "center", "x": {"signal": "cx"}, "y": {"signal": "cy"}},
                            {"force": "collide", "radius": 16},
                            {"force": "nbody", "strength": -60},
                            {"force": "link", "links": "link-data", "distance": 70},
                            # Pull every node towards the middle: loosely linked ones too.
                            {"force": "x", "x": "datum.cx", "strength": 0.12},
                            {"force": "y", "y": "datum.cy", "strength": 0.12},
                        ],
                    }
                ],
            },
            {
                "type": "path",
                "from": {"data": "link-data"},
                "interactive": False,
                "encode": {
                    "update": {
                        "stroke": {"scale": "tone", "field": "tone"},
                        "strokeOpacity": {"value": 0.6},
                        "strokeWidth": {"scale": "thickness", "field": "events"},
                    }
                },
                "transform": [
                    {
                        "type": "linkpath",
                        "shape": "line",
                        "sourceX": "datum.source.x",
                        "sourceY": "datum.source.y",
                        "targetX": "datum.target.x",
                        "targetY": "datum.target.y",
                    }
                ],
            },
            {
                "type": "text",
                "from": {"data": "nodes"},
                "interactive": False,
                "zindex": 2,
                "encode": {
                    "update": {
                        "x": {"field": "x"},
                        "y": {"field": "y", "offset": -12},
                        "text": {"field": "datum.code"},
                        "align": {"value": "center"},
                        "fontSize": {"value": 11},
                        "fill": {"value": "#222222"},
                    }
                },
            },
        ],
    }
    return Chart(
        "vega",
        spec,
        f"Network of {len(codes)} countries linked by the events between them",
        aspect=0.75,
    )


def _tone(index: float) -> str:
    return "cooperation" if index > 0 else "conflict" if index < 0 else "none"


@dataclass(frozen=True)
class MapPoint:
    """A place with coordinates and its events, as the map draws it."""

    name: str
    country: str | None
    lat: float
    lon: float
    events: int


def map_chart(outlines_url: str, countries: dict[str, int], points: list[MapPoint]) -> Chart:
    """Country outlines (TopoJSON at ``outlines_url``, ids ISO alpha-3) shaded by their events
    (``countries``), with the places of ``points`` as circles sized by their events."""
    spec = {
        "width": "container",
        "height": 420,
        "config": LEGEND_BELOW,
        "projection": {"type": "equalEarth"},
        "layer": [
            {
                "data": {
                    "url": outlines_url,
                    "format": {"type": "topojson", "feature": "countries"},
                },
                "transform": [
                    {
                        "lookup": "id",
                        "from": {
                            "data": {
                                "values": [
                                    {"country": code, "events": events}
                                    for code, events in sorted(countries.items())
                                ]
                            },
                            "key": "country",
                            "fields": ["events"],
                        },
                    },
                    # Countries without events: 0, not a missing value Vega-Lite leaves out.
                    {"calculate": "isValid(datum.events) ? datum.events : 0", "as": "events"},
                ],
                "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.5},
                "encoding": {
                    "color": {
                        "condition": {"test": "datum.events === 0", "value": "#e6e6e6"},
                        "field": "events",
                        "type": "quantitative",
                        "scale": {"scheme": "oranges", "type": "sqrt"},
                        "title": "events",
                    },
                    "tooltip": [
                        {"field": "properties.name", "type": "nominal", "title": "country"},
                        {"field": "events", "type": "quantitative"},
                    ],
                },
            },
            {
                "data": {"values": [asdict(point) for point in points]},
                # Its own field name: a legend of "events" would merge with the countries'.
                "transform": [{"calculate": "datum.events", "as": "place_events"}],
                "mark": {"type": "circle", "stroke": "#1f1f1f", "strokeWidth": 0.5},
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "size": {
                        "field": "place_events",
                        "type": "quantitative",
                        "title": "events at a place",
                        "scale": {"range": [12, 400]},
                    },
                    "color": {"value": "#1565c0"},
                    "tooltip": [
                        {"field": "name", "type": "nominal", "title": "place"},
                        {"field": "country", "type": "nominal"},
                        {"field": "events", "type": "quantitative"},
                    ],
                },
            },
        ],
    }
    return Chart(
        "vega-lite",
        spec,
        f"World map: {len(countries)} countries shaded by their events, "
        f"{len(points)} places with coordinates as circles",
        aspect=0.5,
    )
