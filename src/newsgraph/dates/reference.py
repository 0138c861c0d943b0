"""The reference date of an article: the day its relative dates ("on Wednesday") count from.

Rule, in order:

1. ``published`` (the page's or record's date), when it is a complete day.
2. A dateline: one of the first two lines is nothing but a date ("Friday, January 4, 2019"), or
   opens with a wire dateline ("WASHINGTON, Jan. 15 (Reuters) -", "January 15, 2026 —"). A
   dateline without its year takes the year of a partial ``published``; alone it gives nothing.
3. A report date in the text: a complete written date (with its year) that follows "on" in a
   sentence where the media report ("reported by U.S. media outlets on January 15, 2026",
   "officials told reporters on …"), or opens a sentence of the first three lines as
   "On <weekday>, <date>," with the weekday agreeing with the date. It must also be the text's
   "now": no complete date of the text lies more than a day after it and no year written in the
   text is later. Several such dates must lie within a week of each other (one news cycle) and
   the latest is taken; otherwise the text is ambiguous.
4. A partial ``published`` ("2026-01"), unless step 2 or 3 found a day inside it.

Other dates written in a text are not taken, and rule 3 is this narrow because looser rules were
measured wrong (``newsgraph.eval.dates``): in Wikinews bodies (datelines removed) the complete
dates are almost all historical or coming ("born on June 23, 1941", "the deadline of October 31,
2019"), so the latest written date is within a day of the article's date for 1 of 15 articles;
on White House releases, "announced/issued/declared on <date>" without the media and "now"
conditions named older documents' dates for most of the 61 texts it matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from typing import Literal

from ..clean.dates import date_line, find_date, iso_date
from .calendar import day_in
from .words import MONTH, MONTHS, WEEKDAY, WEEKDAYS

Origin = Literal["published", "dateline", "text"]

_ORDINAL = r"(?:st|nd|rd|th)?"
FULL_DATE = re.compile(
    rf"\b(?:(?P<weekday>{WEEKDAY}),?\s+)?(?:{MONTH}\s+\d{{1,2}}{_ORDINAL},?\s+[12]\d{{3}}"
    rf"|\d{{1,2}}{_ORDINAL}\s+{MONTH}\s+[12]\d{{3}})\b",
    re.IGNORECASE,
)
_PLACE = r"[A-Z][\w.'’-]*(?:[ -][A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})?"
_WIRE_DATELINE = re.compile(
    rf"(?:{_PLACE},?\s+)?(?P<date>(?i:(?:{WEEKDAY},?\s+)?(?P<month1>{MONTH})\s+(?P<day1>\d{{1,2}}){_ORDINAL}"
    rf"|(?:{WEEKDAY},?\s+)?(?P<day2>\d{{1,2}}){_ORDINAL}\s+(?P<month2>{MONTH}))"
    rf"(?:,?\s+(?P<year>[12]\d{{3}}))?)\s*(?:\([^()\n]{{1,40}}\)\s*)?[-–—:|]\s"
)
_REPORTED_ON = re.compile(
    r"\b(?:reported|reporting|reports|published|broadcast|aired|told)\b.{0,80}\bon\s+$",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"\b(?:media|outlets?|press|news|newspapers?|reporters?|journalists?|agenc(?:y|ies)"
    r"|broadcasters?|television|radio|Reuters|Associated Press|AFP|Bloomberg)\b",
    re.IGNORECASE,
)
_ON = re.compile(r"^\s*on\s+$", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_LINE = re.compile(r"[^\n]+")
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“‘])|\n")
DATELINE_LINES = 2
LEAD_LINES = 3
CONTEXT_CHARS = 160
NEWS_CYCLE = timedelta(days=7)


@dataclass(frozen=True)
class ReferenceDate:
    """The date an article's relative dates count from: ``value`` is ISO 8601, maybe partial;
    ``start``/``end`` are the offsets in the text of the phrase it was read from (None for a
    ``published`` date)."""

    value: str
    origin: Origin
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class TextDate:
    """A complete written date found in a text, with its offsets."""

    value: str
    start: int
    end: int


def reference_date(text: str, published: str | None) -> ReferenceDate | None:
    """The reference date of an article whose body is ``text`` and whose page or record gives
    ``published`` (ISO 8601, maybe partial, or None); None when neither settles it (see the
    module docstring for the rule)."""
    given = iso_date(published) if published else None
    if given and len(given) == 10:
        return ReferenceDate(given, "published")
    found = dateline(text, int(given[:4]) if given else None) or report_date(text)
    if found and (given is None or found.value.startswith(given)):
        return found
    return ReferenceDate(given, "published") if given else None


def full_dates(text: str) -> list[TextDate]:
    """Every complete written date of ``text`` ("January 15, 2026", "15 Jan 2026"), in order."""
    dates = []
    for match in FULL_DATE.finditer(text):
        value = find_date(match.group())
        if value:
            dates.append(TextDate(value, match.start(), match.end()))
    return dates


def _lines(text: str, count: int) -> list[re.Match]:
    """The first ``count`` lines of ``text`` that are not blank."""
    lines = (line for line in _LINE.finditer(text) if line.group().strip())
    return list(islice(lines, count))


def dateline(text: str, year: int | None = None) -> ReferenceDate | None:
    """The date of a dateline in the first lines of ``text``; ``year`` completes a yearless one."""
    for line in _lines(text, DATELINE_LINES):
        whole = date_line(line.group())
        if whole:
            match = FULL_DATE.search(line.group())
            start, end = match.span() if match else (0, len(line.group().rstrip()))
            return ReferenceDate(whole, "dateline", line.start() + start, line.start() + end)
        wire = _WIRE_DATELINE.match(line.group())
        if wire:
            value = _wire_date(wire, year)
            if value:
                start, end = wire.span("date")
                return ReferenceDate(value, "dateline", line.start() + start, line.start() + end)
    return None


def _wire_date(match: re.Match, year: int | None) -> str | None:
    month = MONTHS[(match.group("month1") or match.group("month2")).lower().rstrip(".")]
    day = int(match.group("day1") or match.group("day2"))
    if match.group("year"):
        period = day_in(int(match.group("year")), month, day)
    elif year is not None:
        period = day_in(year, month, day)
    else:
        return None
    return period.iso() if period else None


def report_date(text: str) -> ReferenceDate | None:
    """The report date written in ``text`` (rule 3 of the module docstring), or None."""
    lead_end = max((line.end() for line in _lines(text, LEAD_LINES)), default=0)
    written = full_dates(text)
    candidates = [
        found
        for found in written
        if _media_reported_on(text, found) or (found.start < lead_end and _dated_lead(text, found))
    ]
    if not candidates:
        return None
    days = [date.fromisoformat(found.value) for found in candidates]
    latest = max(candidates, key=lambda found: found.value)
    if max(days) - min(days) > NEWS_CYCLE or not _is_now(text, written, latest):
        return None
    return ReferenceDate(latest.value, "text", latest.start, latest.end)


def _is_now(text: str, written: list[TextDate], found: TextDate) -> bool:
    on = date.fromisoformat(found.value)
    later_dates = any(date.fromisoformat(other.value) - on > timedelta(days=1) for other in written)
    later_years = any(int(year) > on.year for year in _YEAR.findall(text))
    return not (later_dates or later_years)


def _sentence_before(text: str, found: TextDate) -> str:
    context = text[max(0, found.start - CONTEXT_CHARS) : found.start]
    breaks = list(_SENTENCE_BREAK.finditer(context))
    return context[breaks[-1].end() :] if breaks else context


def _media_reported_on(text: str, found: TextDate) -> bool:
    sentence = _sentence_before(text, found)
    return bool(_REPORTED_ON.search(sentence) and _MEDIA.search(sentence))


def _dated_lead(text: str, found: TextDate) -> bool:
    weekday = FULL_DATE.match(text, found.start).group("weekday")
    return (
        weekday is not None
        and WEEKDAYS[weekday.lower()] == date.fromisoformat(found.value).weekday()
        and bool(_ON.match(_sentence_before(text, found)))
    )
