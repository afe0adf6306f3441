"""Recurrences: "every week", "every other month", "each spring", "daily", "twice a year",
"$5 a day", "Sundays", "Tuesday nights", "on weekends".

In: a match of one of its rules in :mod:`.rules` and the :class:`.anchor.Context`. Out: a SET
:data:`.anchor.Norm` (P1W, XXXX-WXX-7, XXXX-SP, P1Q); or None where the words recur nothing
("every days", "the weekends of May").
"""

from __future__ import annotations

import re

from .anchor import Context, Norm
from .durations import _duration_value
from .lexicon import DAY_PARTS, SEASONS, SET_ADVERBS, UNITS, WEEKDAYS, number_value

_MONTH_INDEX = {name: i for i, name in enumerate("january february march april may june july august september october november december".split(), 1)}
_RATE_CONTEXT = re.compile(r"(?:\d|%|percent|million|billion|trillion|dollars?|cents?|yen|euros?|pounds?|times|once|twice|each|apiece|barrels|tons?)\s*$", re.I)


def _rate(m: re.Match[str], ctx: Context) -> Norm | None:
    if not m["freq"] and m["art"].lower() != "per" and not _RATE_CONTEXT.search(ctx.text[max(0, m.start() - 15) : m.start()]):
        return None
    return "SET", _period_value(1, m["runit"].lower()), ""


def _period_value(count: int | float, unit: str) -> str:
    """The period of a SET: a recurring quarter stays one unit, P1Q (as TimeBank has "every
    quarter"); a reporting-period length ("the first nine months") is what goes into months."""
    return f"P{count:g}Q" if unit == "quarter" else _duration_value(count, unit)


def _set_adverb(m: re.Match[str], ctx: Context) -> Norm | None:
    return "SET", SET_ADVERBS[m["adv"].lower()], ""


def _weekends(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "open on weekends": every weekend; "the weekends of May" are not a set."""
    if not _ON_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start()):
        return None
    return "SET", "XXXX-WXX-WE", ""


_ON_BEFORE = re.compile(r"\b(?:on|at|during)\s+$", re.I)


def _plural_weekday(m: re.Match[str], ctx: Context) -> Norm | None:
    part = m["parts"] or m["cparts"]
    time = f"T{DAY_PARTS[part.lower().rstrip('s')]}" if part else ""
    return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}{time}", ""


def _every_singular(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["sunit"].lower()
    if word.endswith("s") and word.rstrip("s") in UNITS:
        if not m["sn"]:
            return None  # "every days" is not English; "each years" neither
    return _every_unit(m, word.rstrip("s") if word.rstrip("s") in UNITS else word)


def _every_unit(m: re.Match[str], word: str) -> Norm | None:
    if word in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[word] + 1}", ""
    if word in DAY_PARTS:
        return "SET", f"XXXX-XX-XXT{DAY_PARTS[word]}", ""
    if word in _MONTH_INDEX:
        return "SET", f"XXXX-{_MONTH_INDEX[word]:02d}", ""
    if word in SEASONS:
        return "SET", f"XXXX-{SEASONS[word]}", ""  # "each spring"
    if word == "weekend":
        return "SET", "XXXX-WXX-WE", ""
    count = number_value(m["sn"]) if m["sn"] else 1
    if m.groupdict().get("other"):
        count *= 2  # "every other week": every second one
    return "SET", _period_value(count, word), ""
