"""Dating by another event's date: the event that governs the trigger, its sentence's one date,
or an earlier mention of the same event.

In: an undated trigger, the triggers of its sentence (or those before it) and the
:class:`~.context.DatingContext` (publication day, barriers). Out: the other event's date and
timex copied onto the trigger, as rule "governing", "sentence" or "coreference".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..syntax import ASPECTUAL_VERBS, clause_tense
from ..trigger import Trigger
from .clues import fits_tense, in_background, past_perfect, quoted, set_date
from .context import DatingContext

__all__ = ["at_same_time", "corefer", "inherit", "inherit_late"]


def inherit(article: DatingContext, trigger: Trigger, neighbours: Sequence[Trigger]) -> None:
    """Take the date of a governing event, or of the sentence's one date (``neighbours``: same sentence);
    not for what the past perfect puts before them."""
    if past_perfect(trigger):
        return
    same_sentence = [t for t in neighbours if t is not trigger and t.dated_by in ("own", "relative")]
    if _from_complement(trigger, same_sentence) or _reported_perfect(trigger, same_sentence) \
            or _from_participle(trigger, same_sentence) or _from_governor(article, trigger, same_sentence):
        return
    here = article.barrier(trigger.anchor)
    tense = clause_tense(trigger.anchor)
    dated = {(t.earliest, t.latest): t for t in same_sentence
             if t.dated_by == "own" and fits_tense(article.dct, tense, t) and not _in_content(t, trigger)}
    if len(dated) == 1 and (trigger.token.pos_ == "VERB" or trigger.carrier is not None):
        other = next(iter(dated.values()))
        if article.barrier(other.anchor) == here and here is None and not in_background(other, trigger) \
                and quoted(other.anchor) == quoted(trigger.anchor) and not _contrasted(trigger.anchor, other.anchor):
            set_date(trigger, other.timex, other.earliest, other.latest, "sentence")


# Conjunctions that set a clause against the one before it: it tells another time.
CONTRASTING = {"but", "yet", "whereas"}


def _contrasted(a: Token, b: Token) -> bool:
    """Whether ``a`` and ``b`` stand in clauses that a "but" sets against each other ("a suit was
    filed in California, but on September 21, 2004 the parties agreed"): each clause has its own time."""
    for first, second in ((a, b), (b, a)):
        above_first = {first.i, *(t.i for t in first.ancestors)}
        for node in (second, *second.ancestors):
            if node.dep_ == "conj" and node.head.i in above_first:
                return any(c.dep_ == "cc" and c.lower_ in CONTRASTING for c in node.head.children) \
                    and any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children)
    return False


def _in_content(other: Trigger, trigger: Trigger) -> bool:
    """Whether ``other`` is told in a clause ``trigger`` takes as its content ("argued that it was a
    breach of the 1991 settlement"): what is argued or known has its own time, not the arguing's."""
    at = other.anchor.i
    return other.part is trigger.part and any(
        c.dep_ == "ccomp" and c.left_edge.i <= at <= c.right_edge.i
        and any(m.dep_ == "mark" and m.lower_ in ("that", "whether", "if") for m in c.children)
        for c in trigger.token.children)


def _reported_perfect(trigger: Trigger, dated: Sequence[Trigger]) -> bool:
    """ "announced Monday it has settled the dispute": news tells in the present perfect what was
    done by the day of the announcement that reports it; whether it did."""
    token = trigger.token
    if token.pos_ != "VERB" or token.dep_ != "ccomp" or not any(
            c.dep_ == "aux" and c.lower_ in ("has", "have") for c in token.children):
        return False
    saying = next((t for t in dated if t.token.i == token.head.i and t.event_type in ("statement", "announce")
                   and t.dated_by == "own" and t.token.tag_ == "VBD"), None)
    if saying is not None:
        set_date(trigger, saying.timex, saying.earliest, saying.latest, "governing")
    return saying is not None


def _from_participle(trigger: Trigger, dated: Sequence[Trigger]) -> bool:
    """ "Apple Corps' latest suit, filed in September 2003, claims": an event noun happened when the
    participle set beside it says it was done; whether one did."""
    token = trigger.token
    if token.pos_ != "NOUN":
        return False
    done = next((t for t in dated if t.token.head.i == token.i and t.token.dep_ == "acl" and t.token.tag_ == "VBN"), None)
    if done is not None:
        set_date(trigger, done.timex, done.earliest, done.latest, "governing")
    return done is not None


def _from_complement(trigger: Trigger, dated: Sequence[Trigger]) -> bool:
    """ "began trading in August": an aspectual verb happens when its complement does; whether it did."""
    if trigger.token.lemma_.lower() not in ASPECTUAL_VERBS:
        return False
    complement = next((t for t in dated if t.token.dep_ == "xcomp" and t.token.head.i == trigger.token.i), None)
    if complement is not None:
        set_date(trigger, complement.timex, complement.earliest, complement.latest, "governing")
    return complement is not None


def inherit_late(article: DatingContext, trigger: Trigger, neighbours: Sequence[Trigger]) -> None:
    """An event noun, or a participle ("struck the city, killing 39"), whose governing event was dated
    by a later rule (lede, report, publication, relative)."""
    token = trigger.token
    noun = token.pos_ != "VERB" and trigger.carrier is None
    participle = token.pos_ == "VERB" and token.tag_ == "VBG" and token.dep_ in ("advcl", "conj")
    if noun or participle:
        _from_governor(article, trigger, [t for t in neighbours if t is not trigger and t.earliest is not None])


def _from_governor(article: DatingContext, trigger: Trigger, dated: Sequence[Trigger]) -> bool:
    """Give ``trigger`` the date of the first of ``dated`` governing it in its clause; whether one did."""
    governors, here, tense = _governors(trigger), article.barrier(trigger.anchor), clause_tense(trigger.anchor)
    for other in dated:
        if (other.token.i in governors or (other.carrier is not None and other.carrier.i in governors)) \
                and article.barrier(other.anchor) == here and fits_tense(article.dct, tense, other):
            # "That contract was fought for ..., Lockheed ultimately winning": what only the day of
            # publication dates lends no better date to what it governs
            rule = "publication" if other.dated_by == "publication" else "governing"
            set_date(trigger, other.timex, other.earliest, other.latest, rule)
            return True
    return False


def _governors(trigger: Trigger) -> set[int]:
    """Tokens whose event lends this one its time.

    A verb or carried noun shares the time of every event above it in its clause chain; an event
    noun only that of the verb it is the object of, or of "met for talks": a noun mentioned in
    passing ("an ally in the war") does not share the time of the sentence's main event.
    """
    token = trigger.anchor
    if trigger.token.pos_ == "VERB" or trigger.carrier is not None:
        return {a.i for a in token.ancestors}
    if token.dep_ in ("dobj", "attr", "nsubj", "nsubjpass"):
        return {token.head.i}
    if token.dep_ == "conj" and token.head.pos_ == "NOUN":
        return {token.head.i}  # "Friday's offerings and pricings": coordinated nouns share their modifiers
    if token.dep_ == "pobj" and token.head.lower_ in ("for", "during", "at"):
        return {token.head.head.i}
    if token.dep_ == "pobj" and token.head.lower_ == "in" and token.head.head.pos_ == "VERB":
        return {token.head.head.i}  # "in a statement, the ministry said": the saying's vehicle
    return set()


# Adverbs that time an event by a like one told before.
SIMULTANEOUS = {"simultaneously", "concurrently"}


def at_same_time(trigger: Trigger, before: Sequence[Trigger]) -> None:
    """ "A similar suit was filed simultaneously in California": at the time of the last happening
    of the same word that was told with its own date."""
    if not any(c.dep_ == "advmod" and c.lower_ in SIMULTANEOUS for c in trigger.anchor.children):
        return
    lemma = trigger.token.lemma_.lower()
    earlier = next((t for t in reversed(before) if t.dated_by in ("own", "relative") and t.token.lemma_.lower() == lemma), None)
    if earlier is not None:
        set_date(trigger, earlier.timex, earlier.earliest, earlier.latest, "coreference")


def corefer(trigger: Trigger, before: Sequence[Trigger]) -> None:
    """ "the bombing", told again after "the Aug. 7 bombing": a definite event noun names the
    event an earlier mention dated."""
    token = trigger.token
    if token.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those")
                                       for c in token.children):
        return
    if any(c.dep_ not in ("det", "amod", "punct") for c in token.children):
        return  # "the sale of a steel unit": a description that may name another event
    lemma = token.lemma_.lower()
    earlier = next((t for t in reversed(before) if t.dated_by == "own" and t.token.lemma_.lower() == lemma), None)
    if earlier is not None:
        set_date(trigger, earlier.timex, earlier.earliest, earlier.latest, "coreference")
