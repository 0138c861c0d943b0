"""Lines of flattened page text and the surface features the boilerplate filter reads."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .links import link_share, unmark

_URL_OR_PATH = re.compile(r"\b(?:https?://|www\.)\S+|\([^\s()]*/[^\s()]*\)", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)\]]\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:[*+•·▪◦–-]|\d{1,3}[.)])\s+")
_STOPWORDS = frozenset(
    """a about after all also an and any are as at be been before but by can could did do does
    for from had has have he her his how i if in into is it its just more most my no not of on
    one or our out over said she so some than that the their them then there these they this to
    up was we were what when where which while who will with would you your""".split()
)


@dataclass
class Line:
    """One non-blank line of the text being cleaned, and the surface features read from it once
    (lines are many, so nothing is recomputed)."""

    text: str
    plain: str = field(init=False)
    """The line as a reader sees it: link labels without their markers."""
    content: str = field(init=False)
    """The line without list markers and surrounding spaces."""
    link_share: float = field(init=False)
    words: list[str] = field(init=False)
    """The line's words; web addresses are not words."""
    word_count: int = field(init=False)
    stopword_ratio: float = field(init=False)
    ends_sentence: bool = field(init=False)
    key: str = field(init=False)
    """The line folded for spotting repeats: lower case, words only."""

    def __post_init__(self) -> None:
        self.plain = unmark(self.text)
        self.content = _LIST_MARKER.sub("", self.plain).strip()
        self.link_share = link_share(self.text)
        self.words = _WORD.findall(_URL_OR_PATH.sub(" ", self.content))
        self.word_count = len(self.words)
        lowered = [word.lower() for word in self.words]
        self.stopword_ratio = (
            sum(word in _STOPWORDS for word in lowered) / len(lowered) if lowered else 0.0
        )
        self.ends_sentence = bool(_SENTENCE_END.search(self.content))
        self.key = " ".join(lowered)

    def is_prose(self, english: bool = True) -> bool:
        """Reads like running text: enough words, punctuated, and (in English) function words."""
        count = self.word_count
        if count >= 20:
            return not english or self.stopword_ratio >= 0.15
        return count >= 8 and self.ends_sentence and (not english or self.stopword_ratio >= 0.1)


def reads_as_english(lines: list[Line]) -> bool:
    """Whether the longer lines use English function words (the prose test relies on them)."""
    long_lines = [line for line in lines if line.word_count >= 8]
    if not long_lines:
        return True
    return sum(line.stopword_ratio for line in long_lines) / len(long_lines) >= 0.1


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, stripped."""
    return [Line(stripped) for raw in text.splitlines() if (stripped := raw.strip())]
