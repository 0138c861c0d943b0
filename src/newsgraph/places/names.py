"""The lookup form of place names, shared by the gazetteer builder and the resolver.

A name and the tokens of a mention must fold to the same key: accents and case folded, curly
quotes straightened, hyphens and commas turned into spaces (spaCy splits "Guinea-Bissau" into
three tokens), a leading "the" dropped. Dots stay, so "Ga." (Georgia, in "Atlanta, Ga.") and "Ga"
are different keys, and "U.S." is listed next to "US" in the alias table.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "-": " ", "‐": " ", "–": " ", ",": " "})


@lru_cache(maxsize=65536)
def word_key(text: str) -> str:
    """``text`` with accents and case folded and separators turned to spaces (may be empty)."""
    if text.isascii():
        folded = text.casefold()
    else:
        decomposed = unicodedata.normalize("NFKD", text)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
    return " ".join(folded.translate(_QUOTES).split())


def name_key(text: str) -> str:
    """The lookup key of a whole name: :func:`word_key`, then a leading "the" dropped."""
    key = word_key(text)
    if key.startswith("the "):
        key = key[4:]
    return key


def join_keys(keys: list[str], spaces: list[bool]) -> str:
    """The key of a run of tokens from their :func:`word_key` forms and whether each is followed
    by a space: "People" + "'s" joins to "people's", "Guinea" + "-" + "Bissau" to "guinea bissau"."""
    parts = []
    for key, space in zip(keys, spaces, strict=True):
        parts.append(key + " " if space else key or " ")
    words = "".join(parts).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)
