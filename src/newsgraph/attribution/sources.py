"""Sources: who the article's claims rest on, each typed, with the stretch of text it covers.

Our own code (no library types news sources): a source is the speaker of a quote, the object of
"according to", or the one who "reported" (an outlet, "Key developments reported by U.S. media
outlets"). Its type comes from the phrase: a document's head noun ("preliminary CDC estimates"),
an outlet, a named person or organisation among the article's actors, an unnamed source marked
anonymous (with or without the reason granted), or a described group ("analysts").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import Source
from .lexicon import CueLexicon
from .quotes import FoundQuote
from .speakers import Speaker, SpeakerFinder

PERSON_SUFFIXES = ("er", "or", "ist", "ian", "ant", "ent", "ee", "ess")
REPORT_LEMMAS = frozenset({"report", "cite", "publish", "broadcast"})
_LABEL = re.compile(r"^\s*[A-Z][^.:!?\n]{0,40}:\s")
_MAX_LABEL_WORDS = 5


@dataclass(frozen=True)
class Claim:
    """What one source covers: the characters ``start``..``end`` of the text."""

    start: int
    end: int
    source: str


@dataclass(frozen=True)
class Sourcing:
    sources: list[Source]
    claims: list[Claim]


@dataclass(frozen=True)
class _Mention:
    speaker: Speaker
    cue: Token | None
    start: int
    end: int


class SourceFinder:
    def __init__(self, doc: Doc, speakers: SpeakerFinder, cues: CueLexicon):
        self.doc = doc
        self.speakers = speakers
        self.text = speakers.text
        self.cues = cues

    def find(self, quotes: list[FoundQuote]) -> Sourcing:
        mentions = [
            _Mention(quote.speaker, quote.cue, quote.start, quote.end)
            for quote in quotes
            if quote.speaker is not None
        ]
        covered = {
            (mention.speaker.start, mention.cue.i if mention.cue else -1) for mention in mentions
        }
        for mention in self._reports():
            if (mention.speaker.start, mention.cue.i if mention.cue else -1) not in covered:
                mentions.append(mention)
        sources: dict[str, Source] = {}
        claims = []
        for mention in sorted(mentions, key=lambda found: found.speaker.start):
            typed = self._typed(mention)
            if typed is None:
                continue
            key = self._key(mention.speaker)
            known = sources.get(key)
            if known is None:
                sources[key] = typed.model_copy(update={"id": f"s{len(sources) + 1}"})
            elif len(typed.text) > len(known.text) and typed.type == known.type:
                sources[key] = typed.model_copy(update={"id": known.id})
            claims.append(Claim(mention.start, mention.end, sources[key].id))
        return Sourcing(list(sources.values()), claims)

    def _key(self, speaker: Speaker) -> str:
        if speaker.actor is not None:
            return speaker.actor.id
        return speaker.head.lemma_.lower() + ":" + self.text[speaker.start : speaker.end].lower()

    def _reports(self) -> list[_Mention]:
        """ "U.S. media outlets reported …", "reported by The Guardian", "according to X" with no
        clause of its own: the sentence (or the list the report introduces) is the claim."""
        found = []
        for token in self.doc:
            if token.lemma_.lower() in self.cues.assessment_verbs and token.pos_ == "VERB":
                found.extend(self._assessment(token))
                continue
            is_report = token.lemma_.lower() in REPORT_LEMMAS and token.pos_ == "VERB"
            if not is_report and not (token.dep_ == "prep" and self.cues.opens_according_to(token)):
                continue
            if is_report:
                speaker = (
                    self.speakers.of_verb(token)
                    if token.tag_ != "VBN" or token.dep_ != "acl"
                    else self._agent(token)
                )
            else:
                objects = [child for child in token.subtree if child.dep_ == "pobj"]
                speaker = self.speakers.of_phrase(objects[0]) if objects else None
            if speaker is None:
                continue
            start, end = self._coverage(token)
            found.append(_Mention(speaker, token, start, end))
        return found

    def _assessment(self, verb: Token) -> list[_Mention]:
        """ "analysts warning of potential diplomatic fallout": a described or named subject is
        the source of the assessment its verb's complements make."""
        complements = [
            child for child in verb.children if child.dep_ in {"prep", "dobj", "ccomp", "xcomp"}
        ]
        subject = next((child for child in verb.children if child.dep_ == "nsubj"), None)
        if not complements or subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
            return []
        tokens = [token for child in complements for token in child.subtree]
        start = min(token.idx for token in tokens)
        end = max(token.idx + len(token) for token in tokens)
        return [_Mention(self.speakers.of_phrase(subject), verb, start, end)]

    def _agent(self, verb: Token) -> Speaker | None:
        for child in verb.children:
            if child.dep_ == "agent":
                for grand in child.children:
                    if grand.dep_ == "pobj":
                        return self.speakers.of_phrase(grand)
        return None

    def _coverage(self, cue: Token) -> tuple[int, int]:
        """The sentence of a report; for a report that leads a list ("Key developments reported
        by U.S. media outlets: …"), the rest of its paragraph and the labelled paragraphs after."""
        sentence = self.speakers.sentences.of(cue)
        text = self.text
        colon = text.find(":", cue.idx, sentence.end_char)
        if colon == -1:
            return sentence.start_char, sentence.end_char
        end = text.find("\n", colon)
        end = len(text) if end == -1 else end
        while end < len(text):
            following = text.find("\n", end + 1)
            while following != -1 and following == end + 1:
                end, following = following, text.find("\n", following + 1)
            paragraph = text[end + 1 : following if following != -1 else len(text)]
            label = _LABEL.match(paragraph)
            if not label or len(label.group().split()) > _MAX_LABEL_WORDS:
                break
            end = following if following != -1 else len(text)
        return sentence.start_char, end

    def _typed(self, mention: _Mention) -> Source | None:
        speaker = mention.speaker
        head = speaker.head
        actor = speaker.actor
        if head.pos_ == "PRON" and actor is None:
            return None
        phrase = self.text[speaker.start : speaker.end]
        context = self._context(mention).lower()
        reason = any(marker in context for marker in self.cues.anonymity_reasons)
        labelled = any(marker in context for marker in self.cues.anonymity_labels)
        lemma = head.lemma_.lower()
        if head.lower_ == "reports" or phrase.lower().endswith((".com", ".net", ".org", ".co.uk")):
            kind = "media"
        elif lemma in self.cues.document_heads or head.lower_ in self.cues.document_heads:
            kind = "document"
        elif self._is_person(head, actor):
            kind = "named_person"
        elif self._is_media(head, phrase, actor):
            kind = "media"
        elif actor is not None and actor.kind in {"organization", "country"}:
            kind = "named_org"
        elif head.pos_ == "PROPN" or lemma in self.cues.institution_heads and head.tag_ != "NNS":
            kind = "named_org"
        elif reason or labelled or lemma in self.cues.anonymous_heads:
            kind = "anonymous"
        elif self._is_people(head):
            kind = "unnamed"
        else:
            return None
        if head.pos_ == "PRON" and actor is not None:
            # "He said": the source is named where the actor is, not by the pronoun.
            start, end = max(actor.mentions, key=lambda mention: mention[1] - mention[0])
            phrase = self.text[start:end]
        else:
            start, end = speaker.start, speaker.end
        return Source(
            id="",
            text=phrase,
            type=kind,
            anonymity_reason=kind == "anonymous" and reason,
            actor=actor.id if actor is not None else None,
            start=start,
            end=end,
        )

    def _context(self, mention: _Mention) -> str:
        """The source's phrase with its clauses ("officials speaking on condition of anonymity",
        "an official who was not authorized to speak") and the cue's adjuncts ("…, speaking on
        condition of anonymity")."""
        tokens = list(mention.speaker.head.subtree)
        if mention.cue is not None:
            for child in mention.cue.children:
                if (
                    child.dep_ in {"advcl", "prep", "xcomp", "npadvmod"}
                    and child.i > mention.cue.i - 30
                ):
                    if not (mention.start <= child.idx < mention.end):
                        tokens.extend(child.subtree)
        return " ".join(token.text for token in tokens)

    def _is_people(self, head: Token) -> bool:
        """A described person or group ("analysts", "a witness", "the researchers"), not a thing
        that "indicates" or "shows" something."""
        lemma = head.lemma_.lower()
        if lemma in self.cues.people_heads or head.ent_type_ in {"NORP", "PERSON", "ORG"}:
            return True
        return head.pos_ == "NOUN" and lemma.endswith(PERSON_SUFFIXES) and len(lemma) > 4

    @staticmethod
    def _is_person(head: Token, actor) -> bool:
        """A named person: a person actor, or a name spaCy or the actors stage took for no
        organisation or place ("Schiff", "Pradeep Khosla")."""
        if actor is not None:
            return actor.kind == "person"
        if head.ent_type_ == "PERSON":
            return True
        return head.pos_ == "PROPN" and head.ent_type_ not in {
            "ORG",
            "GPE",
            "NORP",
            "LOC",
            "FAC",
            "PRODUCT",
            "WORK_OF_ART",
        }

    def _is_media(self, head: Token, phrase: str, actor) -> bool:
        if head.lemma_.lower() in self.cues.media_heads or head.lower_ in self.cues.media_heads:
            return True
        if actor is not None and actor.sector in {"JRN", "MED"}:
            return True
        if head.pos_ != "PROPN" and head.ent_type_ not in {"ORG", "PRODUCT", "WORK_OF_ART"}:
            return False
        words = phrase.lower().replace("the ", "").split()
        return any(
            " ".join(words[index : index + size]) in self.cues.media_name_words
            for size in (1, 2, 3)
            for index in range(len(words) - size + 1)
        )
