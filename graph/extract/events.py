"""Events: triggers typed by the event-type scheme, and their role-labelled arguments.

A trigger is a verb or an event noun of the lexicon ("met", "visit", "talks", "strikes"). Its
agent, patient, participants and place come from the dependency parse (``graph.extract.roles``);
light and aspectual verbs ("made a visit", "talks will begin") lend their subject, place and time to
the event noun they carry.
Dating lives in ``graph.extract.dating`` and merging mentions of one event in ``graph.extract.merge``.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Token

from graph.model import Mention
from graph.rdf.event_types import EventTypes, load_event_types

from .event_words import (
    ATTEMPT_VERBS,
    COMMANDING,
    CONTAINER_NOUNS,
    EQUIPPING_PARTICIPLES,
    GENERIC_ADJECTIVES,
    HOLDING_VERBS,
    LEFT_BEHIND,
    NAME_KINDS,
    NAMING_PARTICIPLES,
    NOT_EVENT_ING,
    NOUN_VERBS,
    ONGOING_ADJECTIVES,
    PEOPLE_OBJECTS,
    PHASE_NOUNS,
    PURPOSE_PARTICIPLES,
    RELATING_PARTICIPLES,
    RELATING_VERBS,
    SAYING_OBJECTS,
    SAYING_ONLY_WITHOUT_OBJECT,
    SHARE_NOUNS,
    STATE_NOUNS,
    TIME_UNIT_NOUNS,
    TYPING_BY_PEOPLE,
    TYPING_OBJECTS,
    UNTYPING_OBJECTS,
)
from .modes import STATE_TYPE
from .nlp import Parsed
from .roles import MentionIndex, arguments_of
from .syntax import (
    ASPECTUAL_VERBS,
    INTENTION_VERBS,
    LIGHT_VERBS,
    STATE_VERBS,
    is_negated,
    tallied_so_far,
)
from .trigger import Trigger

__all__ = ["find_triggers"]

# Verbs outside the typed lexicon still tell an event ("prices fell", "the court ruled") unless
# they name a state or attitude rather than a happening.
FALLBACK_TYPE = "occurrence"


def find_triggers(parsed: Sequence[Parsed], mentions: Sequence[Mention], doc_id: str,
                  types: EventTypes | None = None) -> list[Trigger]:
    """Every event trigger of the article with its arguments, in text order."""
    types = types or load_event_types()
    index = MentionIndex(mentions)
    triggers: list[Trigger] = []
    for part in parsed:
        for token in part.doc:
            event_type = _event_type(token, types)
            if event_type is not None:
                triggers.append(Trigger(part=part, token=token, event_type=event_type, carrier=_carrier(token)))
    index.trigger_tokens = {(id(t.part), t.token.i) for t in triggers}
    for trigger in triggers:
        trigger.arguments = arguments_of(trigger, index)
    return triggers


# The parts of speech a trigger may have (but for part of a hyphenated word, any).
_EVENT_POS = frozenset({"AUX", "VERB", "NOUN", "PROPN"})


def _event_type(token: Token, types: EventTypes) -> str | None:
    if token.pos_ not in _EVENT_POS and not _in_hyphenated_word(token):
        return None  # most words of a text, ruled out before the costlier tests below
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
        if lemma in STATE_VERBS or (lemma in HOLDING_VERBS and _holds_a_share(token)) or _keeps_as_is(token, lemma) \
                or tallied_so_far(token):
            return STATE_TYPE  # "iTunes held 19 percent of the market": a standing, not a happening
        if lemma == "suffer" and not any(c.dep_ == "dobj" for c in token.children):
            return STATE_TYPE  # "Aeroflot has suffered as a result of the delay": a plight, not a happening
        if lemma in ("occur", "happen") and token.tag_ == "VBG" and token.dep_ in ("advcl", "acl", "conj"):
            return None  # "the visit was rescheduled for November 17, occurring during the flight": the visit's time
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
    if lemma in EQUIPPING_PARTICIPLES and after_noun:
        return True
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
