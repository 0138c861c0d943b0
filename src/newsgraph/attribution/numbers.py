"""Numbers as news writes them, read into values: "70,000", "3.5 million", "seventy thousand",
"two hundred and fifty", "2 1/2", "$1.2bn", "a dozen", "tens of thousands".

Our own code: spaCy marks number-like tokens but gives no value; word-number packages cover
words or digits, not the mix of both with multipliers and vague plurals that news uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import CountLexicon

_DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$")
_SUFFIXED = re.compile(r"^(\d+(?:[.,]\d+)?)(k|m|mn|bn|b|tn)$", re.IGNORECASE)
_FRACTION = re.compile(r"^(\d+)/(\d+)$")
FRACTION_WORDS = {
    "halves": 2,
    "thirds": 3,
    "quarters": 4,
    "fourths": 4,
    "fifths": 5,
    "sixths": 6,
    "sevenths": 7,
    "eighths": 8,
    "ninths": 9,
    "tenths": 10,
    "third": 3,
    "quarter": 4,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "eighth": 8,
    "tenth": 10,
}
# Singular fraction words follow only "one" ("one third"); "two third" is no fraction.
SINGULAR_FRACTIONS = frozenset({"third", "quarter", "fourth", "fifth", "sixth", "eighth", "tenth"})


@dataclass(frozen=True)
class NumberPhrase:
    """Tokens ``start``..``end`` (exclusive) read as ``value``; ``vague`` for "dozens", "tens of
    thousands" and the like, which name a lower bound rather than an amount."""

    start: int
    end: int
    value: float
    vague: bool


def digit_value(text: str) -> float | None:
    """The value of a token written in digits ("70,000", "3.5", "1.2bn", "1/40")."""
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    suffixed = _SUFFIXED.match(text)
    if suffixed:
        number = float(suffixed.group(1).replace(",", "."))
        scale = {"k": 1e3, "m": 1e6, "mn": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12}
        return number * scale[suffixed.group(2).lower()]
    fraction = _FRACTION.match(text)
    if fraction and int(fraction.group(2)):
        return int(fraction.group(1)) / int(fraction.group(2))
    return None


def _word_value(word: str, lexicon: CountLexicon) -> float | None:
    return lexicon.units.get(word)


class NumberReader:
    def __init__(self, lexicon: CountLexicon):
        self.lexicon = lexicon

    def is_number_word(self, token: Token) -> bool:
        word = token.lower_
        return (
            digit_value(token.text) is not None
            or word in self.lexicon.units
            or word.rstrip(".") in self.lexicon.multipliers
            or word in self.lexicon.vague_plurals
        )

    def read(self, tokens: list[Token], at: int) -> NumberPhrase | None:
        """The number phrase starting at ``tokens[at]``, if one does."""
        doc_start = tokens[at].i
        vague = self._vague(tokens, at)
        if vague is not None:
            return vague
        total = 0.0
        current: float | None = None
        index = at
        last = at
        if (
            tokens[at].lower_ in self.lexicon.multipliers
            and at > 0
            and tokens[at - 1].lower_ in {"a", "an"}
        ):
            # "a hundred and two", "a million people"
            current, doc_start = 1.0, tokens[at - 1].i
        while index < len(tokens):
            token = tokens[index]
            # "£3.5m." at a sentence's end is tokenized with its full stop.
            word = token.lower_.rstrip(".") if token.lower_ != "." else token.lower_
            digits = digit_value(token.text)
            if digits is not None and current is None and total == 0:
                current = digits
                if (
                    index + 1 < len(tokens)
                    and _FRACTION.match(tokens[index + 1].text)
                    and digits == int(digits)
                ):
                    current += digit_value(tokens[index + 1].text) or 0
                    index += 1
            elif word in self.lexicon.units and (
                current is None
                or current < 100
                and current % 10 == 0
                and self.lexicon.units[word] < 10
                or current >= 100
                and current % 100 == 0
            ):
                if word in {"half", "quarter"} and current is not None:
                    break
                current = (current or 0) + self.lexicon.units[word]
            elif (
                word in self.lexicon.multipliers
                and current is not None
                and self._multiplies(tokens, index)
            ):
                scale = self.lexicon.multipliers[word]
                if scale == 100:
                    current *= scale
                else:
                    total += current * scale
                    current = None
            elif (
                word in {"and", "-"}
                and current is not None
                and index + 1 < len(tokens)
                and tokens[index + 1].lower_ in self.lexicon.units
                and digit_value(tokens[index - 1].text) is None
            ):
                index += 1
                continue
            else:
                break
            last = index
            index += 1
        if last == at and current is None and total == 0:
            return None
        if current is not None:
            current, last = self._fraction(tokens, last, current)
        value = total + (current or 0)
        if value == 0 and tokens[at].lower_ != "zero" and tokens[at].text != "0":
            return None
        return NumberPhrase(doc_start, tokens[last].i + 1, value, False)

    @staticmethod
    def _fraction(tokens: list[Token], last: int, current: float) -> tuple[float, int]:
        """ "two thirds", "three quarters", "two and a half": the fraction a number word opens."""
        following = [token.lower_ for token in tokens[last + 1 : last + 4]]
        if (
            following[:1]
            and following[0] in FRACTION_WORDS
            and (current > 1 or following[0] in SINGULAR_FRACTIONS)
        ):
            return current / FRACTION_WORDS[following[0]], last + 1
        if following == ["and", "a", "half"]:
            return current + 0.5, last + 3
        return current, last

    @staticmethod
    def _multiplies(tokens: list[Token], index: int) -> bool:
        """Whether a multiplier word scales the number before it: "million" always, an
        abbreviation ("5m", "1.2 bn") only written against it and not as a unit ("8 m/s")."""
        token = tokens[index]
        if token.lower_ not in {"k", "m", "mn", "b", "bn", "tn"}:
            return True
        attached = not tokens[index - 1].whitespace_
        following = tokens[index + 1].text if index + 1 < len(tokens) else ""
        # "€10M" is ten million euros; a bare "10 M" may be metres.
        priced = (
            index >= 2
            and not tokens[index - 2].whitespace_
            and not tokens[index - 2].text.isalnum()
        )
        return attached and following != "/" and (token.text not in {"M", "B", "K"} or priced)

    def _vague(self, tokens: list[Token], at: int) -> NumberPhrase | None:
        """ "dozens", "hundreds of thousands", "tens of millions": the product of the plurals."""
        word = tokens[at].lower_
        if word not in self.lexicon.vague_plurals:
            return None
        value = self.lexicon.vague_plurals[word]
        last = at
        if (
            at + 2 < len(tokens)
            and tokens[at + 1].lower_ == "of"
            and tokens[at + 2].lower_ in self.lexicon.vague_plurals
            and self.lexicon.vague_plurals[tokens[at + 2].lower_] > value
        ):
            value *= self.lexicon.vague_plurals[tokens[at + 2].lower_]
            last = at + 2
        return NumberPhrase(tokens[at].i, tokens[last].i + 1, value, True)
