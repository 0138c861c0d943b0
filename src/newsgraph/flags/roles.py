"""Titles that do not match what the team knows of a person on the article's date."""

from __future__ import annotations

import re

from ..actors import ActorKnowledge
from ..actors.knowledge import Office, Person, phrase_key, role_key
from ..records import Actor, Flag


def _matching(person: Person, title: str) -> list[Office]:
    """The person's offices the title names ("Foreign Secretary" for Foreign Secretary)."""
    key = role_key(title)
    return [office for office in person.offices if role_key(office.role) == key]


def _span(office: Office) -> str:
    if office.end:
        return f"from {office.start or '?'} to {office.end}"
    return f"since {office.start}"


_PAST_MARKERS = re.compile(r"\b(?:former|then|ex|onetime|erstwhile|late)\b[\s-]*$", re.IGNORECASE)
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_SENTENCE_END = re.compile(r"[.!?]\s")


def _told_as_past(text: str, mention: tuple[int, int], published: str) -> bool:
    """Whether the mention names the person as they were: "former Foreign Secretary …", "then-
    Foreign Secretary …", or a sentence about an earlier year ("In 2023, Foreign Secretary …")."""
    if _PAST_MARKERS.search(text[max(0, mention[0] - 12) : mention[0]]):
        return True
    starts = [match.end() for match in _SENTENCE_END.finditer(text, 0, mention[0])]
    start = starts[-1] if starts else 0
    end_match = _SENTENCE_END.search(text, mention[1])
    sentence = text[start : end_match.start() if end_match else len(text)]
    return any(int(year) < int(published[:4]) for year in _YEAR.findall(sentence))


def outdated_roles(
    text: str, actors: list[Actor], published: str, knowledge: ActorKnowledge
) -> list[Flag]:
    flags = []
    for actor in actors:
        if actor.kind != "person" or not actor.role:
            continue
        people = knowledge.people.get(phrase_key(actor.name), [])
        if len(people) != 1:
            continue
        person = people[0]
        titled = _matching(person, actor.role)
        held = person.offices_on(published)
        # Only a sitting officeholder given an office they have left: a former president is
        # still "President Obama" by courtesy, and a title they will hold is no error.
        if not titled or not held or any(office.held_on(published) for office in titled):
            continue
        if any(office.end is None or office.end[:10] >= published[:10] for office in titled):
            continue
        mention = next(
            ((start, end) for start, end in actor.mentions if actor.role in text[start:end]),
            None,
        )
        if mention is None or _told_as_past(text, mention, published):
            continue
        now = f"; on {published} {held[0].role}"
        flags.append(
            Flag(
                kind="role_outdated",
                message=(
                    f"{actor.name} is called {actor.role}, an office held "
                    f"{'; '.join(_span(office) for office in titled)}, not on the article's date "
                    f"{published}{now}"
                ),
                start=mention[0],
                end=mention[1],
            )
        )
    return flags
