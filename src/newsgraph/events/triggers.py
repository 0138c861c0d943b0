"""Event triggers in a sentence: lexicon verbs, light-verb pairs, nominalisations, and frames.

Our own code over the team's lexicon (no library codes PLOVER). A frame ("threatened to", "urged
… to", "raised the possibility of") turns the act it embeds into the frame's own type: the act
threatened is never coded as done.
"""

from __future__ import annotations

from collections.abc import Callable
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


def _pair(token: Token, lexicon: EventLexicon) -> Trigger | None:
    """The light-verb entry for the verb and its object ("take hostage", "call off a strike"),
    the phrasal verb first."""
    lemma = token.lemma_.lower()
    verbs = [f"{lemma} {particle}" for particle in _particles(token)] + [lemma]
    for verb in verbs:
        for obj in _object_lemmas(token):
            if (verb, obj) in lexicon.light_verbs:
                return lexicon.light_verbs[(verb, obj)]
    # "went on strike", "called for talks": the object of the verb's own preposition
    for prep in token.children:
        if prep.dep_ != "prep":
            continue
        for obj in prep.children:
            key = (f"{lemma} {prep.lower_}", obj.lemma_.lower())
            if obj.dep_ == "pobj" and key in lexicon.light_verbs:
                return lexicon.light_verbs[key]
    return None


def _word_trigger(token: Token, lexicon: EventLexicon) -> Found | None:
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
        # a verb with its object says more than the verb alone ("seize a town", "take hostages");
        # a word that is no event alone ("take", "declare") may be one with its object
        trigger = _pair(token, lexicon)
        if trigger is None and lemma not in lexicon.not_triggers:
            trigger = lexicon.verb(lemma, _particles(token))
        return Found(token, trigger, nominal=False) if trigger else None
    if token.pos_ != "NOUN":
        return None
    for modifier in token.lefts:
        # "hunger strike", "intelligence sharing", "war games": the pair before the noun alone
        if modifier.dep_ in ("compound", "amod", "nmod"):
            for pair in (f"{modifier.lemma_} {lemma}", f"{modifier.lower_} {token.lower_}"):
                if pair.lower() in lexicon.nouns:
                    return Found(token, lexicon.nouns[pair.lower()], nominal=True)
    if lemma in lexicon.nouns:
        return Found(token, lexicon.nouns[lemma], nominal=True)
    return None


def _frame_key(token: Token, table: dict) -> str | None:
    """The key of ``table`` the token matches: "call on", "raise possibility", then its lemma."""
    lemma = token.lemma_.lower()
    for particle in _particles(token):
        if f"{lemma} {particle}" in table:
            return f"{lemma} {particle}"
    for obj in _object_lemmas(token):
        if f"{lemma} {obj}" in table:
            return f"{lemma} {obj}"
    return lemma if lemma in table else None


def _frame_types(token: Token, lexicon: EventLexicon) -> Callable[[Trigger], str] | None:
    """How a frame word types the act it embeds: a fixed type ("threatened to" is THREATEN), or
    one that follows the act's polarity ("vowed to", "ready to", "welcomed")."""
    if token.pos_ in ("VERB", "NOUN", "ADJ"):
        polar = _frame_key(token, lexicon.polar_frames)
        if polar is not None:
            return lambda act: lexicon.polar_type(polar, act)
    if token.pos_ in ("VERB", "NOUN"):
        fixed = _frame_key(token, lexicon.frames)
        if fixed is not None:
            return lambda act: lexicon.frames[fixed]
    return None


def _obligation(token: Token, lexicon: EventLexicon) -> Token | None:
    """The clause a reporting verb reports as an obligation ("said Libya must hand over the
    suspects", "declared that China has to drop barriers"): its verb, else None."""
    if token.pos_ != "VERB" or token.lemma_.lower() not in lexicon.reporting_verbs:
        return None
    for clause in token.children:
        if clause.dep_ != "ccomp":
            continue
        auxiliaries = {child.lower_ for child in clause.children if child.dep_ == "aux"}
        if auxiliaries & lexicon.obligation_cues:
            return clause
        # "has to drop": the reported verb hangs from "has" as its xcomp
        if clause.lemma_ in ("have", "need") and any(
            child.dep_ == "xcomp" for child in clause.children
        ):
            return next(child for child in clause.children if child.dep_ == "xcomp")
    return None


def _infinitive_clause(token: Token) -> bool:
    """ "sworn to fight", which the small model often attaches as an adverbial clause."""
    return token.dep_ == "advcl" and any(
        child.dep_ == "aux" and child.lower_ == "to" and child.i < token.i
        for child in token.children
    )


def _embedded(frame: Token, found: dict[int, Found]) -> list[Found]:
    """The triggers the frame governs, nearest first: its complement verbs, its objects and
    their "of" phrases ("the possibility of drone strikes"), what those coordinate ("to
    re-designate … and to impose sanctions") or qualify ("a move that could trigger sanctions");
    not its adverbial clauses ("after the army attacked")."""
    acts: list[Found] = []
    queue = [
        child
        for child in frame.children
        if child.dep_ in EMBEDDING_DEPS or _infinitive_clause(child)
    ]
    for _ in range(EMBEDDING_DEPTH):
        following = []
        for token in queue:
            act = found.get(token.i)
            # a frame's own object is what it frames ("welcomed … support"), even of its type
            carried = _carried_by_verb(act, found) if act is not None else False
            if act is not None and token.i != frame.i and (token.head.i == frame.i or not carried):
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
        obliged = _obligation(token, lexicon)
        if obliged is not None:
            # what the speaker says another must do is the speaker's demand
            act = found.get(obliged.i) or Found(obliged, Trigger("REQUEST", None, ()), False)
            swallowed.add(obliged.i)
            results.append(Found(token, Trigger("REQUEST", None, act.trigger.context), False, act))
            continue
        frame_type = _frame_types(token, lexicon)
        if frame_type is None:
            continue
        acts = _embedded(token, found)
        if not acts:
            # a frame word with nothing embedded is only its own entry, if it has one
            continue
        own = found.get(token.i)
        for act in acts:
            swallowed.add(act.token.i)
            results.append(
                Found(
                    token,
                    Trigger(
                        frame_type(act.trigger),
                        own.trigger.mode if own else None,
                        act.trigger.context,
                    ),
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
