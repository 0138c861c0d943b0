"""The tables of ``data/events/interchange.yaml``: how PLOVER types, modes, sectors and modalities
are written in CAMEO (the GDELT event table) and in PLOVER's JSON records.

Loaded once per process and checked against ``ontology.yaml``: a CAMEO code whose root is not the
root the ontology gives its type and mode is a mistake in the table, reported at load time rather
than written into thousands of rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml

from newsgraph.events.lexicon import EventType, load_lexicon


class InterchangeError(ValueError):
    """The interchange table contradicts the ontology or leaves something out."""


@dataclass(frozen=True)
class EventCodes:
    """The CAMEO codes of one PLOVER type: its own, and those its modes or contexts refine to."""

    code: str
    modes: Mapping[str, str]
    contexts: Mapping[str, str]

    def code_for(self, mode: str | None, context: list[str]) -> str:
        if mode in self.modes:
            return self.modes[mode]
        return next((self.contexts[name] for name in context if name in self.contexts), self.code)


@dataclass(frozen=True)
class Interchange:
    events: Mapping[str, EventCodes]
    quad_classes: Mapping[int, int]
    actor_types: Mapping[str, str | None]
    non_state_actors: Mapping[str, str]
    special_contexts: Mapping[str, str]
    plover_quad_codes: Mapping[str, int]
    plover_codebook: str
    types: Mapping[str, EventType]

    def event_code(self, event_type: str, mode: str | None, context: list[str]) -> str | None:
        """The CAMEO event code of a PLOVER type, mode and contexts; None for an unknown type."""
        codes = self.events.get(event_type)
        return None if codes is None else codes.code_for(mode, context)

    def quad_class(self, cameo_root: str) -> int:
        return self.quad_classes[int(cameo_root)]


def check_event_codes(name: str, codes: EventCodes, ontology: EventType) -> None:
    """Every code of ``codes`` must sit under the root the ontology gives its type and mode."""
    expected = [(None, codes.code)] + list(codes.modes.items())
    expected += [(None, code) for code in codes.contexts.values()]
    for mode, code in expected:
        root = ontology.cameo_for(mode)
        if not code.startswith(root):
            where = f"{name}/{mode}" if mode else name
            raise InterchangeError(
                f"interchange.yaml: {where} has CAMEO code {code}, but ontology.yaml gives the "
                f"root {root}; correct one of the two"
            )


@cache
def load_interchange() -> Interchange:
    """The packaged interchange tables, read and checked once per process."""
    data = yaml.safe_load(
        files("newsgraph.data").joinpath("events", "interchange.yaml").read_text("utf-8")
    )
    types = load_lexicon().types
    events = {}
    for name, entry in data["event_codes"].items():
        events[name] = EventCodes(
            code=str(entry["code"]),
            modes={str(k): str(v) for k, v in (entry.get("modes") or {}).items()},
            contexts={str(k): str(v) for k, v in (entry.get("contexts") or {}).items()},
        )
        check_event_codes(name, events[name], types[name])
    missing = set(types) - set(events)
    if missing:
        raise InterchangeError(f"interchange.yaml: no CAMEO codes for {', '.join(sorted(missing))}")
    quad_classes = {
        root: int(quad)
        for quad, (low, high) in data["quad_classes"].items()
        for root in range(low, high + 1)
    }
    return Interchange(
        events=events,
        quad_classes=quad_classes,
        actor_types=dict(data["actor_types"]),
        non_state_actors=dict(data["non_state_actors"]),
        special_contexts=dict(data["special_contexts"]),
        plover_quad_codes=dict(data["plover_quad_codes"]),
        plover_codebook=data["plover_codebook"],
        types=types,
    )
