"""Dating events: each trigger takes the temporal expression that governs it in the parse.

Order of evidence, strongest first: a date expression attached to the event in the parse ("met ...
on Monday"); a duration before "after"/"before" relative to a dated event ("comes a month after X
met"); the date of the event that governs it ("met for talks"); the one date of its sentence, unless
a temporal signal ("after", "since") or reported speech stands between them; and, in an article's
first paragraphs, the publication day for events told in the present or present perfect (the
news of the day); an undated past event continues the story's last date that its tense allows
(nothing told in the past happens after the publication day), else the publication day; and
anything still told in the present holds on the publication day. Last, a definite event noun
dated only by such defaults ("the bombing") takes the date of an earlier mention that had its own,
and what comes just after or before an event dated to a month or a year falls within it. Each
trigger records which rule dated it.
"""

from __future__ import annotations

import calendar
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from spacy.tokens import Token

from graph.model import Document, Timex

from .entities import Parsed
from .events import Trigger
from .syntax import (
    ASPECTUAL_VERBS,
    REPORTING_VERBS,
    TEMPORAL_SIGNALS,
    clause_tense,
    governing_verb,
)

__all__ = ["date_triggers"]

LEDE_PARAGRAPHS = 2
NARRATIVE_SENTENCES = 2  # how far back a story's last date still holds for an undated event
DATING_TYPES = {"DATE", "TIME"}
RANGE_ENDS = ("to", "until", "till", "through")  # "from May to July"
# Rules that date an event by default, for want of any evidence of its own.
DEFAULT_RULES = ("lede", "reporting", "narrative", "publication", "present")
# Rules that date an event from its context rather than from a date expression of its own.
LATE_RULES = ("governing", "sentence", "lede", "reporting", "narrative", "publication", "present")
PRESENT_REACH = timedelta(days=7)  # a present-tense event may take a date this close before the DCT


def date_triggers(doc: Document, parsed: Sequence[Parsed], triggers: Sequence[Trigger],
                  timexes: Sequence[Timex]) -> None:
    """Set ``timex``, ``earliest``, ``latest`` and ``dated_by`` on each trigger (in place)."""
    _BARRIERS.clear()  # what an earlier article's parses sheltered
    attached = _attach(parsed, triggers, timexes, doc.dct)
    for trigger, found in attached.items():
        dated = _own_first(trigger, [t for t in found if t.type in DATING_TYPES and t.is_dated
                                     and t.granularity != "fuzzy"])
        span = _range(trigger.part, dated)
        if span is not None:
            _set(trigger, span[0], span[0].earliest, span[1].latest, "own")
        elif dated:
            best = min(dated, key=lambda t: (t.latest - t.earliest))
            _set(trigger, best, best.earliest, best.latest, "own")
    for trigger in triggers:
        if trigger.dated_by == "":
            _date_relative(trigger, triggers, timexes)
    for index, trigger in enumerate(triggers):
        if trigger.dated_by == "":
            _date_later(doc, trigger, attached[trigger], triggers[:index])
    by_sentence: dict[tuple[int, int], list[Trigger]] = {}
    for trigger in triggers:
        by_sentence.setdefault((id(trigger.part), trigger.sentence.start), []).append(trigger)
    for trigger in triggers:
        if trigger.dated_by == "":
            _inherit(doc, trigger, by_sentence[(id(trigger.part), trigger.sentence.start)])
    for trigger in triggers:
        if trigger.dated_by == "":
            _lede(doc, parsed, trigger)
    for index, trigger in enumerate(triggers):
        if trigger.dated_by == "":
            _reporting(doc, trigger, triggers[:index])
    for index, trigger in enumerate(triggers):
        if trigger.dated_by == "":
            _narrative(doc, trigger, triggers[:index])
    for trigger in triggers:
        if trigger.dated_by == "":
            _present(doc, trigger)
    for trigger in triggers:
        if trigger.dated_by == "":  # "the exchange came five days after missiles struck": came is dated late
            _date_relative(trigger, triggers, timexes, anchored_by=("own", "relative", *LATE_RULES))
    for trigger in triggers:
        if trigger.dated_by == "":
            _inherit_late(doc, trigger, by_sentence[(id(trigger.part), trigger.sentence.start)])
    for trigger in triggers:
        if trigger.dated_by == "":
            _within_coarse_anchor(trigger, triggers)
    for index, trigger in enumerate(triggers):
        if trigger.dated_by in ("", *DEFAULT_RULES):
            _corefer(trigger, triggers[:index])
    for trigger, found in attached.items():
        _stretch_by_duration(trigger, found)


def _own_first(trigger: Trigger, dated: list[Timex]) -> list[Timex]:
    """An event noun's own date modifier ("next year's summit", "the 1988 recapitalization") over
    dates reached through its verb ("host next year's summit in December" misparsed)."""
    if trigger.token.pos_ == "VERB":
        return [t for t in dated if not _describes_other_noun(trigger, t)] or dated
    own = [t for t in dated if (head := _head_token(trigger.part, t)) is not None
           and head.head.i == trigger.token.i and head.dep_ in ("poss", "compound", "amod", "nummod", "nmod")]
    if own:
        return own
    direct = [t for t in dated if not _describes_other_noun(trigger, t)]
    return direct or dated


def _describes_other_noun(trigger: Trigger, timex: Timex) -> bool:
    """ "paid in January to holders of record Dec. 21", "redeem notes due March 1, 2030": a date
    hung without a preposition on another noun, or on an adjective of one, describes that noun."""
    head = _head_token(trigger.part, timex)
    if head is None or head.dep_ not in ("npadvmod", "compound", "nmod", "nummod", "appos"):
        return False
    described = head.head
    if described.pos_ == "ADJ" and described.dep_ == "amod":
        described = described.head
    return described.pos_ in ("NOUN", "PROPN") and described.i not in (trigger.token.i, trigger.anchor.i)


def _range(part: Parsed, dated: Sequence[Timex]) -> tuple[Timex, Timex] | None:
    """Two dates of one event that bound it: "between December 2021 and August 2023", "in 2021 and
    2022", "from May to July"."""
    for first in dated:
        span = _tokens(part, first)
        if span is None or span.end >= len(part.doc):
            continue
        joiner, opener = part.doc[span.end], _token_before(part, first)
        if joiner.lower_ != "and" and not (joiner.lower_ in RANGE_ENDS and opener is not None and opener.lower_ == "from"):
            continue
        for second in dated:
            before = _token_before(part, second)
            if before is not None and before.i == joiner.i and second.latest >= first.earliest:
                return first, second
    return None


def _set(trigger: Trigger, timex: Timex | None, earliest, latest, how: str) -> None:
    trigger.timex, trigger.earliest, trigger.latest, trigger.dated_by = timex, earliest, latest, how


def _tokens(part: Parsed, timex: Timex):
    """The tokens of ``part`` covering the expression (None if they cannot be aligned)."""
    return part.doc.char_span(timex.span.start - part.offset, timex.span.end - part.offset, alignment_mode="expand")


def _head_token(part: Parsed, timex: Timex) -> Token | None:
    span = _tokens(part, timex)
    return span.root if span is not None and len(span) else None


def _locate(parsed: Sequence[Parsed], timex: Timex) -> tuple[Parsed, Token] | None:
    for part in parsed:
        if part.offset <= timex.span.start < part.offset + part.length:
            head = _head_token(part, timex)
            return (part, head) if head is not None else None
    return None


def _attach(parsed, triggers: Sequence[Trigger], timexes: Sequence[Timex],
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
        described = False  # above a relative clause: only the nouns it describes may take the date
        for node in (head, *head.ancestors):
            key = (id(part), node.i)
            trigger = by_token.get(key) or carried.get(key)
            if described and node.pos_ in ("VERB", "AUX"):
                break  # "the issue, which is puttable in 1999, was priced": not the pricing's date
            if node is not head and _compared_figure(node):
                break  # "rose to $5 million from $4 million a year earlier": the old figure's date
            if trigger is not None:
                if _past_for_present(trigger, timex, dct):
                    trigger = _past_object(trigger, by_token) or _nearest_past(head, part, triggers, dct)
                if trigger is not None:
                    attached[trigger].append(timex)
                break
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_VERBS:
                break  # "he said the reform would take effect from 2025": not the saying's date
            described = described or node.dep_ == "relcl"
        # "In composite trading Friday, shares fell", "during the broadcast on Sunday": the parser
        # hangs the day on the verb or another noun, but it dates the event noun it follows as well.
        before = _token_before(part, timex)
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
    fitting = [t for t in triggers if t.part is part and sentence.start <= t.token.i < sentence.end
               and clause_tense(t.token) != "present" and clause_tense(t.token) != "future"]
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
    span = _tokens(part, timex)
    if span is None:
        return ()
    following = part.doc[span.end: span.end + 2]
    when = next((t for t in following if t.lower_ == "when"), None)
    if when is None or when.dep_ != "advmod" or any(t.i < when.i and not t.is_punct for t in following):
        return ()
    return (when.head, *when.head.conjuncts)


def _token_before(part: Parsed, timex: Timex) -> Token | None:
    span = _tokens(part, timex)
    if span is None or span.start == 0:
        return None
    return part.doc[span.start - 1]


def _date_relative(trigger: Trigger, triggers: Sequence[Trigger], timexes: Sequence[Timex],
                   anchored_by: tuple[str, ...] = ("own",)) -> None:
    """ "X comes a month after Y met": Y is dated one month before X (X dated by ``anchored_by``)."""
    signal = _signal(trigger)
    if signal is None or signal.lower_ not in ("after", "before"):
        return
    part = trigger.part
    signal_start = part.offset + signal.idx
    duration = next((t for t in timexes if t.type == "DURATION"
                     and 0 <= signal_start - t.span.end <= 1 and _delta(t.value) is not None), None)
    if duration is None:
        return
    anchor = _signalled_anchor(trigger, signal, triggers, anchored_by)
    if anchor is None or anchor.earliest is None:
        return
    delta, unit = _delta(duration.value)
    try:
        point = anchor.earliest - delta if signal.lower_ == "after" else anchor.earliest + delta
    except (OverflowError, ValueError):
        return  # past the calendar's ends
    earliest, latest = _bounds_at(point, unit)
    _set(trigger, duration, earliest, latest, "relative")


def _date_later(doc: Document, trigger: Trigger, found: Sequence[Timex], before: Sequence[Trigger]) -> None:
    """ "The rebels seized the town on March 2. Three days later, the army retook it": an amount
    before "later"/"earlier" counts from the story's last day, in this paragraph or the one before."""
    for timex in found:
        measure = _delta(timex.value) if timex.type == "DURATION" else None
        after = _token_after(trigger.part, timex)
        if measure is None or after is None or after.lower_ not in ("later", "earlier"):
            continue
        story = _story_day(trigger, before)
        if story is None:
            return
        delta, unit = measure
        try:
            point = story.earliest + delta if after.lower_ == "later" else story.earliest - delta
        except (OverflowError, ValueError):
            return  # past the calendar's ends
        earliest, latest = _bounds_at(point, unit)
        _set(trigger, timex, earliest, latest, "relative")
        return


def _story_day(trigger: Trigger, before: Sequence[Trigger]) -> Trigger | None:
    """The last event dated to a day by its own words, close before ``trigger``."""
    for earlier in _close_before(trigger, before):
        if earlier.part is trigger.part and _sentences_between(earlier, trigger) > NARRATIVE_SENTENCES:
            return None
        if earlier.dated_by in ("own", "relative") and earlier.earliest is not None \
                and earlier.earliest == earlier.latest and not _dated_by_modifier(earlier):
            return earlier
    return None


def _close_before(trigger: Trigger, before: Sequence[Trigger]) -> Iterator[Trigger]:
    """The triggers of ``before`` in ``trigger``'s paragraph and the one right before it, nearest first."""
    for earlier in reversed(before):
        if earlier.part is not trigger.part and not _adjacent(earlier.part, trigger.part):
            return
        yield earlier


def _adjacent(first: Parsed, second: Parsed) -> bool:
    """Whether paragraph ``first`` comes right before ``second`` (only blank space between)."""
    return 0 <= second.offset - (first.offset + first.length) <= 4


def _token_after(part: Parsed, timex: Timex) -> Token | None:
    span = _tokens(part, timex)
    return part.doc[span.end] if span is not None and span.end < len(part.doc) else None


def _within_coarse_anchor(trigger: Trigger, triggers: Sequence[Trigger]) -> None:
    """ "rescued last November after the boat capsized": what comes just before or after an event
    dated only to a month or a year falls, as told, within that month or year."""
    signal = _signal(trigger)
    if signal is None or signal.lower_ not in ("after", "before"):
        return
    anchor = _signalled_anchor(trigger, signal, triggers, ("own",))
    if anchor is not None and anchor.earliest is not None and (anchor.latest - anchor.earliest).days >= 27:
        _set(trigger, anchor.timex, anchor.earliest, anchor.latest, "relative")


def _corefer(trigger: Trigger, before: Sequence[Trigger]) -> None:
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
        _set(trigger, earlier.timex, earlier.earliest, earlier.latest, "coreference")


def _signalled_anchor(trigger: Trigger, signal: Token, triggers: Sequence[Trigger],
                      anchored_by: tuple[str, ...]) -> Trigger | None:
    """The event a temporal signal relates ``trigger`` to, if dated by ``anchored_by``: "X comes a
    month after ...": "after" hangs on X; "X voted, a day after Y unveiled": it marks Y's clause,
    which hangs on X."""
    main = signal.head.head if signal.dep_ == "mark" else signal.head
    return next((t for t in triggers if t.part is trigger.part and t.dated_by in anchored_by
                 and main.i in (t.token.i, t.carrier.i if t.carrier is not None else -1)), None)


def _signal(trigger: Trigger) -> Token | None:
    for node in (trigger.token, trigger.carrier):
        if node is not None:
            found = _signal_of(node)
            if found is not None:
                return found
    return None


def _signal_of(node: Token) -> Token | None:
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


def _delta(value: str) -> tuple[relativedelta, str] | None:
    if not value.startswith("P") or value.startswith("PT"):
        return None
    number, unit = value[1:-1], value[-1]
    if not number.isdigit() or unit not in "YMWD":
        return None
    n = int(number)
    return {"Y": relativedelta(years=n), "M": relativedelta(months=n), "W": relativedelta(weeks=n),
            "D": relativedelta(days=n)}[unit], unit


def _bounds_at(point: date, unit: str) -> tuple[date, date]:
    if unit == "Y":
        return date(point.year, 1, 1), date(point.year, 12, 31)
    if unit == "M":
        return point.replace(day=1), point.replace(day=calendar.monthrange(point.year, point.month)[1])
    if unit == "W":
        monday = point - timedelta(days=point.weekday())
        return monday, monday + timedelta(days=6)
    return point, point


def _barrier(token: Token) -> int | None:
    """The token that shelters ``token`` from its sentence's dates (a temporal signal, a report).

    Remembered for every token on the way up: each trigger asks, and a long paragraph the parser
    chains into one deep tree would otherwise cost a walk of the whole chain per trigger."""
    known = _barriers_of(token.doc)
    path, node = [], token
    while node.i not in known:
        path.append(node.i)
        if _shelters(node):
            found = node.i
            break
        if node.head.i == node.i:
            found = None
            break
        node = node.head
    else:
        found = known[node.i]
    for i in path:
        known[i] = found
    return found


def _shelters(node: Token) -> bool:
    return _signal_of(node) is not None or (node.dep_ == "ccomp" and node.head.lemma_.lower() in REPORTING_VERBS)


_BARRIERS: dict[int, tuple[object, dict[int, int | None]]] = {}


def _barriers_of(doc) -> dict[int, int | None]:
    """The barriers found so far in ``doc`` (kept for the docs of the article being dated)."""
    known = _BARRIERS.get(id(doc))
    if known is None or known[0] is not doc:
        known = _BARRIERS[id(doc)] = (doc, {})
    return known[1]


def _inherit(doc: Document, trigger: Trigger, neighbours: Sequence[Trigger]) -> None:
    """Take the date of a governing event, or of the sentence's one date (``neighbours``: same sentence)."""
    same_sentence = [t for t in neighbours if t is not trigger and t.dated_by in ("own", "relative")]
    if _from_complement(trigger, same_sentence) or _from_governor(doc, trigger, same_sentence):
        return
    here = _barrier(trigger.anchor)
    tense = clause_tense(trigger.anchor)
    dated = {(t.earliest, t.latest): t for t in same_sentence if t.dated_by == "own" and _fits_tense(doc, tense, t)}
    if len(dated) == 1 and (trigger.token.pos_ == "VERB" or trigger.carrier is not None):
        other = next(iter(dated.values()))
        if _barrier(other.anchor) == here and here is None and not _background(other, trigger) \
                and _quoted(other.anchor) == _quoted(trigger.anchor):
            _set(trigger, other.timex, other.earliest, other.latest, "sentence")


def _from_complement(trigger: Trigger, dated: Sequence[Trigger]) -> bool:
    """ "began trading in August": an aspectual verb happens when its complement does; whether it did."""
    if trigger.token.lemma_.lower() not in ASPECTUAL_VERBS:
        return False
    complement = next((t for t in dated if t.token.dep_ == "xcomp" and t.token.head.i == trigger.token.i), None)
    if complement is not None:
        _set(trigger, complement.timex, complement.earliest, complement.latest, "governing")
    return complement is not None


def _background(dated: Trigger, trigger: Trigger) -> bool:
    """Whether ``dated`` sits in a relative clause while ``trigger`` does not ("Gonzalez, who left
    Cuba in 1962, said"): such a date is about whom the clause describes, not the news."""
    def in_relative_clause(token: Token) -> bool:
        return any(node.dep_ == "relcl" for node in (token, *token.ancestors))
    return in_relative_clause(dated.anchor) and not in_relative_clause(trigger.anchor)


def _quoted(token: Token) -> bool:
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


def _inherit_late(doc: Document, trigger: Trigger, neighbours: Sequence[Trigger]) -> None:
    """An event noun, or a participle ("struck the city, killing 39"), whose governing event was dated
    by a later rule (lede, report, publication, relative)."""
    token = trigger.token
    noun = token.pos_ != "VERB" and trigger.carrier is None
    participle = token.pos_ == "VERB" and token.tag_ == "VBG" and token.dep_ in ("advcl", "conj")
    if noun or participle:
        _from_governor(doc, trigger, [t for t in neighbours if t is not trigger and t.earliest is not None])


def _from_governor(doc: Document, trigger: Trigger, dated: Sequence[Trigger]) -> bool:
    """Give ``trigger`` the date of the first of ``dated`` governing it in its clause; whether one did."""
    governors, here, tense = _governors(trigger), _barrier(trigger.anchor), clause_tense(trigger.anchor)
    for other in dated:
        if (other.token.i in governors or (other.carrier is not None and other.carrier.i in governors)) \
                and _barrier(other.anchor) == here and _fits_tense(doc, tense, other):
            _set(trigger, other.timex, other.earliest, other.latest, "governing")
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


def _lede(doc: Document, parsed: Sequence[Parsed], trigger: Trigger) -> None:
    """News ledes tell the day's news in the present perfect or present: date it to the DCT."""
    if doc.dct is None or trigger.part not in parsed[:LEDE_PARAGRAPHS]:
        return
    if _barrier(trigger.anchor) is not None:
        return
    verb = trigger.anchor if trigger.anchor.pos_ == "VERB" else trigger.anchor.head
    perfect = any(c.lower_ in ("has", "have") for c in verb.children if c.dep_ == "aux")
    if perfect or (verb.tag_ in ("VBZ", "VBP") and clause_tense(verb) == "present") or \
            (trigger.token.dep_ in ("conj", "xcomp") and _lede_coordinated(verb)):
        _set(trigger, None, doc.dct, doc.dct, "lede")


def _reporting(doc: Document, trigger: Trigger, before: Sequence[Trigger]) -> None:
    """News reports what was said for the day's paper: an undated "X said" is the publication day,
    unless it follows right on the account of a day just past (``before``: the triggers before it)."""
    if doc.dct is None or trigger.event_type != "statement" or trigger.token.pos_ != "VERB":
        return
    tense = clause_tense(trigger.token)
    if tense not in ("past", "present") or _barrier(trigger.token) is not None:
        return
    recent = _recent_account(doc, trigger, before) if tense == "past" else None
    if recent is not None:
        _set(trigger, recent.timex, recent.earliest, recent.latest, "narrative")
    else:
        _set(trigger, None, doc.dct, doc.dct, "reporting")


def _recent_account(doc: Document, trigger: Trigger, before: Sequence[Trigger]) -> Trigger | None:
    """ "The mayor addressed the crowd on Sunday. He said ...": a saying in the next sentence after
    an event dated days before publication belongs to that account, not to the paper's day; so
    does a saying of the speaker of such a dated saying in the paragraph before ("On Wednesday,
    Alarcon said ... Alarcon told reporters")."""
    previous = next((t for t in reversed(before) if t.part is trigger.part and t.dated_by == "own"), None)
    if previous is None or _dated_by_modifier(previous) or _sentences_between(previous, trigger) > 1 \
            or _quoted(previous.anchor) != _quoted(trigger.anchor):
        previous = _same_speaker(trigger, before)
    if previous is None:
        return None
    days_back = (doc.dct - previous.earliest).days
    return previous if previous.latest < doc.dct and days_back <= PRESENT_REACH.days else None


def _same_speaker(trigger: Trigger, before: Sequence[Trigger]) -> Trigger | None:
    """The last saying dated by its own words, in this paragraph or the one before, by a speaker
    of ``trigger``."""
    speakers = _agents(trigger)
    if not speakers:
        return None
    return next((t for t in _close_before(trigger, before)
                 if t.event_type == "statement" and t.dated_by == "own" and _agents(t) & speakers), None)


def _agents(trigger: Trigger) -> set[str]:
    return {a.mention.entity.key for a in trigger.arguments if a.role == "agent"}


def _narrative(doc: Document, trigger: Trigger, before: Sequence[Trigger]) -> None:
    """A past event told without a date continues the story's last date in its paragraph, else
    it happened by the publication day (the news reports the recent past)."""
    if doc.dct is None or _barrier(trigger.anchor) is not None:
        return
    if any(c.dep_ == "prep" and c.lower_ in TEMPORAL_SIGNALS for c in trigger.anchor.children):
        return  # "since then, X did Y": timed against another event, not the day of publication
    tense = clause_tense(trigger.anchor)
    verb = trigger.anchor if trigger.anchor.pos_ == "VERB" else None
    if verb is not None and verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have")
                                                       for c in verb.children):
        _set(trigger, None, doc.dct, doc.dct, "publication")  # "700 have been killed": a tally as of today
        return
    previous = next((t for t in reversed(before) if t.part is trigger.part and t.dated_by in ("own", "relative")
                     and not _dated_by_modifier(t) and _fits_tense(doc, tense, t) and not _background(t, trigger)), None)
    if previous is not None and _sentences_between(previous, trigger) <= NARRATIVE_SENTENCES:
        _set(trigger, previous.timex, previous.earliest, previous.latest, "narrative")
    elif trigger.token.pos_ == "VERB" and clause_tense(trigger.token) == "past":
        _set(trigger, None, doc.dct, doc.dct, "publication")


def _present(doc: Document, trigger: Trigger) -> None:
    """What an article tells in the present ("officials are counting on aid", "he tells me",
    "the steps it has taken") holds on the publication day, quoted or not."""
    if doc.dct is None:
        return
    verb = governing_verb(trigger.anchor)
    if verb is None or (trigger.anchor.pos_ != "VERB" and trigger.carrier is None and verb.i != trigger.anchor.head.i):
        return
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ in ("VBG", "VBN") and auxes & {"is", "are", "am", "has", "have"})
    if present and not auxes & {"will", "'ll", "shall", "would", "could", "might", "may", "should", "must"}:
        _set(trigger, None, doc.dct, doc.dct, "present")


def _dated_by_modifier(trigger: Trigger) -> bool:
    """ "the 1959 trade embargo", "a June agreement": a noun dated by a modifier names a thing
    of the background, not the day the story is at."""
    if trigger.timex is None or trigger.token.pos_ not in ("NOUN", "PROPN"):
        return False
    head = _head_token(trigger.part, trigger.timex)
    return head is not None and head.head.i == trigger.token.i and head.dep_ in ("compound", "amod", "nummod", "poss", "nmod")


def _fits_tense(doc: Document, tense: str | None, dated: Trigger) -> bool:
    """Whether ``dated``'s date can be that of an event told in ``tense``: what is told in the past
    happened by the publication day, what is told in the future happens after it, and what is told
    in the present holds around it (within ``PRESENT_REACH``)."""
    if doc.dct is None or dated.earliest is None or dated.latest is None:
        return True
    if tense == "past":
        return dated.earliest <= doc.dct
    if tense == "future":
        return dated.latest >= doc.dct
    if tense == "present":
        return doc.dct - dated.latest <= PRESENT_REACH  # a difference: no date before year 1
    return True


def _sentences_between(earlier: Trigger, later: Trigger) -> int:
    starts = _sentence_starts(later.part.doc)
    return bisect_right(starts, later.sentence.start) - bisect_right(starts, earlier.sentence.start)


_STARTS: dict[int, tuple[object, list[int]]] = {}


def _sentence_starts(doc) -> list[int]:
    """Token indices where the sentences of ``doc`` start (kept for the doc being dated)."""
    known = _STARTS.get(id(doc))
    if known is None or known[0] is not doc:
        _STARTS.clear()
        known = _STARTS[id(doc)] = (doc, [sent.start for sent in doc.sents])
    return known[1]


def _lede_coordinated(verb: Token) -> bool:
    """ "has made a visit and ordered ...": the coordinated verb shares the perfect."""
    head = verb.head
    return any(c.lower_ in ("has", "have") for c in head.children if c.dep_ == "aux")


def _stretch_by_duration(trigger: Trigger, found: list[Timex]) -> None:
    """ "a two-day round which begins on December 21" ends on December 22."""
    if trigger.earliest is None or trigger.earliest != trigger.latest:
        return
    for timex in found:
        if timex is trigger.timex:
            continue  # "five days after X": the offset that dated the event, not its length
        head = _head_token(trigger.part, timex)
        if head is None or head.head.i not in (trigger.token.i, trigger.anchor.i):
            continue  # "..., hours before the four-day pause was due to expire, Qatar said": not the saying's length
        if timex.type == "DURATION" and _delta(timex.value) is not None:
            delta, unit = _delta(timex.value)
            if unit == "D":
                trigger.latest = trigger.earliest + delta - timedelta(days=1)
                return
