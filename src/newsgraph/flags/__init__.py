"""Flags: what a careful editor would mark in an article. Precision comes first: a wrong flag
costs the reader's trust, so each kind is raised only on evidence that leaves little doubt.

- ``role_outdated``: a title the article gives a known person that they did not hold on the
  article's date ("Foreign Secretary Alicia Bárcena" in 2026; she left that office in 2024).
- ``date_inconsistent``: a time the article places relative to a known term of office that the
  article's own date contradicts ("the early weeks of President Donald Trump's second term" in
  an article of January 2026, a year after the term began).
- ``unsourced_claim``: a claim central to a report, stated in its own voice with no source where a
  careful editor would ask "says who?": a casualty or arrest figure no one is said to have
  counted, an attack laid at someone's door, a government's private intent (:mod:`.unsourced`).
- ``number_inconsistent``: the same thing counted twice with values that cannot both hold
  (:mod:`.contradictions`).
"""

from __future__ import annotations

from ..actors import ActorKnowledge
from ..attribution import load_attribution_lexicon
from ..records import Flag
from .contradictions import inconsistent_numbers
from .lexicon import load_editing_lexicon
from .reading import Reading
from .roles import outdated_roles
from .terms import inconsistent_term_times
from .unsourced import unsourced_claims

__all__ = ["Reading", "find_flags"]


def find_flags(reading: Reading, knowledge: ActorKnowledge) -> list[Flag]:
    """The flags of an article; the dated kinds need its date to the month."""
    lexicon = load_editing_lexicon()
    counts = load_attribution_lexicon().counts
    flags = unsourced_claims(reading, lexicon, {**counts.units, **counts.vague_plurals})
    currency_words = frozenset(word.lower() for word in counts.currencies if word.isalpha())
    flags += inconsistent_numbers(reading, lexicon, currency_words)
    published = reading.published
    if published is not None and len(published) >= 7:
        flags += outdated_roles(reading.text, reading.actors, published, knowledge)
        flags += inconsistent_term_times(reading.text, published, knowledge)
    return sorted(flags, key=lambda flag: flag.start)
