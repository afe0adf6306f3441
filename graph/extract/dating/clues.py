"""What the dating rules read in the parse around a trigger or a temporal expression.

In: a paragraph's parse (:class:`~graph.extract.entities.Parsed`), a :class:`~graph.model.Timex` or a
:class:`~graph.extract.events.Trigger`. Out: tokens (of an expression, just before or after it, the
temporal signal of a clause) and yes/no answers (quoted? in a relative clause? dated by a modifier?
does a date fit a tense?). Plus :func:`set_date`, the one way a rule records a date on a trigger.
Nothing here remembers anything between calls.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from graph.model import Timex

from ..event_words import SUPPORT_VERBS
from ..nlp import Parsed
from ..syntax import FOLLOWING, TEMPORAL_SIGNALS
from ..trigger import Trigger

__all__ = [
    "NARRATIVE_SENTENCES", "PRESENT_REACH",
    "close_before", "dated_by_modifier", "fits_tense", "head_token", "in_background", "past_perfect", "quoted",
    "set_date", "told_at_another_time",
    "signal_of", "token_after", "token_before", "tokens_of", "trigger_signal",
]

NARRATIVE_SENTENCES = 2  # how far back a story's last date still holds for an undated event
PRESENT_REACH = timedelta(days=7)  # a present-tense event may take a date this close before the DCT


def set_date(trigger: Trigger, timex: Timex | None, earliest, latest, how: str) -> None:
    trigger.timex, trigger.earliest, trigger.latest, trigger.dated_by = timex, earliest, latest, how


def tokens_of(part: Parsed, timex: Timex) -> SpacySpan | None:
    """The tokens of ``part`` covering the expression (None if they cannot be aligned)."""
    return part.doc.char_span(timex.span.start - part.offset, timex.span.end - part.offset, alignment_mode="expand")


def head_token(part: Parsed, timex: Timex) -> Token | None:
    span = tokens_of(part, timex)
    return span.root if span is not None and len(span) else None


def token_before(part: Parsed, timex: Timex) -> Token | None:
    span = tokens_of(part, timex)
    if span is None or span.start == 0:
        return None
    return part.doc[span.start - 1]


def token_after(part: Parsed, timex: Timex) -> Token | None:
    span = tokens_of(part, timex)
    return part.doc[span.end] if span is not None and span.end < len(part.doc) else None


def trigger_signal(trigger: Trigger) -> Token | None:
    """The temporal signal of the trigger's clause or phrase, or of its carrier's."""
    for node in (trigger.token, trigger.carrier):
        if node is not None:
            found = signal_of(node)
            if found is not None:
                return found
    return None


def signal_of(node: Token) -> Token | None:
    """The temporal signal introducing the clause or phrase of ``node``, if any."""
    mark = next((c for c in node.children if c.dep_ == "mark" and c.lower_ in TEMPORAL_SIGNALS
                 and not _repetition(c)), None)
    if mark is not None:
        return mark
    if node.dep_ == "pobj" and node.head.lower_ in TEMPORAL_SIGNALS:
        return node.head
    if node.dep_ == "advcl" and not any(c.dep_ == "mark" for c in node.children):
        # "X comes a month after factions ... met": the parser hangs "after" on X, beside the clause
        return next((c for c in node.head.children if c.dep_ == "prep" and c.lower_ in TEMPORAL_SIGNALS
                     and c.i < node.i), None)
    return None


def _repetition(signal: Token) -> bool:
    """ "speaker after speaker", "day after day": the idiom, not a time signal."""
    doc = signal.doc
    return 0 < signal.i < len(doc) - 1 and doc[signal.i - 1].lower_ == doc[signal.i + 1].lower_


def quoted(token: Token) -> bool:
    """Whether ``token`` stands inside a quotation of its sentence (quote marks as the tagger
    tags them: opening or closing). A sentence whose first mark closes a quotation
    began inside one ("... know no boundaries,'' said the envoy")."""
    marks = [t for t in token.sent if t.tag_ in ("``", "''")]
    inside = bool(marks) and marks[0].tag_ == "''"
    for mark in marks:
        if mark.i >= token.i:
            break
        inside = mark.tag_ == "``"
    return inside


def past_perfect(trigger: Trigger) -> bool:
    """Whether the event is told in the past perfect ("a forum that the president had set up"):
    before the story's time, by how long the text does not say."""
    verb = trigger.anchor
    return verb.pos_ == "VERB" and verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ == "had"
                                                              for c in verb.children)


# Adjectives that set an event noun before the time of telling without saying when.
VAGUE_PAST = {"recent", "earlier", "previous", "past", "prior", "former"}


def _spans_the_past(trigger: Trigger, timex: Timex) -> bool:
    """ "announced several months ago": some time back; "has gained share in recent years", "have
    doubled over the past decade": a perfect spread over a stretch of years or months up to now.
    Neither gives a day."""
    words = timex.text.lower().split()
    if timex.value == "PAST_REF" and words[-1:] == ["ago"]:
        return True  # "announced several months ago": some time back, no day
    if timex.type != "DURATION" or timex.is_dated or not set(words) & {"recent", "past", "last"}:
        return False
    verb = trigger.anchor
    head = head_token(trigger.part, timex)
    return head is not None and head.head.dep_ == "prep" and head.head.head.i == verb.i \
        and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)


# Adverbs that set an event before the time of telling without saying when ("have previously been leveled").
BEFORE_NOW = {"previously", "formerly"}
# Verbs that bring to light what happened at another time: "emails expose contract discussions".
REVEALING_VERBS = {"expose", "reveal", "disclose", "uncover", "investigate", "probe", "examine", "review", "recall"}


def told_at_another_time(trigger: Trigger, own: Sequence[Timex] = ()) -> bool:
    """Whether the words around an event say it is not at their time, without saying when it is.

    "recent deals", "a previous agreement": a noun an adjective puts before now (and the verb that
    brings it about, "has won recent orders"); "later revealing", "previously leveled", "more
    recently, Boeing has entered into an agreement": a verb set after or before its clause's time
    (and a verb joined to it, and the noun it brings about); "emails expose contract discussions": what a revealing
    verb brings to light; a cause ("due to the ban") or a topic ("emails regarding a deal"); and an
    event whose own expressions (``own``) span the past with no day.
    """
    if any(_spans_the_past(trigger, timex) for timex in own):
        return True
    token = trigger.token
    if token.pos_ == "VERB" and token.lemma_.lower() in SUPPORT_VERBS:
        nouns = [c for c in token.children if c.dep_ == "dobj"]
    else:
        nouns = [token] if token.pos_ == "NOUN" else []
    if any(c.dep_ == "amod" and c.lemma_.lower() in VAGUE_PAST for noun in nouns for c in noun.children):
        return True
    verb = token.head if token.dep_ == "dobj" and token.head.lemma_.lower() in SUPPORT_VERBS else trigger.anchor
    adverbs = [c for c in _clause_verbs(verb) for c in c.children if c.dep_ == "advmod"]
    if any(c.lower_ in FOLLOWING | BEFORE_NOW and not list(c.children) or c.lower_ == "recently" for c in adverbs):
        return True
    if token.pos_ == "NOUN" and token.dep_ == "pobj" and (_cause_phrase(token.head) or token.head.lower_ in TOPIC_PREPOSITIONS):
        return True
    return token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.lemma_.lower() in REVEALING_VERBS


# Prepositions of a topic: "emails regarding a $23 billion deal", "a book about the war" tell of an
# event at no time of theirs.
TOPIC_PREPOSITIONS = {"regarding", "concerning", "about"}
# Two-word prepositions that name a cause: what they govern is given, not the news of the day.
CAUSE_PREPOSITIONS = {("due", "to"), ("because", "of"), ("owing", "to"), ("thanks", "to")}


def _cause_phrase(preposition: Token) -> bool:
    """ "due to EU ban", "because of the embargo": the preposition of a cause (the parser hangs
    the noun on either of its two words)."""
    doc, i = preposition.doc, preposition.i
    return any((doc[j].lower_, doc[j + 1].lower_) in CAUSE_PREPOSITIONS for j in (i - 1, i) if 0 <= j < len(doc) - 1)


def _clause_verbs(verb: Token) -> list[Token]:
    """The verb and, for a verb joined to another ("has entered X and reached Y"), the first one,
    whose adverbs tell the time of both unless the second has a subject of its own."""
    shares = verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") \
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    return [verb, verb.head] if shares else [verb]


def in_background(dated: Trigger, trigger: Trigger) -> bool:
    """Whether ``dated`` sits in a relative clause while ``trigger`` does not ("Gonzalez, who left
    Cuba in 1962, said", "Jobs, born in 1955, has built"): such a date is about whom the clause
    describes, not the news."""
    def in_relative_clause(token: Token) -> bool:
        return any(node.dep_ == "relcl" or _set_off_participle(node) for node in (token, *token.ancestors))
    return in_relative_clause(dated.anchor) and not in_relative_clause(trigger.anchor)


def _set_off_participle(node: Token) -> bool:
    """ "Jobs, born in 1955, has built": a participle set off by a comma after the subject it
    describes (not "said in the letter, dated Monday", which dates the saying's vehicle)."""
    head = node.head
    return node.dep_ == "acl" and node.tag_ in ("VBN", "VBG") and head.dep_ in ("nsubj", "nsubjpass") \
        and node.i > head.i + 1 and head.nbor(1).text == ","


def dated_by_modifier(trigger: Trigger) -> bool:
    """ "the 1959 trade embargo", "a June agreement": a noun dated by a modifier names a thing
    of the background, not the day the story is at."""
    if trigger.timex is None or trigger.token.pos_ not in ("NOUN", "PROPN"):
        return False
    head = head_token(trigger.part, trigger.timex)
    return head is not None and head.head.i == trigger.token.i and head.dep_ in ("compound", "amod", "nummod", "poss", "nmod")


def fits_tense(dct: date | None, tense: str | None, dated: Trigger) -> bool:
    """Whether ``dated``'s date can be that of an event told in ``tense``: what is told in the past
    happened by the publication day ``dct``, what is told in the future happens after it, and what
    is told in the present holds around it (within ``PRESENT_REACH``)."""
    if dct is None or dated.earliest is None or dated.latest is None:
        return True
    if tense == "past":
        return dated.earliest <= dct
    if tense == "future":
        return dated.latest >= dct
    if tense == "present":
        return dct - dated.latest <= PRESENT_REACH  # a difference: no date before year 1
    return True


def close_before(trigger: Trigger, before: Sequence[Trigger]) -> Iterator[Trigger]:
    """The triggers of ``before`` in ``trigger``'s paragraph and the one right before it, nearest first."""
    for earlier in reversed(before):
        if earlier.part is not trigger.part and not _adjacent(earlier.part, trigger.part):
            return
        yield earlier


def _adjacent(first: Parsed, second: Parsed) -> bool:
    """Whether paragraph ``first`` comes right before ``second`` (only blank space between); the
    headline sums the story up rather than leading into its first paragraph."""
    return not first.headline and 0 <= second.offset - (first.offset + first.length) <= 4
