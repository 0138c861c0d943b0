"""The pages' GET forms read from a request's query string and checked: the CLI's filters for
events, a timeline's two actors and period, a page number. A value a page cannot use is a
:class:`BadRequest` whose message names the field and says what it takes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import get_args
from urllib.parse import urlencode

from ..records import Event, Source
from ..store.queries import EventFilter

PAGE_SIZE = 50
"""Rows on one page of a listing."""
MAX_PAGE = 100
"""The last page a listing reaches: the query functions take a limit, not an offset, so page
``n`` reads ``n`` pages of rows."""
MAX_TEXT = 200
"""The longest text a filter field takes."""

MODALITIES: tuple[str, ...] = get_args(Event.model_fields["modality"].annotation)
SOURCE_TYPES: tuple[str, ...] = get_args(Source.model_fields["type"].annotation)
PERIODS = ("month", "week")
EVENT_VIEWS = ("events", "reports")
EVENT_FILTERS = ("actor", "recipient", "type", "modality", "since", "until", "place", "source_type")

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_CODE = re.compile(r"^[A-Z]{3}$")


class BadRequest(ValueError):
    """A query-string value a page cannot use; the message names the field and what it takes."""


@cache
def event_types() -> tuple[str, ...]:
    """The PLOVER event types, as the event coder knows them."""
    from ..events.lexicon import load_lexicon

    return tuple(load_lexicon().types)


def text_field(params: Mapping[str, str], name: str) -> str | None:
    """The field's text with its edges trimmed; None when it is missing or blank."""
    value = (params.get(name) or "").strip()
    if len(value) > MAX_TEXT:
        raise BadRequest(f"{name} is {len(value)} characters long; give at most {MAX_TEXT}")
    return value or None


def choice_field(
    params: Mapping[str, str], name: str, choices: tuple[str, ...], upper: bool = False
) -> str | None:
    """The field's value if it is one of ``choices`` (compared in upper case with ``upper``)."""
    value = text_field(params, name)
    if value is None:
        return None
    if (value.upper() if upper else value) not in choices:
        raise BadRequest(f"{name} {value!r} is not one of: {', '.join(choices)}")
    return value.upper() if upper else value


def code_field(params: Mapping[str, str], name: str) -> str | None:
    """A three-letter code in upper case: a country (ISO 3166-1 alpha-3, or IGO) or a PLOVER
    sector (GOV, MIL …)."""
    value = text_field(params, name)
    if value is None:
        return None
    if not _CODE.match(value.upper()):
        raise BadRequest(f"{name} {value!r} is not a three-letter code (USA, IGO, GOV …)")
    return value.upper()


def _first_day(value: str) -> date:
    year, month, day = _ISO_DATE.match(value).groups()
    return date(int(year), int(month or 1), int(day or 1))


def _last_day(value: str) -> date:
    """The last day of an ISO date of any precision ("2026" ends on 2026-12-31)."""
    year, month, day = _ISO_DATE.match(value).groups()
    if day:
        return date(int(year), int(month), int(day))
    if month:
        following = date(int(year) + int(month) // 12, int(month) % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return date(int(year), 12, 31)


def date_field(params: Mapping[str, str], name: str) -> str | None:
    """An ISO date of any precision (2025, 2025-06, 2025-06-01) that exists on the calendar."""
    value = text_field(params, name)
    if value is None:
        return None
    if not _ISO_DATE.match(value):
        raise BadRequest(f"{name} {value!r} is not an ISO date: give 2025, 2025-06 or 2025-06-01")
    try:
        _first_day(value)
    except ValueError as error:
        raise BadRequest(f"{name} {value!r} is not a date on the calendar ({error})") from error
    return value


def date_range(params: Mapping[str, str]) -> tuple[str | None, str | None]:
    """``since`` and ``until``, both included; ``since`` may not come after ``until``."""
    since, until = date_field(params, "since"), date_field(params, "until")
    if since and until and _first_day(since) > _last_day(until):
        raise BadRequest(f"since {since} is after until {until}: swap them")
    return since, until


def page_number(params: Mapping[str, str]) -> int:
    """The 1-based page of a listing."""
    value = text_field(params, "page")
    if value is None:
        return 1
    if not value.isdigit() or not 1 <= int(value) <= MAX_PAGE:
        raise BadRequest(f"page {value!r} is not a page number from 1 to {MAX_PAGE}")
    return int(value)


def page_link(params: Mapping[str, str], page: int) -> str:
    """The query string of the same form on another page (empty fields left out)."""
    kept = {name: value for name, value in params.items() if value and name != "page"}
    return "?" + urlencode({**kept, "page": page})


@dataclass(frozen=True)
class Paging:
    """Which page of a listing is shown and whether there are pages after it."""

    page: int
    has_next: bool
    size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


def page_of(rows: list, page: int, size: int = PAGE_SIZE) -> tuple[list, Paging]:
    """Page ``page`` of ``rows``, which were read with :func:`rows_needed` as their limit."""
    start = (page - 1) * size
    return rows[start : start + size], Paging(page, len(rows) > start + size, size)


def rows_needed(page: int, size: int = PAGE_SIZE) -> int:
    """The limit that reads every row up to page ``page`` and one more (to know whether a next
    page exists)."""
    return page * size + 1


@dataclass(frozen=True)
class EventsForm:
    """The events page's filters, the CLI's ``events`` options: ``view`` is ``events`` (one
    row per real-world event) or ``reports`` (every article's report)."""

    actor: str | None = None
    recipient: str | None = None
    type: str | None = None
    modality: str | None = None
    since: str | None = None
    until: str | None = None
    place: str | None = None
    source_type: str | None = None
    view: str = "events"
    page: int = 1

    @classmethod
    def read(cls, params: Mapping[str, str]) -> EventsForm:
        since, until = date_range(params)
        return cls(
            actor=text_field(params, "actor"),
            recipient=text_field(params, "recipient"),
            type=choice_field(params, "type", event_types(), upper=True),
            modality=choice_field(params, "modality", MODALITIES),
            since=since,
            until=until,
            place=text_field(params, "place"),
            source_type=choice_field(params, "source_type", SOURCE_TYPES),
            view=choice_field(params, "view", EVENT_VIEWS) or "events",
            page=page_number(params),
        )

    def filters(self) -> dict[str, str | None]:
        """The filters by name, as the CLI and the API name them."""
        return {name: getattr(self, name) for name in EVENT_FILTERS}

    def event_filter(self) -> EventFilter:
        """The store's filter reading every row up to this page."""
        return EventFilter(**self.filters(), limit=rows_needed(self.page))


@dataclass(frozen=True)
class TimelineForm:
    """Two actors (country code, code with sector, or name), the period length and the dates;
    ``a`` and ``b`` are None until both are given."""

    a: str | None
    b: str | None
    by: str
    since: str | None
    until: str | None

    @classmethod
    def read(cls, params: Mapping[str, str]) -> TimelineForm:
        since, until = date_range(params)
        a, b = text_field(params, "a"), text_field(params, "b")
        if bool(a) != bool(b):
            raise BadRequest("give both actors, a and b (e.g. a=USA&b=MEX), or neither")
        return cls(a, b, choice_field(params, "by", PERIODS) or "month", since, until)
