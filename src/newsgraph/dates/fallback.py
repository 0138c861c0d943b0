"""dateparser for written dates outside the grammar ("March the 3rd", "Tue 15 Jan 2019").

Only phrases that name a month and carry no relative or counting word reach dateparser: on those
it reads any written order of day, month and year. Everything relative stays with the grammar,
because dateparser 1.5 reads news usage wrongly there (checked when this was written, preferring
past dates): "Thursday" on a Thursday is the week before, "three days" is three days ago, "the
1990s" is a time of day, the age "53" is the year 1953 and "July 27–28" is 27 July 1928. The year
of a yearless date is chosen by :func:`newsgraph.dates.calendar.choose_year`, as in the grammar.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from dateparser.date import DateDataParser

from . import calendar
from .calendar import Tense
from .words import MONTH

_MONTH_WORD = re.compile(rf"\b{MONTH}(?!\w)")
_YEAR = re.compile(r"\b[12]\d{3}\b")
_RELATIVE = re.compile(
    r"\b(?:ago|last|next|this|past|coming|previous|following|preceding|later|earlier|before"
    r"|after|since|until|every|each|between|days?|weeks?|weekends?|months?|years?|decades?"
    r"|centur(?:y|ies))\b|\d\s*(?:-|to|and|through)\s*\d"
)


@cache
def _parser() -> DateDataParser:
    # Built once per process; the reference year is applied afterwards, so one parser serves
    # every article.
    return DateDataParser(
        languages=["en"], settings={"RETURN_TIME_AS_PERIOD": True, "REQUIRE_PARTS": ["month"]}
    )


def accepts(phrase: str) -> bool:
    """Whether ``phrase`` is for dateparser: it names a month and nothing relative."""
    return bool(_MONTH_WORD.search(phrase)) and not _RELATIVE.search(phrase)


def parse_written(phrase: str, reference: date, tense: Tense) -> str | None:
    """A written date that names a month, as ISO 8601 (day or month precision); None when
    dateparser cannot read it."""
    found = _parser().get_date_data(phrase)
    if found.date_obj is None:
        return None
    on, precise = found.date_obj.date(), found.period in ("day", "time")
    if _YEAR.search(phrase):
        return on.isoformat() if precise else on.isoformat()[:7]
    if precise:
        period = calendar.choose_year(
            lambda year: calendar.day_in(year, on.month, on.day), reference, tense
        )
    else:
        period = calendar.choose_year(lambda year: calendar.month(year, on.month), reference, tense)
    return period.iso() if period else None
