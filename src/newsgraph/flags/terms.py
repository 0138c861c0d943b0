"""Times placed in a known term of office that the article's own date contradicts: "the early
weeks of President Donald Trump's second term" in an article written a year into that term."""

from __future__ import annotations

import re
from datetime import date

from ..actors import ActorKnowledge
from ..actors.knowledge import phrase_key
from ..records import Flag

# "early weeks", "first days", "opening months" and how long each may stretch, in days.
_STRETCH = {"days": 45, "weeks": 120, "months": 270}
_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_TERM_TIME = re.compile(
    r"\b(?:the\s+)?(?:early|first|opening|initial)\s+(?P<unit>days|weeks|months)\s+of\s+"
    r"(?:(?:President|Prime\s+Minister|Chancellor|Governor|Premier)\s+)?"
    r"(?P<name>[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,3})['’]s\s+"
    r"(?P<nth>first|second|third|fourth)\s+(?:term|presidency|administration)\b"
)


def _day(iso: str) -> date:
    parts = [int(part) for part in iso.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def inconsistent_term_times(text: str, published: str, knowledge: ActorKnowledge) -> list[Flag]:
    flags = []
    for match in _TERM_TIME.finditer(text):
        people = knowledge.people.get(phrase_key(match["name"]), [])
        if len(people) != 1:
            continue
        person = people[0]
        head_offices = sorted(
            (office for office in person.offices if office.start),
            key=lambda office: office.start,
        )
        terms = (
            [office for office in head_offices if office.role == head_offices[-1].role]
            if head_offices
            else []
        )
        number = _ORDINALS[match["nth"]]
        if len(terms) < number:
            continue
        began = terms[number - 1].start
        elapsed = (_day(published) - _day(began)).days
        if 0 <= elapsed <= _STRETCH[match["unit"]]:
            continue
        when = "before it began" if elapsed < 0 else f"{elapsed} days after it began"
        flags.append(
            Flag(
                kind="date_inconsistent",
                message=(
                    f"“{match.group()}” in an article dated {published}: {person.name}'s "
                    f"{match['nth']} term as {terms[number - 1].role} began on {began}, so the "
                    f"article is dated {when}"
                ),
                start=match.start(),
                end=match.end(),
            )
        )
    return flags
