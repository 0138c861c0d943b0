"""Bylines in flattened text: "By Jane Doe", "Written by Jane Doe and John Roe | Reuters"."""

from __future__ import annotations

import re

from .dates import MONTH_NAMES, WEEKDAYS, date_line

_NAME_WORD = r"(?!(?:and|&)\b)[^\W\d_][\w'’.-]*"
_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
BYLINE_LEAD = (
    r"(?:by|written by|words by|reporting by|story by|posted by|reviewed by|text by|author)\s*:?"
)
"""What opens a byline, as a regular expression (case-insensitive)."""
_BYLINE = re.compile(
    rf"^{BYLINE_LEAD}(?:\s+|(?=[A-Z]))"
    rf"(?P<names>{_NAME}(?:(?:\s*,\s*and\s+|\s*,\s*|\s*&\s*|\s+and\s+){_NAME})*)"
    rf"(?P<rest>\s*(?:[|,•·⋅–—-].*|\s+(?:on|in|for)\s+.*)?)$",
    re.IGNORECASE,
)
_LEAD_ALONE = re.compile(rf"^{BYLINE_LEAD}$", re.IGNORECASE)
_SPLIT_NAMES = re.compile(r"\s*(?:,\s*and\b|,|&|\band\b)\s*", re.IGNORECASE)
_NOT_A_NAME = frozenset({"the", "staff", "admin", "editor", "editors", "team", "reuters", "ap"})
_CALENDAR_WORDS = WEEKDAYS | MONTH_NAMES | {"today", "tomorrow", "tonight", "then", "now"}
_PARTICLES = frozenset({"de", "da", "van", "von", "del", "al", "bin", "la", "le"})


_DATED_BY = re.compile(r"^(?P<date>.{6,60}?)\s+by\s+(?P<byline>.+)$", re.IGNORECASE)


def byline_authors(line: str) -> list[str] | None:
    """The author names of a byline, or None when ``line`` is not a byline.

    A date may come first: "January 17, 2017 at 6:08 PM ET by Kori Schulman".
    """
    line = line.strip()
    lowered = line.lower()
    if "by" not in lowered and not lowered.startswith("author"):
        return None
    dated = _DATED_BY.match(line)
    if dated and date_line(dated.group("date")):
        line = "by " + dated.group("byline")
    match = _BYLINE.match(line)
    if not match:
        return None
    names = []
    for name in _SPLIT_NAMES.split(match.group("names")):
        name = name.strip(" .")
        parts = name.split()
        if not parts or parts[0].lower().strip(".") in _CALENDAR_WORDS:
            return None
        if not all(part[0].isupper() for part in parts if part.lower() not in _PARTICLES):
            return None
        if name.lower() not in _NOT_A_NAME:
            names.append(name)
    return names or None


def split_byline_authors(lead: str, following: str) -> list[str] | None:
    """The names of a byline broken over two lines ("Written by" / "Jane Doe"), else None."""
    if not _LEAD_ALONE.match(lead.strip()):
        return None
    return byline_authors("by " + following)
