"""Units counted from the DCT or from the story's last date: "last week", "this weekend",
"the year", "year-end", "last year" set against a figure, "three years ago", "later that
month", "the next day", and the vague "now", "recently", "the future".

In: a match of one of its rules in :mod:`.rules` and the :class:`.anchor.Context`. Out: a DATE
:data:`.anchor.Norm` (2017-W49, PAST_REF; a DURATION for "the fiscal year ended June 30"), or
None where the words are a signal or an adjective ("three days later", "the long term effects").
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from .anchor import Context, Norm, underspecified
from .days import _day_value
from .durations import _count, _unit_of
from .lexicon import DAY_PARTS, UNITS
from .patterns import _mod, _tense
from .values import format_value, shift

_REL_STEP = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}


# "compared with a loss of $3 million last year", "up from last year's $1.55 billion": a figure
# set against last year's is the same reporting period a year back, like "a year earlier".
_COMPARISON_CUE = r"\b(?:compared\s+(?:with|to)|from|versus|vs\.)\s+"
_FIGURE = r"(?:[$#]|\b[A-Z]{1,2}\$)?\d[\d.,]*(?:\s*(?:million|billion|%|percent|cents?))?(?:\s+a\s+share)?"
_FIGURE_COMPARED_BEFORE = re.compile(_COMPARISON_CUE + r"[^.;:()]{0,40}?" + _FIGURE + r",?\s+$", re.I)
# ("than" only here: "more than 300,000 last year" is an amount, not a comparison)
_COMPARED_YEAR_FIGURE = re.compile(r"(?:" + _COMPARISON_CUE + r"|\bthan\s+)$", re.I)
_FIGURE_AFTER = re.compile(r"'s\s+(?:[a-z-]+\s+){0,2}" + _FIGURE, re.I)


def _compared_last_year(m: re.Match[str], ctx: Context) -> bool:
    if m.group(0).lower() != "last year":
        return False
    before = ctx.text[max(0, m.start() - 80) : m.start()]
    if _FIGURE_COMPARED_BEFORE.search(before):
        return True
    return bool(_COMPARED_YEAR_FIGURE.search(before) and _FIGURE_AFTER.match(ctx.text, m.end()))


def _year_named_last(ctx: Context) -> bool:
    """Whether the story's last date is a whole year named after its reporting quarter ("for this
    year"): a comparison then is between years, not quarters."""
    quarter = ctx.quarter_ref
    return ctx.ref is not None and ctx.ref[0] == "year" and (quarter is None or ctx.ref[2] > quarter[1])


def _relative_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    granularity = UNITS[m["unit"].lower()][0]
    step = _REL_STEP[m["rel"].lower()]
    mod = _mod(m, "pmod")
    if _compared_last_year(m, ctx) and not _year_named_last(ctx):
        return "DATE", ctx.year_shift(m.start(), -1), mod
    if m["er"]:
        mod = "START" if m["er"].lower() == "earlier" else "END"
    if granularity == "weekend" and m["rel"].lower() == "this" and ctx.dct and ctx.dct.weekday() == 0 and _tense(m, ctx) == "past":
        step = -1  # said on a Monday, "this weekend ... was" is the one just over
    return "DATE", ctx.relative(granularity, step), mod


def _the_weekend(m: re.Match[str], ctx: Context) -> Norm | None:
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE", ""
    tense = _tense(m, ctx)
    # ``yearly`` offers the candidates for years -1, 0, +1; here they are weeks -1, 0, +1.
    found = ctx.yearly(lambda y: _weekend_near(ctx.dct, y - ctx.dct.year), tense)
    return "DATE", format_value("weekend", found[0]) if found else "XXXX-WXX-WE", ""


def _weekend_near(dct: date, offset: int) -> tuple[date, date]:
    saturday = dct + relativedelta(days=5 - dct.weekday(), weeks=offset)
    return saturday, saturday + relativedelta(days=1)


def _the_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the week"/"the month" after a point modifier ("the end of the month"): the DCT's unit."""
    granularity = UNITS[m["unit"].lower().rstrip("s")][0]
    if granularity == "time":
        return None
    return "DATE", ctx.relative(granularity, 0), _mod(m, "pmod")


_YEAR_LONG = re.compile(r"\s+(?:ended|ending|to|through)\s", re.I)


def _the_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the year" is the DCT's year, but "the (fiscal) year ended June 30" is a year-long period."""
    if _YEAR_LONG.match(ctx.text, m.end()):
        return "DURATION", "P1Y", ""
    return "DATE", ctx.relative("year", 0), ""


def _shifted(m: re.Match[str], ctx: Context) -> Norm | None:
    direction = " ".join(m["dir"].lower().split())
    if direction in ("before", "after") and not re.match(r"\s*(?:[.,;:!?)]|$)", ctx.text[m.end() : m.end() + 2]):
        return None  # "two days after the vote": the duration alone is the TIMEX
    count, unit = _count(m), _unit_of(m)
    if direction in ("later", "earlier", "before", "after") and unit != "year":
        return None  # "three days later": TimeML tags the amount, a DURATION; "later" is a signal
    granularity = UNITS[unit][0]
    mod = _mod(m, "qmod") or ("APPROX" if m["so"] else "")
    sign = -1 if direction in ("ago", "earlier", "before") else 1
    if count is None or count != int(count):
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
    if unit == "year" and direction in ("later", "after"):
        # "in 1984 the Macintosh was released. One year later he was fired": a narrative's step
        # forward counts from the year it last named, when that is not the DCT's own year
        anchor = ctx.anchor(within=None)
        if anchor is not None and ctx.dct is not None and anchor[1].year != ctx.dct.year:
            return "DATE", format_value("year", shift(anchor[1], "year", int(count))), mod
    if unit == "year" and count == 1 or (unit == "year" and direction == "earlier"):
        return "DATE", ctx.year_shift(m.start(), sign * int(count)), mod
    if granularity == "time":
        granularity, unit, count = "day", "day", 0
    anchor = ctx.anchor(within=None) if direction in ("earlier", "later", "before", "after") else None
    base = anchor[1] if anchor else ctx.dct
    if base is None:
        return "DATE", underspecified(granularity), mod
    return "DATE", format_value(granularity, shift(base, unit, sign * int(count))), mod


# An anaphoric unit finer than the date it refers to: the coarse date, the rest unknown.
_UNKNOWN_WITHIN = {("month", "day"): "-XX", ("year", "day"): "-XX-XX", ("year", "month"): "-XX"}


def _anaphoric(m: re.Match[str], ctx: Context) -> Norm | None:
    which = (m["arel"] or m["aside"] or "same").lower()
    step = {"next": 1, "following": 1, "after": 1, "previous": -1, "prior": -1, "preceding": -1, "before": -1}.get(which, 0)
    unit = (m["aunit"] or m["aday"]).lower()
    part = unit if unit in DAY_PARTS and unit != "night" or unit == "night" else None
    unit = "day" if part else unit
    anchor = ctx.anchor()
    if anchor is None:
        return "DATE", underspecified(UNITS[unit][0]), ""
    if not part and (anchor[0], unit) in _UNKNOWN_WITHIN:
        # "last October ... that same day": a day of that month, which one the text does not say
        return "DATE", format_value(anchor[0], anchor[1]) + _UNKNOWN_WITHIN[anchor[0], unit], ""
    day = shift(anchor[1], unit, step)
    if part and unit == "day":
        return _day_value(ctx, day, None)
    return "DATE", format_value(UNITS[unit][0], day), ""


# (A lone "earlier" is left out: like "before", it relates two events, a TimeML signal.)
_FUZZY = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "currently": "PRESENT_REF", "current": "PRESENT_REF",
    "presently": "PRESENT_REF", "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "present": "PRESENT_REF",
    "the present": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF",
    "more recently": "PAST_REF", "formerly": "PAST_REF", "the past": "PAST_REF",
    "the future": "FUTURE_REF", "soon": "FUTURE_REF", "the near future": "FUTURE_REF",
    "then current": "PAST_REF", "then-current": "PAST_REF",
    # the horizon of a plan or forecast: what lies ahead
    "the near term": "FUTURE_REF", "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
    "a later date": "FUTURE_REF",
}


def _fuzzy(m: re.Match[str], ctx: Context) -> Norm | None:
    word = " ".join(m["fz"].lower().split())
    before = ctx.text[max(0, m.start() - 8) : m.start()].lower()
    after = ctx.text[m.end() : m.end() + 12].lower()
    if word == "current" and re.match(r"[\s-]*(?:accounts?|affairs|events|of|and)\b|s\b", after):
        return None
    if word == "soon" and (before.endswith("as ") or re.match(r"\s+(?:after|as)\b", after)):
        return None
    if word == "present" and not before.endswith("at "):
        return None
    if word == "now" and re.match(r"-", after):
        return None
    if word.endswith(" term") and not re.search(r"\b(?:in|over|for|during|into|of|beyond|through)\s+$", ctx.text[max(0, m.start() - 10) : m.start()], re.I):
        return None  # "the long term effects": an adjective; the horizon is the object of a preposition
    return "DATE", _FUZZY[word], ""


def _year_end(m: re.Match[str], ctx: Context) -> Norm | None:
    """"by year-end": the end of the DCT's year; "since year-end": of the year before."""
    since = _SINCE_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start())
    return "DATE", ctx.relative("year", -1 if since else 0), "END"


_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.I)
