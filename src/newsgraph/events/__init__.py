"""PLOVER events: who did what to whom, where, when, and how sure."""

from .coder import code_events
from .lexicon import EventLexicon, load_lexicon

__all__ = ["EventLexicon", "code_events", "load_lexicon"]
