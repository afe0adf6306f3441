"""The strongest evidence: a date expression attached to the event in the parse ("met ... on Monday").

In: the paragraph parses, the triggers and the body's timexes. Out: :func:`attach` gives each
trigger the timexes it governs (the first event above the expression in the parse, with the
parser's usual misattachments undone); :func:`date_by_own` dates a trigger by the narrowest of
them, or by two that bound it ("from May to July"), as rule "own".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Token

from graph.model import Timex

from ..modes import STATE_TYPE
from ..nlp import Parsed
from ..syntax import CONTENT_VERBS, REPORTING_VERBS, clause_tense
from ..trigger import Trigger
from .clues import PRESENT_REACH, head_token, quoted, set_date, token_before, tokens_of

__all__ = ["attach", "date_by_own"]

DATING_TYPES = {"DATE", "TIME"}
RANGE_ENDS = ("to", "until", "till", "through")  # "from May to July"
SPEAKERS_NOW = {"today", "tonight", "now", "this morning", "this afternoon", "this evening"}


# Clauses a state can be embedded in: its date goes on up to the event it hangs on.
EMBEDDED = {"ccomp", "relcl", "xcomp", "advcl", "acl"}


def attach(parsed: Sequence[Parsed], triggers: Sequence[Trigger], timexes: Sequence[Timex],
           dct: date | None = None) -> dict[Trigger, list[Timex]]:
    """Each timex goes to the first event above it in the parse (an event or the verb carrying one)."""
    by_token: dict[tuple[int, int], Trigger] = {}
    for trigger in triggers:
        by_token[(id(trigger.part), trigger.token.i)] = trigger
    carried: dict[tuple[int, int], Trigger] = {}
    for trigger in triggers:
        if trigger.carrier is not None:
            carried.setdefault((id(trigger.part), trigger.carrier.i), trigger)
    attached: dict[Trigger, list[Timex]] = {t: [] for t in triggers}
    for timex in timexes:
        located = _locate(parsed, timex)
        if located is None:
            continue
        part, head = located
        if timex.text.lower() in SPEAKERS_NOW and quoted(head):
            continue  # '"we are going to make history today"': the speaker's day, which the story may not give
        described = False  # above a relative clause: only the nouns it describes may take the date
        for node in (head, *head.ancestors):
            key = (id(part), node.i)
            trigger = by_token.get(key) or carried.get(key)
            if described and node.pos_ in ("VERB", "AUX"):
                break  # "the issue, which is puttable in 1999, was priced": not the pricing's date
            if node is not head and _compared_figure(node):
                break  # "rose to $5 million from $4 million a year earlier": the old figure's date
            if (trigger is None or trigger.event_type == STATE_TYPE) and node.lemma_ == "be" \
                    and node.dep_ not in ("aux", "auxpass"):
                # "the talks were on Monday", "deliveries are not due until October": the copula's
                # date is its subject's
                trigger = next((by_token[(id(part), c.i)] for c in node.children
                                if c.dep_ == "nsubj" and (id(part), c.i) in by_token), trigger)
            if trigger is not None and trigger.event_type == STATE_TYPE and node.dep_ in EMBEDDED \
                    and not (node.dep_ == "advcl" and node.tag_ == "VBG"):  # "..., keeping it in production until 2014"
                # "learned that he was in Florida last November", "a ruling, which is expected next
                # month": the state holds then, and so does what it is embedded in
                attached[trigger].append(timex)
                described = described or node.dep_ == "relcl"
                continue
            if trigger is not None:
                if _past_for_present(trigger, timex, dct):
                    trigger = _past_object(trigger, by_token) or _nearest_past(head, part, triggers, dct)
                if trigger is not None:
                    attached[trigger].append(timex)
                break
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in CONTENT_VERBS:
                break  # "he said the reform would take effect from 2025", "asked that it be made by May"
            described = described or node.dep_ == "relcl"
        # "In composite trading Friday, shares fell", "during the broadcast on Sunday": the parser
        # hangs the day on the verb or another noun, but it dates the event noun it follows as well.
        before = token_before(part, timex)
        if before is not None and before.lower_ in ("on", "in") and before.i > 0:
            before = part.doc[before.i - 1]
        noun = by_token.get((id(part), before.i)) if before is not None else None
        if noun is not None and noun.token.pos_ == "NOUN" and timex not in attached[noun]:
            attached[noun].append(timex)
        # "since November, when he was found": a when-clause after a date tells what happened on
        # it, wherever the parser hangs the clause.
        for verb in _when_clause(part, timex):
            trigger = by_token.get((id(part), verb.i)) or carried.get((id(part), verb.i))
            if trigger is not None and timex not in attached[trigger]:
                attached[trigger].append(timex)
    return attached


def _locate(parsed: Sequence[Parsed], timex: Timex) -> tuple[Parsed, Token] | None:
    for part in parsed:
        if part.offset <= timex.span.start < part.offset + part.length:
            head = head_token(part, timex)
            return (part, head) if head is not None else None
    return None


def _past_object(trigger: Trigger, by_token: dict[tuple[int, int], Trigger]) -> Trigger | None:
    """The event noun a verb in the present acts on: "follows two decisions last June" dates the
    decisions."""
    token = trigger.token
    objects = (by_token.get((id(trigger.part), c.i)) for c in token.children if c.dep_ == "dobj")
    return next((o for o in objects if o is not None and o.token.pos_ == "NOUN"), None)


def _nearest_past(head: Token, part: Parsed, triggers: Sequence[Trigger], dct: date | None) -> Trigger | None:
    """The event nearest a past date, in its sentence, that the date can be about: "heads a team
    prosecuting the bombings which killed 224 people on Aug. 7, 1998", hung by the parser on "heads"."""
    sentence = head.sent
    # not a saying: "NPD said the store passes Best Buy in 2007" is not said in 2007
    fitting = [t for t in triggers if t.part is part and sentence.start <= t.token.i < sentence.end
               and clause_tense(t.token) != "present" and clause_tense(t.token) != "future"
               and t.event_type != "statement" and t.token.lemma_.lower() not in REPORTING_VERBS]
    return min(fitting, key=lambda t: abs(t.token.i - head.i), default=None)


def _past_for_present(trigger: Trigger, timex: Timex, dct: date | None) -> bool:
    """Whether ``timex`` lies too far back to date ``trigger``, a verb in the present."""
    return (dct is not None and timex.latest is not None and dct - timex.latest > PRESENT_REACH
            and trigger.token.pos_ == "VERB" and clause_tense(trigger.token) == "present")


def _compared_figure(node: Token) -> bool:
    """Whether a date hanging below ``node`` describes a figure the event is compared with: "from"
    holding an amount ("from $4 million", "from 5%"), or "compared with"."""
    return node.lower_ == "compared" or (node.lower_ == "from" and any(
        c.dep_ == "pobj" and _is_amount(c) for c in node.children))


def _is_amount(token: Token) -> bool:
    following = token.doc[token.i + 1].lower_ if token.i + 1 < len(token.doc) else ""
    return token.tag_ == "CD" and (any(c.tag_ == "$" for c in token.children) or following in ("%", "percent"))


def _when_clause(part: Parsed, timex: Timex) -> tuple[Token, ...]:
    """The verbs of a "when" clause right after the expression ("Thursday, when ... were arrested")."""
    span = tokens_of(part, timex)
    if span is None:
        return ()
    following = part.doc[span.end: span.end + 2]
    when = next((t for t in following if t.lower_ == "when"), None)
    if when is None or when.dep_ != "advmod" or any(t.i < when.i and not t.is_punct for t in following):
        return ()
    return (when.head, *when.head.conjuncts)


def date_by_own(trigger: Trigger, found: Sequence[Timex]) -> None:
    """Date ``trigger`` by the expressions attached to it (``found``), if any can date it."""
    dated = _own_first(trigger, [t for t in found if t.type in DATING_TYPES and t.is_dated
                                 and t.granularity != "fuzzy"])
    span = _range(trigger.part, dated)
    if span is not None:
        set_date(trigger, span[0], span[0].earliest, span[1].latest, "own")
    elif dated:
        best = min(dated, key=lambda t: (_hops(trigger, t), t.latest - t.earliest))
        set_date(trigger, best, best.earliest, best.latest, "own")


def _hops(trigger: Trigger, timex: Timex) -> int:
    """How far up the parse ``timex`` hangs below ``trigger`` ("its launch in 2003 and, as of
    February, ...": the year is the launch's own, the month reached through a misparse)."""
    head = head_token(trigger.part, timex)
    if head is None:
        return 99
    for hops, node in enumerate((head, *head.ancestors)):
        if node.i == trigger.token.i:
            return hops
    return 99


def _own_first(trigger: Trigger, dated: list[Timex]) -> list[Timex]:
    """An event noun's own date modifier ("next year's summit", "the 1988 recapitalization") over
    dates reached through its verb ("host next year's summit in December" misparsed)."""
    if trigger.token.pos_ == "VERB":
        dated = [t for t in dated if not _names_other_noun(trigger, t)]  # "released the 2011 version"
        return [t for t in dated if not _describes_other_noun(trigger, t)] or dated
    own = [t for t in dated if (head := head_token(trigger.part, t)) is not None
           and head.head.i == trigger.token.i and head.dep_ in ("poss", "compound", "amod", "nummod", "nmod")]
    if own:
        return own
    direct = [t for t in dated if not _describes_other_noun(trigger, t)]
    return direct or dated


def _describes_other_noun(trigger: Trigger, timex: Timex) -> bool:
    """ "paid in January to holders of record Dec. 21", "redeem notes due March 1, 2030": a date
    hung without a preposition on another noun, or on an adjective of one, describes that noun."""
    head = head_token(trigger.part, timex)
    if head is None or head.dep_ not in ("npadvmod", "compound", "nmod", "nummod", "appos"):
        return False
    described = head.head
    if described.pos_ == "ADJ" and described.dep_ == "amod":
        described = described.head
    return described.pos_ in ("NOUN", "PROPN") and described.i not in (trigger.token.i, trigger.anchor.i)


def _names_other_noun(trigger: Trigger, timex: Timex) -> bool:
    """A year standing before another noun names that thing ("the 2011 version of the suite", "a
    breach of the 1991 settlement"): it is no date of the verb at all."""
    head = head_token(trigger.part, timex)
    if head is None or timex.granularity != "year" or head.dep_ not in ("compound", "nummod", "amod", "nmod"):
        return False
    named = head.head
    # a subject's year is when it came to act ("a 1996 law strengthened the embargo"): not here
    role = named
    while role.dep_ == "conj" and role.head.pos_ in ("NOUN", "PROPN"):
        role = role.head  # "released a new lineup and the 2011 version": the object's role
    return (head.i < named.i and named.pos_ == "NOUN" and named.i != trigger.token.i
            and (role.dep_ == "dobj" or (role.dep_ == "pobj" and role.head.lower_ == "of")))


def _range(part: Parsed, dated: Sequence[Timex]) -> tuple[Timex, Timex] | None:
    """Two dates of one event that bound it: "between December 2021 and August 2023", "in 2021 and
    2022", "from May to July"."""
    for first in dated:
        span = tokens_of(part, first)
        if span is None or span.end >= len(part.doc):
            continue
        joiner, opener = part.doc[span.end], token_before(part, first)
        if joiner.lower_ != "and" and not (joiner.lower_ in RANGE_ENDS and opener is not None and opener.lower_ == "from"):
            continue
        for second in dated:
            before = token_before(part, second)
            if before is not None and before.i == joiner.i and second.latest >= first.earliest:
                return first, second
    return None
