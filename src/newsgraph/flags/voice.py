"""Whether a text is its author's own statement (a press release, a readout, a transcript, a
proclamation) rather than a report about others: its title says what kind of statement it is, or
it speaks in the first person outside quotation marks. A statement's claims are its author's, so
none of them is unsourced."""

from __future__ import annotations

import re

from .lexicon import EditingLexicon
from .reading import Reading

_WORDS = re.compile(r"[\w'-]+")


def first_hand(reading: Reading, lexicon: EditingLexicon) -> bool:
    title = [word.lower() for word in _WORDS.findall(reading.title or "")]
    if any(tuple(title[: len(phrase)]) == phrase for phrase in lexicon.first_hand_titles):
        return True
    own = 0
    for token in reading.doc:
        # "US" is the country, not "us"; "I" is the only first-person word written in capitals.
        if token.lower_ not in lexicon.first_person or (token.is_upper and token.text != "I"):
            continue
        if not reading.quoted(token.idx):
            own += 1
            if own >= lexicon.first_person_min:
                return True
    return False
