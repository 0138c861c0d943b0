"""``number_inconsistent``: the article counts the same thing twice with values that cannot both
hold ("70,000 overdose deaths" in one paragraph, "more than 80,000 overdose deaths" in another,
for the same year and country; "a $3.2 billion package" and "the $3.5 billion package").

Our own rules, precision first: news text rarely contradicts itself, so most pairs of differing
values are different things (run on the Wikinews sample and 2,700 White House texts, looser rules
flagged dozens of different grants, investments and refugee pledges and no real contradiction).
Two counts are of the same thing when all of these hold:

- the same count type (casualties, arrests, kidnappings, seizures, people affected, protesters,
  money; never OTHER, whose measures are too many different things, nor a percentage, a share of
  different wholes), the same counted thing and the same source (two sources giving different
  estimates is reporting, not a contradiction; so may be a figure the article states and one a
  source gives);
- a count of people or things names its time, the same for both ("in 2025", "on Saturday"), and
  the same place: "seven aid workers" and "more than 200 aid workers", with no time, are the
  dead of one strike and of a war;
- money is the same when the later amount points back at a known thing ("the $3.5 billion aid
  package", "Google's $1 billion investment", "the $1.9 trillion American Rescue Plan": the noun
  the amount is of, with its naming words and possessor) and the earlier ones of that thing (told
  with or without a time and a place) all disagree with it: "a $500 million grant" and "$46
  million in funding" are new or many;
- they stand in different sentences, outside quotation marks (a sentence with two values of one
  thing compares them: "rose from 20 to 31");
- neither is a part, a rate or a step of a change: no "another", "more", "of the", "a year",
  "first", "cumulative" near the number, and no verb of change, revision, plan or projection, no
  "earlier" or "since", no modal in its sentence (``data/flags/editing.yaml``).

Two such counts contradict each other when no value fits both, after their qualifiers, ranges and
rounding (:mod:`.values`): "more than 70,000" and "about 73,000" agree; "70,000" and "7,000" do
not. One flag per thing, on the later count, naming the earlier one.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..records import Count, Flag
from .lexicon import EditingLexicon, has_phrase
from .reading import Reading, naming_words
from .values import Allowed, allowed

COMPARED_TYPES = frozenset(
    {"KILL", "WOUND", "ARREST", "KIDNAP", "SEIZE", "AFFECT", "PROTEST", "MONEY"}
)
_NEAR = 3
_MONEY_LINKS = frozenset({"compound", "nmod", "nummod", "amod", "quantmod", "poss"})
_NAMING = frozenset({"compound", "poss", "nmod", "amod", "flat"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass(frozen=True)
class _Counted:
    count: Count
    span: Span
    thing: str
    label: str
    allowed: Allowed
    # Whether a later count can point back at an earlier one: money must say "the $3.5 billion
    # package" ("a $500 million grant" is a new one); other counts name their time.
    refers_back: bool


def _noun_phrase(noun: Token) -> str:
    """ "security assistance package", "google investment": which thing, as a key."""
    words = [*naming_words(noun, _NAMING), noun]
    return " ".join(word.lemma_.lower() for word in words if word.dep_ != "case")


def _money_noun(span: Span, currency_words: frozenset[str]) -> Token | None:
    """The noun an amount is of: "a $3.2 billion package", "$3.5 billion in aid", "a 38.8 million
    euro loan"; None for an amount of nothing named ("cost $3 billion", "82 pounds")."""
    root = span.root
    if root.dep_ in _MONEY_LINKS and root.head.lower_ in currency_words:
        root = root.head
    if root.dep_ in _MONEY_LINKS and root.head.pos_ in {"NOUN", "PROPN"}:
        return None if root.head.lower_ in currency_words else root.head
    for child in root.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "of"}:
            objects = [grand for grand in child.children if grand.dep_ == "pobj"]
            if objects and objects[0].pos_ in {"NOUN", "PROPN"}:
                return objects[0]
    return None


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _comparable(
    reading: Reading, count: Count, lexicon: EditingLexicon, currency_words: frozenset[str]
) -> _Counted | None:
    if count.count_type not in COMPARED_TYPES or reading.quoted(count.start):
        return None
    span = reading.span(count.start, count.end)
    if span is None or not len(span):
        return None
    if has_phrase(reading.around(span, _NEAR), lexicon.partial_words):
        return None
    if has_phrase(reading.outside(span), lexicon.change_words):
        return None
    if count.count_type == "MONEY":
        noun = _money_noun(span, currency_words)
        if noun is None:
            return None
        thing, label = f"{count.object} {_noun_phrase(noun)}", _noun_phrase(noun)
        refers_back = _is_definite(noun)
    elif count.object and count.time is not None and not count.object.startswith("percent"):
        words = count.object.lower().split()
        thing, label = " ".join([*words[:-1], _singular(words[-1])]), count.object
        refers_back = True
    else:
        return None
    return _Counted(
        count,
        span,
        thing,
        label,
        allowed(count, lexicon.approximate_share, lexicon.exact_below),
        refers_back,
    )


def _is_definite(noun: Token) -> bool:
    """ "the $3.5 billion package", "Google's $1 billion investment", "$1.9 trillion American
    Rescue Plan": a thing already known; "a $500 million grant" and "$46 million in funding" are
    new or many."""
    if any(
        child.dep_ == "poss" or child.dep_ == "det" and child.lower_ in _DEFINITE
        for child in noun.children
    ):
        return True
    return noun.pos_ == "PROPN" and any(
        word.pos_ == "PROPN" for word in naming_words(noun, _NAMING)
    )


def _same_setting(earlier: _Counted, later: _Counted) -> bool:
    """Same time and place; money told once with its time or place and once without ("a $3.2
    billion aid package for Ukraine on Tuesday", "the $3.5 billion aid package") is still the
    same thing."""
    for first, second in (
        (earlier.count.time, later.count.time),
        (earlier.count.place, later.count.place),
    ):
        money = later.count.count_type == "MONEY"
        if first != second and not (money and (first is None or second is None)):
            return False
    return True


def _contradicted(later: _Counted, earlier: list[_Counted]) -> _Counted | None:
    """The earlier count nearest ``later`` when it agrees with none of them: a later count may
    point back at any earlier one of the same thing."""
    if not later.refers_back:
        return None
    candidates = [
        count
        for count in earlier
        if count.span.sent.start != later.span.sent.start and _same_setting(count, later)
    ]
    if not candidates or any(count.allowed.meets(later.allowed) for count in candidates):
        return None
    return candidates[-1]


def _setting(reading: Reading, count: Count) -> str:
    places = {place.id: place.name for place in reading.places}
    parts = [part for part in (count.time, places.get(count.place or "")) if part]
    return f" ({', '.join(parts)})" if parts else ""


def inconsistent_numbers(
    reading: Reading, lexicon: EditingLexicon, currency_words: frozenset[str]
) -> list[Flag]:
    """``currency_words`` are the words that name a currency ("dollars", "euro")."""
    groups: dict[tuple, list[_Counted]] = defaultdict(list)
    for count in reading.counts:
        counted = _comparable(reading, count, lexicon, currency_words)
        if counted is not None:
            groups[(count.count_type, counted.thing, count.source)].append(counted)
    flags = []
    text = reading.text
    for group in groups.values():
        pair = next(
            (
                (earlier, later)
                for index, later in enumerate(group)
                if (earlier := _contradicted(later, group[:index])) is not None
            ),
            None,
        )
        if pair is None:
            continue
        earlier, later = pair
        flags.append(
            Flag(
                kind="number_inconsistent",
                message=(
                    f"“{text[later.count.start : later.count.end]}” ({later.label}"
                    f"{_setting(reading, later.count)}) contradicts "
                    f"“{text[earlier.count.start : earlier.count.end]}” earlier in the article, "
                    "for the same thing, time, place and source: no value fits both"
                ),
                start=later.count.start,
                end=later.count.end,
            )
        )
    return flags
