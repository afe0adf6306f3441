"""Dating events: each trigger takes the temporal expression that governs it in the parse.

In: one article's :class:`~graph.model.Document`, its paragraph parses, its event triggers and
the timexes of its body. Out: nothing returned; each trigger gets ``timex``, ``earliest``,
``latest`` and ``dated_by`` (the rule that dated it).

Order of evidence, strongest first: a date expression attached to the event in the parse ("met ...
on Monday"); a duration before "after"/"before" relative to a dated event ("comes a month after X
met"); the date of the event that governs it ("met for talks"); the one date of its sentence, unless
a temporal signal ("after", "since") or reported speech stands between them; and, in an article's
first paragraphs, the publication day for events told in the present or present perfect (the
news of the day); an undated past event continues the story's last date that its tense allows
(nothing told in the past happens after the publication day), else the publication day; and
anything still told in the present holds on the publication day. Last, a definite event noun
dated only by such defaults ("the bombing") takes the date of an earlier mention that had its own,
and what comes just after or before an event dated to a month or a year falls within it.

:func:`date_triggers` runs the rules in that order. They live by the kind of evidence they use:
:mod:`.own` (the event's own expression), :mod:`.relative` (an amount of time from another
event), :mod:`.inherit` (another event's date), :mod:`.defaults` (the news genre's defaults);
:mod:`.clues` holds what they read in the parse and :mod:`.context` what one article's dating
remembers (:class:`~.context.DatingContext`, made here per article and dropped after it).
"""

from __future__ import annotations

from collections.abc import Sequence

from graph.model import Document, Timex

from ..modes import STATE_TYPE
from ..nlp import Parsed
from ..trigger import Trigger
from .clues import told_at_another_time
from .context import DatingContext
from .defaults import lede, narrative, present, reporting
from .inherit import at_same_time, corefer, inherit, inherit_late
from .own import attach, date_by_own
from .relative import (
    date_later,
    date_relative,
    stretch_by_duration,
    within_coarse_anchor,
)

__all__ = ["date_triggers"]

# Rules that date an event by default, for want of any evidence of its own.
DEFAULT_RULES = ("lede", "reporting", "narrative", "publication", "present")
# Rules that date an event from its context rather than from a date expression of its own.
LATE_RULES = ("governing", "sentence", "lede", "reporting", "narrative", "publication", "present")


def date_triggers(doc: Document, parsed: Sequence[Parsed], triggers: Sequence[Trigger],
                  timexes: Sequence[Timex]) -> None:
    """Set ``timex``, ``earliest``, ``latest`` and ``dated_by`` on each trigger (in place).

    Events are dated first, among themselves; states ("is", "owns", "the problems") after, with
    the events as their context: a state is dated as an event told there would be, but never
    takes a date away from an event or lends one to it.
    """
    events = [t for t in triggers if t.event_type != STATE_TYPE]
    attached = attach(parsed, triggers, timexes, doc.dct)  # a state's own date is its own, not an event's
    _date(doc, parsed, events, timexes, set(events), attached)
    states = {t for t in triggers if t.event_type == STATE_TYPE}
    if states:
        _date(doc, parsed, triggers, timexes, states, attached)


def _date(doc: Document, parsed: Sequence[Parsed], triggers: Sequence[Trigger], timexes: Sequence[Timex],
          todo: set[Trigger], attached: dict[Trigger, list[Timex]]) -> None:
    """Run the rules in order over ``todo``, with all of ``triggers`` as context (``attached``: each
    trigger's own date expressions)."""
    article = DatingContext(doc, parsed)

    def pending(trigger: Trigger) -> bool:
        return trigger in todo and trigger.dated_by == ""

    for trigger in triggers:
        if trigger in todo:
            date_by_own(trigger, attached[trigger])
    for trigger in triggers:
        if pending(trigger):
            date_relative(trigger, triggers, timexes)
    for index, trigger in enumerate(triggers):
        if pending(trigger):
            date_later(article, trigger, attached[trigger], triggers[:index])
    for index, trigger in enumerate(triggers):
        if pending(trigger):
            at_same_time(trigger, triggers[:index])
    # "recent deals", "later revealing", "emails expose contract discussions", "has gained share in
    # recent years": told at no day of their own and not at the day of the words around them
    todo = {t for t in todo if t.dated_by or not told_at_another_time(t, attached[t])}
    by_sentence: dict[tuple[int, int], list[Trigger]] = {}
    for trigger in triggers:
        by_sentence.setdefault((id(trigger.part), trigger.sentence.start), []).append(trigger)
    for trigger in triggers:
        if pending(trigger):
            inherit(article, trigger, by_sentence[(id(trigger.part), trigger.sentence.start)])
    for trigger in triggers:
        if pending(trigger):
            lede(article, trigger, triggers)
    for index, trigger in enumerate(triggers):
        if pending(trigger):
            reporting(article, trigger, triggers[:index])
    for trigger in triggers:
        if pending(trigger):  # "Boeing has signed an agreement": the news of the day, not the story's last date
            inherit_late(article, trigger, by_sentence[(id(trigger.part), trigger.sentence.start)])
    for index, trigger in enumerate(triggers):
        if pending(trigger):
            narrative(article, trigger, triggers[:index])
    for trigger in triggers:
        if pending(trigger):
            present(article, trigger)
    for trigger in triggers:
        if pending(trigger):  # "the exchange came five days after missiles struck": came is dated late
            date_relative(trigger, triggers, timexes, anchored_by=("own", "relative", *LATE_RULES))
    for trigger in triggers:
        if pending(trigger):
            inherit_late(article, trigger, by_sentence[(id(trigger.part), trigger.sentence.start)])
    for trigger in triggers:
        if pending(trigger):
            within_coarse_anchor(trigger, triggers)
    for index, trigger in enumerate(triggers):
        if trigger in todo and trigger.dated_by in ("", *DEFAULT_RULES):
            corefer(trigger, triggers[:index])
    for trigger in triggers:
        if trigger in todo:
            stretch_by_duration(trigger, attached[trigger])
