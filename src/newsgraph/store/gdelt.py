"""The stored events in the layout of the GDELT 2.0 event table: 61 tab-separated columns, no
header line, one row per event report (GDELT 2.0 Event Codebook, "Data fields").

How each column is filled:

- ``GlobalEventID``: a stable integer, the first 60 bits of the SHA-256 of ``article id/event
  id``, so a re-export gives the same ids. ``Day``, ``MonthYear``, ``Year``: the event's date, else
  the article's publication date; a partial date is filed under its first day.
  ``FractionDate``: GDELT's own formula, year + ((month - 1) * 30 + day) / 365 to four places
  (it gives the published values 1979.0027 for 1979-01-01 and 2021.2274 for 2021-03-23).
- Actors: Actor1 is the event's first actor, Actor2 its first recipient (or, for the types
  PLOVER codes with all participants as actors, such as CONSULT, its second actor). Codes are
  CAMEO-style, country then type ("MEXGOV", "USAMIL"); countries stay ISO 3166-1 alpha-3, which
  CAMEO's country codes follow; types come from the PLOVER sector (``interchange.yaml``). Names
  are upper-cased as GDELT writes them. Known-group, ethnic and religion codes are blank.
- ``IsRootEvent``: 1 when the event's sentence starts in the article's lead paragraph.
- ``EventCode``: the CAMEO code of the PLOVER type, refined by mode (``interchange.yaml``);
  ``EventBaseCode`` its first three digits, ``EventRootCode`` its first two, ``QuadClass`` from
  the root. ``GoldsteinScale``: the event's PLOVER score (else its type's), which the PLOVER
  manual derives as the frequency-weighted mean of the Goldstein values of the type's CAMEO
  codes, so it is already on Goldstein's -10..+10 scale (clamped to it all the same).
- ``NumMentions``, ``NumSources``, ``NumArticles``: :func:`.reports.coverage`. ``AvgTone``: blank
  (newsgraph measures no tone).
- Geography (:mod:`.gdelt_geo`): ``ActionGeo_*`` from the event's place; ``Actor1Geo_*`` and
  ``Actor2Geo_*`` are empty (type 0), as newsgraph does not place actors.
- ``DATEADDED``: when the article was stored (UTC, YYYYMMDDHHMMSS). ``SOURCEURL``: the article's
  URL, else its input path.

Read it back with the names and types of :data:`GDELT_SCHEMA`, quoting off (GDELT does not quote):
``duckdb.read_csv(path, delimiter="\\t", header=False, quotechar="", columns=dict(GDELT_SCHEMA))``.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from newsgraph.events.lexicon import EventType
from newsgraph.records import Actor, Event
from newsgraph.store.export import Exported, write_lines
from newsgraph.store.gdelt_geo import Geo, place_geo
from newsgraph.store.interchange import Interchange, load_interchange
from newsgraph.store.reports import (
    EXPORTED_MODALITIES,
    EventDate,
    EventReport,
    coverage,
    event_reports,
)


def _actor_columns(prefix: str) -> list[tuple[str, str]]:
    names = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode"]
    names += ["Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
    return [(prefix + name, "VARCHAR") for name in names]


def _geo_columns(prefix: str) -> list[tuple[str, str]]:
    return [
        (f"{prefix}_Type", "INTEGER"),
        (f"{prefix}_Fullname", "VARCHAR"),
        (f"{prefix}_CountryCode", "VARCHAR"),
        (f"{prefix}_ADM1Code", "VARCHAR"),
        (f"{prefix}_ADM2Code", "VARCHAR"),
        (f"{prefix}_Lat", "DOUBLE"),
        (f"{prefix}_Long", "DOUBLE"),
        (f"{prefix}_FeatureID", "VARCHAR"),
    ]


GDELT_SCHEMA: tuple[tuple[str, str], ...] = (
    ("GlobalEventID", "BIGINT"),
    ("Day", "INTEGER"),
    ("MonthYear", "INTEGER"),
    ("Year", "INTEGER"),
    ("FractionDate", "DOUBLE"),
    *_actor_columns("Actor1"),
    *_actor_columns("Actor2"),
    ("IsRootEvent", "INTEGER"),
    ("EventCode", "VARCHAR"),
    ("EventBaseCode", "VARCHAR"),
    ("EventRootCode", "VARCHAR"),
    ("QuadClass", "INTEGER"),
    ("GoldsteinScale", "DOUBLE"),
    ("NumMentions", "INTEGER"),
    ("NumSources", "INTEGER"),
    ("NumArticles", "INTEGER"),
    ("AvgTone", "DOUBLE"),
    *_geo_columns("Actor1Geo"),
    *_geo_columns("Actor2Geo"),
    *_geo_columns("ActionGeo"),
    ("DATEADDED", "BIGINT"),
    ("SOURCEURL", "VARCHAR"),
)
"""The 61 columns of the GDELT 2.0 event table in the codebook's order, with the SQL type to read
each as (codes stay text: "030" is not 30)."""

GDELT_COLUMNS: tuple[str, ...] = tuple(name for name, _ in GDELT_SCHEMA)


def global_event_id(report: EventReport) -> int:
    digest = hashlib.sha256(f"{report.article.id}/{report.event.id}".encode()).hexdigest()
    return int(digest[:15], 16)


def date_columns(when: EventDate | None) -> tuple:
    if when is None:
        return (None, None, None, None)
    day = when.day
    fraction = day.year + ((day.month - 1) * 30 + day.day) / 365
    return (day.strftime("%Y%m%d"), day.strftime("%Y%m"), day.year, f"{fraction:.4f}")


def _actor_fields(actor: Actor | None, tables: Interchange) -> tuple:
    if actor is None:
        return ("",) * 10
    country = actor.country or ""
    types = []
    if country in tables.non_state_actors:
        types.append(tables.non_state_actors[country])
        country = ""
    sector = actor.sector or ""
    sector_type = tables.actor_types.get(sector) or tables.non_state_actors.get(sector)
    if sector_type and sector_type not in types:
        types.append(sector_type)
    code = country + "".join(types)
    return (code, actor.name.upper(), country, "", "", "", "", *(types + ["", "", ""])[:3])


def _dyad(report: EventReport, kind: EventType | None) -> tuple[Actor | None, Actor | None]:
    actor1 = report.actors[0] if report.actors else None
    if report.recipients:
        return actor1, report.recipients[0]
    if kind is not None and kind.symmetric and len(report.actors) > 1:
        return actor1, report.actors[1]
    return actor1, None


def cameo_code(event: Event, tables: Interchange) -> str | None:
    """The CAMEO event code of ``event``. The record's own root wins if the table disagrees."""
    code = tables.event_code(event.type, event.mode, event.context)
    if event.cameo and not (code or "").startswith(event.cameo):
        return event.cameo + "0"
    return code


def goldstein(event: Event, kind: EventType | None) -> float | None:
    score = event.score if event.score is not None else (kind.score if kind else None)
    return None if score is None else round(max(-10.0, min(10.0, score)), 1)


def gdelt_row(report: EventReport, tables: Interchange) -> tuple:
    """The 61 values of one row, in the order of :data:`GDELT_SCHEMA`."""
    event = report.event
    kind = tables.types.get(event.type)
    code = cameo_code(event, tables) or ""
    actor1, actor2 = _dyad(report, kind)
    counts = coverage(report)
    added = "".join(ch for ch in report.article.ingested_at if ch.isdigit())[:14]
    return (
        global_event_id(report),
        *date_columns(report.date),
        *_actor_fields(actor1, tables),
        *_actor_fields(actor2, tables),
        int(report.in_lead),
        code,
        code[:3],
        code[:2],
        tables.quad_class(code[:2]) if code else None,
        goldstein(event, kind),
        counts.mentions,
        counts.sources,
        counts.articles,
        None,
        *Geo().fields(),
        *Geo().fields(),
        *place_geo(report.place).fields(),
        added,
        report.article.address,
    )


# A tab or line break inside a name or URL would shift every later column.
_SEPARATORS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _cell(value: object) -> str:
    if value is None:
        return ""
    return value.translate(_SEPARATORS) if isinstance(value, str) else str(value)


def export_gdelt(
    conn: sqlite3.Connection, path: Path, modalities: frozenset[str] = EXPORTED_MODALITIES
) -> Exported:
    """The stored events whose modality is in ``modalities`` as a GDELT 2.0 event file."""
    tables = load_interchange()
    rows = event_reports(conn, modalities)
    return write_lines(path, ("\t".join(map(_cell, gdelt_row(row, tables))) for row in rows))
