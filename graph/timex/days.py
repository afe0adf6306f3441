"""Days and parts of days named from the DCT or the story: "today", "tonight", "this
morning", "mid-afternoon", "Monday", "last Friday night", "the previous Friday".

In: a match of one of its rules in :mod:`.rules` and the :class:`.anchor.Context`. Out: a DATE
:data:`.anchor.Norm` for the day, a TIME one with its part (2017-12-11TMO); or None for the age
in general ("today's youth"). :func:`_day_value` writes a day and part for the other modules.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from .anchor import Context, Norm
from .lexicon import DAY_PARTS, WEEKDAYS
from .patterns import _mod, _tense

_DAYWORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}

CLOCK_REACH = 300  # characters back to a named day that a bare clock time belongs to


def _day_value(ctx: Context, day: date | None, part: str | None) -> Norm:
    """A day, or a TIME with a part of day (``2017-12-11TMO``)."""
    text = day.isoformat() if day else "XXXX-XX-XX"
    if part:
        return "TIME", f"{text}T{DAY_PARTS[part.lower()]}", ""
    return "DATE", text, ""


# "today's youth", "the leaders of tomorrow": the present (coming) age in general, not a day
_GENERIC_AFTER = re.compile(
    r"'s\s+(?:world|youth|society|societies|generations?|young|children|kids|families|teenagers|students|"
    r"culture|technology|standards|values|economy)\b",
    re.I,
)
_GENERIC_BEFORE = re.compile(r"\bthe\s+[a-z]+\s+of\s+$", re.I)


def _generic_age(m: re.Match[str], ctx: Context) -> bool:
    word = m["dw"].lower()
    if m["part"] or m["pmod"] or word not in ("today", "tomorrow"):
        return False
    if _GENERIC_AFTER.match(ctx.text, m.end()):
        return True
    # "the leaders of tomorrow" (but "the results of today" may well be the DCT's)
    return word == "tomorrow" and _GENERIC_BEFORE.search(ctx.text, max(0, m.start() - 30), m.start()) is not None


def _deictic_day(m: re.Match[str], ctx: Context) -> Norm | None:
    word = " ".join(m["dw"].lower().split())
    if _generic_age(m, ctx):
        return None
    day = ctx.dct + relativedelta(days=_DAYWORDS[word]) if ctx.dct else None
    part = m["part"] or ("night" if word == "tonight" else None)
    kind, value, _ = _day_value(ctx, day, part)
    return kind, value, _mod(m, "pmod")


def _this_part(m: re.Match[str], ctx: Context) -> Norm | None:
    step = -1 if m["prel"].lower() == "last" else 0
    day = ctx.dct + relativedelta(days=step) if ctx.dct else None
    return _day_value(ctx, day, m["part"])


def _modified_part(m: re.Match[str], ctx: Context) -> Norm | None:
    """"mid-afternoon", "late morning yesterday": a part of a day named by its point modifier,
    of the day named after it, else of the story's day (as a bare clock time is)."""
    if m["wd"]:
        day = ctx.weekday(WEEKDAYS[m["wd"].lower()], _tense(m, ctx))
    elif m["dw"]:
        day = ctx.dct + relativedelta(days=_DAYWORDS[m["dw"].lower()]) if ctx.dct else None
    else:
        story = ctx.anchor(within=CLOCK_REACH, here=m.start())
        day = story[1] if story is not None and story[0] == "day" else ctx.dct
    kind, value, _ = _day_value(ctx, day, m["part"])
    return kind, value, _mod(m, "pmod")


def _weekday_norm(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = " ".join((m["wrel"] or "").lower().split())
    if rel.startswith("the "):
        day = _weekday_from_story(m, ctx, rel)
    else:
        direction = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
        day = ctx.weekday(WEEKDAYS[m["wd"].lower()], _tense(m, ctx), direction)
    kind, value, _ = _day_value(ctx, day, m["part"])
    return kind, value, _mod(m, "pmod")


def _weekday_from_story(m: re.Match[str], ctx: Context, rel: str) -> date | None:
    """"the previous Friday", "the following Monday": the weekday just before (after) the
    day the story is at (the last day it named, else the DCT), not the DCT's own week."""
    anchor = ctx.anchor()
    story_day = anchor[1] if anchor and anchor[0] in ("day", "time") else ctx.dct
    if story_day is None:
        return None
    step = -1 if rel.split()[-1] in ("previous", "preceding", "prior") else 1
    day = story_day + relativedelta(days=step)
    while day.weekday() != WEEKDAYS[m["wd"].lower()]:
        day += relativedelta(days=step)
    return day
