"""Dating for want of evidence of the event's own: what a news article's genre implies.

In: an undated trigger, the triggers before it, and the :class:`~.context.DatingContext`
(publication day, parses, barriers, sentence distances). Out: the publication day (rules "lede",
"reporting", "publication", "present") or the story's last date (rule "narrative"), unless a
temporal signal or reported speech shelters the event from both.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from ..syntax import TEMPORAL_SIGNALS, clause_tense, governing_verb
from ..trigger import Trigger
from .clues import (
    NARRATIVE_SENTENCES,
    PRESENT_REACH,
    close_before,
    dated_by_modifier,
    fits_tense,
    in_background,
    past_perfect,
    quoted,
    set_date,
)
from .context import DatingContext

__all__ = ["lede", "narrative", "present", "reporting"]

LEDE_PARAGRAPHS = 2
# A text without paragraph breaks still tells the day's news in its first sentences only: "some
# workers have transferred to the C-17 program", ten sentences on, is background.
LEDE_SENTENCES = 3


def lede(article: DatingContext, trigger: Trigger, triggers: Sequence[Trigger] = ()) -> None:
    """Headlines and ledes tell the day's news in the present perfect or present: date it to the DCT,
    or, for a headline, to the day the first sentence gives the same doer's news (``triggers``:
    the article's)."""
    if article.dct is None or not (trigger.part.headline or trigger.part in article.body[:LEDE_PARAGRAPHS]):
        return
    told = _told_in_first_sentence(article, trigger, triggers) if trigger.part.headline else None
    if told is not None:
        set_date(trigger, told.timex, told.earliest, told.latest, "lede")
        return
    if article.barrier(trigger.anchor) is not None:
        return
    verb = trigger.anchor if trigger.anchor.pos_ == "VERB" else trigger.anchor.head
    perfect = any(c.lower_ in ("has", "have") for c in verb.children if c.dep_ == "aux")
    if perfect and not trigger.part.headline and article.body_sentence(trigger) >= LEDE_SENTENCES:
        return  # a perfect told far into the story is background, of no day it gives
    if perfect or (verb.tag_ in ("VBZ", "VBP") and clause_tense(verb) == "present") or \
            (trigger.token.dep_ in ("conj", "xcomp") and _lede_coordinated(verb)):
        set_date(trigger, None, article.dct, article.dct, "lede")


def _told_in_first_sentence(article: DatingContext, headline: Trigger, triggers: Sequence[Trigger]) -> Trigger | None:
    """ "Apple unveils new Mac" over "Apple announced on Tuesday the first generation ...": the
    headline sums up the first sentence, whose event done by the headline's doer, or told by the
    headline's word ("Apple unveils iPhone 4" over "Yesterday, CEO Steve Jobs unveiled iPhone 4"), on
    a day of the past week (told with that day, or in a sentence that gives it) dates it."""
    opening = next((t for t in triggers if not t.part.headline), None)  # past a dateline, if any
    if opening is None or headline.token.pos_ != "VERB":
        return None
    first = opening.sentence
    doers = _agents(headline)
    for told in triggers:
        if told.part is opening.part and first.start <= told.token.i < first.end \
                and told.dated_by in ("own", "relative", "sentence", "governing") \
                and (doers & _agents(told) or told.token.lemma_.lower() == headline.token.lemma_.lower()) \
                and told.latest is not None \
                and told.latest <= article.dct and (article.dct - told.earliest).days <= PRESENT_REACH.days:
            return told
    return None


def _lede_coordinated(verb: Token) -> bool:
    """ "has made a visit and ordered ...": the coordinated verb shares the perfect."""
    head = verb.head
    return any(c.lower_ in ("has", "have") for c in head.children if c.dep_ == "aux")


def reporting(article: DatingContext, trigger: Trigger, before: Sequence[Trigger]) -> None:
    """News reports what was said for the day's paper: an undated "X said" is the publication day,
    unless it follows right on the account of a day just past (``before``: the triggers before it)."""
    if article.dct is None or trigger.event_type != "statement" or trigger.token.pos_ != "VERB":
        return
    tense = clause_tense(trigger.token)
    if tense not in ("past", "present") or article.barrier(trigger.token) is not None:
        return
    recent = _recent_account(article, trigger, before) if tense == "past" else None
    if recent is not None:
        set_date(trigger, recent.timex, recent.earliest, recent.latest, "narrative")
    else:
        set_date(trigger, None, article.dct, article.dct, "reporting")


def _recent_account(article: DatingContext, trigger: Trigger, before: Sequence[Trigger]) -> Trigger | None:
    """ "The mayor addressed the crowd on Sunday. He said ...": a saying in the next sentence after
    an event dated days before publication belongs to that account, not to the paper's day; so
    does a saying of one whose dated saying or appearance was told in the paragraph before ("On Wednesday,
    Alarcon said ... Alarcon told reporters")."""
    previous = next((t for t in reversed(before) if t.part is trigger.part and t.dated_by == "own"), None)
    if previous is None or dated_by_modifier(previous) or article.sentences_between(previous, trigger) > 1 \
            or quoted(previous.anchor) != quoted(trigger.anchor):
        previous = _same_speaker(trigger, before)
    if previous is None:
        return None
    days_back = (article.dct - previous.earliest).days
    return previous if previous.latest < article.dct and days_back <= PRESENT_REACH.days else None


def _same_speaker(trigger: Trigger, before: Sequence[Trigger]) -> Trigger | None:
    """The last thing a speaker of ``trigger`` did on a day its own words give, in this paragraph
    or the one before: what they said, or the appearance where they spoke ("unveiled the laptops
    on Wednesday ... Moreau said")."""
    speakers = _agents(trigger)
    if not speakers:
        return None
    return next((t for t in close_before(trigger, before)
                 if t.dated_by == "own" and t.token.pos_ == "VERB" and _agents(t) & speakers), None)


def _agents(trigger: Trigger) -> set[str]:
    return {a.mention.entity.key for a in trigger.arguments if a.role == "agent"}


def narrative(article: DatingContext, trigger: Trigger, before: Sequence[Trigger]) -> None:
    """A past event told without a date continues the story's last date in its paragraph, else
    it happened by the publication day (the news reports the recent past)."""
    if article.dct is None or article.barrier(trigger.anchor) is not None:
        return
    if any(c.dep_ == "prep" and c.lower_ in TEMPORAL_SIGNALS for c in trigger.anchor.children):
        return  # "since then, X did Y": timed against another event, not the day of publication
    tense = clause_tense(trigger.anchor)
    verb = trigger.anchor if trigger.anchor.pos_ == "VERB" else None
    if tense is None and verb is not None and verb.head is not verb:
        tense = clause_tense(verb.head)  # "unveiled the products, saying ...": the participle's time is its verb's
    if verb is not None and verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have")
                                                       for c in verb.children):
        set_date(trigger, None, article.dct, article.dct, "publication")  # "700 have been killed": a tally as of today
        return
    if past_perfect(trigger):
        return
    previous = next((t for t in reversed(before) if t.part is trigger.part and t.dated_by in ("own", "relative")
                     and not dated_by_modifier(t) and fits_tense(article.dct, tense, t)
                     and not in_background(t, trigger) and _story_time(t)), None)
    if previous is not None and article.sentences_between(previous, trigger) <= NARRATIVE_SENTENCES:
        set_date(trigger, previous.timex, previous.earliest, previous.latest, "narrative")
    elif trigger.token.pos_ == "VERB" and clause_tense(trigger.token) == "past":
        told_in_past = trigger.token.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD"
                                                          for c in trigger.token.children)
        day = _story_day(article, before) if told_in_past else None
        if day is not None:
            set_date(trigger, day.timex, day.earliest, day.latest, "narrative")
        else:
            set_date(trigger, None, article.dct, article.dct, "publication")


def _story_day(article: DatingContext, before: Sequence[Trigger]) -> Trigger | None:
    """ "Yesterday, at the conference, Jobs unveiled the phone": when the lede dates the story's
    news to a day of the past week, that day, not the publication day, is when its untimed past
    events happened."""
    return next((t for t in before if t.part in article.body[:1] and t.dated_by == "own" and t.earliest == t.latest
                 and 0 < (article.dct - t.earliest).days <= 7), None)


def present(article: DatingContext, trigger: Trigger) -> None:
    """What an article tells in the present ("officials are counting on aid", "he tells me",
    "the steps it has taken") holds on the publication day, quoted or not."""
    if article.dct is None:
        return
    verb = governing_verb(trigger.anchor)
    if verb is None or (trigger.anchor.pos_ != "VERB" and trigger.carrier is None and verb.i != trigger.anchor.head.i):
        return
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    in_present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ in ("VBG", "VBN") and auxes & {"is", "are", "am", "has", "have"})
    if in_present and not auxes & {"will", "'ll", "shall", "would", "could", "might", "may", "should", "must"}:
        set_date(trigger, None, article.dct, article.dct, "present")


def _story_time(dated: Trigger) -> bool:
    """Whether an event's date can be the story's time that the next sentences continue: the date
    of one expression, not a span joined from several ("an appearance in March and June")."""
    timex = dated.timex
    return timex is None or (timex.earliest, timex.latest) == (dated.earliest, dated.latest)
