"""Calendar arithmetic for the resolver: periods of days and the partial ISO dates that hold them.

A resolved expression denotes a period ("last week" is seven days, "mid-March" part of a month);
its ISO value is the most precise partial date that contains the whole period: a day, a month or
a year (``Period.iso``). Decades ("199") and centuries ("19") are written by their own rules.
"""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from ..clean.dates import iso_date

Tense = Literal["past", "future"]

# How far a yearless date ("October 28", "in December") may lie after the reference in past-tense
# text and still be this year's: reports carry coming deadlines and schedules ("has until October
# 28 to release plans" in a text of 18 October 2019), while a date ten months back is written with
# its year. Six weeks keeps "resigned in December" (in a text of 8 October) in the year before.
PAST_LOOKAHEAD = timedelta(weeks=6)
# How far before the reference a yearless date may lie in future-tense text ("will be sentenced
# on Jan. 10" in an article published a few days late).
FUTURE_LOOKBACK = timedelta(days=7)
# The years a reference may lie in: what news speaks of, far from the calendar's ends.
FIRST_YEAR, LAST_YEAR = 1000, 2999


@dataclass(frozen=True)
class Period:
    """The days from ``first`` to ``last``, both included."""

    first: date
    last: date

    def iso(self) -> str | None:
        """The day, month or year that contains the period, as ISO 8601; None across years."""
        if self.first == self.last:
            return self.first.isoformat()
        if self.first.year != self.last.year:
            return None
        if self.first.month == self.last.month:
            return self.first.isoformat()[:7]
        return f"{self.first.year:04d}"


def day(on: date) -> Period:
    return Period(on, on)


def day_in(year: int, month: int, number: int) -> Period | None:
    """The day ``number`` of ``month`` in ``year``; None when there is none (30 February)."""
    try:
        return day(date(year, month, number))
    except ValueError:
        return None


def month(year: int, number: int) -> Period:
    return Period(date(year, number, 1), date(year, number, monthrange(year, number)[1]))


def year(number: int) -> Period:
    return Period(date(number, 1, 1), date(number, 12, 31))


def week(containing: date) -> Period:
    """The Monday-to-Sunday week of ``containing``."""
    monday = containing - timedelta(days=containing.weekday())
    return Period(monday, monday + timedelta(days=6))


def add_months(on: date, count: int) -> tuple[int, int]:
    """The (year, month) ``count`` months from the month of ``on``."""
    index = on.year * 12 + on.month - 1 + count
    return index // 12, index % 12 + 1


def shift_years(on: date, count: int) -> date:
    """``on`` moved by whole years; 29 February becomes the 28th in a common year."""
    try:
        return on.replace(year=on.year + count)
    except ValueError:
        return on.replace(year=on.year + count, day=28)


def choose_year(
    make: Callable[[int], Period | None], reference: date, tense: Tense
) -> Period | None:
    """The occurrence of a yearless period nearest ``reference`` on the side the tense points to.

    ``make(year)`` builds the period in a year (None when it does not exist, as 29 February).
    Past: the latest occurrence starting no later than ``reference + PAST_LOOKAHEAD``. Future:
    the earliest ending no earlier than ``reference - FUTURE_LOOKBACK``.
    """
    candidates = [
        period
        for period in (make(reference.year + offset) for offset in (-1, 0, 1))
        if period is not None
    ]
    if tense == "past":
        fitting = [period for period in candidates if period.first <= reference + PAST_LOOKAHEAD]
        return fitting[-1] if fitting else None
    fitting = [period for period in candidates if period.last >= reference - FUTURE_LOOKBACK]
    return fitting[0] if fitting else None


def decade_iso(first_year: int) -> str:
    """A decade as ISO 8601-2 (EDTF) writes it: the first three digits of its years ("199")."""
    return f"{first_year // 10:03d}"


def century_iso(first_year: int) -> str:
    """A century as ISO 8601-1 writes it: the first two digits of its years ("19")."""
    return f"{first_year // 100:02d}"


@lru_cache(maxsize=1024)
def reference_period(reference: str | None) -> Period | None:
    """A reference date given as ISO 8601, maybe partial ("2026", "2026-01", "2026-01-15",
    a timestamp), as the period of days it covers; None when it is no date or lies outside the
    years the resolver reads."""
    value = iso_date(reference)
    if value is None:
        return None
    numbers = [int(part) for part in value.split("-")]
    if not FIRST_YEAR <= numbers[0] <= LAST_YEAR:
        return None
    if len(numbers) == 3:
        return day(date(*numbers))
    if len(numbers) == 2:
        return month(*numbers)
    return year(numbers[0])
