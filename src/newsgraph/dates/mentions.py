"""The DATE entities of a parsed article, each with its offsets and resolved ISO value."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .calendar import Tense
from .resolve import resolve_date

# "wo" is spaCy's token for the "wo" of "won't"; "would" and "must" look ahead from the time of
# the report ("Parliament would meet briefly in early September", "must come out by October 31").
_FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo", "would", "must"})
# Words on the way from the date to its verb that put the date ahead: "scheduled for November 20",
# "is due out in May", "the upcoming debate".
_SCHEDULED = frozenset(
    {
        "scheduled",
        "slated",
        "due",
        "planned",
        "expected",
        "poised",
        "upcoming",
        "forecast",
        "predict",
        "predicts",
        "predicted",
    }
)
_INTENDING = frozenset({"plans", "plan", "intends", "intend", "aims", "aim", "going"})
_PRESENT_BE = frozenset({"is", "are", "am", "'s", "'re"})
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_PATH_STEPS = 6
# A four-digit "year" followed by one of these is a clock time ("1620 UTC").
_CLOCK_WORDS = re.compile(r"^(?:[A-Z]{1,4}T|UTC|GMT|Z|local|hours|hrs|h)$")
_LINE_BREAK = re.compile(r"\s*\n")


@dataclass(frozen=True)
class DateMention:
    """A DATE entity: character offsets into the article text, its text, and its ISO value
    (None when it names no date the resolver can place: a duration, an age, "that day")."""

    start: int
    end: int
    text: str
    value: str | None


def resolve_doc_dates(doc: Doc, reference: str | None) -> list[DateMention]:
    """Every DATE entity of ``doc`` resolved against ``reference`` (ISO 8601, maybe partial), in
    text order, with the tense of its clause deciding which way bare weekdays and months point."""
    mentions = []
    for entity in doc.ents:
        if entity.label_ != "DATE":
            continue
        text = _first_line(entity.text)
        unplaced = _is_clock_time(entity) or _is_anaphoric(entity)
        value = None if unplaced else resolve_date(text, reference, tense_of(entity))
        mentions.append(DateMention(entity.start_char, entity.start_char + len(text), text, value))
    return mentions


def _first_line(text: str) -> str:
    # The small English model lets a dateline entity run into the next paragraph
    # ("Saturday, January 5, 2019\n\nA fire").
    line_break = _LINE_BREAK.search(text)
    return (text[: line_break.start()] if line_break else text).rstrip()


def _is_clock_time(entity: Span) -> bool:
    after = entity.doc[entity.end] if entity.end < len(entity.doc) else None
    return bool(after is not None and entity.text.isdigit() and _CLOCK_WORDS.match(after.text))


def _is_anaphoric(entity: Span) -> bool:
    # "That September" follows the story's own time, not the reference.
    return entity.start > 0 and entity.doc[entity.start - 1].lower_ in ("that", "those")


def tense_of(entity: Span) -> Tense:
    """The way the clause of ``entity`` points: "future" when it speaks of what is to come ("will
    meet on Friday", "is scheduled for March 3", "is to take effect on December 10", "plans to
    vote on Monday", "was forecast to reach Florida on Wednesday"), else "past"."""
    path = _path_to_verb(entity.root)
    if any(token.lower_ in _SCHEDULED for token in path):
        return "future"
    verb = path[-1]
    for _ in range(3):
        if _looks_ahead(verb):
            return "future"
        if verb.dep_ not in ("xcomp", "conj") or verb.head.i == verb.i:
            break
        verb = verb.head
    return "past"


def _looks_ahead(verb: Token) -> bool:
    children = list(verb.children)
    if any(child.lower_ in _FUTURE_AUXILIARIES and child.tag_ == "MD" for child in children):
        return True
    if verb.lower_ in _SCHEDULED:
        return True
    # "was set to meet on Wednesday", "set for Monday"; not "set himself on fire on Wednesday".
    if verb.lower_ == "set" and any(
        child.dep_ == "xcomp" or (child.dep_ == "prep" and child.lower_ == "for")
        for child in children
    ):
        return True
    # "which he is to present on October 14": the verb hangs off a present "is" with "to".
    if verb.dep_ == "xcomp" and verb.head.lower_ in _PRESENT_BE:
        return any(child.dep_ == "aux" and child.lower_ == "to" for child in children)
    present = verb.tag_ in _PRESENT_TAGS or any(
        child.dep_ in ("aux", "auxpass") and child.tag_ in _PRESENT_TAGS for child in children
    )
    return present and verb.lower_ in _INTENDING


def _path_to_verb(token: Token) -> list[Token]:
    """``token`` and its heads up to the nearest verb (a date hangs off a preposition or noun)."""
    path = [token]
    while (
        len(path) <= _PATH_STEPS and token.pos_ not in ("VERB", "AUX") and token.head.i != token.i
    ):
        token = token.head
        path.append(token)
    return path
