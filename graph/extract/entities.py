"""Actors and places: gazetteer matches first, then spaCy's NER, then in-article coreference.

In: the Parsed paragraphs of one article. Out: its Mentions, each linked to an Entity. The
gazetteer's names go into an ``entity_ruler`` placed before the statistical ``ner`` (:mod:`.nlp`),
so known entities get their gazetteer key (``ent.ent_id_``) and the model labels only what is left.
Within an article, "Merkel" after "Angela Merkel", "the German chancellor", "the two leaders" and a
subject "he" resolve to entities already seen. A place the NER names outside the gazetteer carries
coordinates when its name can mean only one city (:mod:`.coordinates`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from datetime import date

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from graph.model import Entity, Mention
from graph.rdf.iris import slug

from .coordinates import locate_name
from .gazetteer import Gazetteer, load_gazetteer
from .nlp import NER_KINDS, Parsed
from .pronouns import (
    ORGANIZATION_NOUNS,
    SAYING_VERBS,
    clause_subject,
    follows_a_thing,
    in_clause_about_a_thing,
    inside_quote_marks,
    is_expletive,
    is_subject,
    owned_by_a_thing,
    quoted_without_a_person,
    saying_subject,
    thing_that_says,
)

__all__ = ["find_mentions"]

# Titles that tie a person to an organization: "Apple CEO Steve Jobs", "X, the chief executive of Y".
TITLES = {"ceo", "chief", "president", "chairman", "chairwoman", "executive", "officer", "director", "head",
          "founder", "spokesman", "spokeswoman", "spokesperson", "manager", "boss", "cfo", "coo", "analyst"}
# Prepositions before a place: a name after them that is a known city is that city.
PLACE_MARKERS = {"to", "in", "from", "near", "at"}
# Plural definite anaphors ("the two leaders") name entities of this category already seen.
GROUP_NOUNS = {"leader": "person", "president": "person", "head": "person", "minister": "person",
               "country": "country", "nation": "country", "state": "country", "government": "country",
               "company": "organization", "firm": "organization", "party": "organization",
               "airline": "organization", "carrier": "organization", "manufacturer": "organization",
               "rival": "organization"}
PRONOUNS = {"he", "she"}
# "his resignation", "her leave": the owner is the person "he" or "she" would be.
POSSESSIVE_PRONOUNS = {"his", "her"}
_PERSONAL = PRONOUNS | POSSESSIVE_PRONOUNS
# "They", "their": the actors a clause last named together ("Boeing and Airbus said they ...").
PLURAL_PRONOUNS = {"they", "their"}
# Inside a quotation, "I" is the person quoted and "we" the organization quoted.
SPEAKER_PRONOUNS = {"i": "person", "my": "person", "we": "organization", "our": "organization"}
# A city's services, named by the city and the service ("the Paris fire brigade").
LOCAL_BODIES = {"brigade", "police", "department", "council", "court", "hospital", "university", "authority",
                "agency", "office", "service", "municipality", "utility"}
# "it" as a subject and "its" stand for the organization the story follows ("Ryanair said it is
# exercising its options"), as do definite descriptions of its kind ("the company", "the airline").
ORGANIZATION_PRONOUNS = {"it", "its"}
# News agencies and media report the story: a later "it" is not the agency that was quoted.
REPORTERS = {"agency", "news-media"}
# Nouns naming a group that acts in the news ("opposition groups met", "protesters marched").
GROUP_ACTORS = {"rebel", "insurgent", "militant", "fighter", "protester", "protestor", "demonstrator",
                "opposition", "militia", "activist", "civilian", "refugee", "resident", "villager",
                "student", "worker", "striker", "settler", "jihadist", "separatist", "loyalist"}
# People and firms that act in business news as a body, named in the plural ("customers queued",
# "airlines ordered"); in the singular they are one of many ("an Irish airline, Ryanair").
# Words that count a group rather than name its kind: the kind's phrase starts after them.
QUANTIFIERS = {"several", "many", "some", "few", "most", "all", "numerous", "various", "other", "more", "multiple",
               "certain", "both"}
PLURAL_GROUP_ACTORS = {"customer", "consumer", "buyer", "user", "passenger", "employee", "shareholder", "investor",
                       "analyst", "executive", "lawmaker", "legislator", "developer", "studio", "airline", "voter",
                       "manufacturer", "retailer", "regulator", "trader", "farmer", "doctor", "patient"}
# These name a group only with a word saying which ("rebel groups", "armed factions").
GROUP_HEADS = {"group", "faction", "force", "movement", "coalition", "alliance", "party"}
# With a country word these are the state itself ("the Syrian government" is Syria), left to events.
STATE_BODIES = {"government", "army", "military", "force", "troops", "authority", "regime", "police",
                "ministry", "navy", "administration", "cabinet", "parliament", "official"}


# "LONDON, Nov 3 (Reuters) - ", "HAVANA (AP) -- ", "BAGHDAD, Iraq (AP)_ ": where a wire story was
# filed from and by whom; its names are neither actors nor the place of the first event.
DATELINE = re.compile(r"\s*[A-Z][A-Z.'\- ]+[A-Z.]"                      # the city, in capitals
                      r"(?:(?:,\s*[A-Z][\w.' -]*?)+(?:\s*\([A-Za-z.\- ]{2,30}\))?"  # , country or date, (agency)
                      r"|\s*\([A-Za-z.\- ]{2,30}\))"                      # or just (agency)
                      r"\s*(?:--|-|–|—|_)\s*")


def find_mentions(doc_id: str, parsed: Sequence[Parsed], dct: date | None,
                  gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every actor and place mention of an article, coreference resolved, in text order."""
    gazetteer = gazetteer or load_gazetteer()
    resolver = _Resolver(doc_id, gazetteer, dct)
    mentions: list[Mention] = []
    for part in parsed:
        dateline = DATELINE.match(part.doc.text)
        skip = dateline.end() if dateline else 0
        # spaCy builds doc.ents anew on each access: looked up once per paragraph, not per token.
        entities = {ent.start: ent for ent in part.doc.ents}
        for token in part.doc:
            if token.idx >= skip:
                mentions.extend(resolver.at(part, token, entities))
    return mentions


class _Resolver:
    """Walks an article token by token, remembering what it has seen for coreference."""

    def __init__(self, doc_id: str, gazetteer: Gazetteer, dct: date | None) -> None:
        self.doc_id, self.gazetteer, self.dct = doc_id, gazetteer, dct
        self.seen: list[Entity] = []  # most recent last
        self.subjects: list[Entity] = []
        self.organizations: list[Entity] = []  # organizations seen as subjects, most recent last
        self.subject_group: tuple[tuple[int, int], list[Entity]] | None = None  # the last clause's subjects
        self.minted: dict[str, Entity] = {}
        self.employers: dict[str, Entity] = {}  # person key -> the organization a title ties them to
        self.described: dict[str, Entity] = {}  # "firm" -> the organization last set beside "a ... firm"

    def at(self, part: Parsed, token: Token, entities: Mapping[int, SpacySpan]) -> list[Mention]:
        """The mentions starting at ``token``; ``entities``: the paragraph's entities by first token."""
        if token.ent_iob_ == "B" and token.ent_type_ in NER_KINDS:
            return self._named(part, entities[token.i], entities)
        if token.lower_ in _PERSONAL and token.pos_ == "PRON":
            return self._pronoun(part, token)
        if token.lower_ in PLURAL_PRONOUNS and token.pos_ == "PRON":
            return self._plural(part, token)
        if token.lower_ in SPEAKER_PRONOUNS and token.pos_ == "PRON":
            return self._speaker(part, token, entities)
        if token.lower_ in ORGANIZATION_PRONOUNS and token.pos_ == "PRON":
            return self._organization(part, token, token, entities)
        if token.lemma_.lower() in ORGANIZATION_NOUNS and token.pos_ == "NOUN" and token.tag_ == "NN" \
                and any(c.dep_ == "det" and c.lower_ in ("the", "this") for c in token.children) \
                and not any(c.dep_ in ("compound", "amod", "poss", "nmod") and c.ent_type_ for c in token.children):
            phrase = token.doc[min(c.i for c in token.children if c.dep_ == "det"):token.i + 1]
            return self._organization(part, token, phrase, entities)
        if token.ent_type_ == "" and (token.tag_ == "NNP" or (token.tag_ == "NNS" and is_subject(token))) \
                and token.dep_ != "compound" and not any(c.dep_ == "compound" for c in token.children):
            # "since the beginning of Jobs' medical leave": a surname the tagger left unnamed (or,
            # as a subject, took for a plural: "Jobs, born in San Francisco, built")
            earlier = self._person_by_surname(token.text)
            if earlier is not None:
                self._remember(earlier, token)
                return [self._mention(part, token, earlier, "coref")]
        if token.ent_type_ == "" and token.pos_ == "NOUN":
            return self._office(part, token) or self._group(part, token) or self._group_actor(part, token) \
                or self._local_body(part, token)
        return []

    def _remember(self, entity: Entity, token: Token | None = None) -> None:
        self.seen.append(entity)
        if token is not None and entity.kind == "actor" and (is_subject(token) or (
                token.dep_ == "conj" and is_subject(token.head))):
            verb = token.head.head if token.dep_ == "conj" else token.head
            clause = (id(token.doc), verb.i)
            if self.subject_group is not None and self.subject_group[0] == clause:
                if entity not in self.subject_group[1]:
                    self.subject_group[1].append(entity)
            else:
                self.subject_group = (clause, [entity])
        if token is not None and entity.category == "person" and is_subject(token):
            self.subjects.append(entity)
        if token is not None and entity.is_organization and entity.category not in REPORTERS and is_subject(token):
            self.organizations.append(entity)

    def _mention(self, part: Parsed, item, entity: Entity, source: str) -> Mention:
        span = part.span_of(self.doc_id, item)
        return Mention(span=span, text=item.text, entity=entity, source=source)

    def _named(self, part: Parsed, ent: SpacySpan, entities: Mapping[int, SpacySpan]) -> list[Mention]:
        entity, source = self._entity_of(ent)
        if entity is None:
            return []
        if source == "ner" and "-" in ent.text:
            pair = self._pair(part, ent)
            if pair:
                return pair
        if entity.category == "person":
            employer = self._employer(ent, entities.values())
            if employer is not None:
                self.employers[entity.key] = employer
        self._remember(entity, ent.root)
        if entity.is_organization:
            # "NPD Group, a market research firm", "computer maker Apple Computer": what "the firm"
            # and "the young computer maker" will stand for
            for kind in (c for c in ent.root.children if c.lemma_.lower() in ORGANIZATION_NOUNS and (
                    c.dep_ == "appos" or c.dep_ == "compound" and c.i < ent.start)):
                self.described[kind.lemma_.lower()] = entity
        return [self._mention(part, ent, entity, source)]

    def _pair(self, part: Parsed, ent: SpacySpan) -> list[Mention]:
        """ "Boeing-Air Force contract talks", "US-China trade": two names a hyphen joins, one of them
        known, that the tagger took for a single name are the two."""
        pieces = [m for m in re.finditer(r"[^-]+", ent.text) if m.group().strip()]
        if len(pieces) != 2:
            return []
        spans = [ent.doc.char_span(ent.start_char + m.start(), ent.start_char + m.end(), label=ent.label_,
                                   alignment_mode="contract") for m in pieces]
        if any(span is None or not len(span) for span in spans):
            return []
        resolved = [self._entity_of(span) for span in spans]
        if any(entity is None for entity, _ in resolved) or all(source == "ner" for _, source in resolved):
            return []
        for span, (entity, _) in zip(spans, resolved):
            self._remember(entity, span.root)
        return [self._mention(part, span, entity, source) for span, (entity, source) in zip(spans, resolved)]

    def _employer(self, person: SpacySpan, names: Collection[SpacySpan]) -> Entity | None:
        """The organization a title ties a person to: "Apple CEO Steve Jobs", "Steve Jobs, the
        chief executive officer of Apple"."""
        titles = [c for c in person.root.children if c.dep_ in ("compound", "appos") and c.lemma_.lower() in TITLES]
        for title in titles:
            for word in title.subtree:
                if word.i == title.i or word.ent_type_ != "ORG":
                    continue
                name = next((n for n in names if n.start <= word.i < n.end), None)
                entity = self._entity_of(name)[0] if name is not None else None
                if entity is not None and entity.is_organization:
                    return entity
        return None

    def _entity_of(self, ent: SpacySpan) -> tuple[Entity | None, str]:
        entity, source = self._entity_by_name(ent)
        return (entity, source) if entity is None or entity.kind != "thing" else (None, "")

    def _entity_by_name(self, ent: SpacySpan) -> tuple[Entity | None, str]:
        if ent.ent_id_ and ent.ent_id_ in self.gazetteer.entities:
            return self.gazetteer.entities[ent.ent_id_], "demonym" if ent.label_ == "NORP" else "gazetteer"
        name = _clean_name(ent.text)
        titled = ent.label_ in ("PERSON", "ORG") and ent[0].tag_ == "NN" and ent[0].lower_ in TITLES
        if ent.label_ == "PERSON" or titled:
            name = _without_title(name)
        if not name or not any(c.isalpha() for c in name):
            return None, ""
        if ent.label_ == "NORP":
            country = self.gazetteer.country_of_word(name)
            if country:
                return self.gazetteer.entities[country], "demonym"
            if ent.root.tag_ == "JJ":
                return None, ""  # "European aircraft maker": an adjective of no country names no one
        known = self.gazetteer.names.get(name) or self.gazetteer.names.get(LEGAL_FORM.sub("", name))
        if known:
            return self.gazetteer.entities[known], "gazetteer"
        # The small model often calls a bare surname an organization ("Boric, who took office") or,
        # as a subject, a place ("Toledo, 78, was extradited"): such a one-word name ending a
        # person's name seen earlier is that person (gazetteer places were settled above).
        surname_like = ent.label_ in ("PERSON", "ORG") or (ent.label_ in ("GPE", "LOC") and is_subject(ent.root))
        earlier = self._person_by_surname(name) if surname_like else None
        if earlier:
            return earlier, "coref"
        if ent.label_ == "ORG":
            whole = self._organization_by_first_words(name)
            if whole is not None:
                return whole, "coref"
        if ent.label_ == "PERSON":
            office_holder = self.gazetteer.person_by_surname(name, self.dct)
            if office_holder:
                return office_holder, "gazetteer"
        label = "PERSON" if titled else ent.label_  # "Spokeswoman Sandy Angers", taken for a firm
        if label in ("PERSON", "ORG") and _placed(ent, strictly=label == "ORG") and locate_name(name) is not None:
            label = "GPE"  # "flown to Toulouse, France": a city the tagger took for a person or a firm
        kind, category = NER_KINDS[label]
        key = slug(name)
        if key not in self.minted:
            # Only a GPE may be a city; LOC names mountains, rivers and regions, which have no one point.
            point = locate_name(name) if label == "GPE" else None
            self.minted[key] = Entity(key=key, label=name, kind=kind, category=category, coordinates=point)
        return self.minted[key], "ner"

    def _organization_by_first_words(self, name: str) -> Entity | None:
        """ "NPD", "Lockheed" after "NPD Group", "Lockheed Martin": a one-word name that opens the
        name of an organization seen before is that organization (not "the Air Force" after the "Air
        Force Communications" of someone's title)."""
        if " " in name:
            return None
        for entity in reversed(self.seen):
            first, *rest = entity.label.split()
            if entity.is_organization and first == name and rest \
                    and all(word[:1].isupper() for word in rest):  # not "MacBook and"
                return entity
        return None

    def _person_by_surname(self, name: str) -> Entity | None:
        """A one-word PERSON name equal to the last word of a person seen before."""
        if " " in name:
            return None
        for entity in reversed(self.seen):
            if entity.category == "person" and entity.label.split()[-1] == name:
                return entity
        return None

    def _pronoun(self, part: Parsed, token: Token) -> list[Mention]:
        if token.dep_ not in (("poss",) if token.lower_ in POSSESSIVE_PRONOUNS else ("nsubj", "nsubjpass")):
            return []
        people = self.subjects or [e for e in self.seen if e.category == "person"]
        if not people or quoted_without_a_person(token):
            return []
        return [self._mention(part, token, people[-1], "coref")]

    def _plural(self, part: Parsed, token: Token) -> list[Mention]:
        """ "Boeing and Airbus said they would appeal": the subjects the last clause named together,
        or the group it named ("the rebels said they"), or the one organization whose saying the
        clause of "they" reports ("Airbus have announced that they will"), when "they" is a subject
        or an owner."""
        if token.dep_ not in ("nsubj", "nsubjpass", "poss") or self.subject_group is None:
            return []
        (doc_key, verb), group = self.subject_group
        reported = len(group) == 1 and group[0].is_organization and doc_key == id(token.doc) \
            and any(a.i == verb for a in token.ancestors)
        if len(group) < 2 and not (group and group[0].category == "group") and not reported:
            return []
        return [self._mention(part, token, entity, "coref") for entity in group]

    def _speaker(self, part: Parsed, token: Token, entities: Mapping[int, SpacySpan]) -> list[Mention]:
        """ "'We are fully committed,' Airbus said": a first-person word in a quotation is whoever the
        sentence, the one after or the one before says is speaking, when that is a name of the right
        kind."""
        if token.dep_ not in ("nsubj", "nsubjpass", "poss") or not inside_quote_marks(token):
            return []
        sentences = [token.sent] + ([token.doc[token.sent.end].sent] if token.sent.end < len(token.doc) else []) \
            + ([token.doc[token.sent.start - 1].sent] if token.sent.start > 0 else [])  # "... stating, 'I have'"
        for sentence in sentences:
            for verb in (t for t in sentence if t.lemma_.lower() in SAYING_VERBS and t.pos_ == "VERB"):
                subject = saying_subject(verb)
                if subject is None or subject.lower_ in SPEAKER_PRONOUNS:
                    continue  # "I conclude": the quotation's own saying
                entity = self._named_entity(subject, entities)
                if entity is None and subject.lower_ in PRONOUNS and self.subjects:
                    entity = self.subjects[-1]
                if entity is None:
                    return []
                speaks_as = "organization" if entity.is_organization else entity.category
                if speaks_as == "person" and SPEAKER_PRONOUNS[token.lower_] == "organization":
                    # a chief executive's "we": the firm the article says they lead, else the last one
                    employer = self.employers.get(entity.key) or (self.organizations[-1] if self.organizations else None)
                    if employer is not None:
                        entity, speaks_as = employer, "organization"
                return [self._mention(part, token, entity, "coref")] if speaks_as == SPEAKER_PRONOUNS[token.lower_] else []
        return []

    def _organization(self, part: Parsed, token: Token, phrase, entities: Mapping[int, SpacySpan]) -> list[Mention]:
        """ "it", "its", "the company": the organization last seen as a subject, when the word
        plays a subject's or an owner's part (not "it is expected that", not "buy it")."""
        if token.dep_ not in ("nsubj", "nsubjpass", "poss"):
            return []
        owner = self._clause_subject(token, entities) if token.lower_ == "its" else None
        # "NPD Group, a market research firm. The firm said": the one the article called so; "a memo
        # at Apple showed the company passed Wal-Mart": the one its own sentence named before it
        owner = owner or (self.described.get(token.lemma_.lower()) or self._named_before_in_sentence(token, entities)
                          if token.pos_ == "NOUN" else None)
        if owner is not None:
            return [self._mention(part, phrase, owner, "coref")]
        if not self.organizations:
            return []
        if token.lower_ == "it" and (is_expletive(token) or in_clause_about_a_thing(token) or follows_a_thing(token)
                                     or thing_that_says(token)) or token.lower_ == "its" and owned_by_a_thing(token):
            return []
        if token.pos_ == "NOUN":
            # "the company" is the one the story is about: the organization most often its subject so
            # far (on a tie, the one named last), not a product the tagger took for a firm in passing
            counts = Counter(self.organizations)
            last_named = {entity: i for i, entity in enumerate(self.seen)}
            owner = max(counts, key=lambda entity: (counts[entity], last_named.get(entity, -1)))
            return [self._mention(part, phrase, owner, "coref")]
        return [self._mention(part, phrase, self.organizations[-1], "coref")]

    def _named_before_in_sentence(self, noun: Token, entities: Mapping[int, SpacySpan]) -> Entity | None:
        """The organization its sentence names before ``noun``: the one in the sentence's subject
        ("Aer Lingus operates an all-Airbus fleet ... since the company was floated"), else the last."""
        named = [(token, entity) for token in noun.doc[noun.sent.start:noun.i]
                 if (entity := self._named_entity(token, entities)) is not None and entity.is_organization]
        subject = next((c for c in noun.sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        in_subject = [entity for token, entity in named if subject is not None and token in subject.subtree]
        return in_subject[-1] if in_subject else named[-1][1] if named else None

    def _clause_subject(self, its: Token, entities: Mapping[int, SpacySpan]) -> Entity | None:
        """ "Russia started its intervention": "its" is the named subject of its own clause, when
        that is an organization or a country."""
        subject = clause_subject(its)
        entity = self._named_entity(subject, entities) if subject is not None else None
        return entity if entity is not None and (entity.is_organization or entity.category == "country") else None

    def _named_entity(self, token: Token, entities: Mapping[int, SpacySpan]) -> Entity | None:
        """The entity of the name ``token`` stands in (``entities``: the paragraph's, by first token)."""
        ent = next((e for e in entities.values() if e.start <= token.i < e.end), None)
        return self._entity_of(ent)[0] if ent is not None and ent.label_ in NER_KINDS else None

    def _office(self, part: Parsed, token: Token) -> list[Mention]:
        """ "the Russian president", "Syria's president", "the president of Egypt" -> who held it."""
        office = token.lemma_.lower()
        left = token.nbor(-1) if token.i > 0 else None
        if left is not None and f"{left.lower_} {office}" in self.gazetteer.offices:
            office = f"{left.lower_} {office}"
        if office not in self.gazetteer.offices:
            return []
        following = token.nbor(1) if token.i + 1 < len(token.doc) else None
        if following is not None and following.pos_ == "PROPN":
            return []  # "President Joe Biden": the name that follows is the mention
        country = None
        for child in token.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                country = self.gazetteer.country_of_word(child.text)
            elif child.dep_ == "prep" and child.lower_ == "of":
                country = next((self.gazetteer.country_of_word(o.text) for o in child.children if o.dep_ == "pobj"), None)
            if country:
                break
        holder = self.gazetteer.holder(office, country, self.dct) if country else None
        if holder is None:
            return []
        start = min([token.i] + [c.i for c in token.children if c.dep_ in ("amod", "compound", "poss", "det", "nmod")])
        self._remember(holder, token)
        return [self._mention(part, token.doc[start:token.i + 1], holder, "coref")]

    def _group(self, part: Parsed, token: Token) -> list[Mention]:
        """ "the two leaders", "both countries": the last two distinct entities of that category."""
        category = GROUP_NOUNS.get(token.lemma_.lower())
        if category is None or token.tag_ != "NNS":
            return []
        words = {c.lower_ for c in token.children}
        if not ({"two", "both"} & words):
            return []
        found: list[Entity] = []
        for entity in reversed(self.seen):
            kind = "organization" if entity.is_organization else entity.category
            if kind == category and entity.key not in {e.key for e in found}:
                found.append(entity)
            if len(found) == 2:
                break
        if len(found) < 2:
            return []
        phrase = token.doc[min([token.i] + [c.i for c in token.children if c.i < token.i]):token.i + 1]
        return [self._mention(part, phrase, entity, "coref") for entity in reversed(found)]


    def _local_body(self, part: Parsed, token: Token) -> list[Mention]:
        """ "the Paris fire brigade", "the Sydney city council": a city's service is an organization of
        its own, named by the whole phrase, not the city (a country's bodies are the state: see
        STATE_BODIES)."""
        if token.lemma_.lower() not in LOCAL_BODIES or token.tag_ != "NN":
            return []
        first = next((c for c in token.children if c.dep_ == "compound" and c.ent_type_ in ("GPE", "LOC")), None)
        if first is None:
            first = next((c for c in token.children if c.dep_ == "compound"), None)
            first = next((g for g in first.children if g.dep_ == "compound" and g.ent_type_ in ("GPE", "LOC")),
                         None) if first is not None else None
        name = next((e for e in token.doc.ents if e.start <= first.i < e.end), None) if first is not None else None
        entity = self._entity_of(name)[0] if name is not None and name.label_ in NER_KINDS else None
        if entity is None or entity.category not in ("city", "region", "place"):
            return []
        phrase = token.doc[name.start:token.i + 1]
        key = slug(phrase.text)
        body = self.minted.setdefault(key, Entity(key=key, label=phrase.text, kind="actor", category="organization"))
        self._remember(body, token)
        return [self._mention(part, phrase, body, "ner")]

    def _group_actor(self, part: Parsed, token: Token) -> list[Mention]:
        """ "opposition groups", "Syrian rebels", "protesters": a group actor named by its kind."""
        lemma = token.lemma_.lower()
        modifiers = _premodifiers(token)
        if lemma in STATE_BODIES or token.dep_ == "compound":
            return []
        named = token.doc[token.i - 1] if token.i > 0 else None
        if named is not None and named.ent_type_ in ("ORG", "GPE") and named.head.i == token.i:
            return []  # "Hamas fighters", "Wagner mercenaries": the named organization acts
        if lemma in GROUP_HEADS:
            if not any(m.lemma_.lower() in GROUP_ACTORS or m.pos_ == "ADJ" for m in modifiers):
                return []
        elif lemma not in GROUP_ACTORS and not (lemma in PLURAL_GROUP_ACTORS and token.tag_ == "NNS"):
            return []
        start = min([token.i] + [m.i for m in modifiers])
        phrase = token.doc[start:token.i + 1]
        # A group known only by its kind is no identity shared across articles: "customers" here
        # are not the customers of another story.
        key = slug(f"{self.doc_id} " + " ".join(t.lemma_.lower() for t in phrase))
        entity = self.minted.setdefault(key, Entity(key=key, label=phrase.text, kind="actor", category="group"))
        self._remember(entity, token)
        return [self._mention(part, phrase, entity, "ner")]


def _premodifiers(token: Token) -> list[Token]:
    """The nouns and adjectives right before ``token`` in its phrase ("opposition" in "opposition
    groups"), read off the surface because parsers often misplace them under coordination."""
    found: list[Token] = []
    node = token
    while node.i > 0:
        previous = token.doc[node.i - 1]
        if previous.pos_ not in ("NOUN", "ADJ") or previous.ent_type_ in ("PERSON", "ORG", "GPE", "FAC") \
                or previous.lower_ in QUANTIFIERS:
            break  # "At the event several developers": the phrase starts after its quantifier
        found.insert(0, previous)
        node = previous
    return found


def _placed(ent: SpacySpan, strictly: bool = False) -> bool:
    """Whether a name stands before ", <place>" ("Toulouse, France") or, unless ``strictly``,
    after "to", "in", "from", "near" or "at"."""
    root, doc = ent.root, ent.doc
    after = doc[ent.end + 1] if ent.end + 1 < len(doc) and doc[ent.end].text == "," else None
    return (after is not None and after.ent_type_ in ("GPE", "LOC")) or (
        not strictly and root.dep_ == "pobj" and root.head.lower_ in PLACE_MARKERS)


# A company's legal form after its name: "EADS N.V." is the gazetteer's "EADS".
LEGAL_FORM = re.compile(r",?\s+(?:Inc\.?|Incorporated|Corp\.?|Corporation|Co\.|Ltd\.?|Limited|PLC|plc|N\.V\.|NV|AG|"
                        r"S\.A\.|SA|SE|GmbH|LLC|L\.L\.C\.)$")


def _without_title(name: str) -> str:
    """ "Spokeswoman Sandy Angers" -> "Sandy Angers": a title the tagger took into a person's name
    (capitalized at the start of a sentence) is no part of it."""
    words = name.split()
    while len(words) > 1 and words[0].lower() in TITLES:
        words = words[1:]
    return " ".join(words)


def _clean_name(text: str) -> str:
    text = re.sub(r"^(the|The)\s+", "", text.strip())
    return re.sub(r"(['\u2019]s|['\u2019])$", "", text).strip()
