"""The stored events as PLOVER JSON records, one per line, with the field names of the PLOVER
manual's "Data Fields" chapter (openeventdata/PLOVER, PLOVER_MANUAL.tex, newest stored draft).

Fields filled: ``id`` (``article id-event id``), ``date`` (YYYY-MM-DD: the event's date, else the
article's; a partial date is filed under its first day), ``source`` and ``recipient`` (actor
objects: ``code``, ``sector``, ``actor_text``, ``office``), ``event``, ``mode`` and ``context``
(lists; the event's modality other than asserted is added to ``context`` as PLOVER's special
context: historical, future, hypothetical, negation), ``event_loc`` (the location object's
GeoNames names: ``name``, ``latitude``, ``longitude``, ``country code`` (ISO alpha-2), ``cc3``,
plus ``iso3166_2``; PLOVER's ``admin1 code`` is a FIPS code, which newsgraph does not have),
``event_text`` (the trigger word), ``quad_code``, ``event_scale`` (the PLOVER score), ``text``
(the evidence sentence) with ``text_info`` (its offsets in the article), ``cite_info``,
``coder``, ``coded_date`` and ``coded_time`` (when the article was stored).

What PLOVER has no field for is in the ``newsgraph`` object: the article and event ids, the
modality, the CAMEO root, where the date came from, the claim's source (who says so: PLOVER's
``source`` is the acting actor), the evidence and trigger offsets, the actor and place ids.
The manual asks that ``text`` be filled only by those with rights to the text: newsgraph writes
the sentence, and a user sharing the file decides.
"""

from __future__ import annotations

import json
import sqlite3
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import pycountry

from newsgraph.records import SCHEMA_NAME, Actor, Place
from newsgraph.store.export import Exported, write_lines
from newsgraph.store.interchange import Interchange, load_interchange
from newsgraph.store.reports import EXPORTED_MODALITIES, EventReport, event_reports


@cache
def coder() -> str:
    try:
        return f"newsgraph {version('newsgraph')}"
    except PackageNotFoundError:
        return "newsgraph"


def _actor(actor: Actor) -> dict:
    return {
        "code": actor.country,
        "sector": actor.sector,
        "actor_text": actor.name,
        "office": actor.role,
    }


def _location(place: Place) -> dict:
    country = pycountry.countries.get(alpha_3=place.country) if place.country else None
    return {
        "name": place.name,
        "latitude": place.lat,
        "longitude": place.lon,
        "country code": country.alpha_2 if country else None,
        "cc3": place.country,
        "iso3166_2": place.iso3166_2,
    }


def _extension(report: EventReport) -> dict:
    event, when, place = report.event, report.date, report.place
    return {
        "article_id": report.article.id,
        "event_id": event.id,
        "modality": event.modality,
        "cameo": event.cameo,
        "date": None if when is None else {"reported": when.reported, "from": when.origin},
        "claim_source": report.claim_source.model_dump() if report.claim_source else None,
        "evidence": {
            "start": event.evidence.start,
            "end": event.evidence.end,
            "trigger": event.evidence.trigger,
        },
        "actor_ids": event.actor,
        "recipient_ids": event.recipient,
        "place": None if place is None else {"id": place.id, "type": place.type},
        "input_path": report.article.path,
    }


def plover_record(report: EventReport, tables: Interchange) -> dict:
    """The PLOVER JSON object of one event report."""
    event, article = report.event, report.article
    kind = tables.types.get(event.type)
    special = tables.special_contexts.get(event.modality)
    coded_date, _, coded_time = article.ingested_at.partition("T")
    return {
        "id": f"{article.id}-{event.id}",
        "date": report.date.day.isoformat() if report.date else None,
        "source": [_actor(actor) for actor in report.actors],
        "recipient": [_actor(actor) for actor in report.recipients],
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "context": [*event.context, *([special] if special else [])],
        "event_loc": _location(report.place) if report.place else None,
        "event_text": [report.trigger_text] if report.trigger_text else [],
        "quad_code": tables.plover_quad_codes.get(kind.quad) if kind else None,
        "event_scale": event.score,
        "text": event.evidence.text,
        "text_info": {"start": event.evidence.start, "end": event.evidence.end},
        "cite_info": {
            "citation": article.id,
            "url": article.url,
            "title": article.title,
            "language": article.language,
            "publication": article.site,
            "coder": coder(),
            "codebook": tables.plover_codebook,
            "version": SCHEMA_NAME,
        },
        "coder": coder(),
        "coded_date": coded_date,
        "coded_time": coded_time,
        "newsgraph": _extension(report),
    }


def export_plover(
    conn: sqlite3.Connection, path: Path, modalities: frozenset[str] = EXPORTED_MODALITIES
) -> Exported:
    """The stored events whose modality is in ``modalities`` as PLOVER JSON Lines."""
    tables = load_interchange()
    records = (plover_record(report, tables) for report in event_reports(conn, modalities))
    return write_lines(path, (json.dumps(record, ensure_ascii=False) for record in records))
