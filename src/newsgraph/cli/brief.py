"""One article printed for a reader: metadata, text, what was found in it, removed chrome."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from ..records import ArticleRecord, InputInfo


def print_article(record: ArticleRecord, inputs: list[InputInfo]) -> None:
    """The article as a reader wants it: title, metadata line, where it was read from, notes,
    text, removed chrome."""
    meta = record.meta
    out = Console(highlight=False, soft_wrap=True)
    out.print(f"[bold]{escape(meta.title or '(no title)')}[/bold]")
    out.print(
        f"id {record.id} · {meta.site or 'unknown site'} · {meta.published or 'undated'} · "
        f"{', '.join(meta.authors) or 'no byline'} · language {meta.language or '?'}",
        markup=False,
    )
    for source in inputs:
        where = source.path if source.line is None else f"{source.path}:{source.line}"
        out.print(f"read from {where}" + (f" (id {source.id})" if source.id else ""), markup=False)
    for note in record.notes:
        out.print(f"note: {note}", markup=False)
    out.print()
    out.print(record.text, markup=False)
    if record.actors:
        out.print()
        out.print(f"[bold]actors ({len(record.actors)}):[/bold]")
        for actor in record.actors:
            facts = " ".join(value for value in (actor.country, actor.sector, actor.role) if value)
            out.print(
                f"  {actor.id} {actor.name} [{actor.kind}] {facts or '-'} · "
                f"{len(actor.mentions)} mention{'s' * (len(actor.mentions) != 1)}",
                markup=False,
            )
    if record.places:
        out.print()
        out.print(f"[bold]places ({len(record.places)}):[/bold]")
        for place in record.places:
            where = f"{place.lat:.2f}, {place.lon:.2f}" if place.lat is not None else "no point"
            codes = " ".join(code for code in (place.country, place.iso3166_2) if code)
            out.print(
                f"  {place.id} {place.name} [{place.type}] {codes or '-'} · {where} · "
                f"{len(place.mentions)} mention{'s' * (len(place.mentions) != 1)}",
                markup=False,
            )
    if record.events:
        names = {actor.id: actor.name for actor in record.actors}
        places = {place.id: place.name for place in record.places}
        out.print()
        out.print(f"[bold]events ({len(record.events)}):[/bold]")
        for event in record.events:
            kind = f"{event.type}/{event.mode}" if event.mode else event.type
            sides = " → ".join(
                ", ".join(names.get(actor_id, actor_id) for actor_id in side) or "?"
                for side in (event.actor, event.recipient)
            )
            where = f" · {places.get(event.place, event.place)}" if event.place else ""
            source = f" · per {event.source}" if event.source else ""
            out.print(
                f"  {event.id} {kind} [{event.modality}] {sides} · {event.date or 'undated'}"
                f"{where}{source}",
                markup=False,
            )
    print_attribution(out, record)
    if record.removed:
        out.print()
        out.print(f"[dim]removed ({len(record.removed)}):[/dim]")
        for removed in record.removed:
            out.print(f"  [{removed.reason}] {removed.text[:100]}", markup=False, style="dim")


def print_attribution(out: Console, record: ArticleRecord) -> None:
    """Quotes with their speakers, sources by type, counts and the sourcing profile."""
    if record.quotes:
        out.print()
        out.print(f"[bold]quotes ({len(record.quotes)}):[/bold]")
        for quote in record.quotes:
            who = quote.speaker_text or "unknown speaker"
            cue = f" ({quote.cue})" if quote.cue else ""
            text = quote.text if len(quote.text) <= 160 else quote.text[:157] + "…"
            mark = f"“{text}”" if quote.kind == "direct" else f"(reported) {text}"
            out.print(f"  {quote.id} {who}{cue}: {mark}", markup=False)
    if record.sources:
        out.print()
        out.print(f"[bold]sources ({len(record.sources)}):[/bold]")
        for source in record.sources:
            reason = " · reason for anonymity given" if source.anonymity_reason else ""
            out.print(f"  {source.id} [{source.type}] {source.text}{reason}", markup=False)
    if record.counts:
        places = {place.id: place.name for place in record.places}
        out.print()
        out.print(f"[bold]counts ({len(record.counts)}):[/bold]")
        for count in record.counts:
            qualifier = "" if count.qualifier == "=" else count.qualifier
            facts = [
                f"{count.time}" if count.time else "",
                places.get(count.place, "") if count.place else "",
                f"per {count.source}" if count.source else "",
            ]
            details = " · ".join(fact for fact in facts if fact)
            out.print(
                f"  {count.id} {count.count_type} {qualifier}{count.value:,g} "
                f"{count.object or ''}{' · ' + details if details else ''}",
                markup=False,
            )
    if record.flags:
        out.print()
        out.print(f"[bold]flags ({len(record.flags)}):[/bold]")
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
