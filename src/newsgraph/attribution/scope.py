"""Which source covers a stretch of text, and the article's sourcing profile."""

from __future__ import annotations

from collections import Counter

from ..records import Source, SourcingProfile
from .sources import Claim


def source_at(claims: list[Claim], offset: int) -> str | None:
    """The source of the narrowest claim holding the character at ``offset``; None when the
    article says it in its own voice."""
    holding = [claim for claim in claims if claim.start <= offset < claim.end]
    if not holding:
        return None
    return min(holding, key=lambda claim: claim.end - claim.start).source


def profile(sources: list[Source], claim_sources: list[str | None]) -> SourcingProfile:
    """How many claims rest on each source type; claims with no source are the article's own."""
    types = {source.id: source.type for source in sources}
    by_type = Counter(types[source] for source in claim_sources if source is not None)
    return SourcingProfile(
        claims=len(claim_sources),
        unsourced=sum(source is None for source in claim_sources),
        by_type=dict(sorted(by_type.items())),
    )
