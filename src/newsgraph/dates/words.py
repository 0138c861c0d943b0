"""The English calendar words the resolver reads, and regular-expression pieces built from them.

Month names and their numbers are the cleaning stage's table (``newsgraph.clean.dates.MONTHS``);
the resolver adds weekday numbers, counts and ordinals in lower-cased phrases.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..clean.dates import MONTHS

WEEKDAYS: dict[str, int] = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
COUNTS: dict[str, int] = {
    word: number
    for number, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
} | {"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50, "a hundred": 100}
ORDINALS: dict[str, int] = {
    word: number
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
        " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
        " twenty-first".split(),
        start=1,
    )
}
DECADE_WORDS: dict[str, int] = {
    "twenties": 20,
    "thirties": 30,
    "forties": 40,
    "fifties": 50,
    "sixties": 60,
    "seventies": 70,
    "eighties": 80,
    "nineties": 90,
}
# Fixed-date holidays only: movable feasts (Easter, Thanksgiving) and national days vary by year
# or country, and the resolver does not guess them.
HOLIDAYS: dict[str, tuple[int, int]] = {
    "new year's day": (1, 1),
    "valentine's day": (2, 14),
    "halloween": (10, 31),
    "christmas eve": (12, 24),
    "christmas": (12, 25),
    "christmas day": (12, 25),
    "boxing day": (12, 26),
    "new year's eve": (12, 31),
}
# Northern-hemisphere meteorological seasons as (first month, last month); winter crosses the
# year boundary, so it has no year of its own and is left out.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
}
DEICTIC_DAYS: dict[str, int] = {
    "the day before yesterday": -2,
    "yesterday": -1,
    "last night": -1,
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "tomorrow": 1,
    "the day after tomorrow": 2,
}


def alternatives(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "christmas eve" beats "christmas"."""
    return "|".join(sorted((word.replace(".", r"\.") for word in words), key=len, reverse=True))


MONTH = rf"(?:{alternatives(MONTHS)})\.?"
WEEKDAY = rf"(?:{alternatives(WEEKDAYS)})"
COUNT = rf"(?:\d+|{alternatives(COUNTS)})"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
