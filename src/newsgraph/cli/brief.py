"""One article printed for a reader: ``show`` (metadata, text, everything found, removed chrome)
and ``brief`` (who did what to whom, quotes with speakers, sources by type, counts, flags)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from ..analysis.brief import count_line, event_line, sources_by_type
from ..records import ArticleRecord, InputInfo

EVIDENCE_CHARS = 140


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' * (number != 1)}"


def _heading(out: Console, title: str, number: int) -> None:
    out.print()
    out.print(f"[bold]{title} ({number}):[/bold]")


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_header(out: Console, record: ArticleRecord) -> None:
    meta = record.meta
    out.print(f"[bold]{escape(meta.title or '(no title)')}[/bold]")
    out.print(
        f"id {record.id} · {meta.site or 'unknown site'} · {meta.published or 'undated'} · "
        f"{', '.join(meta.authors) or 'no byline'} · language {meta.language or '?'}",
        markup=False,
    )


def print_article(record: ArticleRecord, inputs: list[InputInfo]) -> None:
    """The article as a reader wants it: title, metadata line, where it was read from, notes,
    text, what was found in it, removed chrome."""
    out = Console(highlight=False, soft_wrap=True)
    print_header(out, record)
    for source in inputs:
        where = source.path if source.line is None else f"{source.path}:{source.line}"
        out.print(f"read from {where}" + (f" (id {source.id})" if source.id else ""), markup=False)
    for note in record.notes:
        out.print(f"note: {note}", markup=False)
    out.print()
    out.print(record.text, markup=False)
    if record.actors:
        _heading(out, "actors", len(record.actors))
        for actor in record.actors:
            facts = " ".join(value for value in (actor.country, actor.sector, actor.role) if value)
            out.print(
                f"  {actor.id} {actor.name} [{actor.kind}] {facts or '-'} · "
                f"{_plural(len(actor.mentions), 'mention')}",
                markup=False,
            )
    if record.places:
        _heading(out, "places", len(record.places))
        for place in record.places:
            where = f"{place.lat:.2f}, {place.lon:.2f}" if place.lat is not None else "no point"
            codes = " ".join(code for code in (place.country, place.iso3166_2) if code)
            out.print(
                f"  {place.id} {place.name} [{place.type}] {codes or '-'} · {where} · "
                f"{_plural(len(place.mentions), 'mention')}",
                markup=False,
            )
    if record.events:
        _heading(out, "events", len(record.events))
        for event in record.events:
            out.print(f"  {event.id} {event_line(record, event)}", markup=False)
    print_attribution(out, record)
    if record.removed:
        out.print()
        out.print(f"[dim]removed ({len(record.removed)}):[/dim]")
        for removed in record.removed:
            out.print(f"  [{removed.reason}] {removed.text[:100]}", markup=False, style="dim")


def print_brief(record: ArticleRecord) -> None:
    """The article in short: who did what to whom (with the sentence that says so), quotes with
    their speakers, sources by type, counts, flags and the sourcing profile."""
    out = Console(highlight=False, soft_wrap=True)
    print_header(out, record)
    _heading(out, "who did what to whom", len(record.events))
    for event in record.events:
        out.print(f"  {event_line(record, event)}", markup=False)
        evidence = record.text[event.evidence.start : event.evidence.end]
        out.print(f"      “{_clip(evidence, EVIDENCE_CHARS)}”", markup=False, style="dim")
    print_attribution(out, record)


def print_attribution(out: Console, record: ArticleRecord) -> None:
    """Quotes with their speakers, sources by type, counts, flags and the sourcing profile."""
    if record.quotes:
        _heading(out, "quotes", len(record.quotes))
        for quote in record.quotes:
            who = quote.speaker_text or "unknown speaker"
            cue = f" ({quote.cue})" if quote.cue else ""
            text = _clip(quote.text, 160)
            mark = f"“{text}”" if quote.kind == "direct" else f"(reported) {text}"
            out.print(f"  {quote.id} {who}{cue}: {mark}", markup=False)
    if record.sources:
        _heading(out, "sources", len(record.sources))
        for group in sources_by_type(record):
            out.print(f"  {group.type}: {'; '.join(group.sources)}", markup=False)
    if record.counts:
        _heading(out, "counts", len(record.counts))
        for count in record.counts:
            out.print(f"  {count.id} {count_line(record, count)}", markup=False)
    if record.flags:
        _heading(out, "flags", len(record.flags))
        for flag in record.flags:
            out.print(f"  [{flag.kind}] {flag.message}", markup=False)
    profile = record.sourcing
    if profile.claims:
        by_type = ", ".join(f"{kind} {number}" for kind, number in profile.by_type.items())
        out.print()
        out.print(
            f"[bold]sourcing:[/bold] {profile.claims} claims · {profile.unsourced} in the "
            f"article's own voice" + (f" · {by_type}" if by_type else ""),
        )
