"""In-article coreference: mentions grouped into one actor per real-world entity.

Our own rules, kept simple and cautious (a wrong link is worse than a missing one):
- mentions with the same identity key are one actor (a known person under any alias, a country
  under any of its names, "U.S. officials" and "senior American officials");
- a surname alone joins the earlier person whose name ends with it ("Sheinbaum"), also when the
  model took it for an organisation;
- an apposition joins its head ("Alicia Bárcena, Mexico's foreign secretary");
- "he" and "she" join the nearest person before them, at most two sentences back, whose gender
  is not known to differ; "the president" joins the nearest earlier actor with that role.
Pronouns and role nouns that find no antecedent are left out rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..records import Actor
from .knowledge import ActorKnowledge, phrase_key
from .mentions import Mention

PRONOUN_REACH = 2


@dataclass
class ActorGroup:
    mentions: list[Mention] = field(default_factory=list)

    @property
    def first(self) -> Mention:
        return self.mentions[0]

    def attribute(self, name: str) -> str | None:
        """The first value a named mention gives (the article's own words win), else any."""
        for mention in sorted(self.mentions, key=lambda mention: not mention.named):
            value = getattr(mention, name)
            if value is not None:
                return value
        return None

    @property
    def gender(self) -> str | None:
        return self.attribute("gender")


def _bare_name(mention: Mention) -> bool:
    """A one-word name the model took for an organisation that nothing else knows ("Kosiec
    revealed"): it may be the surname of a person of the article."""
    return (
        mention.kind == "organization"
        and mention.country is None
        and mention.sector is None
        and len(mention.name.split()) == 1
    )


def _surname_match(mention: Mention, group: ActorGroup) -> bool:
    if (mention.kind != "person" and not _bare_name(mention)) or group.first.kind != "person":
        return False
    words = phrase_key(mention.name).split()
    other = phrase_key(group.first.name).split()
    shorter, longer = sorted((words, other), key=len)
    return len(shorter) < len(longer) and longer[-len(shorter) :] == shorter


def group_mentions(mentions: list[Mention], heads: dict[int, int]) -> list[ActorGroup]:
    """Mentions grouped into actors; ``heads`` maps a token to the token it is apposed to."""
    groups: list[ActorGroup] = []
    by_key: dict[tuple, ActorGroup] = {}
    by_head: dict[int, ActorGroup] = {}
    for mention in mentions:
        group = _antecedent(mention, groups, by_key, by_head, heads)
        if group is None:
            if mention.kind in ("pronoun", "anaphor"):
                continue
            group = ActorGroup()
            groups.append(group)
        group.mentions.append(mention)
        if mention.key is not None:
            by_key.setdefault(mention.key, group)
        by_head[mention.head] = group
    return groups


def _antecedent(
    mention: Mention,
    groups: list[ActorGroup],
    by_key: dict[tuple, ActorGroup],
    by_head: dict[int, ActorGroup],
    heads: dict[int, int],
) -> ActorGroup | None:
    apposed = heads.get(mention.head)
    if apposed is not None and apposed in by_head and mention.kind in ("person", "anaphor"):
        target = by_head[apposed]
        if target.first.kind == "person":
            return target
    if mention.key is not None and mention.key in by_key:
        return by_key[mention.key]
    if mention.kind == "person" or _bare_name(mention):
        return next((group for group in groups if _surname_match(mention, group)), None)
    if mention.kind == "pronoun":
        return _nearest(
            groups,
            mention,
            lambda group: group.first.kind == "person" and group.gender in (None, mention.gender),
            reach=PRONOUN_REACH,
        )
    if mention.kind == "anaphor":
        return _nearest(
            groups,
            mention,
            lambda group: any(
                other.role_key is not None and other.role_key.endswith(mention.role_key or "")
                for other in group.mentions
            ),
        )
    return None


def _nearest(groups, mention: Mention, accepts, reach: int | None = None) -> ActorGroup | None:
    best: tuple[int, ActorGroup] | None = None
    for group in groups:
        if not accepts(group):
            continue
        for other in group.mentions:
            if other.start >= mention.start:
                continue
            if reach is not None and mention.sentence - other.sentence > reach:
                continue
            if best is None or other.start > best[0]:
                best = (other.start, group)
    return best[1] if best else None


def actor_records(groups: list[ActorGroup], knowledge: ActorKnowledge) -> list[Actor]:
    """Actor records with ids a1, a2, … in order of first mention."""
    ordered = sorted(groups, key=lambda group: min(mention.start for mention in group.mentions))
    actors = []
    for number, group in enumerate(ordered, start=1):
        first = next((mention for mention in group.mentions if mention.named), group.first)
        kind = first.kind if first.kind in ("person", "organization", "country") else "group"
        spans = sorted({(mention.start, mention.end) for mention in group.mentions})
        actors.append(
            Actor(
                id=f"a{number}",
                name=_display_name(group, first),
                country=group.attribute("country"),
                sector=group.attribute("sector"),
                role=group.attribute("role") if kind == "person" else None,
                kind=kind,
                mentions=spans,
            )
        )
    return actors


def _display_name(group: ActorGroup, first: Mention) -> str:
    if first.person is not None or first.kind in ("country", "organization"):
        return first.name
    if first.kind == "person":
        return max(
            (mention.name for mention in group.mentions if mention.named),
            key=len,
            default=first.name,
        )
    return first.name
