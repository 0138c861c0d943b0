"""Event triggers in a sentence: lexicon verbs, light-verb pairs, nominalisations, and frames.

Our own code over the team's lexicon (no library codes PLOVER). A frame ("threatened to", "urged
… to", "raised the possibility of") turns the act it embeds into the frame's own type: the act
threatened is never coded as done.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .lexicon import EventLexicon, Trigger

EMBEDDING_DEPS = frozenset(
    {"xcomp", "ccomp", "dobj", "pobj", "prep", "conj", "acl", "relcl", "appos", "dep"}
)
# "raised" > "possibility" > "of" > "forces" > "drone" > "strikes": five steps down
EMBEDDING_DEPTH = 6


@dataclass
class Found:
    """A trigger token and what it signals; ``embedded`` is the act a frame governs."""

    token: Token
    trigger: Trigger
    nominal: bool
    embedded: Found | None = None


def _particles(token: Token) -> frozenset[str]:
    return frozenset(child.lower_ for child in token.children if child.dep_ in ("prt", "prep"))


def _object_lemmas(token: Token) -> list[str]:
    return [child.lemma_.lower() for child in token.children if child.dep_ in ("dobj", "attr")]


def _word_trigger(token: Token, lexicon: EventLexicon) -> Found | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma not in lexicon.not_triggers:
        trigger = lexicon.verb(lemma, _particles(token))
        if trigger is None:
            trigger = next(
                (
                    lexicon.light_verbs[(lemma, obj)]
                    for obj in _object_lemmas(token)
                    if (lemma, obj) in lexicon.light_verbs
                ),
                None,
            )
        return Found(token, trigger, nominal=False) if trigger else None
    if token.pos_ == "NOUN" and lemma in lexicon.nouns:
        return Found(token, lexicon.nouns[lemma], nominal=True)
    return None


def _frame_type(token: Token, lexicon: EventLexicon) -> str | None:
    lemma = token.lemma_.lower()
    if token.pos_ not in ("VERB", "NOUN"):
        return None
    for particle in _particles(token):
        if f"{lemma} {particle}" in lexicon.frames:
            return lexicon.frames[f"{lemma} {particle}"]
    for obj in _object_lemmas(token):
        if f"{lemma} {obj}" in lexicon.frames:
            return lexicon.frames[f"{lemma} {obj}"]
    return lexicon.frames.get(lemma)


def _embedded(frame: Token, found: dict[int, Found]) -> list[Found]:
    """The triggers the frame governs, nearest first: its complement verbs, its objects and
    their "of" phrases ("the possibility of drone strikes"), what those coordinate ("to
    re-designate … and to impose sanctions") or qualify ("a move that could trigger sanctions");
    not its adverbial clauses ("after the army attacked")."""
    acts: list[Found] = []
    queue = [child for child in frame.children if child.dep_ in EMBEDDING_DEPS]
    for _ in range(EMBEDDING_DEPTH):
        following = []
        for token in queue:
            act = found.get(token.i)
            if act is not None and token.i != frame.i and not _carried_by_verb(act, found):
                acts.append(act)
            following.extend(child for child in token.children if child.dep_ in EMBEDDING_DEPS)
        queue = following
    return acts


def find_triggers(sentence: Span, lexicon: EventLexicon) -> list[Found]:
    """The events a sentence signals, frames folded over the acts they embed."""
    found = {
        token.i: hit for token in sentence if (hit := _word_trigger(token, lexicon)) is not None
    }
    swallowed: set[int] = set()
    results: list[Found] = []
    for token in sentence:
        frame_type = _frame_type(token, lexicon)
        if frame_type is None:
            continue
        acts: list[Found | None] = list(_embedded(token, found))
        own = found.get(token.i)
        if not acts and own is None:
            continue
        acts = acts or [None]
        for act in acts:
            if act is not None:
                swallowed.add(act.token.i)
            context = act.trigger.context if act else own.trigger.context
            results.append(
                Found(
                    token,
                    Trigger(frame_type, own.trigger.mode if own else None, context),
                    nominal=token.pos_ == "NOUN",
                    embedded=act,
                )
            )
        swallowed.add(token.i)
    for index, hit in found.items():
        if index in swallowed or _carried_by_verb(hit, found):
            continue
        results.append(hit)
    results.sort(key=lambda hit: hit.token.i)
    return results


def _carried_by_verb(hit: Found, found: dict[int, Found]) -> bool:
    """ "launch an attack": the verb carries the event, the noun is its object."""
    if not hit.nominal:
        return False
    governor = found.get(hit.token.head.i)
    return governor is not None and governor.trigger.type == hit.trigger.type
