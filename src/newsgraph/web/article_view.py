"""What the article page shows of a record: its metadata (the URL as a link only when it is a
web address), the highlighted text, the cards of every mark, the legend, the sourcing profile
and the removed boilerplate."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from ..records import ArticleRecord
from .cards import SOURCE_TYPE_LABELS, Card, article_cards
from .highlight import MARK_KINDS, MarkKind, Paragraph, article_marks, paragraphs


@dataclass(frozen=True)
class LegendEntry:
    """One kind of mark: its CSS class, name, and what it marks."""

    kind: str
    name: str
    meaning: str
    number: int


_LEGEND = {
    "event": ("Event", "the sentence an event was read from"),
    "quote": ("Quote", "direct or reported speech"),
    "source": ("Source", "who a claim rests on (dashed: anonymous)"),
    "count": ("Count", "a number of people, things or money"),
    "place": ("Place", "a place mention"),
    "flag": ("Flag", "what a careful editor would check"),
}
_SECTION_TITLES: dict[MarkKind, str] = {
    "event": "Events",
    "quote": "Quotes",
    "source": "Sources",
    "count": "Counts",
    "place": "Places",
    "flag": "Flags",
}


@dataclass(frozen=True)
class CardSection:
    kind: MarkKind
    title: str
    cards: list[Card]


@dataclass(frozen=True)
class SourcingLine:
    label: str
    claims: int


@dataclass(frozen=True)
class ArticleView:
    record: ArticleRecord
    link: str | None
    paragraphs: list[Paragraph]
    sections: list[CardSection]
    legend: list[LegendEntry]
    sourcing: list[SourcingLine]


def web_link(url: str | None) -> str | None:
    """``url`` when it is an http or https address with a host; None for anything else (a
    ``javascript:`` or ``data:`` URL is shown as text, never as a link)."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def article_view(record: ArticleRecord) -> ArticleView:
    cards = article_cards(record)
    sourcing = [SourcingLine("in the article's own voice", record.sourcing.unsourced)]
    sourcing += [
        SourcingLine(SOURCE_TYPE_LABELS.get(kind, kind), number)
        for kind, number in sorted(record.sourcing.by_type.items(), key=lambda item: -item[1])
    ]
    return ArticleView(
        record=record,
        link=web_link(record.input.url),
        paragraphs=paragraphs(record.text, article_marks(record)),
        sections=[
            CardSection(kind, _SECTION_TITLES[kind], cards[kind])
            for kind in MARK_KINDS
            if cards[kind]
        ],
        legend=[LegendEntry(kind, *_LEGEND[kind], len(cards[kind])) for kind in MARK_KINDS],
        sourcing=sourcing,
    )
