"""``unsourced_claim``: a claim central to the story that the article states as fact without
saying who makes it, where a careful editor would ask "says who?".

Our own rules, after wire-copy practice (AP Stylebook: casualty figures, arrest counts and
accusations are attributed; what the reporter saw, public acts and the public record are not),
tuned for precision by reading every flag raised on the Wikinews 2019 sample and the White House
texts. A sentence is flagged when all of these hold:

- it is central: in the lede (:mod:`.lede`: the first paragraph's first sentences), or it gives
  a number the headline gives;
- it is in the article's own voice with no source in its scope (:mod:`.scope`): outside
  quotation marks; no "reportedly", "is believed to", "an estimated" leaving it to someone
  vaguely; its paragraph names no source, holds no sourced claim and says no one "said" or
  "reported" anything (one attribution carries through a paragraph in news copy);
- it is news, not record or background: not about a court, a plea, a sentence or a confession
  (the proceedings are the record), and neither it nor the sentence before it names a date over a
  month before the article's;
- the text is a report, not its author's own statement (:mod:`.voice`): a White House readout's
  "the President met" or a proclamation is the author's own word;
- and it makes a consequential claim of one of these kinds:
  - a count of the dead, the wounded, the kidnapped or the arrested (not "jailed": a court's) that
    counts people and is what its verb is about ("killed five children", not "died with his two
    daughters at his bedside"), of a kind the article gives no source for anywhere (a toll it
    attributes later answers the question) (:mod:`.figures`);
  - an attack laid at someone's door ("the attack, conducted by the Taliban", "X carried out the
    bombing") (:mod:`.allegations`);
  - a government's private intentions or pressure, with the government as subject ("The United
    States is intensifying pressure on Mexico", "is preparing to expel", "is considering
    sanctions"), in a sentence reporting no statement ("announced plans to …" is a public act)
    (:mod:`.allegations`).

Scene setting ("The meeting took place in Washington on Tuesday"), public acts ("signed the
bill", "resigned", "banned the airline") and figures of other kinds are left alone. One flag per
sentence.
"""

from __future__ import annotations

from spacy.tokens import Span

from ..records import Flag
from .allegations import unsourced_allegations
from .figures import unsourced_figures
from .lexicon import EditingLexicon
from .reading import Reading
from .scope import OwnVoice


def unsourced_claims(
    reading: Reading, lexicon: EditingLexicon, number_words: dict[str, float]
) -> list[Flag]:
    voice = OwnVoice(reading, lexicon)
    if voice.first_hand:
        return []
    by_sentence: dict[int, tuple[Span, list[str]]] = {}
    for sentence, message in [
        *unsourced_figures(reading, voice, number_words),
        *unsourced_allegations(reading, voice),
    ]:
        by_sentence.setdefault(sentence.start, (sentence, []))[1].append(message)
    return [
        Flag(
            kind="unsourced_claim",
            message=" ".join(message[0].upper() + message[1:] for message in messages),
            start=sentence.start_char,
            end=sentence.start_char + len(sentence.text.rstrip()),
        )
        for sentence, messages in sorted(by_sentence.values(), key=lambda item: item[0].start)
    ]
