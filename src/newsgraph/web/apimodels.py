"""What the API answers besides the store's own rows: a page of a listing, a timeline with its
sparkline, a story with its versions, what a POST stored, and an error."""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from ..store.relations import TimelineRow
from ..store.stories import StoryVersionRow

Row = TypeVar("Row")


class Page(BaseModel, Generic[Row]):
    """One page of a listing: its rows, the ``limit`` and ``offset`` that asked for them, and
    the offset of the next page (null on the last one)."""

    items: list[Row]
    limit: int
    offset: int
    next_offset: int | None = Field(
        description="The offset of the next page; null when this page is the last."
    )

    @classmethod
    def of(cls, rows: list[Row], limit: int, offset: int) -> Page[Row]:
        """The page of ``rows`` (read up to ``offset + limit + 1``) from ``offset``."""
        more = len(rows) > offset + limit
        return cls(
            items=rows[offset : offset + limit],
            limit=limit,
            offset=offset,
            next_offset=offset + limit if more else None,
        )


class Timeline(BaseModel):
    """The events between two actors by period (oldest first), with the periods' index
    (the sum of PLOVER scores) drawn as a sparkline and its lowest and highest values."""

    a: str
    b: str
    by: Literal["month", "week"]
    rows: list[TimelineRow]
    sparkline: str
    low: float | None
    high: float | None


class Story(BaseModel):
    """A story (near-duplicate articles) and its versions, earliest published first."""

    story: int
    versions: list[StoryVersionRow]


Outcome = Literal["stored", "duplicate", "failed"]


class IngestedRecord(BaseModel):
    """What became of one posted record: ``line`` is its JSON Lines line (null for a single
    page), ``id`` the article's id (null when nothing could be read), ``reason`` why it
    failed."""

    line: int | None
    id: str | None
    outcome: Outcome
    reason: str | None = None


class IngestReport(BaseModel):
    """What a POST stored, found already stored (duplicates), and could not read, record by
    record in the order posted."""

    stored: int
    duplicate: int
    failed: int
    records: list[IngestedRecord]

    @classmethod
    def of(cls, records: list[IngestedRecord]) -> IngestReport:
        def number(outcome: Outcome) -> int:
            return sum(record.outcome == outcome for record in records)

        return cls(
            stored=number("stored"),
            duplicate=number("duplicate"),
            failed=number("failed"),
            records=records,
        )


class ErrorMessage(BaseModel):
    """An error: what was wrong and, where it helps, what to do."""

    detail: str
