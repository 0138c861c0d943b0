"""Candidate place mentions in a parsed article, each with its gazetteer readings.

Two finders feed one list:

- the language model's GPE, LOC and FAC entities, trimmed of "the" and a possessive. An entity the
  gazetteer does not know is tried without a generic last word ("Sichuan province" -> Sichuan, not
  a city; "Quezon City" -> cities only), then as places inside it ("Pandi, Bulacan",
  "North-Western Sydney"), which must leave nothing but separators and directions. A GPE or LOC
  still unknown is kept unresolved (a place without a point) unless it looks like no place name
  (digits, acronyms, a person's name seen elsewhere); an unknown FAC is dropped.
- a longest-match scan of capitalised token runs against the gazetteer's names, for places the
  model missed or mislabelled ("Sinaloa" tagged ORG). It trusts main names only, proper nouns
  only, acronyms only from the team's alias table, countries, subdivisions and regions anywhere,
  and cities only after a locative word ("in", "near") or as an entity the model mislabelled;
  never the tail of a longer capitalised name ("Danube Delta" is not Nigeria's Delta State).

A match followed by an organisation word ("Sinaloa Cartel", "Jalisco New Generation Cartel") or
by a word like "virus" ("Marburg virus") is no place mention; neither is part of a longer
non-place entity ("the U.S. Centers for Disease Control"). Demonyms ("Mexican", NORP entities)
are not places; they are returned as context.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span

from .gazetteer import KINDS, Gazetteer
from .names import join_keys, word_key
from .words import PlaceWords

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
UNRESOLVED_LABELS = frozenset({"GPE", "LOC"})
STRONG_KINDS = frozenset(KINDS.index(kind) for kind in KINDS if kind != "city")
CITY = KINDS.index("city")
# A city found by the scan after a locative word needs this many inhabitants.
SCAN_MIN_POPULATION = 5_000
# A mislabelled exact entity ("Glasgow" as PERSON) is read as a city from this size up.
MISLABELLED_MIN_POPULATION = 50_000
# How far after a place name an organisation word may come ("Jalisco New Generation Cartel").
ORG_NAME_WORDS = 4
POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True)
class Mention:
    """A span of ``doc.text`` ([start, end) characters, tokens [first_token, end_token)) that
    may name a place.

    ``rows`` are its gazetteer readings (empty: a place entity the gazetteer does not know);
    ``label`` the entity label it came from (None when the gazetteer scan found it);
    ``lowercase`` marks a common-noun region phrase ("the southern border").
    """

    start: int
    end: int
    text: str
    key: str
    rows: tuple[int, ...]
    first_token: int
    end_token: int
    label: str | None = None
    lowercase: bool = False


@dataclass
class Candidates:
    mentions: list[Mention] = field(default_factory=list)
    demonyms: Counter[str] = field(default_factory=Counter)


def find_candidates(doc: Doc, gazetteer: Gazetteer, words: PlaceWords) -> Candidates:
    """The place mentions of ``doc`` in text order, plus the countries its demonyms name."""
    return _Finder(doc, gazetteer, words).run()


class _Finder:
    def __init__(self, doc: Doc, gazetteer: Gazetteer, words: PlaceWords) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.words = words
        # Token attributes read once: spaCy makes a new Token object on every doc[i].
        self.texts: list[str] = []
        self.lowers: list[str] = []
        self.spaces: list[bool] = []
        self.proper: list[bool] = []
        self.sentence_starts: list[bool] = []
        for token in doc:
            self.texts.append(token.text)
            self.lowers.append(token.lower_)
            self.spaces.append(bool(token.whitespace_))
            self.proper.append(token.pos_ == "PROPN")
            self.sentence_starts.append(bool(token.is_sent_start))
        self.keys = [word_key(text) for text in self.texts]
        self.entities = list(doc.ents)
        self.entity_of: list[Span | None] = [None] * len(doc)
        for entity in self.entities:
            for index in range(entity.start, entity.end):
                self.entity_of[index] = entity
        self.people = [
            (entity.start_char, entity.text)
            for entity in self.entities
            if entity.label_ == "PERSON" and len(entity) > 1
        ]

    def run(self) -> Candidates:
        found = Candidates()
        from_entities: list[Mention] = []
        for entity in self.entities:
            if entity.label_ in PLACE_LABELS:
                from_entities += self._entity_mentions(entity, found.demonyms)
            elif entity.label_ == "NORP":
                country = self.words.demonym_country(entity.text)
                if country:
                    found.demonyms[country] += 1
        scanned = self._scan(0, len(self.doc), inside_place=False)
        merged = _merge(from_entities, scanned)
        found.mentions = [mention for mention in merged if not self._names_other_thing(mention)]
        return found

    def _key(self, start: int, stop: int) -> str:
        return join_keys(self.keys[start:stop], self.spaces[start:stop])

    # -- entities -------------------------------------------------------------------------

    def _entity_mentions(self, entity: Span, demonyms: Counter[str]) -> list[Mention]:
        start, end = self._core(entity.start, entity.end)
        if start >= end:
            return []
        key = self._key(start, end)
        country = self.words.demonym_country(key)
        if country and not self.gazetteer.names.get(key):
            demonyms[country] += 1
            return []
        rows = self._readings(key, start, end, inside_place=True)
        if rows:
            return [self._mention(start, end, key, rows, entity.label_)]
        stop = end
        while stop - 1 > start and self._is_suffix(self.texts[stop - 1]):
            cities = self.texts[stop - 1] in self.words.city_suffixes
            stop -= 1
            key = self._key(start, stop)
            rows = tuple(
                row
                for row in self._readings(key, start, stop, inside_place=True)
                if (self.gazetteer.kind[row] == CITY) == cities
            )
            if rows:
                return [self._mention(start, stop, key, rows, entity.label_)]
        inside = self._scan(start, end, inside_place=True)
        if inside and self._only_modifiers_left(start, end, inside):
            return [replace(mention, label=entity.label_) for mention in inside]
        if entity.label_ in UNRESOLVED_LABELS and self._may_be_place(start, end):
            return [self._mention(start, end, self._key(start, end), (), entity.label_)]
        return []

    def _is_suffix(self, text: str) -> bool:
        return text in self.words.suffixes or text in self.words.city_suffixes

    def _core(self, start: int, end: int) -> tuple[int, int]:
        """Token range without a leading "the" and a trailing possessive or punctuation."""
        while start < end and (self.lowers[start] == "the" or not self.keys[start]):
            start += 1
        while end > start and (self.texts[end - 1] in POSSESSIVES or not self.keys[end - 1]):
            end -= 1
        return start, end

    def _only_modifiers_left(self, start: int, end: int, inside: list[Mention]) -> bool:
        covered = {
            index for mention in inside for index in range(mention.first_token, mention.end_token)
        }
        return all(
            index in covered
            or not self.keys[index]
            or self.lowers[index] in self.words.modifiers
            or self.lowers[index] == "the"
            for index in range(start, end)
        )

    def _may_be_place(self, start: int, end: int) -> bool:
        """Whether an entity the gazetteer does not know may still be a place name."""
        span = self.doc[start:end]
        text = span.text
        if not text[:1].isupper() or any(char.isdigit() for char in text):
            return False
        if self._acronym(start, end) or self.keys[start] in self.words.not_names:
            return False
        return not self._surname(text, span.start_char)

    # -- gazetteer scan -------------------------------------------------------------------

    def _scan(self, start: int, end: int, inside_place: bool) -> list[Mention]:
        """Longest gazetteer matches in tokens [start, end), left to right."""
        found: list[Mention] = []
        index = start
        while index < end:
            match = self._match_at(index, end, inside_place)
            if match is None:
                index += 1
                continue
            found.append(match)
            index = match.end_token
        return found

    def _match_at(self, index: int, end: int, inside_place: bool) -> Mention | None:
        if self.lowers[index] == "the" and index + 1 < end:
            lowercase = self._lowercase_at(index + 1, end)
            if lowercase is not None or self.texts[index] == "the":
                return lowercase
            index += 1  # "The Hague": the name starts after "The"
        if not self.texts[index][:1].isupper():
            return None
        longest = self.gazetteer.max_words.get(self.keys[index])
        if longest is None:
            return None
        for stop in range(min(end, index + longest + 2), index, -1):
            if not self.keys[stop - 1]:
                continue
            key = self._key(index, stop)
            rows = self._readings(key, index, stop, inside_place)
            if rows:
                return self._mention(index, stop, key, rows, None)
        return None

    def _readings(self, key: str, start: int, stop: int, inside_place: bool) -> tuple[int, ...]:
        """The readings of tokens [start, stop) as the place named ``key``, or () when the
        span should not be read as a place here."""
        gazetteer = self.gazetteer
        if start >= 2 and self.texts[start - 1] == "," and key in gazetteer.after_comma:
            return gazetteer.after_comma[key]
        if key not in gazetteer.names and key not in gazetteer.alt_names:
            return ()
        if key in self.words.not_names or (
            self._acronym(start, stop) and key not in gazetteer.team_names
        ):
            return ()
        entities = {self.entity_of[index] for index in range(start, stop)} - {None}
        if inside_place:
            return gazetteer.lookup(key)
        if entities and all(entity.label_ in PLACE_LABELS for entity in entities):
            # A reading of a whole place entity or more ("Guinea-Bissau" over "Guinea"); parts
            # of an entity ("Fort" of "Fort Hood") are the entity path's business.
            if all(self._covers(start, stop, entity) for entity in entities):
                return gazetteer.lookup(key)
            return ()
        rows = gazetteer.names.get(key, ())
        if not rows or self.words.demonym_country(key):
            return ()
        if entities:
            return self._mislabelled(entities, start, stop, rows)
        if not any(self.proper[start:stop]):
            return ()
        if self._inside_longer_name(start):
            return ()
        after_locative = start > 0 and self.lowers[start - 1] in self.words.locatives
        return tuple(
            row
            for row in rows
            if gazetteer.kind[row] in STRONG_KINDS
            or (after_locative and gazetteer.population[row] >= SCAN_MIN_POPULATION)
        )

    def _inside_longer_name(self, start: int) -> bool:
        """Whether a capitalised word other than a sentence's first runs into the match from
        the left: "Danube Delta", "Central Plateau" and "West Midlands" are not "Delta",
        "Plateau" (Nigerian states) and "Midlands" (Zimbabwe)."""
        before = start - 1
        return (
            before >= 0
            and self.texts[before][:1].isupper()
            and not self.sentence_starts[before]
            and self.keys[before] != ""
        )

    def _covers(self, start: int, stop: int, entity: Span) -> bool:
        core_start, core_end = self._core(entity.start, entity.end)
        return start <= core_start and core_end <= stop

    def _mislabelled(
        self, entities: set[Span], start: int, stop: int, rows: tuple[int, ...]
    ) -> tuple[int, ...]:
        """Readings of a match over non-place entities that it covers whole: a place the model
        mislabelled ("DRC" tagged ORG, "Glasgow" PERSON, "Côte" of "Côte d'Ivoire" PERSON),
        unless it is a surname met before. An entity reaching past the match is a longer name
        ("Sinaloa Cartel"), and the match no place."""
        if not all(self._covers(start, stop, entity) for entity in entities):
            return ()
        if any(self._surname(entity.text, entity.start_char) for entity in entities):
            return ()
        gazetteer = self.gazetteer
        return tuple(
            row
            for row in rows
            if gazetteer.kind[row] in STRONG_KINDS
            or gazetteer.population[row] >= MISLABELLED_MIN_POPULATION
        )

    def _surname(self, text: str, start_char: int) -> bool:
        """Whether ``text`` ends a person's name met earlier ("Tyler" after "Mike Tyler")."""
        return any(begin < start_char and name.endswith(" " + text) for begin, name in self.people)

    def _acronym(self, start: int, stop: int) -> bool:
        """All capitals ("HIV", "U.S.", "DRC"): only the team's aliases are read as places."""
        letters = "".join(filter(str.isalpha, "".join(self.texts[start:stop])))
        return len(letters) > 1 and letters.isupper()

    def _lowercase_at(self, index: int, end: int) -> Mention | None:
        """A lowercase region phrase after "the" ("the southern border")."""
        if not self.texts[index][:1].islower():
            return None
        longest = self.gazetteer.max_words.get(self.keys[index], 0)
        for stop in range(min(end, index + longest + 2), index, -1):
            key = self._key(index, stop)
            rows = self.gazetteer.lowercase.get(key)
            if rows:
                return self._mention(index, stop, key, rows, None, lowercase=True)
        return None

    # -- filters --------------------------------------------------------------------------

    def _names_other_thing(self, mention: Mention) -> bool:
        """Whether the mention begins the name of something else: an organisation (a run of
        capitalised words ending in an organisation word: "Sinaloa Cartel", "Texas Department
        of Health") or a disease ("Marburg virus")."""
        following = mention.end_token
        if following < len(self.texts) and self.lowers[following] in self.words.name_heads:
            return True
        for index in range(following, min(following + ORG_NAME_WORDS, len(self.texts))):
            text = self.texts[index]
            if text in self.words.org_heads:
                return True
            if not text[:1].isupper():
                return False
        return False

    def _mention(
        self,
        start: int,
        stop: int,
        key: str,
        rows: tuple[int, ...],
        label: str | None,
        lowercase: bool = False,
    ) -> Mention:
        span = self.doc[start:stop]
        return Mention(
            start=span.start_char,
            end=span.end_char,
            text=span.text,
            key=key,
            rows=rows,
            first_token=start,
            end_token=stop,
            label=label,
            lowercase=lowercase,
        )


def _merge(from_entities: list[Mention], scanned: list[Mention]) -> list[Mention]:
    """Entity mentions plus scan matches; where they overlap the longer span wins."""
    chosen = list(from_entities)
    for match in scanned:
        overlapping = [m for m in chosen if m.start < match.end and match.start < m.end]
        if not overlapping:
            chosen.append(match)
            continue
        covers_all = all(match.start <= m.start and m.end <= match.end for m in overlapping)
        longer = all(match.end - match.start > m.end - m.start for m in overlapping)
        if covers_all and longer:
            chosen = [m for m in chosen if m not in overlapping]
            chosen.append(match)
    return sorted(chosen, key=lambda m: (m.start, m.end))
