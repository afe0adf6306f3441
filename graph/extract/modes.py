"""How a text tells an event: as having happened (or as due to happen), as what will happen, as
a description of what holds, as an amount, as a state, or as what may, should or would happen
(``graph.model.MODES``). Only some modes make a timeline event (``graph.rdf.contract.is_whole``).

In: a trigger's token, the verb that carries it (its anchor), its event type and whether it is
told in the headline. Out: the mode's name.
"""

from __future__ import annotations

from spacy.tokens import Token

from .nlp import FINITE_TAGS
from .syntax import STATE_VERBS, clause_tense, is_descriptive, is_unrealized, opened_quotation, tallied_so_far

__all__ = ["STATE_TYPE", "mode_of"]

# States and relations the news tells ("Apple is the leader", "owns the rights", "the problems"):
# kept as bare mentions of their own type, never timeline events, never merged with events.
STATE_TYPE = "state"
# What one waits for, asks for or calls for has not happened ("waiting for an approval", "requests
# a rerun of the bid"), nor what is put off.
AWAITING_VERBS = {"wait", "await", "request", "demand", "seek", "call", "urge", "want", "need", "expect", "propose",
                  "recommend", "ask", "plan", "consider", "postpone", "cancel", "defer", "scrap", "shelve", "abandon",
                  "delay"}
# Nouns of amounts a business reports: they change ("doubled its profits"), they do not happen.
QUANTITY_NOUNS = {"profit", "revenue", "growth", "earning", "earnings", "income", "turnover", "margin", "deficit",
                  "surplus"}
# Intentions held: "the plan to assemble the planes in Mobile".
PLAN_NOUNS = {"plan", "proposal", "intention", "ambition", "aim", "hope", "scheme"}
# Effects one event has on another's fortunes: "gave a boost to", "dealt a blow to".
EFFECT_NOUNS = {"boost", "blow", "lift", "fillip", "setback", "impetus"}
APPRAISING_VERBS = {"give", "deal", "provide", "deliver", "lend", "offer"}
# Courses one holds over time: "is pursuing an expansion plan", "follows a strategy".
COURSE_NOUNS = {"plan", "strategy", "policy", "course", "approach", "path", "agenda"}
HOLDING_COURSE_VERBS = {"pursue", "follow"}
# What agreements and laws say: "an agreement, which barred Apple from using the name", "the law
# requires": their terms, not happenings.
BINDING_VERBS = {"bar", "ban", "require", "allow", "permit", "prohibit", "forbid", "oblige", "restrict", "limit",
                 "entitle", "authorize", "authorise", "guarantee", "prevent", "define", "govern", "stipulate",
                 "specify", "cover", "regulate"}
TERMS_NOUNS = {"agreement", "contract", "deal", "treaty", "accord", "settlement", "law", "rule", "regulation",
               "act", "policy", "licence", "license", "clause", "provision", "pact", "charter", "constitution"}
# What an event raises in people's minds: "sparking questions whether", "fuelled fears": a reaction
# told as the event's effect, not a happening of its own.
REACTION_NOUNS = {"question", "concern", "fear", "speculation", "doubt", "worry"}
RAISING_VERBS = {"spark", "raise", "prompt", "fuel", "trigger", "stoke", "renew", "heighten"}
# What a product has gained: "iMovie has added audio editing capabilities": the product described.
FEATURE_NOUNS = {"capability", "feature", "support", "functionality", "function", "option", "template", "tool"}
GAINING_VERBS = {"add", "gain", "get", "include", "offer", "bring"}
# What a participle tallies when it sums up the event before it: "bringing the total to 677".
TALLY_NOUNS = {"total", "tally", "number", "count", "sum"}


def mode_of(token: Token, anchor: Token, event_type: str, headline: bool) -> str:
    """The mode of one trigger: ``token`` is the trigger, ``anchor`` the verb that carries it (or
    the trigger itself)."""
    if event_type == STATE_TYPE:
        return "state"
    if token.pos_ != "VERB" and (token.lemma_.lower() in QUANTITY_NOUNS or token.lower_ == "sales"):
        return "amount"  # "Apple doubled its profits": the doubling is the event, not the profits
    if token.pos_ != "VERB" and token.lemma_.lower() in PLAN_NOUNS:
        return "description"  # "imperils the plan to assemble the planes": an intention held, not a happening
    if not headline and not any(t.tag_ in FINITE_TAGS for t in token.sent):
        return "description"  # a caption or a fragment: "A 777 landing at Heathrow airport"
    verb = anchor  # an event noun happens as its light verb tells ("were to take delivery")
    if verb.pos_ != "VERB":
        if verb.dep_ == "nsubj" and verb.head.lemma_.lower() in STATE_VERBS:
            return "description"  # "the sanctions remained in force": what holds, not what happened
        governor = _verb_acting_on(verb)
        if governor is None:
            return _quoted_mode(anchor, "happened")
        if is_unrealized(governor) or governor.lemma_.lower() in AWAITING_VERBS:
            return "unrealized"  # "to fund a search", "is waiting for an approval", "called for a re-run"
        if tallied_so_far(governor):
            return "state"  # "so far, Boeing has received five orders": a tally of orders, not one
        verb = governor
    if verb.lemma_.lower() in BINDING_VERBS and _subject_lemmas(verb) & TERMS_NOUNS:
        return "state"  # "an agreement, which barred Apple from using the name": terms that hold
    if _appraisal_or_course(verb):
        return "description"
    if is_unrealized(verb):
        return "unrealized"
    if clause_tense(verb) == "future" or _arranged(verb):
        # on the timeline on a day of its own words only: "talks will begin on December 21", "it is
        # to be held at the California Theater"
        return "future"
    if event_type == "statement":
        # "Airbus announced ..., citing a precautionary measure": the participle is part of the
        # saying; "growth is explained by the fact": no one says anything
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        described = (verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp")) or (
            (passive or verb.dep_ in ("relcl", "acl") or (verb.dep_ == "advcl" and verb.tag_ == "VBN"))
            and is_descriptive(verb))  # "as stated on the website": a reference to a saying
        return "description" if described else _quoted_mode(anchor, "happened")
    if verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and any(
            c.dep_ == "dobj" and c.lemma_.lower() in TALLY_NOUNS for c in verb.children):
        return "description"  # "..., bringing the total to 677 orders": a tally, told of the event before
    if headline and verb.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return "future"  # "Singapore Airlines to be compensated": a headline's plan
    if is_descriptive(verb) and not headline:
        return "description"
    return _quoted_mode(anchor, "happened")


def _arranged(verb: Token) -> bool:
    """ "The event is to be held in San Jose", "talks are to resume": what is arranged to happen."""
    return verb.dep_ == "xcomp" and verb.head.lemma_ == "be" and verb.head.tag_ in ("VBZ", "VBP") \
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _appraisal_or_course(verb: Token) -> bool:
    """ "The order has given a boost to the air show", "dealt a blow to the airline", "sparking
    questions": what another event did for someone, told as an appraisal or a reaction; "iMovie has
    added editing capabilities": what a product has; "is pursuing an expansion plan": a course held.
    None is a happening of its own."""
    objects = {c.lemma_.lower() for c in verb.children if c.dep_ == "dobj"}
    return bool(objects & EFFECT_NOUNS and verb.lemma_.lower() in APPRAISING_VERBS
                or objects & REACTION_NOUNS and verb.lemma_.lower() in RAISING_VERBS
                or objects & FEATURE_NOUNS and verb.lemma_.lower() in GAINING_VERBS
                or objects & COURSE_NOUNS and verb.lemma_.lower() in HOLDING_COURSE_VERBS)


def _subject_lemmas(verb: Token) -> set[str]:
    """The lemma of the verb's subject, or of the nouns a relative clause's "which" or "that" may
    stand for (the parser may hang the clause on a date inside the phrase: "an agreement reached in
    1991, which barred")."""
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return set()
    if subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        return {t.lemma_.lower() for t in [verb.head, *verb.head.ancestors][:4]}
    return {subject.lemma_.lower()}


def _quoted_mode(anchor: Token, mode: str) -> str:
    """Inside a quotation the speaker's words tell their view of what is happening ("we are focusing
    on breakthroughs"): a description, on the timeline only when the words date it."""
    return "description" if opened_quotation(anchor) else mode


def _verb_acting_on(noun: Token) -> Token | None:
    """The verb whose object an event noun is, directly, as a passive subject or through a
    preposition ("to fund an extended search", "the departure has been delayed", "willing to
    contribute to a search"), or as one of such objects ("features a new look and improved search")."""
    while noun.dep_ == "conj" and noun.head.pos_ in ("NOUN", "PROPN"):
        noun = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
        return noun.head
    if noun.dep_ in ("dep", "conj") and noun.head.pos_ == "VERB" and noun.i > noun.head.i:
        return noun.head  # a later object of a list the parser hung on the verb itself
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ == "VERB":
        return noun.head.head
    return None
