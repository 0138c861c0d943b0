"""Flags: what a careful editor would mark in an article. Precision comes first: a flag is raised
only when the team's dated knowledge contradicts the text outright.

- ``role_outdated``: a title the article gives a known person that they did not hold on the
  article's date ("Foreign Secretary Alicia Bárcena" in 2026; she left that office in 2024).
- ``date_inconsistent``: a time the article places relative to a known term of office that the
  article's own date contradicts ("the early weeks of President Donald Trump's second term" in
  an article of January 2026, a year after the term began).
"""

from __future__ import annotations

from ..actors import ActorKnowledge
from ..records import Actor, Flag
from .roles import outdated_roles
from .terms import inconsistent_term_times

__all__ = ["find_flags"]


def find_flags(
    text: str, actors: list[Actor], published: str | None, knowledge: ActorKnowledge
) -> list[Flag]:
    """The flags of an article dated ``published`` (none without a date to the month)."""
    if published is None or len(published) < 7:
        return []
    flags = outdated_roles(text, actors, published, knowledge)
    flags += inconsistent_term_times(text, published, knowledge)
    return sorted(flags, key=lambda flag: flag.start)
