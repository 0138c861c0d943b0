"""Claims about what someone did wrong or what a government privately intends, stated as fact
with no source: "The United States is intensifying pressure on Mexico to allow strikes" with no
"according to officials"; "the attack, conducted by the Taliban" with no "reportedly"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..records import Actor
from .lexicon import EditingLexicon, find_phrase
from .reading import Reading, naming_words
from .scope import OwnVoice

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# The words that name a subject with its head ("the Mexican government"), not its possessor
# ("Russia's energy coercion" is no act of Russia's government).
_NAMING = frozenset({"compound", "det", "amod", "flat"})
_CLIMB = 4


def _verb_of(token: Token) -> Token | None:
    """The verb a word belongs to: itself, or the first verb above it."""
    for _ in range(_CLIMB):
        if token.pos_ in {"VERB", "AUX"}:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _names(phrase: Token, actors: list[Actor]) -> Actor | None:
    """The actor a phrase (a subject, an agent) names, if any: by its noun and the words naming
    it, not its clauses ("the push, which … President Donald Trump's second term")."""
    offsets = {token.idx for token in [*naming_words(phrase, _NAMING), phrase]}
    for actor in actors:
        if any(start in offsets for start, _ in actor.mentions):
            return actor
    return None


def _subject(verb: Token) -> Token | None:
    for _ in range(_CLIMB):
        subject = next((child for child in verb.children if child.dep_ in _SUBJECTS), None)
        if subject is not None or verb.dep_ not in {"xcomp", "conj", "acl"}:
            return subject
        verb = verb.head
    return None


def _ongoing(verb: Token) -> bool:
    """Whether a verb tells the present or the future ("is preparing", "plans", "will seek"), not
    history ("sought", "was preparing", "had planned")."""
    auxiliaries = [child for child in verb.children if child.dep_ in {"aux", "auxpass"}]
    if verb.tag_ == "VBD" or any(auxiliary.tag_ == "VBD" for auxiliary in auxiliaries):
        return False
    return bool(auxiliaries) or verb.tag_ in {"VBZ", "VBP", "VBG", "VB"}


def _intent_verb(token: Token, lexicon: EditingLexicon) -> Token | None:
    """The verb of an intention ("plans", "is preparing"), of the pressure it puts ("is
    intensifying pressure") or of its secrecy ("quietly asked")."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB" and lemma in lexicon.intent_verbs:
        return token
    if token.dep_ == "dobj" and lemma in lexicon.intent_nouns:
        return token.head
    if token.dep_ == "advmod" and lemma in lexicon.secrecy_adverbs:
        return token.head
    return None


def _intent(sentence: Span, reading: Reading, voice: OwnVoice) -> str | None:
    """ "The United States is intensifying pressure on Mexico", "the government is preparing to
    expel …": a government, as the subject, intending or pressing now."""
    lexicon = voice.lexicon
    governments = [
        actor
        for actor in reading.actors
        if actor.kind == "country" or actor.sector in lexicon.government_sectors
    ]
    for token in sentence:
        verb = _intent_verb(token, lexicon)
        if verb is None or verb.pos_ not in {"VERB", "AUX"} or not _ongoing(verb):
            continue
        if any(child.dep_ == "neg" for child in verb.children):
            continue
        subject = _subject(verb)
        actor = _names(subject, governments) if subject is not None else None
        if actor is not None:
            return (
                f"a government's private intent or pressure (“{token.text}”, by {actor.name}) "
                "stated as fact, with no source: who says so?"
            )
    return None


def _responsibility(sentence: Span, reading: Reading, voice: OwnVoice) -> str | None:
    """ "the attack, conducted by the Taliban", "The militia carried out the bombing": an attack
    laid at someone's door."""
    lexicon = voice.lexicon
    if not {token.lemma_.lower() for token in sentence} & lexicon.attack_words:
        return None
    phrase = find_phrase(sentence, lexicon.responsibility_phrases)
    if phrase is None:
        return None
    if phrase[-1].lower_ == "by":
        party = next((child for child in phrase[-1].children if child.dep_ == "pobj"), None)
    else:
        verb = _verb_of(phrase[0])
        party = _subject(verb) if verb is not None else None
    actor = _names(party, reading.actors) if party is not None else None
    if actor is None or any(child.dep_ == "neg" for child in party.head.children):
        return None
    return (
        f"responsibility for an attack laid on {actor.name} as fact, with no source (a claim of "
        "responsibility, investigators, officials): who says so?"
    )


def unsourced_allegations(reading: Reading, voice: OwnVoice) -> list[tuple[Span, str]]:
    """(sentence, what it alleges) for each central sentence that lays an attack at someone's
    door or tells a government's private intent in the article's own voice."""
    found = []
    for start in sorted(voice.central):
        sentence = reading.doc[start].sent
        if not voice.unsourced(sentence[:]):
            continue
        if {token.lemma_.lower() for token in sentence} & voice.lexicon.report_verbs:
            continue
        message = _responsibility(sentence, reading, voice) or _intent(sentence, reading, voice)
        if message is not None:
            found.append((sentence, message))
    return found
