"""Events: triggers typed by the event-type scheme, and their role-labelled arguments.

A trigger is a verb or an event noun of the lexicon ("met", "visit", "talks", "strikes"). Its
agent, patient, participants and place come from the dependency parse; light and aspectual verbs
("made a visit", "talks will begin") lend their subject, place and time to the event noun they carry.
Dating lives in ``graph.extract.dating`` and merging mentions of one event in ``graph.extract.merge``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from graph.model import Argument, Mention, Timex
from graph.rdf.event_types import EventTypes, load_event_types

from .event_words import (
    ATTEMPT_VERBS,
    COMMANDING,
    CONTAINER_NOUNS,
    GENERIC_ADJECTIVES,
    HOLDING_VERBS,
    LAND_NOUNS,
    LEFT_BEHIND,
    NAME_KINDS,
    NAMING_PARTICIPLES,
    NATURAL_FORCES,
    NOT_EVENT_ING,
    NOUN_VERBS,
    OBJECT_CONTROL,
    ONGOING_ADJECTIVES,
    OWNED_BODIES,
    PARTICIPANT_PREPOSITIONS,
    PATIENT_PREPOSITIONS,
    PEOPLE_OBJECTS,
    PHASE_NOUNS,
    PLACE_PREPOSITIONS,
    PLACE_RANK,
    PURPOSE_PARTICIPLES,
    RELATING_PARTICIPLES,
    RELATING_VERBS,
    RELATION_NOUNS,
    RELATIVE_PRONOUNS,
    SAYING_OBJECTS,
    SAYING_ONLY_WITHOUT_OBJECT,
    SHARE_NOUNS,
    STATE_NOUNS,
    STATE_PREPOSITIONS,
    TIME_UNIT_NOUNS,
    TRAVEL_NOUNS,
    TYPING_BY_PEOPLE,
    TYPING_OBJECTS,
    UNTYPING_OBJECTS,
)
from .modes import STATE_TYPE, mode_of
from .nlp import Parsed
from .syntax import ASPECTUAL_VERBS, INTENTION_VERBS, LIGHT_VERBS, STATE_VERBS, TIMING_PREPOSITIONS, is_negated

__all__ = ["Trigger", "find_triggers"]

# Verbs outside the typed lexicon still tell an event ("prices fell", "the court ruled") unless
# they name a state or attitude rather than a happening.
FALLBACK_TYPE = "occurrence"


@dataclass(slots=True, eq=False)  # identity, not value: triggers key dicts
class Trigger:
    """One mention of an event in one sentence, before dating and merging."""

    part: Parsed
    token: Token
    event_type: str
    arguments: list[Argument] = field(default_factory=list)
    carrier: Token | None = None  # the light or aspectual verb that carries a noun trigger
    sentence: SpacySpan = field(init=False)
    timex: Timex | None = None  # the expression that dates it (its own, or one it inherited)
    earliest: date | None = None
    latest: date | None = None
    dated_by: str = ""  # own, relative, governing, sentence, lede: how the date was found
    mode: str = field(init=False)  # graph.model.MODES: happened, future, description, amount, state or unrealized

    def __post_init__(self) -> None:
        self.sentence = self.token.sent  # computed once: spaCy walks the parse for each .sent
        self.mode = mode_of(self.token, self.anchor, self.event_type, self.part.headline)

    @property
    def anchor(self) -> Token:
        """Where the event's own time and place modifiers hang: the carrier verb if any."""
        return self.carrier or self.token


def find_triggers(parsed: Sequence[Parsed], mentions: Sequence[Mention], doc_id: str,
                  types: EventTypes | None = None) -> list[Trigger]:
    """Every event trigger of the article with its arguments, in text order."""
    types = types or load_event_types()
    index = _MentionIndex(mentions)
    triggers: list[Trigger] = []
    for part in parsed:
        for token in part.doc:
            event_type = _event_type(token, types)
            if event_type is not None:
                triggers.append(Trigger(part=part, token=token, event_type=event_type, carrier=_carrier(token)))
    index.trigger_tokens = {(id(t.part), t.token.i) for t in triggers}
    for trigger in triggers:
        trigger.arguments = _arguments(trigger, index)
    return triggers


def _event_type(token: Token, types: EventTypes) -> str | None:
    if is_negated(token):
        return None
    if _in_hyphenated_word(token):
        return _hyphenated_noun_type(token, types)
    lemma = token.lemma_.lower()
    if token.pos_ == "AUX" and lemma == "be" and token.dep_ not in ("aux", "auxpass", "xcomp"):
        return STATE_TYPE  # "Apple is the leader", "there is a problem"
    if token.pos_ == "VERB":
        if token.dep_ in ("aux", "auxpass", "amod"):
            return None  # helping verbs and participles used as adjectives ("a war-torn country")
        if token.tag_ == "VBN" and _describing(token, lemma):
            return None  # "a puppy named Dolphin", "the rise was tied to costs": a description, a state
        if lemma == "compare" and token.tag_ == "VBN" and any(c.lower_ in ("with", "to") for c in token.children) \
                and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children):
            return None  # "a loss, compared with a profit a year ago": a comparison of figures
        if lemma == "go" and token.tag_ == "VBG" and any(c.dep_ == "xcomp" for c in token.children) \
                and any(c.dep_ == "aux" and c.lemma_ == "be" for c in token.children):
            return None  # "we are going to fight": the future of "fight", not a going
        particle = next((c.lower_ for c in token.children
                         if c.dep_ == "prt" or (c.dep_ == "prep" and c.i == token.i + 1)), None)
        if particle and f"{lemma} {particle}" in types.verbs:
            return types.verbs[f"{lemma} {particle}"]
        if (lemma in LIGHT_VERBS or lemma in ASPECTUAL_VERBS) and _carried_noun(token, types) is not None:
            return None
        if lemma in types.verbs:
            return _typed_by_object(token, lemma, types.verbs[lemma])
        if lemma in ATTEMPT_VERBS and not _completes_with_event(token):
            return FALLBACK_TYPE  # "sought support", "tried to become guardian": the attempt is what happened
        if not lemma.isalpha() or lemma in RELATING_VERBS or lemma in ATTEMPT_VERBS:
            return None  # "tried to flee": the flight is the event
        if lemma == "include" and token.tag_ == "VBG":
            return None  # "groups, including the army": a list, not even a state
        if lemma in STATE_VERBS or (lemma in HOLDING_VERBS and _holds_a_share(token)) or _keeps_as_is(token, lemma):
            return STATE_TYPE  # "iTunes held 19 percent of the market": a standing, not a happening
        if lemma == "appear" and any(c.dep_ == "ccomp" for c in token.children):
            return None  # "it appears that": a seeming, not an appearance
        if lemma in ASPECTUAL_VERBS and token.dep_ == "relcl" and token.head.lemma_.lower() in types.nouns:
            return None  # "the round, which begins on May 2": the round is the event, dated by "begins"
        return FALLBACK_TYPE
    if token.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "det" and c.lower_ == "no" for c in token.children):
        return None  # "the company has no comment", "no agreement was reached"
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound" and token.ent_type_ not in NAME_KINDS:
        if any(c.dep_ == "amod" and c.lower_ in GENERIC_ADJECTIVES for c in token.children):
            return None  # "during a typical download", "a possible strike": no particular happening
        if any(c.dep_ == "amod" and (c.lower_ in ONGOING_ADJECTIVES or (c.lower_ == "running" and any(
                a.lower_ == "long" for a in c.children))) for c in token.children):
            return STATE_TYPE  # "a long running trademark dispute", "the ongoing conflict": what holds
        if lemma in PHASE_NOUNS and _of_a_time(token):
            return None  # "at the beginning of the year": a point in time, not an event
        if lemma in CONTAINER_NOUNS and _of_complement_is_event(token, types):
            return None
        if lemma == "order" and not _commands(token):
            return FALLBACK_TYPE  # "placed an order for 22 jets": a purchase, not a command
        verb = NOUN_VERBS.get(lemma)
        if verb is not None and not _objects_of_noun(token) & TYPING_OBJECTS[verb]:
            return FALLBACK_TYPE  # "aid deliveries" are aid, "the delivery of the first A380" is not
        if lemma in types.nouns:
            return types.nouns[lemma]
        if lemma in STATE_NOUNS:
            return STATE_TYPE
        if token.tag_ == "NN" and lemma.endswith("ing") and len(lemma) > 5 and lemma not in NOT_EVENT_ING \
                and _is_verb(lemma[:-3]):
            # "the bombing", "trading", "a meeting": -ing nouns name what their verb does
            return types.verbs.get(lemma[:-3]) or types.verbs.get(lemma[:-3] + "e") or FALLBACK_TYPE
    return None


def _of_a_time(noun: Token) -> bool:
    """Whether ``noun``'s "of" complement is a time ("of the year", "of 2008", "of March")."""
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        o.dep_ == "pobj" and (o.lemma_.lower() in TIME_UNIT_NOUNS or o.ent_type_ in ("DATE", "TIME"))
        for o in c.children) for c in noun.children)


def _keeps_as_is(verb: Token, lemma: str) -> bool:
    """Whether a verb keeps its object in a state ("keeping the jet in production", "kept rates
    unchanged"): a standing, not a happening."""
    return lemma in ("keep", "leave", "maintain") and any(c.dep_ == "dobj" for c in verb.children) and any(
        c.dep_ in ("oprd", "acomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in ("in", "on", "at", "under"))
        for c in verb.children)


def _holds_a_share(verb: Token) -> bool:
    """Whether a verb's object is a share, a rank or a figure ("held 19 percent", "holds the lead")."""
    return any(c.dep_ == "dobj" and (c.lemma_.lower() in SHARE_NOUNS or any(n.like_num for n in c.children))
               for c in verb.children)


def _objects_of_noun(noun: Token) -> set[str]:
    """What an event noun acts on: its "of" complement and its compounds ("the delivery of aid",
    "aid deliveries")."""
    found = [c for c in noun.children if c.dep_ == "compound"]
    found += [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return {t.lemma_.lower() for t in found}


def _commands(order: Token) -> bool:
    """Whether the noun "order" is a command ("the order to withdraw", "an executive order", "a
    court order that") rather than a purchase ("an order for 60 jets", "placed an order")."""
    return any(c.dep_ in ("acl", "relcl") and any(g.lower_ in ("to", "that") for g in c.children)
               or (c.dep_ in ("amod", "compound") and c.lower_ in COMMANDING)
               for c in order.children)


def _describing(participle: Token, lemma: str) -> bool:
    """Whether a past participle describes its noun or subject rather than tells what happened:
    after a noun, a relation or a name that follows ("costs associated with", "a puppy named
    Dolphin", not "a law named for him"); in a passive, a relation or a purpose ("was tied to",
    "was aimed at")."""
    after_noun = participle.dep_ == "acl"
    passive = any(c.dep_ == "auxpass" for c in participle.children)
    if lemma in RELATING_PARTICIPLES:
        bare = not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in participle.children)
        return after_noun or passive or bare  # "France will lose jobs, followed by Germany"
    if lemma in PURPOSE_PARTICIPLES:
        return passive
    return after_noun and lemma in NAMING_PARTICIPLES and any(
        c.dep_ in ("oprd", "dobj", "attr", "npadvmod", "appos") for c in participle.children)


def _typed_by_object(verb: Token, lemma: str, kind: str) -> str:
    """``kind``, unless ``verb`` is one whose type rests on an object it does not have (or one
    that makes it something else: "met the deadline" is no meeting)."""
    tokens = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    tokens += [c for o in tokens for c in o.conjuncts]
    objects = {o.lemma_.lower() for o in tokens}
    if lemma in TYPING_BY_PEOPLE and not (objects & PEOPLE_OBJECTS or any(o.ent_type_ == "PERSON" for o in tokens)):
        return FALLBACK_TYPE
    if lemma == "leave" and tokens and not (objects & LEFT_BEHIND or any(
            o.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "NORP") for o in tokens)):
        return FALLBACK_TYPE
    wanted = TYPING_OBJECTS.get(lemma)
    if wanted is not None and not objects & wanted:
        return FALLBACK_TYPE
    if lemma in SAYING_ONLY_WITHOUT_OBJECT and tokens and not any(c.dep_ == "ccomp" for c in verb.children):
        return FALLBACK_TYPE  # "it adds full support for the store", "added 500 jobs": nothing said
    said = SAYING_OBJECTS.get(lemma)
    if said is not None and not objects & said and not any(c.dep_ == "ccomp" for c in verb.children):
        return FALLBACK_TYPE
    if objects & UNTYPING_OBJECTS.get(lemma, set()):
        return FALLBACK_TYPE
    return kind


def _completes_with_event(verb: Token) -> bool:
    """Whether ``verb`` has a verbal complement naming a happening ("sought to expel", not "sought to be")."""
    return any(c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX") and c.lemma_.lower() not in STATE_VERBS
               for c in verb.children)


def _is_verb(stem: str) -> bool:
    """Whether ``stem`` (or ``stem`` + "e": "trad(e)ing") is an English verb, per spaCy's lemma index."""
    verbs = _verb_index()
    return stem in verbs or f"{stem}e" in verbs or (len(stem) > 2 and stem[-1] == stem[-2] and stem[:-1] in verbs)


@lru_cache(maxsize=1)
def _verb_index() -> frozenset[str]:
    from .nlp import load_nlp

    lemmatizer = load_nlp().get_pipe("lemmatizer")
    return frozenset(lemmatizer.lookups.get_table("lemma_index")["verb"])


def _in_hyphenated_word(token: Token) -> bool:
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    before = doc[token.i - 1] if token.i > 0 else None
    return (after is not None and after.text == "-" and not token.whitespace_) or (
        before is not None and before.text == "-" and not before.whitespace_)


def _hyphenated_noun_type(token: Token, types: EventTypes) -> str | None:
    """ "a cease-fire", "the buy-outs": the last part of a hyphenated noun stands for the whole
    word, an event when the word written solid is one ("ceasefire", "buyout")."""
    doc = token.doc
    last_part = token.i + 1 == len(doc) or doc[token.i + 1].text != "-" or token.whitespace_
    if token.pos_ != "NOUN" or not last_part or token.i < 2:
        return None
    hyphen, first = doc[token.i - 1], doc[token.i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or first.whitespace_ or not first.is_alpha:
        return None
    return types.nouns.get(first.lower_ + token.lemma_.lower())


def _of_complement_is_event(token: Token, types: EventTypes) -> bool:
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            if any(o.lemma_.lower() in types.nouns for o in prep.children if o.dep_ == "pobj"):
                return True
    return False


def _carried_noun(verb: Token, types: EventTypes) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and child.lemma_.lower() in types.nouns:
            return child
    return None


def _raised_subjects(verb: Token) -> tuple[Token, ...]:
    """ "construction is set to begin", "the talks are expected to resume": the subject of a planning
    word is the subject of the aspectual verb it completes."""
    if verb.dep_ != "xcomp" or verb.lemma_.lower() not in ASPECTUAL_VERBS or verb.head.lemma_.lower() not in INTENTION_VERBS:
        return ()
    return tuple(c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass"))


def _carrier(token: Token) -> Token | None:
    """The light verb whose object, or aspectual verb whose subject, is this event noun."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    head = token.head
    lemma = head.lemma_.lower()
    if token.dep_ in ("dobj", "attr") and (lemma in LIGHT_VERBS or lemma in ASPECTUAL_VERBS):
        return head
    if token.dep_ in ("nsubj", "nsubjpass") and lemma in ASPECTUAL_VERBS:
        return head
    if token.dep_ in ("nsubj", "nsubjpass"):
        raised = next((c for c in head.children if c.dep_ == "xcomp" and token in _raised_subjects(c)), None)
        if raised is not None:
            return raised  # "construction is set to begin in 1991": "begin" carries the construction
    if token.dep_ == "nsubjpass" and lemma in LIGHT_VERBS:
        return head  # "talks were held in 2021": the passive light verb carries its subject
    if token.dep_ == "pobj" and head.head.pos_ == "NOUN" and head.head.lemma_.lower() in CONTAINER_NOUNS:
        return _carrier(head.head)  # "a round of talks will begin": the round's verb carries the talks
    return None


class _MentionIndex:
    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.at_char: dict[int, list[Mention]] = {}  # every character a mention covers -> mentions
        for mention in mentions:
            for char in range(mention.span.start, mention.span.end):
                self.at_char.setdefault(char, []).append(mention)
        self.trigger_tokens: set[tuple[int, int]] = set()

    def is_trigger(self, part: Parsed, token: Token) -> bool:
        return (id(part), token.i) in self.trigger_tokens

    def covering(self, part: Parsed, token: Token) -> list[Mention]:
        return list(self.at_char.get(part.offset + token.idx, ()))

    def of_phrase(self, part: Parsed, head: Token) -> list[Mention]:
        """Mentions naming the phrase headed by ``head``: the head itself, else its modifiers.

        A name in apposition or compound ("President Emmanuel Macron") beats a demonym
        ("Syrian President"), which names the phrase only when nothing else does. A noun the parser
        hung on the head as ``nmod`` is usually a coordinated one ("the Syrian government and
        opposition groups"): its entities join the head's.
        """
        found = self.covering(part, head)
        if not found:
            # "Boeing's European rival, Airbus": a relation's owner is the other side, its apposition the one
            kept = ("appos",) if head.lemma_.lower() in RELATION_NOUNS else ("compound", "amod", "poss", "appos")
            for child in head.children:
                if child.dep_ in kept:
                    # "the Malaysia visit was rescheduled": the place is where the visit goes
                    found.extend(m for m in self.covering(part, child) if not (
                        head.lemma_.lower() in OWNED_BODIES | TRAVEL_NOUNS and m.entity.kind == "place"))
            names = [m for m in found if m.source != "demonym"]
            found = names or found
            # "Russia's state news agency Novosti": the agency acts, not the state that owns it
            actors = [m for m in found if m.entity.kind == "actor"]
            found = actors or found
        for child in head.children:
            if child.dep_ == "nmod" and child.pos_ in ("NOUN", "PROPN"):
                found.extend(m for m in self.of_phrase(part, child) if m not in found)
        return found

    def places_in(self, part: Parsed, tokens: list[Token]) -> list[Mention]:
        return [m for t in tokens for m in self.covering(part, t)
                if m.entity.kind == "place" and m.source != "demonym"]


def _conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _arguments(trigger: Trigger, index: _MentionIndex) -> list[Argument]:
    token = trigger.token
    roles: list[tuple[str, Token]] = []
    recipients: list[Token] = []
    visited: list[Token] = []  # "the Malaysia visit": where one goes; "the Obama visit": who goes
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in ("PROPN", "NOUN"):
        roles.append(("patient", token.head))  # "Jobs, born in San Francisco": who the participle tells of
    for child in token.children:
        dep, word = child.dep_, child.lower_
        if dep in ("nsubj", "nsubjpass") and word in RELATIVE_PRONOUNS and token.dep_ == "relcl":
            child = _antecedent(token.head, word)  # "Boric, who took office in 2022": who is Boric
        if dep in ("nsubj",):
            roles += [("agent", c) for c in _conjuncts(child)]
        elif dep == "nsubjpass" or (dep == "dobj" and token.pos_ == "VERB"):
            roles += [("patient", c) for c in _conjuncts(child)]
        elif dep == "agent":
            roles += [("agent", o) for o in child.children if o.dep_ == "pobj"]
        elif dep == "poss" and token.pos_ != "VERB":
            roles.append(("agent", child))
        elif dep == "compound" and token.pos_ != "VERB" and token.lemma_.lower() in TRAVEL_NOUNS:
            visited.append(child)
        elif dep in ("amod", "compound") and token.pos_ != "VERB":
            roles.append(("agent" if dep == "amod" else "participant", child))
        elif dep == "prep":
            objects = [c for o in child.children if o.dep_ == "pobj" for c in _conjuncts(o)]
            if word == "of" and token.lemma_.lower() in TRAVEL_NOUNS:
                visited += objects  # "a tour of Asia and Australia": where it goes
            elif word in PARTICIPANT_PREPOSITIONS:
                roles += [("participant", o) for o in objects]
            elif word == "by" and token.pos_ != "VERB":
                roles += [("agent", o) for o in objects]
            elif word in PATIENT_PREPOSITIONS:
                roles += [("patient", o) for o in objects]
            elif word == "to":
                recipients += objects
    if trigger.carrier is not None:
        # "held talks with Macron", "the dispute came up between Apple and Cisco": the carrying
        # verb's "with" and "between" name who takes part in the event it carries
        roles += [("participant", c) for p in trigger.carrier.children if p.dep_ == "prep"
                  and p.lower_ in PARTICIPANT_PREPOSITIONS for o in p.children if o.dep_ == "pobj" for c in _conjuncts(o)]
    arguments = _resolve(trigger, roles, index)
    arguments += [Argument("place" if a.mention.entity.kind == "place" else "agent", a.mention)
                  for a in _resolve(trigger, [("participant", c) for c in visited], index)]
    # "delivered to Singapore Airlines", "sold to Aeroflot": who receives takes part; a place it
    # goes to is left to the places below.
    arguments += [a for a in _resolve(trigger, [("participant", o) for o in recipients], index,
                                      seen={(a.role, a.mention.entity.key) for a in arguments})
                  if a.mention.entity.kind == "actor"]
    if any(c.dep_ == "nsubj" and c.lemma_.lower() in NATURAL_FORCES for c in token.children):
        # "an earthquake struck western Nepal", "Nepal's earthquake killed": a natural force has no
        # actor; the places it hits or belongs to are where it happened
        arguments = [Argument("place", a.mention) if a.role in ("agent", "patient") and a.mention.entity.kind == "place"
                     else a for a in arguments]
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children)
    own_subject = any(c.dep_ in ("nsubj", "csubj", "expl") for c in token.children)
    if not passive and not own_subject and not any(a.role == "agent" for a in arguments):
        # a passive's agent is its by-phrase; a clause with a subject of its own ("while the CEO
        # underwent surgery") is that subject's doing, named or not
        arguments += _resolve(trigger, [("agent", t) for t in _inherited_subjects(trigger)], index,
                              seen={(a.role, a.mention.entity.key) for a in arguments})
    named = {a.mention.entity.key for a in arguments}
    arguments += [Argument("place", m) for m in _places(trigger, index) if m.entity.key not in named]
    # An entity plays one part in an event: the place if it is one, else the first role found
    # ("Ryanair is exercising its options": Ryanair acts, its options do not make it a patient).
    places = {a.mention.entity.key for a in arguments if a.role == "place"}
    kept, roles = [], {}
    for argument in arguments:
        key = argument.mention.entity.key
        if (argument.role == "place" or key not in places) and roles.setdefault(key, argument.role) == argument.role:
            kept.append(argument)
    return kept


def _antecedent(noun: Token, pronoun: str) -> Token:
    """The noun a relative clause speaks of. Parsers hang "who" on the nearest noun: in "Charles
    O'Reilly, an expert at Stanford University, who stated", who is the person, not the university."""
    node = noun
    while pronoun == "who" and node.ent_type_ != "PERSON":
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            node = node.head.head
        elif node.dep_ == "appos":
            node = node.head
        else:
            return noun
    return node


def _resolve(trigger: Trigger, roles: list[tuple[str, Token]], index: _MentionIndex,
             seen: set[tuple[str, str]] | None = None) -> list[Argument]:
    """Arguments for the entities that the role-bearing words name."""
    arguments: list[Argument] = []
    seen = set() if seen is None else seen
    part = trigger.part
    for role, word in roles:
        for mention in index.of_phrase(part, word):
            if mention.entity.kind == "place" and mention.entity.category in ("city", "facility", "region", "place") \
                    and role != "agent":
                if mention.source == "demonym":
                    continue
                role_here = "place"
            elif mention.source == "demonym" and word.lemma_.lower() in LAND_NOUNS:
                role_here = "place"  # "incidents over American soil": where, not who
            else:
                role_here = role
            if (role_here, mention.entity.key) not in seen:
                seen.add((role_here, mention.entity.key))
                arguments.append(Argument(role_here, mention))
    return arguments


def _inherited_subjects(trigger: Trigger) -> list[Token]:
    """The doer of an event named without its own subject, taken from the verb above it.

    Event nouns take the subject of the verb that carries them ("Russia started its intervention")
    or of the verb their phrase modifies ("In a visit to X, the president orders ..."); verbs take
    it through control and coordination ("ordered his troops to withdraw", "visited and met").
    """
    token = trigger.token
    if token.pos_ != "VERB":
        if trigger.carrier is not None:
            node = trigger.carrier
        elif token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ in ("VERB", "AUX") and (
                token.head.lower_ not in TIMING_PREPOSITIONS or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)):
            # "after the crash, the airline said": what a clause is timed against is no doing of its
            # subject, unless the subject owns it ("five years after its launch, iTunes passed")
            node = token.head.head
        elif trigger.event_type == STATE_TYPE and token.dep_ == "pobj" and token.head.lower_ in STATE_PREPOSITIONS \
                and token.head.head.pos_ == "PROPN":
            return [token.head.head]  # "Steve Jobs on medical leave": a headline's state of who it names
        else:
            return []
        subjects = _subjects(node)
        return subjects or _subjects_above(node)
    return _subjects_above(token)


def _subjects(node: Token) -> list[Token]:
    return [c for s in node.children if s.dep_ == "nsubj" for c in _conjuncts(s)]


def _subjects_above(node: Token) -> list[Token]:
    for _ in range(3):
        head = node.head
        if head is node or node.dep_ not in ("xcomp", "conj", "advcl", "acl", "acomp"):
            return []
        if node.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            return [c for o in head.children if o.dep_ == "dobj" for c in _conjuncts(o)]
        subjects = _subjects(head)
        if subjects:
            return subjects
        node = head
    return []


def _places(trigger: Trigger, index: _MentionIndex) -> list[Mention]:
    """The places of the event's own prepositional phrases, the most specific first.

    Every place a phrase names at its own level counts ("from New York to Frankfurt", "in France,
    Germany and Spain", "in Long Beach, California"); a place nested deeper ("a base in Syria") only
    when no phrase names one at its level, and then the most specific alone: in "stopped in Syria on
    his way to Egypt", Egypt is where the way leads, not where the stop was."""
    part = trigger.part
    level: list[Mention] = []
    nested: list[Mention] = []

    def add(prep: Token) -> None:
        level.extend(index.places_in(part, _phrase_tokens(prep, part, index, nested=False)))
        nested.extend(index.places_in(part, _phrase_tokens(prep, part, index)))

    for anchor in {trigger.token, trigger.anchor}:
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in PLACE_PREPOSITIONS:
                add(child)
            elif child.dep_ == "prep" and child.lower_ in ("for", "during", "at"):
                # "met for talks in Geneva": the place of the talks is the place of the meeting
                for event_noun in (o for o in child.children if o.dep_ == "pobj" and index.is_trigger(part, o)):
                    for prep in event_noun.children:
                        if prep.dep_ == "prep" and prep.lower_ in PLACE_PREPOSITIONS:
                            add(prep)
            if child.dep_ == "dobj" and trigger.event_type == "visit":
                level += [m for m in index.of_phrase(part, child) if m.entity.kind == "place"]
        if anchor.dep_ == "relcl" and any(c.lower_ == "where" for c in anchor.children):
            level += [m for m in index.of_phrase(part, anchor.head) if m.entity.kind == "place"]
    ranked = sorted(level or nested, key=lambda m: (PLACE_RANK.get(m.entity.category, 2), m.span.start))
    places: dict[str, Mention] = {}
    for mention in ranked if level else ranked[:1]:
        places.setdefault(mention.entity.key, mention)
    return list(places.values())


def _nested_phrase(node: Token) -> bool:
    """A phrase inside a phrase, except the "of" that names a common noun ("the port city of Odesa")."""
    return node.dep_ == "prep" and not (node.lower_ == "of" and node.head.pos_ == "NOUN")


def _phrase_tokens(prep: Token, part: Parsed, index: _MentionIndex, nested: bool = True) -> list[Token]:
    """The tokens of a prepositional phrase, leaving out clauses and other events nested in it (and,
    unless ``nested``, the phrases nested in it)."""
    tokens: list[Token] = []
    stack = [prep]
    while stack:
        node = stack.pop()
        if node is not prep and (index.is_trigger(part, node) or (not nested and _nested_phrase(node))):
            continue
        tokens.append(node)
        stack.extend(c for c in node.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp"))
    return tokens
