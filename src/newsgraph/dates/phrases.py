"""The resolver's grammar: a normalised date phrase resolved against one reference day.

Each rule is a full-match pattern and a function from its match to an ISO value (or None). A
phrase that no rule matches is left to :mod:`newsgraph.dates.fallback`. Rules return None rather
than guess: durations ("three days"), ages, frequencies ("every year"), approximations ("about a
decade ago") and anaphora ("the next day", "a month later", "the previous year") have no date of
their own.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from ..clean.dates import iso_date
from . import calendar
from .calendar import Period, Tense
from .words import (
    COUNT,
    COUNTS,
    DECADE_WORDS,
    DEICTIC_DAYS,
    HOLIDAYS,
    MONTH,
    MONTHS,
    ORDINALS,
    PART_OF_DAY,
    SEASONS,
    WEEKDAY,
    WEEKDAYS,
    alternatives,
)

_LEADING_WORDS = re.compile(
    r"^(?:(?:on|in|by|since|from|during|until|till|through|throughout|of|at|as of|before|after"
    r"|between|for|within)\s+)+"
)
_APPROXIMATE = re.compile(
    r"^(?:about|around|roughly|approximately|nearly|almost|some|over|under|more than|less than"
    r"|at least|at most|up to|close to|circa)\b"
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")

# Words that narrow a month, season, year or week without leaving it: "mid-March" is in March.
_NARROWING = (
    r"(?:(?:(?:very )?(?:early|mid|middle|late|earlier|later)(?: in| of)? )"
    r"|(?:the )?(?:start|beginning|middle|end|close|turn|first half|second half|rest|remainder"
    r"|(?:early|late|latter|final) part"
    r"|(?:first|second|third|fourth|last|final) (?:week|weekend|quarter|few days|few weeks|days)"
    r") of )?"
)
_RELATION = r"(?:(?P<relation>this past|this coming|last|past|this|next|coming) )?"
_YEAR_TAIL = r"(?:,? (?:of )?(?P<year>[12]\d{3})| of (?P<year_relation>this|last|next) year)?"
_YEAR_OFFSETS = {"last": -1, "this": 0, "next": 1}
_BEFORE = {"last", "past", "this past"}
_AFTER = {"next", "coming", "this coming"}

_DAY_PREFIX = (
    rf"(?:(?:the )?(?:(?P<pointer>preceding|following|previous|last|this|this past|this coming"
    rf"|next|coming) )?{WEEKDAY}(?: {PART_OF_DAY})?,? )?"
)
# "next Wednesday, July 31" points forward whatever the clause's tense.
_POINTER_TENSES: dict[str, Tense] = {
    "preceding": "past",
    "previous": "past",
    "last": "past",
    "this past": "past",
    "following": "future",
    "next": "future",
    "coming": "future",
    "this coming": "future",
}
_DAY_OF_MONTH = r"(?:st|nd|rd|th)?"
_EDGE = r"(?:(?:very )?(?:early|late) (?:on )?)?"


def normalize(expression: str) -> str:
    """``expression`` lower-cased, spaces and dashes unified, edge punctuation, a possessive and
    leading prepositions removed: "On Wednesday," → "wednesday", "last year's" → "last year"."""
    text = unicodedata.normalize("NFKC", expression).lower().replace("\u2019", "'")
    text = _DASHES.sub("-", text)
    text = re.sub(r"\bmid-", "mid ", text)
    text = re.sub(r"(\d)'s\b", r"\1s", text)
    text = " ".join(text.split()).strip(' ,;:.-"()[]\u201c\u201d')
    text = re.sub(r"'s$", "", text)
    return _LEADING_WORDS.sub("", text)


def _month_number(name: str) -> int:
    return MONTHS[name.rstrip(".")]


def _explicit_year(match: re.Match, reference: date) -> int | None:
    if match.group("year"):
        return int(match.group("year"))
    if match.group("year_relation"):
        return reference.year + _YEAR_OFFSETS[match.group("year_relation")]
    return None


def _in_year(
    make: Callable[[int], Period | None],
    match: re.Match,
    reference: date,
    tense: Tense,
) -> Period | None:
    """The period ``make`` builds in the phrase's year, or in the year the tense points to."""
    explicit = _explicit_year(match, reference)
    if explicit is not None:
        return make(explicit)
    relation = match.groupdict().get("relation")
    if relation in _BEFORE:
        candidates = [make(reference.year + offset) for offset in (-1, 0)]
        before = [p for p in candidates if p is not None and p.last < reference]
        return before[-1] if before else None
    if relation in _AFTER:
        candidates = [make(reference.year + offset) for offset in (0, 1)]
        after = [p for p in candidates if p is not None and p.first > reference]
        return after[0] if after else None
    if relation == "this":
        return make(reference.year)
    return calendar.choose_year(make, reference, tense)


def _day_maker(month: int, day: int) -> Callable[[int], Period | None]:
    return lambda year: calendar.day_in(year, month, day)


def _iso(period: Period | None) -> str | None:
    return period.iso() if period else None


def _deictic(match: re.Match, reference: date, tense: Tense) -> str | None:
    return (reference + timedelta(days=DEICTIC_DAYS[match.group("word")])).isoformat()


def _weekday(match: re.Match, reference: date, tense: Tense) -> str | None:
    target, today = WEEKDAYS[match.group("weekday")], reference.weekday()
    relation = match.group("relation")
    if relation in _BEFORE:
        offset = -((today - target) % 7 or 7)
    elif relation in _AFTER:
        offset = (target - today) % 7 or 7
    elif tense == "past":
        offset = -((today - target) % 7)
    else:
        offset = (target - today) % 7
    return (reference + timedelta(days=offset)).isoformat()


def _day(match: re.Match, reference: date, tense: Tense) -> str | None:
    month = _month_number(match.group("month1") or match.group("month2"))
    day = int(match.group("day1") or match.group("day2"))
    tense = _POINTER_TENSES.get(match.group("pointer"), tense)
    return _iso(_in_year(_day_maker(month, day), match, reference, tense))


def _day_range(match: re.Match, reference: date, tense: Tense) -> str | None:
    first_month = _month_number(match.group("month1") or match.group("month2"))
    last_month = _month_number(match.group("month2") or match.group("month1"))
    first, last = int(match.group("day1")), int(match.group("day2"))

    def make(year: int) -> Period | None:
        try:
            start = date(year, first_month, first)
            end = date(year + (last_month < first_month), last_month, last)
        except ValueError:
            return None
        return Period(start, end) if start <= end else None

    return _iso(_in_year(make, match, reference, tense))


def _month(match: re.Match, reference: date, tense: Tense) -> str | None:
    number = _month_number(match.group("month"))
    return _iso(_in_year(lambda year: calendar.month(year, number), match, reference, tense))


def _year(match: re.Match, reference: date, tense: Tense) -> str | None:
    return match.group("year")


def _season(match: re.Match, reference: date, tense: Tense) -> str | None:
    first, last = SEASONS[match.group("season")]

    def make(year: int) -> Period:
        return Period(calendar.month(year, first).first, calendar.month(year, last).last)

    return _iso(_in_year(make, match, reference, tense))


def _holiday(match: re.Match, reference: date, tense: Tense) -> str | None:
    month, day = HOLIDAYS[match.group("name")]
    return _iso(_in_year(_day_maker(month, day), match, reference, tense))


_UNIT_STEPS = {"last": -1, "this past": -1, "this": 0, "next": 1, "coming": 1, "this coming": 1}


def _unit(match: re.Match, reference: date, tense: Tense) -> str | None:
    step, unit = _UNIT_STEPS[match.group("relation")], match.group("unit")
    if unit == "week":
        return calendar.week(reference + timedelta(weeks=step)).iso()
    if unit == "month":
        return "{:04d}-{:02d}".format(*calendar.add_months(reference, step))
    if unit == "year":
        return f"{reference.year + step:04d}"
    if unit == "decade":
        return calendar.decade_iso(reference.year + 10 * step)
    return calendar.century_iso(reference.year + 100 * step)


def _weekend(match: re.Match, reference: date, tense: Tense) -> str | None:
    relation = match.group("relation")
    saturday = reference + timedelta(days=5 - reference.weekday())
    weekends = [saturday + timedelta(weeks=shift) for shift in (-1, 0, 1)]
    if relation in _BEFORE:
        chosen = [s for s in weekends if s < reference][-1]
    elif relation in _AFTER:
        chosen = [s for s in weekends if s > reference][0]
    elif tense == "past":
        chosen = [s for s in weekends if s <= reference][-1]
    else:
        chosen = [s for s in weekends if s + timedelta(days=1) >= reference][0]
    return Period(chosen, chosen + timedelta(days=1)).iso()


def _count(word: str) -> int:
    return int(word) if word.isdigit() else COUNTS[word]


def _back(reference: date, count: int, unit: str) -> date:
    if unit == "day":
        return reference - timedelta(days=count)
    if unit == "week":
        return reference - timedelta(weeks=count)
    if unit == "month":
        year, month = calendar.add_months(reference, -count)
        return date(year, month, min(reference.day, calendar.month(year, month).last.day))
    return calendar.shift_years(reference, -count * (10 if unit == "decade" else 1))


def _ago(match: re.Match, reference: date, tense: Tense) -> str | None:
    unit = match.group("unit")
    then = _back(reference, _count(match.group("count")), unit)
    if unit == "day":
        return then.isoformat()
    if unit == "week":
        return calendar.week(then).iso()
    return then.isoformat()[: 7 if unit == "month" else 4]


def _recent(match: re.Match, reference: date, tense: Tense) -> str | None:
    """The span that ends on the reference: "the past week", "the last 59 days"."""
    count = match.group("count") or match.group("count2")
    return Period(
        _back(reference, _count(count) if count else 1, match.group("unit")), reference
    ).iso()


def _decade(match: re.Match, reference: date, tense: Tense) -> str | None:
    if match.group("full"):
        first = int(match.group("full"))
        # "the 1800s" is a century in news usage, "the 2000s" the decade 2000-2009.
        if first % 100 == 0 and first < 2000:
            return calendar.century_iso(first)
        return calendar.decade_iso(first)
    tens = int(match.group("short")) if match.group("short") else DECADE_WORDS[match.group("word")]
    latest = [first for first in (1900 + tens, 2000 + tens) if first <= reference.year]
    return calendar.decade_iso(latest[-1]) if latest else None


def _century(match: re.Match, reference: date, tense: Tense) -> str | None:
    number = int(match.group("number")) if match.group("number") else ORDINALS[match.group("word")]
    return calendar.century_iso((number - 1) * 100) if number >= 1 else None


def _iso_written(match: re.Match, reference: date, tense: Tense) -> str | None:
    return iso_date(match.group())


Rule = tuple[re.Pattern, Callable[[re.Match, date, Tense], str | None]]
RULES: list[Rule] = [
    (re.compile(pattern), handler)
    for pattern, handler in [
        (
            rf"(?:(?:very )?(?:early|late|earlier|later) )?(?P<word>{alternatives(DEICTIC_DAYS)})"
            rf"(?: {PART_OF_DAY})?",
            _deictic,
        ),
        (
            rf"{_EDGE}{_RELATION}(?P<weekday>{WEEKDAY})(?: (?:{PART_OF_DAY}|local time))*",
            _weekday,
        ),
        (
            rf"{_EDGE}{_DAY_PREFIX}(?:(?P<month1>{MONTH}) (?:the )?(?P<day1>\d{{1,2}}){_DAY_OF_MONTH}"
            rf"|(?:the )?(?P<day2>\d{{1,2}}){_DAY_OF_MONTH} (?:of )?(?P<month2>{MONTH}))"
            rf"{_YEAR_TAIL}(?: {PART_OF_DAY})?",
            _day,
        ),
        (
            rf"(?P<month1>{MONTH}) (?P<day1>\d{{1,2}}){_DAY_OF_MONTH} ?(?:-|to|through|until|and) ?"
            rf"(?:(?P<month2>{MONTH}) )?(?P<day2>\d{{1,2}}){_DAY_OF_MONTH}{_YEAR_TAIL}",
            _day_range,
        ),
        (
            rf"(?P<day1>\d{{1,2}}){_DAY_OF_MONTH} ?(?:-|to|and) ?(?P<day2>\d{{1,2}}){_DAY_OF_MONTH}"
            rf" (?P<month1>{MONTH})(?P<month2>){_YEAR_TAIL}",
            _day_range,
        ),
        (rf"{_NARROWING}{_RELATION}(?P<month>{MONTH}){_YEAR_TAIL}", _month),
        (rf"{_NARROWING}(?:the year )?(?P<year>[12]\d{{3}})", _year),
        (
            rf"{_NARROWING}{_RELATION}(?:the )?(?P<season>{alternatives(SEASONS)})"
            rf"{_YEAR_TAIL}",
            _season,
        ),
        (
            rf"{_RELATION}(?P<name>{alternatives(HOLIDAYS)})(?:,? (?P<year>[12]\d{{3}}))?"
            r"(?P<year_relation>)",
            _holiday,
        ),
        (
            rf"{_NARROWING}(?P<relation>this past|this coming|this|last|next|coming)"
            r" (?P<unit>week|month|year|decade|century)",
            _unit,
        ),
        (
            r"(?:(?P<relation>this past|this coming|last|past|this|next|coming|the) )?weekend",
            _weekend,
        ),
        (
            rf"(?:the (?:past|last)(?: (?P<count>{COUNT}))?|(?:past|last) (?P<count2>{COUNT}))"
            r" (?P<unit>day|week|month|year|decade)s?",
            _recent,
        ),
        (rf"(?P<count>{COUNT}) (?P<unit>day|week|month|year)s? ago", _ago),
        (
            r"(?:the )?(?:(?:very )?(?:early|mid|late) )?(?:the )?"
            rf"(?:(?P<full>[12]\d\d0)s|'?(?P<short>\d0)s|(?P<word>{alternatives(DECADE_WORDS)}))",
            _decade,
        ),
        (
            r"(?:the )?(?:(?:early|mid|late) )?(?:the )?"
            rf"(?:(?P<number>\d{{1,2}})(?:st|nd|rd|th)|(?P<word>{alternatives(ORDINALS)})) century",
            _century,
        ),
        (r"[12]\d{3}-\d\d(?:-\d\d)?", _iso_written),
    ]
]


Reading = Callable[[date, Tense], str | None]


def _no_date(reference: date, tense: Tense) -> None:
    return None


def find_rule(phrase: str) -> Reading | None:
    """How the grammar reads a :func:`normalize`-d phrase: a function from a reference day and
    a tense to the ISO value (which may be None); None when no rule matches."""
    if _APPROXIMATE.match(phrase):
        return _no_date
    for pattern, handler in RULES:
        match = pattern.fullmatch(phrase)
        if match:
            return partial(handler, match)
    return None
