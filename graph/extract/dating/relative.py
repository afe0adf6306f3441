"""Dating by an amount of time from another event: "a month after X met", "three days later".

In: an undated trigger, the article's triggers (some already dated) and timexes, and for the
story's last day the :class:`~.context.DatingContext`. Out: the trigger's bounds, computed from
the other event's date and the duration (rule "relative"); and an event dated to a single day
stretched by its own length ("a two-day round which begins on December 21").
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from spacy.tokens import Token

from graph.model import Timex

from ..trigger import Trigger
from .clues import (
    NARRATIVE_SENTENCES,
    close_before,
    dated_by_modifier,
    head_token,
    set_date,
    token_after,
    trigger_signal,
)
from .context import DatingContext

__all__ = ["date_later", "date_relative", "stretch_by_duration", "within_coarse_anchor"]


def date_relative(trigger: Trigger, triggers: Sequence[Trigger], timexes: Sequence[Timex],
                  anchored_by: tuple[str, ...] = ("own",)) -> None:
    """ "X comes a month after Y met": Y is dated one month before X (X dated by ``anchored_by``)."""
    signal = trigger_signal(trigger)
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
    set_date(trigger, duration, earliest, latest, "relative")


def date_later(article: DatingContext, trigger: Trigger, found: Sequence[Timex], before: Sequence[Trigger]) -> None:
    """ "The rebels seized the town on March 2. Three days later, the army retook it": an amount
    before "later"/"earlier" counts from the story's last day, in this paragraph or the one before."""
    for timex in found:
        measure = _delta(timex.value) if timex.type == "DURATION" else None
        after = token_after(trigger.part, timex)
        if measure is None or after is None or after.lower_ not in ("later", "earlier"):
            continue
        story = _story_day(article, trigger, before)
        if story is None:
            return
        delta, unit = measure
        try:
            point = story.earliest + delta if after.lower_ == "later" else story.earliest - delta
        except (OverflowError, ValueError):
            return  # past the calendar's ends
        earliest, latest = _bounds_at(point, unit)
        set_date(trigger, timex, earliest, latest, "relative")
        return


def _story_day(article: DatingContext, trigger: Trigger, before: Sequence[Trigger]) -> Trigger | None:
    """The last event dated to a day by its own words, close before ``trigger``."""
    for earlier in close_before(trigger, before):
        if earlier.part is trigger.part and article.sentences_between(earlier, trigger) > NARRATIVE_SENTENCES:
            return None
        if earlier.dated_by in ("own", "relative") and earlier.earliest is not None \
                and earlier.earliest == earlier.latest and not dated_by_modifier(earlier):
            return earlier
    return None


def within_coarse_anchor(trigger: Trigger, triggers: Sequence[Trigger]) -> None:
    """ "rescued last November after the boat capsized": what comes just before or after an event
    dated only to a month or a year falls, as told, within that month or year."""
    signal = trigger_signal(trigger)
    if signal is None or signal.lower_ not in ("after", "before"):
        return
    anchor = _signalled_anchor(trigger, signal, triggers, ("own",))
    if anchor is not None and anchor.earliest is not None and (anchor.latest - anchor.earliest).days >= 27:
        set_date(trigger, anchor.timex, anchor.earliest, anchor.latest, "relative")


def _signalled_anchor(trigger: Trigger, signal: Token, triggers: Sequence[Trigger],
                      anchored_by: tuple[str, ...]) -> Trigger | None:
    """The event a temporal signal relates ``trigger`` to, if dated by ``anchored_by``: "X comes a
    month after ...": "after" hangs on X; "X voted, a day after Y unveiled": it marks Y's clause,
    which hangs on X."""
    main = signal.head.head if signal.dep_ == "mark" else signal.head
    return next((t for t in triggers if t.part is trigger.part and t.dated_by in anchored_by
                 and main.i in (t.token.i, t.carrier.i if t.carrier is not None else -1)), None)


def stretch_by_duration(trigger: Trigger, found: list[Timex]) -> None:
    """ "a two-day round which begins on December 21" ends on December 22."""
    if trigger.earliest is None or trigger.earliest != trigger.latest:
        return
    for timex in found:
        if timex is trigger.timex:
            continue  # "five days after X": the offset that dated the event, not its length
        head = head_token(trigger.part, timex)
        if head is None or head.head.i not in (trigger.token.i, trigger.anchor.i):
            continue  # "..., hours before the four-day pause was due to expire, Qatar said": not the saying's length
        if timex.type == "DURATION" and _delta(timex.value) is not None:
            delta, unit = _delta(timex.value)
            if unit == "D" and delta.days >= 1:  # "a 0-day visit" lasts its one day, not a day less
                try:
                    trigger.latest = trigger.earliest + delta - timedelta(days=1)
                except (OverflowError, ValueError):
                    trigger.latest = date.max  # "a 3000000-day visit": it lasts to the calendar's end
                return


# The most of each unit that fits between year 1 and year 9999: a bigger amount ("a 5000-digit-day
# visit") is taken as this much, which every date computation then finds past the calendar's end,
# and it is never converted whole (Python refuses an int of over 4,300 digits).
_MOST = {"Y": 9999, "M": 9999 * 12, "W": 9999 * 53, "D": 9999 * 366}


def _delta(value: str) -> tuple[relativedelta, str] | None:
    if not value.startswith("P") or value.startswith("PT"):
        return None
    number, unit = value[1:-1], value[-1]
    if not number.isascii() or not number.isdigit() or unit not in "YMWD":
        return None
    n = min(int(number), _MOST[unit]) if len(number) <= 7 else _MOST[unit]
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
