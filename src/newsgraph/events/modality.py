"""PLOVER's auxiliary mode of an event (our ``modality``), read from the words around its trigger.

Our own rules over the cue lists of ``data/events/modality.yaml``, in this precedence: negated
("did not reject"), hypothetical ("could trigger", "if", "the possibility of", "considering"),
future ("will", "plans to"), historical (an event dated before the article's year, or "echoing"),
else asserted.
"""

from __future__ import annotations

from collections.abc import Iterator
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


def _governed_by(token: Token, lemmas: frozenset[str]) -> bool:
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


def read_modality(
    token: Token, lexicon: EventLexicon, event_year: int | None, reference_year: int | None
) -> Modality:
    heads = list(_clause_heads(token))
    children = [child for head in heads for child in head.children]
    if any(
        child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no") for child in children
    ):
        return "negated"
    auxiliaries = {child.lower_ for child in children if child.dep_ in ("aux", "auxpass")}
    markers = {child.lower_ for child in children if child.dep_ == "mark"}
    if (
        auxiliaries & lexicon.hypothetical_auxiliaries
        or markers & lexicon.hypothetical_markers
        or _governed_by(token, lexicon.hypothetical_governors | lexicon.hypothetical_nouns)
    ):
        return "hypothetical"
    if auxiliaries & lexicon.future_auxiliaries or _governed_by(token, lexicon.future_governors):
        return "future"
    if (event_year and reference_year and event_year < reference_year) or _governed_by(
        token, lexicon.historical_cues
    ):
        return "historical"
    return "asserted"
