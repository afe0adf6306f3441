"""Roles: who and what an event trigger involves, and where, from the sentence's dependency parse.

Subjects, objects, possessives, compounds and prepositional phrases name the agent, patient,
participants and places; an event named without a subject of its own takes the doer of the verb
above it ("Russia started its intervention", "ordered his troops to withdraw").
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from graph.model import Argument, Mention

from .event_words import (
    ATTRIBUTING_VERBS,
    GATHERING_NOUNS,
    LAND_NOUNS,
    MARKET_NOUNS,
    NATURAL_FORCES,
    OBJECT_CONTROL,
    OWNED_BODIES,
    PARTICIPANT_PREPOSITIONS,
    PATIENT_PREPOSITIONS,
    PLACE_PREPOSITIONS,
    PLACE_RANK,
    RELATION_NOUNS,
    RELATIVE_PRONOUNS,
    STATE_PREPOSITIONS,
    TRAVEL_NOUNS,
    UNDERGOING,
)
from .modes import STATE_TYPE, TERMS_NOUNS
from .nlp import Parsed
from .syntax import TIMING_PREPOSITIONS, antecedent, stray_subject
from .trigger import Trigger

__all__ = ["MentionIndex", "arguments_of"]


class MentionIndex:
    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.at_char: dict[int, list[Mention]] = {}  # every character a mention covers -> mentions
        for mention in mentions:
            for char in range(mention.span.start, mention.span.end):
                self.at_char.setdefault(char, []).append(mention)
        self.trigger_tokens: set[tuple[int, int]] = set()

    def is_trigger(self, part: Parsed, token: Token) -> bool:
        return (id(part), token.i) in self.trigger_tokens

    def names_an_event(self, part: Parsed, token: Token) -> bool:
        """Whether ``token`` is an event noun naming no entity itself: the names around it take part
        in that event ("expose contract discussions"), not in the verb it hangs on."""
        return self.is_trigger(part, token) and not self.covering(part, token)

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
            # "the Beatles' record company, Apple Corps": a named apposition is the one too
            kept = ("appos",) if head.lemma_.lower() in RELATION_NOUNS or any(
                c.dep_ == "appos" and self.covering(part, c) for c in head.children) else ("compound", "amod", "poss", "appos")
            for child in head.children:
                if child.dep_ in kept:
                    # "the Malaysia visit was rescheduled": the place is where the visit goes; "his
                    # company sold": the company acts, not the person who runs it
                    found.extend(m for m in self.covering(part, child) if not (
                        head.lemma_.lower() in OWNED_BODIES | TRAVEL_NOUNS and m.entity.kind == "place"
                        or head.lemma_.lower() in OWNED_BODIES and m.entity.category == "person"))
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


def _occurring(verb: Token) -> bool:
    """ "which took place in 1996", "the crash happened": the subject is the event, not who acts."""
    lemma = verb.lemma_.lower()
    return lemma in ("happen", "occur") or lemma == "take" and any(
        c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)


def _conjuncts(token: Token) -> list[Token]:
    return [token, *token.conjuncts]


def _listed_names(subject: Token, verb: Token) -> list[Token]:
    """ "Apple Inc., Apple Corps resolve dispute": a headline lists its subjects with a comma,
    which the parser reads as an apposition; a plural verb on one singular name says it is a list."""
    if verb.tag_ not in ("VBP", "VB") or subject.tag_ != "NNP" or not subject.ent_type_ \
            or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return []
    return [c for c in subject.children if c.dep_ == "appos" and c.ent_type_ == subject.ent_type_]


def arguments_of(trigger: Trigger, index: MentionIndex) -> list[Argument]:
    token = trigger.token
    roles: list[tuple[str, Token]] = []
    recipients: list[Token] = []
    visited: list[Token] = []  # "the Malaysia visit": where one goes; "the Obama visit": who goes
    if token.dep_ == "acl" and token.tag_ == "VBN" and token.head.pos_ in ("PROPN", "NOUN"):
        roles.append(("patient", token.head))  # "Jobs, born in San Francisco": who the participle tells of
    subject_role = "patient" if token.lemma_.lower() in UNDERGOING else "" if _occurring(token) else "agent"
    for child in token.children:
        dep, word = child.dep_, child.lower_
        if stray_subject(child):
            continue
        if dep in ("nsubj", "nsubjpass") and word in RELATIVE_PRONOUNS and token.dep_ == "relcl":
            child = antecedent(token.head, word)  # "Boric, who took office in 2022": who is Boric
        if child.pos_ == "VERB" and child.tag_ in ("VBZ", "VBD", "VBP") and child.i < token.i and (
                dep == "nsubj" or dep == "ccomp" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)):
            # "Apple releases SDK, announces update": the parser took the first clause of a headline
            # for the subject or the object of the second; both are told of the first one's subject
            child, dep = next((c for c in child.children if c.dep_ == "nsubj"), child), "nsubj"
        if dep in ("nsubj",):
            roles += [(subject_role, c) for c in _conjuncts(child) + _listed_names(child, token) if subject_role]
        elif dep == "nsubjpass" or (dep == "dobj" and token.pos_ == "VERB"):
            # "emails expose Boeing-Air Force contract discussions": who the discussions are between
            # takes part in them, not in the exposing
            roles += [("patient", c) for c in _conjuncts(child) if dep != "dobj" or not index.names_an_event(trigger.part, c)]
        elif dep == "agent":
            roles += [("agent", o) for o in child.children if o.dep_ == "pobj"]
        elif dep == "poss" and token.pos_ != "VERB":
            if not (token.lemma_.lower() in GATHERING_NOUNS and child.tag_ == "NNS"
                    and not any(c.dep_ == "det" and c.lower_ not in ("a", "an") for c in child.children)):
                roles.append((subject_role, child))  # not "a developers' conference": whom it is for
        elif token.pos_ != "VERB" and (dep == "compound" and token.lemma_.lower() in TRAVEL_NOUNS
                                       or dep in ("amod", "compound") and token.lemma_.lower() in MARKET_NOUNS):
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
            elif word == "to" and token.lemma_.lower() not in ATTRIBUTING_VERBS:
                # not "attributed the rise to fewer users": a cause receives nothing; nor "flies to
                # Sydney as part of the leadup to Qantas' celebrations": whose the celebrations are
                recipients += [o for o in objects if not index.names_an_event(trigger.part, o)]
    if trigger.carrier is not None:
        # "held talks with Macron", "the dispute came up between Apple and Cisco": the carrying
        # verb's "with" and "between" name who takes part in the event it carries
        roles += [("participant", c) for p in trigger.carrier.children if p.dep_ == "prep"
                  and p.lower_ in PARTICIPANT_PREPOSITIONS for o in p.children if o.dep_ == "pobj" for c in _conjuncts(o)]
    if token.pos_ == "VERB" and not any(c.dep_ == "nsubj" and not index.of_phrase(trigger.part, c) for c in token.children):
        # "Apple settled its dispute with Apple Corps", "signed a contract with the ministry": who
        # the dispute or the contract is with takes part in what its party does to it (not in
        # what a thing does: "the settlement replaces the agreement between the two companies")
        roles += [("participant", c) for d in token.children if d.dep_ == "dobj"
                  and (index.is_trigger(trigger.part, d) or d.lemma_.lower() in TERMS_NOUNS)
                  for p in d.children if p.dep_ == "prep" and p.lower_ in ("with", "between")
                  for o in p.children if o.dep_ == "pobj" for c in _conjuncts(o)]
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
    undergone = subject_role == "patient"  # "Gates responded to Jobs' death": a death has no doer
    if not passive and not own_subject and not undergone and not any(a.role == "agent" for a in arguments):
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


def _resolve(trigger: Trigger, roles: list[tuple[str, Token]], index: MentionIndex,
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
            elif mention.source == "demonym" and word.lemma_.lower() in LAND_NOUNS \
                    or mention.entity.kind == "place" and word.lemma_.lower() in MARKET_NOUNS:
                role_here = "place"  # "incidents over American soil", "US markets closed": where, not who
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
        if node.dep_ == "conj" and any(t.dep_ in ("nsubj", "nsubjpass") for t in node.doc[head.i + 1:node.i]):
            return []  # "the board is probing two while another jet suffered problems": a clause between
        if node.dep_ == "xcomp" and head.lemma_.lower() in OBJECT_CONTROL:
            return [c for o in head.children if o.dep_ == "dobj" for c in _conjuncts(o)]
        subjects = _subjects(head)
        if subjects:
            return subjects
        node = head
    return []


def _places(trigger: Trigger, index: MentionIndex) -> list[Mention]:
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


def _phrase_tokens(prep: Token, part: Parsed, index: MentionIndex, nested: bool = True) -> list[Token]:
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
