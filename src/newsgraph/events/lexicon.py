"""The event knowledge of ``data/events/``: PLOVER's ontology, the trigger lexicon, modality cues.

Each file says where its facts come from. Loaded once per process into lookup tables keyed by
lemma, so the coder never scans a list.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

import yaml


@dataclass(frozen=True)
class EventType:
    name: str
    cameo: str
    cameo_by_mode: Mapping[str, str]
    score: float | None
    symmetric: bool
    modes: frozenset[str]
    quad: str

    def cameo_for(self, mode: str | None) -> str:
        return self.cameo_by_mode.get(mode or "", self.cameo)


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry a word matched: the type, mode and contexts it signals."""

    type: str
    mode: str | None
    context: tuple[str, ...]


@dataclass
class EventLexicon:
    types: dict[str, EventType] = field(default_factory=dict)
    verbs: dict[str, list[tuple[str | None, Trigger]]] = field(default_factory=dict)
    nouns: dict[str, Trigger] = field(default_factory=dict)
    light_verbs: dict[tuple[str, str], Trigger] = field(default_factory=dict)
    not_triggers: frozenset[str] = frozenset()
    frames: dict[str, str] = field(default_factory=dict)
    polar_frames: dict[str, dict[str, str]] = field(default_factory=dict)
    intent_conversion: dict[str, str | None] = field(default_factory=dict)
    reported_backshift: dict[str, str] = field(default_factory=dict)
    obligation_cues: frozenset[str] = frozenset()
    ultimatum_markers: frozenset[str] = frozenset()
    readiness_governors: frozenset[str] = frozenset()
    embedded_modes: dict[str, dict[str, str]] = field(default_factory=dict)
    negation: frozenset[str] = frozenset()
    hypothetical_auxiliaries: frozenset[str] = frozenset()
    hypothetical_markers: frozenset[str] = frozenset()
    hypothetical_governors: frozenset[str] = frozenset()
    hypothetical_nouns: frozenset[str] = frozenset()
    future_auxiliaries: frozenset[str] = frozenset()
    future_governors: frozenset[str] = frozenset()
    historical_cues: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    commentator_sectors: frozenset[str] = frozenset()

    def embedded_mode(self, frame: str, act: Trigger) -> str | None:
        """The mode a frame takes from the act it embeds ("COERCE/arrest" before "COERCE")."""
        modes = self.embedded_modes.get(frame, {})
        return modes.get(f"{act.type}/{act.mode}") or modes.get(act.type)

    def polar_type(self, frame: str, act: Trigger) -> str:
        """The type of an intent frame ("vowed to", "ready to") over ``act``: a threat of a
        conflict act, an agreement to a cooperative one."""
        polarity = "conflict" if self.types[act.type].quad.endswith("conflict") else "cooperation"
        return self.polar_frames[frame][polarity]

    def verb(self, lemma: str, particles: frozenset[str]) -> Trigger | None:
        """The entry for a verb lemma, a phrasal entry ("call on") first when its particle is
        there."""
        entries = self.verbs.get(lemma, [])
        for particle, trigger in entries:
            if particle is not None and particle in particles:
                return trigger
        return next((trigger for particle, trigger in entries if particle is None), None)


def _words(values) -> frozenset[str]:
    return frozenset(str(value).lower() for value in values or [])


def _read(name: str) -> dict:
    return yaml.safe_load(files("newsgraph.data").joinpath("events", name).read_text("utf-8"))


@cache
def load_lexicon() -> EventLexicon:
    """The packaged event knowledge, read once per process."""
    ontology, triggers, modality = (
        _read("ontology.yaml"),
        _read("triggers.yaml"),
        _read("modality.yaml"),
    )
    lexicon = EventLexicon()
    for name, entry in ontology["types"].items():
        lexicon.types[name] = EventType(
            name=name,
            cameo=str(entry["cameo"]),
            cameo_by_mode={str(k): str(v) for k, v in (entry.get("cameo_by_mode") or {}).items()},
            score=entry.get("score"),
            symmetric=bool(entry.get("symmetric")),
            modes=frozenset(mode["name"] for mode in entry.get("modes") or []),
            quad=entry["quad"],
        )
    lexicon.embedded_modes = {
        **(ontology.get("embedded_modes") or {}),
        "THREATEN": modality.get("threaten_modes") or {},
    }
    for entry in triggers["triggers"]:
        trigger = Trigger(entry["type"], entry.get("mode"), tuple(entry.get("context") or ()))
        for verb in entry.get("verbs") or []:
            lemma, _, particle = str(verb).lower().replace("_", " ").partition(" ")
            lexicon.verbs.setdefault(lemma, []).append((particle or None, trigger))
        for noun in entry.get("nouns") or []:
            lexicon.nouns.setdefault(str(noun).lower(), trigger)
        for pair in entry.get("light_verbs") or []:
            verb, _, obj = str(pair).lower().rpartition(" ")
            # "call_off strike" is ("call off", "strike"), apart from "call strike"
            lexicon.light_verbs.setdefault((verb.replace("_", " "), obj.split("_")[0]), trigger)
    lexicon.not_triggers = _words(triggers.get("not_triggers"))
    lexicon.frames = {
        str(key).lower().replace("_", " "): value
        for key, value in (modality.get("frames") or {}).items()
    }
    lexicon.polar_frames = {
        str(key).lower(): value for key, value in (modality.get("polar_frames") or {}).items()
    }
    lexicon.intent_conversion = modality.get("intent_conversion") or {}
    lexicon.reported_backshift = modality.get("reported_backshift") or {}
    lexicon.obligation_cues = _words(modality.get("obligation_cues"))
    lexicon.ultimatum_markers = _words(modality.get("ultimatum_markers"))
    lexicon.readiness_governors = _words(modality.get("readiness_governors"))
    hypothetical = modality.get("hypothetical") or {}
    future = modality.get("future") or {}
    lexicon.negation = _words(modality.get("negation"))
    lexicon.hypothetical_auxiliaries = _words(hypothetical.get("auxiliaries"))
    lexicon.hypothetical_markers = _words(hypothetical.get("markers"))
    lexicon.hypothetical_governors = _words(hypothetical.get("governors"))
    lexicon.hypothetical_nouns = _words(hypothetical.get("nouns"))
    lexicon.future_auxiliaries = _words(future.get("auxiliaries"))
    lexicon.future_governors = _words(future.get("governors"))
    lexicon.historical_cues = _words((modality.get("historical") or {}).get("cues"))
    lexicon.reporting_verbs = _words(modality.get("reporting_verbs"))
    lexicon.commentator_sectors = frozenset(modality.get("commentator_sectors") or ())
    return lexicon
