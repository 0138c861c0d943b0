"""Actor mentions in a parsed article, read off noun phrases of the dependency parse.

Our own code: spaCy gives entities and a parse, but no library turns "Mexican Foreign Secretary
Alicia Bárcena", "U.S. special forces" or "Hungarian and Romanian officials" into actors with a
country and a PLOVER sector. Each noun phrase (the head noun and the words to its left) is read
whole: a name (person, organisation, country), the role noun or title in it, and the countries its
modifiers give ("Mexican", "U.S.", "Mexico's", "the Trump administration", "president of
Armenia"). Countries count as actors only where they act or are acted on (subject, object,
possessor, "pressure on Mexico"), not where they are a location ("in Mexico") or an adjective.
"""

from __future__ import annotations

import string
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from .knowledge import ActorKnowledge, Organization, Person, Role, phrase_key
from .names import Name

MentionKind = Literal["person", "organization", "country", "group", "pronoun", "anaphor"]

NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})
MODIFIER_DEPS = frozenset({"compound", "amod", "flat", "det", "nummod", "case", "punct"})
ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "iobj", "agent", "poss", "appos", "dative"})
ACTOR_PREPOSITIONS = frozenset({"on", "against", "with", "by", "between", "toward", "towards"})
NAMED_ACTORS = frozenset({"person", "organization"})
UNKNOWN_ORG_PREPOSITIONS = ACTOR_PREPOSITIONS | {"of", "from", "to", "for", "at"}
LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "inside", "at", "near", "across", "throughout", "within", "outside", "around"}
)
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
METONYM_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "agent"})
OF_PREPOSITIONS = frozenset({"of", "for", "from", "in"})
PRONOUN_GENDERS = {
    "he": "male",
    "him": "male",
    "his": "male",
    "himself": "male",
    "she": "female",
    "her": "female",
    "hers": "female",
    "herself": "female",
}
HONORIFIC_GENDERS = {
    "mr": "male",
    "mr.": "male",
    "mrs": "female",
    "mrs.": "female",
    "ms": "female",
    "ms.": "female",
    "miss": "female",
}


@dataclass
class Mention:
    """One mention of an actor, before mentions are grouped into actors."""

    start: int
    end: int
    head: int
    sentence: int
    kind: MentionKind
    key: tuple[str | None, ...] | None
    name: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    person: Person | None = None
    gender: str | None = None
    role_key: str | None = None
    plural: bool = False
    named: bool = False
    extra: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class PhraseReading:
    """What the words left of a phrase's head say: countries, a title, an honorific."""

    countries: list[str]
    surfaces: list[str]
    title: tuple[Role, Span] | None
    gender: str | None
    first_identity: int | None
    organization: Organization | None = None


class MentionFinder:
    """Finds the actor mentions of one parsed article; ``reference`` is the article's date."""

    def __init__(
        self, doc: Doc, names: dict[int, Name], knowledge: ActorKnowledge, reference: str | None
    ):
        self.doc = doc
        self.names = names
        self.knowledge = knowledge
        self.reference = reference
        self.consumed: set[int] = set()
        self.sentence_of = {
            token.i: number for number, sentence in enumerate(doc.sents) for token in sentence
        }

    def find(self) -> list[Mention]:
        heads = [token for token in self.doc if _is_phrase_head(token)]
        heads.sort(key=lambda token: token.i - token.left_edge.i, reverse=True)
        mentions: list[Mention] = []
        for head in heads:
            if head.i in self.consumed:
                continue
            found = self._read_phrase(head)
            if found:
                mentions.extend(found)
        mentions.extend(self._leftover_names())
        mentions.sort(key=lambda mention: (mention.start, mention.end))
        return mentions

    def _read_phrase(self, head: Token) -> list[Mention]:
        name = self.names.get(head.i)
        if head.pos_ == "PRON":
            return self._pronoun(head)
        if name is not None and name.kind == "person":
            return [self._person(head, name)]
        if name is not None and name.kind == "organization":
            return [self._organization(head, name)] if _plausible_organization(name) else []
        if name is not None and name.kind in ("country", "capital"):
            return self._country(head, name)
        role = self._head_role(head)
        if role is not None and (name is None or name.kind in ("unknown", "demonym")):
            return self._described(head, role)
        if name is not None and name.kind == "demonym" and head.pos_ in ("PROPN", "NOUN"):
            return self._people_of(head, name)
        return []

    def _leftover_names(self) -> list[Mention]:
        """Named people and organisations inside phrases that are not actors ("CDC estimates")."""
        mentions = []
        for index, name in sorted(self.names.items()):
            span = name.span
            if index != span.start or index in self.consumed:
                continue
            if name.kind == "person" and _plausible_person(name):
                mentions.append(self._person(span.root, name))
            elif name.kind == "organization" and _plausible_organization(name):
                mentions.append(self._organization(span.root, name))
        return mentions

    def _consume(self, start: int, end: int) -> None:
        self.consumed.update(range(start, end))

    def _consume_around(self, head: Token, span: Span) -> None:
        """Consume a named phrase, leaving other names inside it to be read on their own."""
        for index in range(head.left_edge.i, max(head.i, span.end - 1) + 1):
            other = self.names.get(index)
            if other is None or other.span == span or other.kind not in NAMED_ACTORS:
                self.consumed.add(index)

    def _mention(self, head: Token, start: int, end: int, **fields) -> Mention:
        doc = self.doc
        return Mention(
            start=doc[start].idx,
            end=doc[end - 1].idx + len(doc[end - 1]),
            head=head.i,
            sentence=self.sentence_of[head.i],
            **fields,
        )

    def _reading(self, head: Token, exclude: Span | None = None) -> PhraseReading:
        """The countries, title and honorific that the words left of ``head`` give."""
        start = head.left_edge.i
        stop = exclude.start if exclude is not None else head.i
        countries: list[str] = []
        surfaces: list[str] = []
        first_identity = None
        gender = None
        organization = None
        index = start
        while index < stop:
            token = self.doc[index]
            name = self.names.get(index)
            gender = gender or HONORIFIC_GENDERS.get(token.lower_)
            if name is not None and (exclude is None or name.span.start < exclude.start):
                country = self._country_of_name(name)
                if country and country not in countries:
                    countries.append(country)
                    surfaces.append(name.span.text)
                if country and first_identity is None:
                    first_identity = name.span.start
                organization = organization or name.organization
                index = max(index + 1, name.span.end)
                continue
            index += 1
        for country in self._of_countries(head):
            if country not in countries:
                countries.append(country)
                surfaces.append(self.knowledge.country_name(country))
        title = self._title_before(stop, start) if exclude is not None else None
        return PhraseReading(countries, surfaces, title, gender, first_identity, organization)

    def _countries_inside(self, span: Span) -> list[str]:
        """Countries an unknown organisation's own name gives ("Rwandan Patriotic Front",
        "United Bus Company of Tehran")."""
        found = []
        tables = (self.knowledge.country_names, self.knowledge.demonyms, self.knowledge.capitals)
        for start in range(span.start, span.end):
            for end in range(min(span.end, start + 3), start, -1):
                key = phrase_key(self.doc[start:end].text)
                code = next((table[key] for table in tables if key in table), None)
                if code is not None:
                    found.append(code)
                    break
        return found

    def _country_of_name(self, name: Name) -> str | None:
        if name.kind in ("country", "demonym", "capital", "organization"):
            return name.country
        if name.kind == "person":
            countries = {self._person_country(person) for person in name.people}
            return countries.pop() if len(countries) == 1 else None
        return None

    def _of_countries(self, head: Token) -> list[str]:
        """Countries in "president of Armenia", "officials from Mexico", "rebels in Chad"."""
        countries = []
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in OF_PREPOSITIONS:
                for object_ in child.children:
                    name = self.names.get(object_.i)
                    if object_.dep_ == "pobj" and name and name.kind in ("country", "capital"):
                        countries.append(name.country)
        return countries

    def _title_before(self, stop: int, start: int) -> tuple[Role, Span] | None:
        """The longest role term ending just before a name ("Foreign Secretary" Alicia…)."""
        for length in range(min(self.knowledge.longest_role, stop - start), 0, -1):
            span = self.doc[stop - length : stop]
            role = self.knowledge.role(token.text for token in span)
            if role is not None:
                return role, span
        return None

    def _head_role(self, head: Token) -> tuple[Role, Span] | None:
        """The longest role term ending at ``head`` ("special forces", "officials")."""
        start = head.left_edge.i
        for length in range(min(self.knowledge.longest_role, head.i - start + 1), 0, -1):
            span = self.doc[head.i - length + 1 : head.i + 1]
            role = self.knowledge.role(token.text for token in span)
            if role is not None:
                return role, span
        return None

    def _choose_person(self, people: list[Person], countries: list[str]) -> Person | None:
        """The one known person a name refers to at the article's date, or None if unsure."""
        if len(people) <= 1:
            return people[0] if people else None
        in_office = [person for person in people if person.offices_on(self.reference)]
        candidates = in_office or people
        if countries:
            candidates = [
                person
                for person in candidates
                if any(office.country in countries for office in person.offices)
            ] or candidates
        return candidates[0] if len(candidates) == 1 else None

    def _person_country(self, person: Person) -> str | None:
        offices = person.offices_on(self.reference)
        if offices:
            return offices[0].country
        return person.constant("country")

    def _person(self, head: Token, name: Name) -> Mention:
        span = name.span
        reading = self._reading(head, exclude=span)
        person = self._choose_person(name.people, reading.countries)
        offices = person.offices_on(self.reference) if person else ()
        shared = None if reading.title else self._shared_title(head)
        title = reading.title or shared
        role = self._title_text(title[1]) if title else (offices[0].role if offices else None)
        sector = (
            title[0].sector
            if title
            else (offices[0].sector if offices else (person.constant("sector") if person else None))
        )
        country = (
            reading.countries[0]
            if reading.countries
            else (self._person_country(person) if person else None)
        )
        start = title[1].start if reading.title else span.start
        if reading.first_identity is not None:
            start = min(start, reading.first_identity)
        self._consume_around(head, span)
        return self._mention(
            head,
            start,
            span.end,
            kind="person",
            key=("person", person.name if person else phrase_key(span.text)),
            name=person.name if person else span.text,
            country=country,
            sector=sector,
            role=role,
            person=person,
            gender=(person.gender if person else None) or reading.gender,
            role_key=phrase_key(title[1].text) if title else None,
            named=True,
        )

    def _shared_title(self, head: Token) -> tuple[Role, Span] | None:
        """A plural title over a list of names: "Senators Richard Blumenthal and Chris Murphy"."""
        first = _first_conjunct(head)
        name = self.names.get(first.i)
        if first.i == head.i or name is None or name.kind != "person":
            return None
        title = self._title_before(name.span.start, first.left_edge.i)
        return title if title and self._singular(title[1]) is not None else None

    def _singular(self, span: Span) -> str | None:
        """The singular of a plural title ("Senators", "Secretaries"), None if it is singular."""
        text = span.text
        singular = text[:-3] + "y" if text.endswith("ies") else text.removesuffix("s")
        plural = span[-1].tag_ in PLURAL_TAGS or self.knowledge.role([singular]) is not None
        return singular if singular != text and plural else None

    def _title_text(self, span: Span) -> str:
        """A title as a role, singular: "Senators" Blumenthal and Murphy are each a Senator."""
        return string.capwords(self._singular(span) or span.text)

    def _organization(self, head: Token, name: Name) -> Mention:
        span = name.span
        organization = name.organization
        reading = self._reading(head, exclude=span)
        inside = [] if organization else self._countries_inside(span)
        country = name.country or next(iter(reading.countries + inside), None)
        sector = organization.sector if organization else None
        if sector is None:
            role = self._head_role(span.root)
            sector = role[0].sector if role else None
        self._consume_around(head, span)
        label = organization.name if organization else span.text
        return self._mention(
            head,
            span.start,
            span.end,
            kind="organization",
            key=("organization", phrase_key(label)),
            name=label,
            country=country,
            sector=sector,
            named=True,
        )

    def _country(self, head: Token, name: Name) -> list[Mention]:
        if name.kind == "capital":
            if not _in_actor_position(head, METONYM_DEPS):
                return []
        elif head.dep_ in ("compound", "amod", "nmod") or _is_location(head):
            return []
        span = name.span
        self._consume(span.start, span.end)
        capital = name.kind == "capital"  # a government metonym: "Washington said"
        return [
            self._mention(
                head,
                span.start,
                span.end,
                kind="country",
                key=(name.kind, name.country),
                name=span.text if capital else self.knowledge.country_name(name.country),
                country=name.country,
                sector="GOV" if capital else None,
                named=True,
            )
        ]

    def _people_of(self, head: Token, name: Name) -> list[Mention]:
        """A demonym standing for a people: "the Palestinians"."""
        if head.tag_ not in ("NNPS", "NNS") and not head.text.endswith("s"):
            return []
        span = name.span
        self._consume(head.left_edge.i, head.i + 1)
        return [
            self._mention(
                head,
                span.start,
                span.end,
                kind="group",
                key=("group", name.country, "CVL", "people"),
                name=span.text,
                country=name.country,
                sector="CVL",
                plural=True,
            )
        ]

    def _described(self, head: Token, found: tuple[Role, Span]) -> list[Mention]:
        """A phrase headed by a role noun: "U.S. special forces", "the president"."""
        role, role_span = found
        reading = self._reading(head)
        plural = head.tag_ in ("NNS", "NNPS")
        start = reading.first_identity if reading.first_identity is not None else role_span.start
        end = head.i + 1
        kind = "group" if plural or role.kind not in ("person", "organization") else role.kind
        for conjunct in head.conjuncts:
            other = self._head_role(conjunct) if conjunct.i > head.i else None
            if (
                other is not None
                and other[0].sector == role.sector
                and not self._reading(conjunct).countries
                and conjunct.left_edge.i > head.i
            ):
                end = conjunct.i + 1
                self._consume(conjunct.left_edge.i, conjunct.i + 1)
        self._consume(head.left_edge.i, head.i + 1)
        role_key = phrase_key(role_span.text)
        if not reading.countries:
            if kind == "group" or not _definite(head):
                return [
                    self._mention(
                        head,
                        role_span.start,
                        end,
                        kind=kind,
                        key=(
                            kind,
                            None,
                            role.sector,
                            role_key,
                            None if kind == "group" else head.i,
                        ),
                        name=self.doc[role_span.start : end].text,
                        sector=role.sector,
                        role=string.capwords(role_span.text) if kind == "person" else None,
                        role_key=role_key,
                        plural=plural,
                    )
                ]
            return [
                self._mention(
                    head,
                    role_span.start,
                    end,
                    kind="anaphor",
                    key=None,
                    name=role_span.text,
                    sector=role.sector,
                    role=string.capwords(role_span.text),
                    role_key=role_key,
                )
            ]
        single = len(reading.countries) == 1
        # "Red Cross officials", "NATO troops": the body's sector says more than the noun.
        sector = (reading.organization.sector if reading.organization else None) or role.sector
        return [
            self._mention(
                head,
                start,
                end,
                kind=kind,
                key=(kind, country, sector, role_key),
                name=self.doc[start:end].text if single else f"{surface} {role_span.text}",
                country=country,
                sector=sector,
                role=string.capwords(role_span.text) if kind == "person" else None,
                role_key=role_key,
                plural=plural,
            )
            for country, surface in zip(reading.countries, reading.surfaces, strict=True)
        ]

    def _pronoun(self, head: Token) -> list[Mention]:
        gender = PRONOUN_GENDERS.get(head.lower_)
        if gender is None:
            return []
        return [
            self._mention(
                head, head.i, head.i + 1, kind="pronoun", key=None, name=head.text, gender=gender
            )
        ]


def _definite(head: Token) -> bool:
    return any(child.dep_ == "det" and child.lower_ in DEFINITE for child in head.lefts)


def _plausible_person(name: Name) -> bool:
    """Known people always; one unknown word modifying a noun is no name ("Escape rooms")."""
    return bool(name.people) or len(name.span) > 1 or name.span.root.dep_ not in MODIFIER_DEPS


def _plausible_organization(name: Name) -> bool:
    """Known organisations always; an unknown ORG entity only where an actor stands, and not
    a run-in heading ("Border & Trade Leverage: Discussions")."""
    if name.organization is not None:
        return True
    if ":" in name.span.text:
        return False
    token = name.span.root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in ACTOR_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ in UNKNOWN_ORG_PREPOSITIONS


def _is_phrase_head(token: Token) -> bool:
    if token.pos_ not in NOMINAL:
        return False
    return token.dep_ not in MODIFIER_DEPS or token.head.pos_ not in NOMINAL


def _first_conjunct(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _in_actor_position(token: Token, deps: frozenset[str]) -> bool:
    token = _first_conjunct(token)
    return token.dep_ in deps or (token.dep_ == "pobj" and token.head.lower_ in ACTOR_PREPOSITIONS)


def _is_location(token: Token) -> bool:
    """A country named as where something happens ("in Mexico"), not as who acts."""
    token = _first_conjunct(token)
    return token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPOSITIONS
