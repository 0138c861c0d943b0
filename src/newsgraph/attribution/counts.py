"""Counts: numbers that count or measure something in the world, with their qualifier, the thing
counted, its kind, time and place.

Our own code, on spaCy's parse: quantulum3 (0.73 F1 on news quantities) reads units but not what
a number counts nor its qualifier's meaning, and no library types counts as GDELT does. A number
is a count unless it is part of a date or time, an age, an ordinal, a name ("Category 5",
"Flight 610"), a phone number or a bare percentage; "40 percent of voters" is a count.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..dates.resolve import resolve_date
from ..places.precision import most_precise
from ..records import Place
from .lexicon import CountLexicon
from .numbers import NumberPhrase, NumberReader

# Entities whose numbers are part of a name, never a count.
NAME_LABELS = frozenset(
    {"ORG", "PRODUCT", "EVENT", "FAC", "LAW", "WORK_OF_ART", "PERSON", "GPE", "NORP", "LOC"}
)
TIME_UNITS = frozenset(
    {
        "second",
        "minute",
        "hour",
        "day",
        "week",
        "month",
        "year",
        "decade",
        "century",
        "night",
        "weekend",
    }
)
PERSON_TYPES = frozenset({"KILL", "WOUND", "ARREST", "KIDNAP", "AFFECT", "PROTEST"})
PERCENT_WORDS = frozenset({"%", "percent", "per", "pct", "percentage"})
_PHONE_IN_TEXT = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{3,4}[\s.-]\d{3,4}(?:[\s.-]\d{2,4})?(?![\w,])"
    r"|(?<![\w.,])0\d{9,11}(?![\w.,])"
)
MONTHS_AND_DAYS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday today yesterday tomorrow tonight ago spring summer autumn fall winter "
    "morning evening night noon midnight".split()
)
# "0040", "007": digits with a leading zero are codes, not amounts.
_CODE = re.compile(r"^0\d{2,}$")
_FRACTION = re.compile(r"^\d+/\d+$")
_CLOCK = re.compile(r"^\d{1,2}:\d{2}$")
_YEAR = re.compile(r"^(1[5-9]\d\d|2[01]\d\d)s?$")
RANGE_WORDS = frozenset({"to", "-", "–", "and"})
# Prepositions that set a count in time or space ("killed in Sinaloa in 2025"), not "with".
SETTING_PREPOSITIONS = frozenset(
    {
        "in",
        "at",
        "on",
        "across",
        "near",
        "inside",
        "during",
        "throughout",
        "within",
        "outside",
        "around",
        "since",
        "by",
        "over",
        "from",
        "for",
    }
)
# Numbers that are as often the article "one" or a fraction word as a count: taken only when
# what they count is typed ("one person was killed").
ARTICLE_LIKE = frozenset({1.0, 0.5, 0.25})
# Modifiers left out of the thing counted: "70,000 more deaths" counts deaths.
GENERIC_MODIFIERS = frozenset(
    {"more", "other", "additional", "further", "total", "estimated", "confirmed", "new", "least"}
)


@dataclass(frozen=True)
class FoundCount:
    start: int
    end: int
    value: float
    qualifier: str
    object: str | None
    count_type: str
    time: str | None
    place: str | None
    low: float | None = None
    high: float | None = None


class CountFinder:
    def __init__(self, doc: Doc, lexicon: CountLexicon, places: list[Place], reference: str | None):
        self.doc = doc
        self.lexicon = lexicon
        self.numbers = NumberReader(lexicon)
        self.reference = reference
        self.places = places
        self._entity_of = {token.i: entity for entity in doc.ents for token in entity}
        self._dates = [entity for entity in doc.ents if entity.label_ == "DATE"]
        self._phones = [match.span() for match in _PHONE_IN_TEXT.finditer(doc.text)]

    def all(self) -> list[FoundCount]:
        found = []
        for sentence in self.doc.sents:
            found.extend(self._in_sentence(sentence))
        return found

    def _phrases(self, sentence: Span) -> Iterator[NumberPhrase]:
        tokens = list(sentence)
        index = 0
        while index < len(tokens):
            phrase = (
                self.numbers.read(tokens, index)
                if self.numbers.is_number_word(tokens[index])
                else None
            )
            if phrase is None:
                index += 1
                continue
            yield phrase
            index += phrase.end - phrase.start

    def _in_sentence(self, sentence: Span) -> Iterator[FoundCount]:
        phrases = list(self._phrases(sentence))
        skip_next = False
        for position, phrase in enumerate(phrases):
            if skip_next:
                skip_next = False
                continue
            following = phrases[position + 1] if position + 1 < len(phrases) else None
            low = high = None
            end = phrase.end
            if following is not None and self._is_range(phrase, following):
                low, high = self._scaled(phrase, following), following.value
                end = following.end
                skip_next = True
            count = self._count(phrase, end, low, high)
            if count is not None:
                yield count

    def _scaled(self, first: NumberPhrase, second: NumberPhrase) -> float:
        """The low end of a range whose multiplier is written once: "between $5 and $7 billion"."""
        scale = self.lexicon.multipliers.get(self.doc[second.end - 1].lower_)
        if scale and self.doc[first.end - 1].lower_ not in self.lexicon.multipliers:
            return first.value * scale
        return first.value

    def _is_range(self, first: NumberPhrase, second: NumberPhrase) -> bool:
        """ "8 to 10", "8-10", "between 8 and 10"."""
        # "44 mg to 50 mg", "8- to 16-meter", "6% to 11%", "$5 and $7 billion": the unit,
        # hyphen or sign written on both ends is not between them.
        unit = self.doc[second.end].lower_ if second.end < len(self.doc) else ""
        between = [
            token
            for token in self.doc[first.end : second.start]
            if token.lower_ not in PERCENT_WORDS
            and token.text not in self.lexicon.currencies
            and token.lower_ != unit
            and not (token.text == "-" and token.i == first.end)
        ]
        if len(between) != 1 or between[0].text not in RANGE_WORDS:
            return False
        index = first.start - 1
        while index >= 0 and self.doc[index].text in self.lexicon.currencies:
            index -= 1
        before = self.doc[index].lower_ if index >= 0 else ""
        if between[0].text == "and":
            return before == "between"
        # "rose from fourteen to 31" is a change, not a range.
        return second.value > first.value and before != "from"

    def _count(
        self, phrase: NumberPhrase, end: int, low: float | None, high: float | None
    ) -> FoundCount | None:
        first, last = self.doc[phrase.start], self.doc[end - 1]
        if not self._counts_something(phrase, first, last, end):
            return None
        qualifier, start = self._qualifier_before(phrase.start)
        currency, start = self._currency(start, end)
        after_qualifier, end = self._qualifier_after(end)
        if low is not None and high is not None:
            value, qualifier = (low + high) / 2, "~"
        elif phrase.vague:
            value, qualifier = phrase.value, qualifier or "~"
            low = phrase.value
        else:
            value = phrase.value
            qualifier = qualifier or after_qualifier or "="
        head = self._counted_noun(last)
        if currency is None:
            currency = self._currency_after(last)
        percent = self._percent(last)
        if percent is not None:
            end = self._percent_end(last)
        if currency is not None:
            count_type, counted = "MONEY", currency
        else:
            count_type = self._count_type(last, head)
            counted = self._object_text(head, last, count_type)
            if percent is not None:
                counted = f"percent of {counted}" if percent and counted else "percent"
            elif phrase.value in ARTICLE_LIKE and count_type == "OTHER" and first.i == last.i:
                return None
        last_token = self.doc[end - 1]
        return FoundCount(
            start=self.doc[start].idx,
            end=last_token.idx + len(last_token.text.rstrip(".") or last_token.text),
            value=value,
            qualifier=qualifier,
            object=counted,
            count_type=count_type,
            time=self._time(last),
            place=self._place(last),
            low=low,
            high=high,
        )

    def _counts_something(self, phrase: NumberPhrase, first: Token, last: Token, end: int) -> bool:
        text = first.text
        if _CLOCK.match(text) or _CODE.match(text):
            return False
        if _FRACTION.match(text) and first.i == last.i and not self._fraction_of_something(first):
            return False
        following = self.doc[end] if end < len(self.doc) else None
        if following is not None and following.lower_ in self.lexicon.not_count_heads:
            return False
        if following is not None and following.text in {"-", "–"} and end + 1 < len(self.doc):
            if (
                self.doc[end + 1].lower_ in {"year", "years"}
                and end + 3 < len(self.doc)
                and self.doc[end + 3].lower_ == "old"
            ):
                return False
        if first.ent_type_ == "ORDINAL" or re.match(r"^\d+(st|nd|rd|th)$", text, re.IGNORECASE):
            return False
        entity = self._entity_of.get(first.i)
        if entity is not None and entity.label_ in NAME_LABELS:
            return False
        if entity is not None and entity.label_ in {"DATE", "TIME"} and _names_a_time(entity):
            if not self._is_duration(last, entity):
                return False
        if any(start <= first.idx < end for start, end in self._phones):
            return False
        if _YEAR.match(text) and "," not in text and not self._is_duration(last, entity):
            if not (
                last.dep_ == "nummod"
                and last.head.lemma_.lower() not in TIME_UNITS
                and last.head.pos_ == "NOUN"
            ):
                return False
        if self._in_name(first):
            return False
        if self._is_age(first, last):
            return False
        if first.lower_ == "one" and last.dep_ != "nummod" and first.i == last.i:
            return False
        return True

    def _fraction_of_something(self, token: Token) -> bool:
        """ "1/40 of the wavelength", "3/4 of voters": a fraction standing alone counts only as a
        share of something, not as a name ("9/11", "24/7")."""
        following = self.doc[token.i + 1] if token.i + 1 < len(self.doc) else None
        return following is not None and following.lower_ == "of"

    def _is_duration(self, last: Token, entity: Span | None) -> bool:
        """ "444 days", "four years": a length of time, counted; "two days ago" is a date."""
        following = self.doc[last.i + 1] if last.i + 1 < len(self.doc) else None
        if following is not None and following.text == "-" and following.i + 1 < len(self.doc):
            following = self.doc[following.i + 1]
        if following is None or following.lemma_.lower() not in TIME_UNITS:
            return False
        after = self.doc[following.i + 1] if following.i + 1 < len(self.doc) else None
        if after is not None and after.lower_ in {"ago", "old", "later", "earlier", "before"}:
            return False
        return True

    def _in_name(self, first: Token) -> bool:
        """ "Category 5", "Flight 610", "Apollo 11": a capitalised naming word right before;
        "K2-18b", "COVID-19", "F-16": a number hyphened onto a word."""
        if first.i == 0:
            return False
        previous = self.doc[first.i - 1]
        if previous.text == "-" and not previous.whitespace_ and first.i >= 2:
            before = self.doc[first.i - 2]
            if not before.whitespace_ and any(char.isalpha() for char in before.text):
                return True
        return previous.lower_ in self.lexicon.name_heads and (
            previous.text[:1].isupper() or previous.pos_ == "PROPN"
        )

    def _is_age(self, first: Token, last: Token) -> bool:
        words = [token.lower_ for token in self.doc[max(first.i - 3, 0) : first.i]]
        for cue in self.lexicon.age_cues:
            if tuple(words[-len(cue) :]) == cue:
                return True
        previous = self.doc[first.i - 1] if first.i else None
        following = self.doc[last.i + 1] if last.i + 1 < len(self.doc) else None
        after = [token.lower_ for token in self.doc[last.i + 1 : last.i + 3]]
        if after in (["years", "old"], ["year", "old"]):
            return True
        # "Doris Day, 97," and "Another brother, 22, was": a number set off after a person.
        if (
            previous is not None
            and previous.text in {",", "("}
            and first.i >= 2
            and _names_a_person(self.doc[first.i - 2])
        ):
            return following is not None and following.text in {",", ")", "."}
        # "He was 101": a person's "was" with a bare number.
        if last.dep_ in {"attr", "acomp"} and last.head.lemma_ == "be" and first.i == last.i:
            subjects = [child for child in last.head.children if child.dep_ == "nsubj"]
            return bool(subjects) and _names_a_person(subjects[0]) and not _counts_a_noun(last)
        return False

    def _qualifier_before(self, start: int) -> tuple[str | None, int]:
        words = [token.lower_ for token in self.doc[max(start - 5, 0) : start]]
        skipped = 0
        if words and words[-1] in self.lexicon.currencies or (words and words[-1] in {"a", "an"}):
            skipped = 1
        candidates = words[: len(words) - skipped]
        for phrase, qualifier in self.lexicon.qualifiers_before:
            if len(phrase) <= len(candidates) and tuple(candidates[-len(phrase) :]) == phrase:
                return qualifier, start - skipped - len(phrase)
        return None, start

    def _qualifier_after(self, end: int) -> tuple[str | None, int]:
        words = [token.lower_ for token in self.doc[end : end + 3]]
        for phrase, qualifier in self.lexicon.qualifiers_after:
            if tuple(words[: len(phrase)]) == phrase:
                return qualifier, end + len(phrase)
        return None, end

    def _currency(self, start: int, end: int) -> tuple[str | None, int]:
        """A currency sign or code right before the number ("$3 million", "US$ 5")."""
        if start == 0:
            return None, start
        previous = self.doc[start - 1]
        # Only a sign or a code stands before the amount: "won a million" is no Korean won.
        code = None if previous.text.islower() else self.lexicon.currencies.get(previous.text)
        if code is None and start < len(self.doc):
            sign = self.doc[start].text
            code = next(
                (
                    c
                    for symbol, c in self.lexicon.currencies.items()
                    if not symbol.isalpha() and sign.startswith(symbol)
                ),
                None,
            )
            return code, start
        if (
            code is not None
            and start >= 2
            and self.doc[start - 2].text in {"US", "A", "C", "NZ", "HK", "S"}
        ):
            return self.lexicon.currencies.get(
                self.doc[start - 2].text + previous.text, code
            ), start - 2
        return code, (start - 1 if code else start)

    def _currency_after(self, last: Token) -> str | None:
        """ "50,000 euros", "5 million pesos", "10 Canadian dollars"."""
        for token in self.doc[last.i + 1 : last.i + 3]:
            code = self.lexicon.currencies.get(token.lower_) or self.lexicon.currencies.get(
                token.text
            )
            if code is not None and token.text not in {"$", "£", "€"}:
                if code == "USD" and token.i > last.i + 1:
                    return self.lexicon.dollar_countries.get(self.doc[token.i - 1].lower_, code)
                return code
            if token.pos_ not in {"ADJ", "PROPN"}:
                break
        return None

    def _percent_end(self, last: Token) -> int:
        following = self.doc[last.i + 1 : last.i + 3]
        return last.i + (3 if [token.lower_ for token in following] == ["per", "cent"] else 2)

    def _percent(self, last: Token) -> bool | None:
        """True for "40 percent of voters", False for a percentage of nothing named, None for
        no percent."""
        following = self.doc[last.i + 1 : last.i + 4]
        if not len(following) or following[0].lower_ not in PERCENT_WORDS:
            return None
        words = [token.lower_ for token in following]
        of_at = 2 if words[:2] == ["per", "cent"] else 1
        return len(words) > of_at and words[of_at] == "of"

    def _counted_noun(self, last: Token) -> Token | None:
        """The noun a number counts: what it modifies ("70,000 overdose deaths"), or the object of
        its "of" ("dozens of people"), else none."""
        if last.dep_ in {"nummod", "quantmod", "compound", "amod"} and last.head.pos_ in {
            "NOUN",
            "PROPN",
        }:
            head = last.head
            if head.lower_ in PERCENT_WORDS or head.lower_ in {"cent"}:
                return _of_object(head)
            return head
        of_object = _of_object(last)
        if of_object is not None:
            return of_object
        following = self.doc[last.i + 1] if last.i + 1 < len(self.doc) else None
        if following is not None and following.pos_ == "NOUN" and following.head.i != last.i:
            return following
        return None

    def _count_type(self, last: Token, head: Token | None) -> str:
        """The kind of count from the counted noun, what is said of it and the verb above it."""
        # What befell them before what they are: "a dozen protesters were arrested" is ARREST.
        words: list[Token] = []
        if head is not None:
            words.append(head.head)
            words.extend(child for child in head.children if child.dep_ in {"amod", "acl", "relcl"})
        words.extend(self._predicate_words(last))
        words.extend(child for child in last.children if child.dep_ in {"amod", "acl"})
        if last.head.dep_ in {"conj", "xcomp"}:
            words.append(last.head.head)
        if head is not None:
            words.append(head)
            words.extend(child for child in head.children if child.dep_ == "compound")
        for word in words:
            count_type = self.lexicon.count_types.get(
                word.lemma_.lower()
            ) or self.lexicon.count_types.get(word.lower_)
            if count_type is not None:
                return count_type
        return "OTHER"

    @staticmethod
    def _predicate_words(last: Token) -> list[Token]:
        """The words above a number up to its verb ("the death toll rose from fourteen to 31",
        "injuring three more"), and what a copula says of it ("39 are confirmed dead", "mortality
        rates were 49%")."""
        words: list[Token] = []
        current = last
        for _ in range(4):
            if current.head.i == current.i:
                break
            child, current = current, current.head
            words.append(current)
            if current.pos_ in {"VERB", "AUX"}:
                words.extend(
                    grand for grand in current.children if grand.dep_ in {"acomp", "attr", "oprd"}
                )
                if child.dep_ in {"attr", "acomp"}:
                    for subject in current.children:
                        if subject.dep_ == "nsubj":
                            words.append(subject)
                            words.extend(
                                grand for grand in subject.children if grand.dep_ == "compound"
                            )
                break
        return words

    def _object_text(self, head: Token | None, last: Token, count_type: str) -> str | None:
        if head is None:
            return "people" if count_type in PERSON_TYPES else None
        start = head.i
        while start > 0:
            word = self.doc[start - 1]
            if word.head.i != head.i or word.dep_ not in {"compound", "amod"}:
                break
            if word.ent_type_ == "NORP" or word.lower_ in GENERIC_MODIFIERS or word.i == last.i:
                break
            start -= 1
        return self.doc[start : head.i + 1].text

    def _surroundings(self, last: Token) -> set[int]:
        """The tokens that say when and where a count holds: the counted phrase ("70,000 deaths
        in the U.S. in 2025") and the prepositions of the verb it belongs to ("20 people were
        killed in Sinaloa")."""
        anchor = self._counted_noun(last) or last
        tokens = {token.i for token in anchor.subtree} | {token.i for token in last.subtree}
        predicate = anchor
        for _ in range(4):
            if predicate.pos_ in {"VERB", "AUX", "ADJ"} or predicate.head.i == predicate.i:
                break
            predicate = predicate.head
        if predicate.pos_ in {"VERB", "AUX", "ADJ"}:
            for child in predicate.children:
                if (
                    child.dep_ == "prep"
                    and child.lower_ in SETTING_PREPOSITIONS
                    or child.dep_ == "npadvmod"
                ):
                    tokens.update(token.i for token in child.subtree)
        return tokens

    def _time(self, last: Token) -> str | None:
        """The date the count holds for: a DATE entity around it ("in 2025")."""
        around = self._surroundings(last)
        for entity in self._dates:
            if entity.root.i in around and not entity.start <= last.i < entity.end:
                value = resolve_date(entity.text, self.reference)
                if value:
                    return value
        return None

    def _place(self, last: Token) -> str | None:
        """The most precise place named around the count."""
        around = self._surroundings(last)
        starts = {self.doc[index].idx for index in around}
        named = [place for place in self.places for start, _ in place.mentions if start in starts]
        place = most_precise(named)
        return place.id if place else None


PERSON_NOUNS = frozenset(
    {
        "man",
        "woman",
        "boy",
        "girl",
        "brother",
        "sister",
        "son",
        "daughter",
        "father",
        "mother",
        "husband",
        "wife",
        "child",
        "victim",
        "suspect",
        "driver",
        "officer",
        "resident",
        "teenager",
    }
)


def _names_a_person(token: Token) -> bool:
    """A person's name, a personal pronoun or a noun for a person ("Another brother, 22,")."""
    return (
        token.ent_type_ == "PERSON"
        or token.lower_ in {"he", "she", "i"}
        or token.lemma_.lower() in PERSON_NOUNS
        or token.pos_ == "PROPN"
        and token.ent_type_ not in {"ORG", "GPE", "LOC", "NORP", "FAC"}
    )


def _counts_a_noun(number: Token) -> bool:
    following = number.doc[number.i + 1] if number.i + 1 < len(number.doc) else None
    return following is not None and following.pos_ == "NOUN"


def _names_a_time(entity: Span) -> bool:
    """A DATE or TIME entity that names a time ("January 5", "two days", "the 1990s"), not one
    spaCy gave a bare number range ("between 8 and 10")."""
    return any(
        token.lower_ in MONTHS_AND_DAYS
        or token.lemma_.lower() in TIME_UNITS
        or _YEAR.match(token.text)
        or token.text.endswith("s")
        and token.text[:-1].isdigit()
        for token in entity
    )


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    return None
