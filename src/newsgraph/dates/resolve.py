"""``resolve_date``: a date expression ("on Wednesday", "last year", "mid-March") as ISO 8601.

The expression is normalised, read by the grammar of :mod:`newsgraph.dates.phrases` or, for
written dates outside it, by dateparser (:mod:`newsgraph.dates.fallback`), and resolved against
the reference day. A partial reference ("2026-01") is resolved on its first and its last day and
only what both answers share is kept: "yesterday" against January 2026 is None, "last year" is
"2025". Without a reference only absolute expressions resolve ("in 2019", "January 15, 2026").
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from itertools import takewhile

from .calendar import FIRST_YEAR, LAST_YEAR, Period, Tense, reference_period
from .fallback import accepts, parse_written
from .phrases import Reading, find_rule, normalize

# Longer "dates" are clauses an entity recogniser ran on with; no rule reads them.
MAX_PHRASE_CHARS = 80
# Without a reference, the phrase must give the same answer on both ends of this span.
_ANY_TIME = Period(date(FIRST_YEAR, 1, 1), date(LAST_YEAR, 12, 31))


@lru_cache(maxsize=8192)
def resolve_date(expression: str, reference: str | None, tense: Tense = "past") -> str | None:
    """The partial ISO 8601 date (``2025``, ``2026-01``, ``2026-01-15``; a decade ``199``, a
    century ``19``) that ``expression`` denotes when read on ``reference`` (ISO, maybe partial);
    None when it denotes no date the text fixes.

    ``tense`` is that of the clause the expression sits in. A bare weekday is the latest one on
    or before the reference in past-tense text ("on Wednesday" → the most recent Wednesday, the
    reference day itself included) and the earliest on or after it in future text. A yearless
    day or month ("Jan. 15", "in December") is the latest occurrence starting at most six weeks
    after the reference in past text (reports carry coming deadlines), the earliest ending at
    most a week before it in future text. The value is the most precise date that contains the
    whole period meant: "last week" is a month when all its days fall in one month, else a year.
    """
    return _resolve(normalize(expression), reference, tense)


def _resolve(phrase: str, reference: str | None, tense: Tense) -> str | None:
    if not phrase or len(phrase) > MAX_PHRASE_CHARS:
        return None
    reading = find_rule(phrase) or (_written(phrase) if accepts(phrase) else None)
    if reading is None:
        return None
    period = reference_period(reference) or _ANY_TIME
    first = _read(reading, period.first, tense)
    if period.first == period.last:
        return first
    return _shared(first, _read(reading, period.last, tense))


def _written(phrase: str) -> Reading:
    return lambda reference, tense: parse_written(phrase, reference, tense)


def _read(reading: Reading, reference: date, tense: Tense) -> str | None:
    try:
        return reading(reference, tense)
    except (OverflowError, ValueError):  # "5000 years ago": arithmetic past the calendar's ends
        return None


def _shared(first: str | None, last: str | None) -> str | None:
    """The year, year-month or day two answers agree on ("2025-12-31", "2025-12-01" → "2025-12")."""
    if first == last or first is None or last is None:
        return first if first == last else None
    parts = list(zip(first.split("-"), last.split("-"), strict=False))
    if len(parts[0][0]) != 4:
        return None
    return "-".join(a for a, _ in takewhile(lambda pair: pair[0] == pair[1], parts)) or None
