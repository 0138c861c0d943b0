"""The article record of ``shared/spec/output.md``: newsgraph's output contract as typed models.

Every stage fills its part of :class:`ArticleRecord`; the CLI, the store and ``newsgraph schema``
all read these models, so the JSON Schema is generated from here and nowhere else.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_NAME = "newsgraph.article/1"

InputFormat = Literal["text", "html", "jsonl", "parquet", "warc"]
RemovedReason = Literal[
    "promo", "byline", "contact", "comments", "navigation", "share", "duplicate", "other"
]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InputInfo(Record):
    """Where the article came from: the file, the line of a JSON Lines file, the record's own id."""

    path: str
    format: InputFormat
    url: str | None = None
    id: str | None = Field(default=None, description="The input record's own id (JSON Lines).")
    line: int | None = Field(
        default=None,
        description="1-based line of a JSON Lines input, 1-based row of a Parquet input, or "
        "byte offset of a WARC record.",
    )


class Meta(Record):
    title: str | None = None
    authors: list[str] = Field(default_factory=list)
    published: str | None = Field(default=None, description="ISO 8601 date, may be partial.")
    site: str | None = None
    language: str | None = Field(default=None, description="ISO 639-1 code of the body text.")


class RemovedText(Record):
    """A piece of the input left out of ``text``, with the reason it was judged boilerplate."""

    text: str
    reason: RemovedReason


class Actor(Record):
    id: str
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    kind: Literal["person", "organization", "country", "group"]
    mentions: list[tuple[int, int]] = Field(default_factory=list)


class Place(Record):
    id: str
    name: str
    type: Literal["country", "admin1", "city", "region", "other"]
    country: str | None = None
    iso3166_2: str | None = None
    lat: float | None = None
    lon: float | None = None
    mentions: list[tuple[int, int]] = Field(default_factory=list)


class Source(Record):
    id: str
    text: str
    type: Literal["named_person", "named_org", "document", "anonymous", "unnamed", "media"]
    anonymity_reason: bool = False
    actor: str | None = None
    start: int
    end: int


class Evidence(Record):
    """The sentence an event was read from, and the word that signals it inside."""

    start: int
    end: int
    text: str
    trigger: tuple[int, int] | None = Field(
        default=None, description="Offsets of the event's trigger word in the article text."
    )


class Event(Record):
    id: str
    type: str
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    actor: list[str] = Field(default_factory=list)
    recipient: list[str] = Field(default_factory=list)
    place: str | None = None
    date: str | None = None
    modality: Literal["asserted", "hypothetical", "future", "historical", "negated"]
    source: str | None = None
    cameo: str | None = None
    score: float | None = None
    evidence: Evidence


class Quote(Record):
    id: str
    kind: Literal["direct", "indirect"]
    text: str
    start: int
    end: int
    speaker: str | None = None
    speaker_text: str | None = None
    cue: str | None = None


class Count(Record):
    id: str
    value: float
    qualifier: Literal["=", "~", ">", "<", ">=", "<="]
    object: str | None = None
    count_type: Literal[
        "KILL", "WOUND", "ARREST", "KIDNAP", "SEIZE", "AFFECT", "PROTEST", "MONEY", "OTHER"
    ]
    time: str | None = None
    place: str | None = None
    source: str | None = None
    start: int
    end: int
    low: float | None = Field(default=None, description="Lower bound of a range or vague count.")
    high: float | None = Field(default=None, description="Upper bound of a range.")


class SourcingProfile(Record):
    """How many of the article's claims (events, quotes, counts) rest on each type of source,
    and how many the article makes in its own voice."""

    claims: int = 0
    unsourced: int = 0
    by_type: dict[str, int] = Field(default_factory=dict)


class Flag(Record):
    kind: str
    message: str
    start: int
    end: int


class ArticleRecord(Record):
    """One article, as ``newsgraph extract`` prints it and the store keeps it."""

    schema_: Literal["newsgraph.article/1"] = Field(default=SCHEMA_NAME, alias="schema")
    id: str = Field(
        description="Content hash of the input: the same input always gives the same id."
    )
    input: InputInfo
    meta: Meta
    text: str
    removed: list[RemovedText] = Field(default_factory=list)
    notes: list[str] = Field(
        default_factory=list, description="Why a stage skipped this article (e.g. not English)."
    )
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    counts: list[Count] = Field(default_factory=list)
    sourcing: SourcingProfile = Field(default_factory=SourcingProfile)
    flags: list[Flag] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        return self.model_dump_json(by_alias=True)


def record_json_schema() -> dict:
    """The JSON Schema of :class:`ArticleRecord`, as ``newsgraph schema`` prints it."""
    schema = ArticleRecord.model_json_schema(by_alias=True)
    schema["$id"] = SCHEMA_NAME
    return schema
