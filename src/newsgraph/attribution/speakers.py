"""Who is behind a cue: the speaker of "she said", the source of "according to preliminary CDC
estimates", resolved to the article's actors through their mentions.

Our own code: spaCy gives the subject of a verb; which noun phrase is the speaker when the verb has
none ("calling it a violation", "said Smith"), and which actor a pronoun left unresolved by the
actors stage means, are decided here.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..events.arguments import ActorIndex
from ..records import Actor

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
# Clauses whose subject is their governor's: "…, calling it a violation" takes Sheinbaum's.
SUBJECT_SHARING_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "pcomp", "relcl"})
# Parts of a noun phrase left out of a speaker's or source's text.
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "cc", "conj", "appos", "prep"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})
# How far back (characters) a pronoun the actors stage left open looks for its antecedent.
_ANTECEDENT_REACH = 600


@dataclass(frozen=True)
class Speaker:
    """The noun phrase behind a cue: its head token, the phrase's offsets, the actor it names."""

    head: Token
    start: int
    end: int
    actor: Actor | None

    @property
    def text(self) -> str:
        """The actor's name when known (the speaker of "he said" is "Joachim Brudziński"), else
        the phrase as written."""
        if self.actor is not None:
            return self.actor.name
        return self.head.doc.text[self.start : self.end]


class SpeakerFinder:
    """Speakers of the cues of one parsed article."""

    def __init__(self, doc: Doc, actors: list[Actor]):
        self.doc = doc
        self.index = ActorIndex(doc, actors)
        self.actors = {actor.id: actor for actor in actors}
        self._mentions = sorted(
            ((start, actor) for actor in actors for start, _ in actor.mentions),
            key=lambda mention: mention[0],
        )

    def of_verb(self, verb: Token) -> Speaker | None:
        """The subject of ``verb``, or of the clause it belongs to when it has none."""
        current = verb
        for _ in range(4):
            subject = _subject(current)
            if subject is not None:
                if subject.lower_ in {"it", "there"} and subject.dep_ == "nsubjpass":
                    return None
                return self.of_phrase(subject)
            for child in current.children:
                if child.dep_ == "agent":
                    objects = [grand for grand in child.children if grand.dep_ == "pobj"]
                    if objects:
                        return self.of_phrase(objects[0])
            if current.dep_ not in SUBJECT_SHARING_DEPS or current.head is current:
                break
            current = current.head
        return self._inverted_subject(verb)

    def _inverted_subject(self, verb: Token) -> Speaker | None:
        """"…," said Smith: a name right after the verb that spaCy did not make its subject."""
        for token in self.doc[verb.i + 1 : min(verb.i + 4, len(self.doc))]:
            if token.pos_ in {"PROPN", "NOUN"} and token.dep_ in {"dobj", "attr", "npadvmod", "nsubj"}:
                return self.of_phrase(token)
            if token.is_punct:
                break
        return None

    def of_phrase(self, head: Token) -> Speaker:
        tokens = _phrase_tokens(head)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        actor_id = next(
            (self.index.by_token[token.i] for token in [head, *tokens] if token.i in self.index.by_token),
            None,
        )
        actor = self.actors.get(actor_id) if actor_id else None
        if actor is None and head.pos_ == "PRON":
            actor = self._antecedent(head)
        return Speaker(head, start, end, actor)

    def _antecedent(self, pronoun: Token) -> Actor | None:
        """The latest actor mentioned before a pronoun the actors stage did not resolve, of a
        kind the pronoun can stand for."""
        word = pronoun.lower_
        if word in PERSON_PRONOUNS:
            kinds = {"person"}
        elif word in GROUP_PRONOUNS:
            kinds = {"organization", "group", "country"}
        else:
            return None
        for start, actor in reversed(self._mentions):
            if start >= pronoun.idx:
                continue
            if pronoun.idx - start > _ANTECEDENT_REACH:
                break
            if actor.kind in kinds:
                return actor
        return None


def _subject(verb: Token) -> Token | None:
    """The verb's subject; of two ("Mexican Stance: President Claudia Sheinbaum has rejected"),
    the one nearest before the verb, a label before a colon left out."""
    subjects = [
        child
        for child in verb.children
        if child.dep_ in SUBJECT_DEPS
        and child.pos_ != "SCONJ"
        and not (child.i + 1 < len(verb.doc) and verb.doc[child.i + 1].text == ":")
    ]
    before = [subject for subject in subjects if subject.i < verb.i]
    if before:
        return before[-1]
    return subjects[0] if subjects else None


def _phrase_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without its clauses, appositions and conjuncts, keeping the
    "of" phrase of a group ("leaders of the coalition") and what makes a source anonymous
    ("officials speaking on condition of anonymity")."""
    kept = [head]
    for child in head.children:
        if child.dep_ in CLAUSE_DEPS and not _keeps(child):
            continue
        kept.extend(child.subtree)
    kept.sort(key=lambda token: token.i)
    while len(kept) > 1 and (kept[-1].is_punct or kept[-1].dep_ == "cc"):
        kept.pop()
    while len(kept) > 1 and kept[0].is_punct:
        kept.pop(0)
    return kept


def _keeps(child: Token) -> bool:
    if child.dep_ == "prep":
        return child.lower_ in {"of", "from", "at", "with", "for", "in"}
    if child.dep_ == "acl":
        return True
    return False


def sentence_of(doc: Doc, offset: int) -> Span | None:
    """The sentence holding the character at ``offset``."""
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    return span[0].sent if span is not None and len(span) else None
