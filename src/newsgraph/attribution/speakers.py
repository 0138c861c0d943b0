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
# What a body issues and then "reads" or "says": its issuer is the speaker.
ISSUED_NOUNS = frozenset(
    {"statement", "letter", "message", "post", "tweet", "note", "release", "communique", "notice"}
)
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# Where a speaker after its verb sits in spaCy's parse: '"…," said Smith'.
INVERTED_SUBJECT_DEPS = frozenset({"nsubj", "attr", "npadvmod", "appos", "dep", "nsubjpass"})
# Verbs whose object is the one spoken to, never the speaker: "told Reuters".
LISTENER_VERBS = frozenset(
    {
        "tell",
        "ask",
        "inform",
        "brief",
        "advise",
        "assure",
        "reassure",
        "urge",
        "warn",
        "remind",
        "instruct",
        "order",
        "direct",
        "call",
        "thank",
    }
)
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})
# How far (tokens) from a cue its speaker or its quote is looked for.
CUE_REACH = 40
# How far back (characters) a pronoun the actors stage left open looks for its antecedent.
_ANTECEDENT_REACH = 600


@dataclass(frozen=True)
class Speaker:
    """The noun phrase behind a cue: its head token, the phrase's offsets, the actor it names."""

    head: Token
    start: int
    end: int
    actor: Actor | None
    phrase: str

    @property
    def text(self) -> str:
        """The actor's name when known (the speaker of "he said" is "Joachim Brudziński"), else
        the phrase as written."""
        if self.actor is not None:
            return self.actor.name
        return self.phrase


class Sentences:
    """Each token's sentence bounds, computed once: spaCy's ``Token.sent`` walks the sentence on
    every call, which a long transcript with many quotes makes quadratic."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.starts = [0] * len(doc)
        self.ends = [0] * len(doc)
        for sentence in doc.sents:
            for index in range(sentence.start, sentence.end):
                self.starts[index] = sentence.start
                self.ends[index] = sentence.end

    def of(self, token: Token) -> Span:
        return self.doc[self.starts[token.i] : self.ends[token.i]]


class SpeakerFinder:
    """Speakers of the cues of one parsed article."""

    def __init__(self, doc: Doc, actors: list[Actor]):
        self.doc = doc
        # Doc.text joins every token on each access: read it once.
        self.text = doc.text
        self.sentences = Sentences(doc)
        self.quoted = bytearray(len(self.text) + 1)
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
            # "he was told by Emergencies Minister Yevgeny Zinichev": the agent spoke.
            for child in current.children:
                if child.dep_ == "agent":
                    objects = [grand for grand in child.children if grand.dep_ == "pobj"]
                    if objects:
                        return self.of_phrase(objects[0])
            subject = _subject(current)
            if subject is not None and self.quoted[subject.idx]:
                # '"The only conclusion I can reach …," tweeted Ken Gude': the quote is no speaker.
                subject = None
                if not any(
                    child.dep_ in SUBJECT_DEPS and not self.quoted[child.idx]
                    for child in current.children
                ):
                    return self._inverted_subject(current)
            if subject is not None:
                if subject.lower_ in {"it", "there"} and subject.dep_ == "nsubjpass":
                    return None
                if subject.tag_ in RELATIVE_TAGS and current.dep_ == "relcl":
                    return self._issuer(current.head)
                return self.of_phrase(subject)
            if current.dep_ == "pcomp" and current.head.dep_ == "prep":
                # "He continued by noting that …": through the preposition to its verb.
                current = current.head
            if current.dep_ not in SUBJECT_SHARING_DEPS | {"prep"} or current.head.i == current.i:
                break
            if self.quoted[current.head.idx]:
                # '…said the use of currencies "costs Africa $5 billion," further saying': the
                # quote's own clause has no speaker.
                return self._named_before(verb)
            current = current.head
        return self._inverted_subject(verb)

    def _inverted_subject(self, verb: Token) -> Speaker | None:
        """ "…," said Smith: a name right after the verb that spaCy did not make its subject."""
        for child in verb.rights:
            if child.pos_ not in {"PROPN", "NOUN"}:
                continue
            if child.dep_ in INVERTED_SUBJECT_DEPS or (
                child.dep_ == "dobj" and verb.lemma_.lower() not in LISTENER_VERBS
            ):
                return self.of_phrase(child)
        return self._named_before(verb) or self._named_after(verb)

    def _issuer(self, noun: Token) -> Speaker:
        """ "Facebook released a statement which read, …": who issued the statement that speaks;
        else the noun itself ("officials, who said …")."""
        if noun.lemma_.lower() in ISSUED_NOUNS and noun.dep_ in {"dobj", "pobj"}:
            verb = noun.head if noun.dep_ == "dobj" else noun.head.head
            subject = _subject(verb) if verb.pos_ in {"VERB", "AUX"} else None
            if subject is not None:
                return self.of_phrase(subject)
        return self.of_phrase(noun)

    def _named_before(self, verb: Token) -> Speaker | None:
        """A cue the parse gave no subject ("Calling it …, Anna Franowska of …, told Reuters"):
        the nearest person named before it in its sentence."""
        start = max(self.sentences.starts[verb.i], verb.i - CUE_REACH)
        for token in reversed(self.doc[start : verb.i]):
            if self._names_person(token) and not self.quoted[token.idx]:
                return self.of_phrase(token)
        return None

    def _named_after(self, verb: Token) -> Speaker | None:
        """'"…" tweeted Mayor of London Sadiq Khan': the first person named after a cue the parse
        gave neither subject nor object."""
        end = min(self.sentences.ends[verb.i], verb.i + 8)
        for token in self.doc[verb.i + 1 : end]:
            if self._names_person(token) and not self.quoted[token.idx]:
                return self.of_phrase(token)
        return None

    def _names_person(self, token: Token) -> bool:
        actor = self._actor_of(token)
        if token.pos_ != "PROPN":
            return False
        return actor.kind == "person" if actor is not None else token.ent_type_ == "PERSON"

    def of_phrase(self, head: Token) -> Speaker:
        """The speaker a noun phrase names: the actor of its head, else of a name set beside it
        ("University of California, San Diego's chancellor, Pradeep Khosla", "UCL astronomer
        Angelos Tsiaras"), never of a possessive ("His wife Mary")."""
        tokens = _phrase_tokens(head)
        owned = {
            token.i for child in head.children if child.dep_ == "poss" for token in child.subtree
        }
        named = [token for token in tokens if token.i not in owned]
        named += [
            token for child in head.children if child.dep_ == "appos" for token in child.subtree
        ]
        actor = self._actor_of(head)
        if actor is None and head.pos_ == "PROPN":
            named = [token for token in named if token.pos_ == "PROPN"]
        # An actor named by its title alone ("Mayor") gives way to the name beside it.
        if actor is None or actor.kind != "person" or _title_only(actor, head):
            apposed = _apposed_name(head)
            if apposed is not None:
                return self.of_phrase(apposed)
            if head.text[:1].isupper() and head.pos_ in {"PROPN", "NOUN"}:
                # A title before the name: "Mayor of London Sadiq Khan", "US Ambassador Nikki
                # Haley" parsed with the title as head.
                titled = next(
                    (
                        token
                        for token in head.subtree
                        if token.i != head.i
                        and token.i not in owned
                        and token.pos_ == "PROPN"
                        and (found := self._actor_of(token)) is not None
                        and found.kind == "person"
                    ),
                    None,
                )
                if titled is not None:
                    return self.of_phrase(titled)
            person = next(
                (
                    found
                    for token in named
                    if (found := self._actor_of(token)) is not None and found.kind == "person"
                ),
                None,
            )
            actor = (
                person
                or actor
                or next(
                    (found for token in named if (found := self._actor_of(token)) is not None), None
                )
            )
        if head.pos_ == "PRON" and head.lower_ in PERSON_PRONOUNS:
            # A speaker's "he" is most often the subject of the story's last main clause, which
            # the actors stage's nearest-name coreference does not prefer.
            actor = self._antecedent(head) or actor
        elif actor is None and head.pos_ == "PRON":
            actor = self._antecedent(head)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        return Speaker(head, start, end, actor, self.text[start:end])

    def mark_quoted(self, start: int, end: int) -> None:
        """Tell the finder that ``start``..``end`` is quoted: no speaker is looked for inside."""
        self.quoted[start:end] = b"\x01" * (end - start)

    def _actor_of(self, token: Token) -> Actor | None:
        actor_id = self.index.by_token.get(token.i)
        return self.actors.get(actor_id) if actor_id else None

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
        candidates = [
            (start, actor)
            for start, actor in self._mentions
            if start < pronoun.idx
            and pronoun.idx - start <= _ANTECEDENT_REACH
            and actor.kind in kinds
        ]
        if not candidates:
            return None
        # The subject of the sentence before is what a speaker's "he" most often means, its main
        # clause's first ("Mugabe agreed to power-sharing in which Tsvangirai became prime
        # minister. "…," he declared"); then the last main-clause subject before ("John Hutchinson
        # … questioned the findings, saying Caudipteryx might …; he told Science News").
        sentence_start = self.sentences.starts[pronoun.i]
        previous = self.sentences.starts[sentence_start - 1] if sentence_start else 0
        before = self.doc[previous].idx if sentence_start else 0
        recent = [
            (start, actor)
            for start, actor in candidates
            if before <= start < self.doc[sentence_start].idx and self._is_subject(start)
        ]
        recent_main = [(start, actor) for start, actor in recent if self._is_main_subject(start)]
        subjects = [(start, actor) for start, actor in candidates if self._is_main_subject(start)]
        return (recent_main or recent or subjects or candidates)[-1][1]

    def _is_subject(self, offset: int) -> bool:
        token = self._head_at(offset)
        return token is not None and token.dep_ in {"nsubj", "nsubjpass"}

    def last_main_person(self, offset: int) -> Speaker | None:
        """The person who was last the subject of a main clause before ``offset`` (the speaker of
        a first-person quote with no cue: "Tipton looked at the role as … "I was in …"")."""
        for start, actor in reversed(self._mentions):
            if start >= offset:
                continue
            if offset - start > _ANTECEDENT_REACH:
                break
            if actor.kind == "person" and self._is_main_subject(start):
                span = self.doc.char_span(start, start + 1, alignment_mode="expand")
                return Speaker(span[0], start, start, actor, actor.name)
        return None

    def _head_at(self, offset: int) -> Token | None:
        """The head of the noun phrase whose mention starts at ``offset``."""
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None or not len(span):
            return None
        token = span[0]
        while token.dep_ in {"compound", "flat", "amod"} and token.head.i != token.i:
            token = token.head
        return token

    def _is_main_subject(self, offset: int) -> bool:
        token = self._head_at(offset)
        return (
            token is not None and token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT"
        )


def _title_only(actor: Actor, head: Token) -> bool:
    """An actor the actors stage named by a title alone ("Mayor", "US Ambassador")."""
    return (
        actor.name == head.text
        or bool(actor.role)
        and actor.name.lower().endswith(actor.role.lower())
    )


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


def _apposed_name(head: Token) -> Token | None:
    """A name set beside a described speaker, through conjuncts and appositions but not through
    possessives or "of" phrases: "University of California, San Diego's chancellor, Pradeep
    Khosla" gives "Khosla"."""
    for child in head.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN":
            return child
        if child.dep_ in {"conj", "appos"}:
            found = _apposed_name(child)
            if found is not None:
                return found
    return None


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
