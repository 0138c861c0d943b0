"""PLOVER's auxiliary mode of an event (our ``modality``), read from the words around its trigger.

Our own rules over the cue lists of ``data/events/modality.yaml``, in this precedence: negated
("did not reject"), hypothetical ("could trigger", "if", "the possibility of", "considering"),
future ("will", "plans to"), historical (an event dated before the article's year, or "echoing"),
else asserted.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import Literal

from spacy.tokens import Token

from .lexicon import EventLexicon

Modality = Literal["asserted", "hypothetical", "future", "historical", "negated"]
CLAUSE_LINKS = frozenset({"xcomp", "ccomp", "advcl", "conj", "relcl", "acl", "pcomp"})


def _clause_heads(token: Token) -> Iterator[Token]:
    """The trigger, then the verbs and nouns it hangs from, up to the clause that holds it."""
    yield token
    current = token
    for _ in range(4):
        if current.dep_ in ("dobj", "pobj", "prep", "nsubjpass", "attr", "compound", "amod"):
            current = current.head
        elif current.dep_ in CLAUSE_LINKS and current.dep_ in ("xcomp", "pcomp"):
            current = current.head
        else:
            return
        yield current


def governed_by(token: Token, lemmas: frozenset[str]) -> bool:
    """Whether an embedding verb or noun above ``token`` is one of ``lemmas``."""
    current = token
    for _ in range(4):
        if current.head.i == current.i:
            return False
        if current.dep_ not in ("xcomp", "pobj", "prep", "dobj", "ccomp", "pcomp", "advcl"):
            return False
        current = current.head
        if current.lemma_.lower() in lemmas:
            return True
    return False


def _reported(heads: list[Token], lexicon: EventLexicon) -> bool:
    """Whether the trigger's clause is reported speech ("said it would allow inspectors")."""
    return any(
        head.dep_ == "ccomp" and head.head.lemma_.lower() in lexicon.reporting_verbs
        for head in heads
    )


def read_modality(
    token: Token,
    lexicon: EventLexicon,
    event_year: int | None,
    reference_year: int | None,
    *,
    verbal: bool = False,
) -> Modality:
    """The modality of the event whose trigger is ``token``. A ``verbal`` event (a threat, an
    offer, a demand) is made even when what it says is conditional: "threatened to ban voting if
    Hamas ran" is an asserted threat, so condition markers do not make it hypothetical."""
    heads = list(_clause_heads(token))
    children = [child for head in heads for child in head.children]
    if any(
        child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no") for child in children
    ):
        return "negated"
    auxiliaries = {child.lower_ for child in children if child.dep_ in ("aux", "auxpass")}
    markers = {child.lower_ for child in children if child.dep_ == "mark"}
    conditional = bool(markers & lexicon.hypothetical_markers) and not verbal
    if _reported(heads, lexicon) and not conditional:
        # reported speech shifts "will" to "would": "said it would allow" is its plan
        shifted = {lexicon.reported_backshift.get(aux) for aux in auxiliaries}
        if "hypothetical" in shifted:
            return "hypothetical"
        if "future" in shifted:
            return "future"
    if (
        auxiliaries & lexicon.hypothetical_auxiliaries
        or conditional
        or governed_by(token, lexicon.hypothetical_governors | lexicon.hypothetical_nouns)
    ):
        return "hypothetical"
    if auxiliaries & lexicon.future_auxiliaries or governed_by(token, lexicon.future_governors):
        return "future"
    if (event_year and reference_year and event_year < reference_year) or governed_by(
        token, lexicon.historical_cues
    ):
        return "historical"
    return "asserted"


def conditions(heads: Iterable[Token], markers: Collection[str]) -> Iterator[Token]:
    """The adverbial clauses on ``heads`` opened by one of ``markers`` ("unless Mexico cracked
    down")."""
    for head in heads:
        for clause in head.children:
            if clause.dep_ == "advcl" and any(
                mark.dep_ == "mark" and mark.lower_ in markers for mark in clause.children
            ):
                yield clause


def is_ultimatum(token: Token, lexicon: EventLexicon) -> bool:
    """Whether the act is announced on a condition the other side must meet ("will withdraw its
    force unless the president arranges a ceasefire"): an ultimatum, PLOVER's THREATEN."""
    return any(conditions(_clause_heads(token), lexicon.ultimatum_markers))
