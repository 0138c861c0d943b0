"""Dates: an article's reference date, and its date expressions resolved to ISO 8601.

- :func:`reference_date` — the day an article's relative dates count from (published date,
  dateline, or a report date written in the text).
- :func:`resolve_date` — one expression ("on Wednesday", "last year", "mid-March") as a partial
  ISO date against a reference.
- :func:`resolve_doc_dates` — every DATE entity of a parsed article, resolved in one pass.
"""

from .calendar import Tense
from .mentions import DateMention, resolve_doc_dates, tense_of
from .reference import ReferenceDate, TextDate, full_dates, reference_date
from .resolve import resolve_date

__all__ = [
    "DateMention",
    "ReferenceDate",
    "Tense",
    "TextDate",
    "full_dates",
    "reference_date",
    "resolve_date",
    "resolve_doc_dates",
    "tense_of",
]
