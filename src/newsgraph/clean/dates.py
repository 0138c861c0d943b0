"""Publication dates written in page text ("Friday, January 4, 2019", "Published 12 Mar 2024")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun".split()
)
MONTH_NAMES = frozenset(MONTHS)
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ISO_PREFIX = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])")
_YEAR = re.compile(r"(?:19|20)\d\d")
_PATTERNS = [
    re.compile(
        rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(
        rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH}\s+(?P<year>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
]
_DATE_LINE_WORDS = re.compile(
    r"^(?:(?:published|updated|posted|last updated|date|on)\b:?|"
    r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b,?|\W)*",
    re.I,
)


def find_date(text: str) -> str | None:
    """The first complete calendar date written in ``text`` (earliest in the text), as ISO 8601."""
    if not _YEAR.search(text):
        return None
    matches = sorted(
        (match for pattern in _PATTERNS for match in pattern.finditer(text)),
        key=lambda match: match.start(),
    )
    for match in matches:
        month = match.group("month")
        month_number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
        try:
            return date(int(match.group("year")), month_number, int(match.group("day"))).isoformat()
        except ValueError:
            continue
    return None


def iso_date(value: str | None) -> str | None:
    """A given date as ISO 8601, partial dates kept ("2026-01"); None when it is no date.

    Accepts ISO dates and timestamps ("2026-01-15T08:00:00Z") and written dates ("Jan 15, 2026").
    """
    if not value:
        return None
    match = _ISO_PREFIX.match(value.strip())
    if match:
        year, month, day = (int(part) if part else None for part in match.groups())
        try:
            date(year, month or 1, day or 1)
        except ValueError:
            return None
        return match.group()
    return find_date(value)


def date_line(line: str) -> str | None:
    """The date of a line that is nothing but a date (with "Published", a weekday or a time)."""
    found = find_date(line)
    if not found or len(line) > 80:
        return None
    rest = _DATE_LINE_WORDS.sub("", line)
    for pattern in _PATTERNS:
        rest = pattern.sub("", rest)
    leftover = re.sub(
        r"[\d:.,|/()\s-]|\b(?:at|am|pm|a\.m\.|p\.m\.|[A-Z]{1,4}T|UTC|GMT)\b", "", rest, flags=re.I
    )
    return found if len(leftover) <= 3 else None


_UPDATED = re.compile(r"\b(updated|modified|edited|revised)\b", re.IGNORECASE)
DATED_LINE_WORDS = 16


@dataclass(frozen=True)
class DateMention:
    """A full date written on a short line of the page ("Updated Jan. 16, 2026 · 7 min read")."""

    line: int
    date: str
    updated: bool


def dated_line(index: int, line: str, word_count: int) -> DateMention | None:
    """The date mention of a short, non-sentence line that carries a full date, else None."""
    if word_count > DATED_LINE_WORDS or line.rstrip().endswith("."):
        return None
    found = find_date(line)
    if not found:
        return None
    return DateMention(index, found, bool(_UPDATED.search(line)))


def publication_date(mentions: list[DateMention], body_first: int) -> str | None:
    """The date nearest above the body (or in its first lines), preferring a publication date
    to an update; dates further down belong to comments and teasers."""
    above = [mention for mention in mentions if mention.line <= body_first + 2]
    for candidates in ([m for m in above if not m.updated], above):
        if candidates:
            return max(candidates, key=lambda mention: mention.line).date
    return None
