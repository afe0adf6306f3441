"""Clock times: "10:30 a.m.", "4 in the morning", "noon", "14:30 GMT", "at 21:15", each on
the day named beside it ("10 p.m. Wednesday"), else the story's day, else the DCT.

In: a match of one of its rules in :mod:`.rules` and the :class:`.anchor.Context`. Out: a TIME
:data:`.anchor.Norm` (2017-12-11T22:00); or None for a score, a ratio, a count or an idiom
("won 3:1", "high noon").
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from .anchor import Context, Norm
from .days import _DAYWORDS, CLOCK_REACH
from .lexicon import MONTHS, WEEKDAYS
from .patterns import _mod, _month, _tense, _weekday

_NEAR_DAY = re.compile(rf"^(?:\s*\([^)]{{1,20}}\))?\s*(?:local\s+time\s*)?(?:on\s+|,\s*)?"
                       rf"(?:{_weekday('nwd')}|(?P<ndw>today|yesterday|tomorrow|tonight))", re.I)
_PRIOR_DAY = re.compile(rf"(?:{_weekday('pwd')}|(?P<pdw>today|yesterday|tomorrow|tonight))\s*(?:,|at|about|around|by|before|after|until)?\s*$", re.I)


def _clock_day(m: re.Match[str], ctx: Context) -> str:
    """The day a clock time belongs to: a weekday/today right before or after it, else the DCT."""
    if m["cmon"]:
        month, day_of_month = MONTHS[m["cmon"].lower().rstrip(".")], int(m["cmd"])
        found = ctx.yearly(lambda y: (date(y, month, day_of_month),) * 2, _tense(m, ctx))
        return found[0].isoformat() if found else f"XXXX-{month:02d}-{day_of_month:02d}"
    end = m.start("tail") if m["tail"] else m.end()
    after = _NEAR_DAY.match(ctx.text[end : end + 45])
    before = _PRIOR_DAY.search(ctx.text[max(0, m.start() - 25) : m.start()])
    for found, wd, dw in ((after, "nwd", "ndw"), (before, "pwd", "pdw")):
        if found is None:
            continue
        if found[wd]:
            day = ctx.weekday(WEEKDAYS[found[wd].lower()], _tense(m, ctx))
        else:
            day = ctx.dct + relativedelta(days=_DAYWORDS[found[dw].lower()]) if ctx.dct else None
        return day.isoformat() if day else "XXXX-XX-XX"
    # "The quake struck late on Friday... It hit at 11:47 pm": the story's day, if named just before.
    story = ctx.anchor(within=CLOCK_REACH, here=m.start())
    if story is not None and story[0] == "day":
        return story[1].isoformat()
    return ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"


# TimeML keeps the day in the span: "10 p.m. Wednesday", "5 p.m. EST, Nov. 9"
_CLOCK_TAIL = (
    rf"(?P<tail>,?\s+(?:{_weekday('cwd')}|(?P<cdw>today|yesterday|tomorrow)\b|"
    rf"{_month('cmon')}\s+(?P<cmd>[0-3]?\d)\b(?![,.]?\d)))?"
)
_ZONE = r"GMT|UTC|BST|CET|CEST|[ECMP][SD]T|local\s+time|hours|hrs"
_WIRE_ZONE = r"GMT|UTC|local time"  # "0735 GMT": four digits are a time only with one of these


def _clock24(m: re.Match[str], ctx: Context) -> Norm | None:
    """A clock time without a.m./p.m.: one with a time zone ("14:30 GMT") or after "at", "by",
    "until"... ("at 21:15"); not a score or a ratio ("won 3:1")."""
    if not (m["tz"] or _CLOCK_CUE.search(ctx.text, max(0, m.start() - 16), m.start())):
        return None
    if m["mi2"] and not m["tz"]:
        return None
    if ctx.text[max(0, m.start() - 1) : m.start()] == "(":
        return None  # "10:35 a.m. (0735 GMT) Friday": the same time again, in another zone
    hour, minute = int(m["h"]), int(m["mi"] or m["mi2"])
    return "TIME", f"{_clock_day(m, ctx)}T{hour:02d}:{minute:02d}", ""


_PART_SUFFIX = {"morning": "am", "afternoon": "pm", "evening": "pm"}
_CLOCK_CUE = re.compile(r"\b(?:at|by|until|till|before|after|from|since|about|around)\s+$", re.I)


_HIGH_BEFORE = re.compile(r"\bhigh\s+$", re.I)
_IDIOM_AFTER = re.compile(r"\s+(?:oil|blue)\b", re.I)


def _clock(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["nm"] and m["nm"][0].isupper() and re.search(r"\w\W{0,2}\s*$", ctx.text[max(0, m.start() - 3) : m.start()]):
        return None  # "High Noon": a capital inside a sentence makes a title, not a time
    if m["nm"] and (_HIGH_BEFORE.search(ctx.text, max(0, m.start() - 5), m.start()) or _IDIOM_AFTER.match(ctx.text, m.end())):
        return None  # "high noon comes today", "burning the midnight oil": idioms, no clock time
    if m["dp"] and not _CLOCK_CUE.search(ctx.text, max(0, m.start("h") - 16), m.start("h")):
        return None  # "won 4 in the morning session": a count, unless a time preposition introduces it
    if m["nm"]:
        hour, minute = (24, 0) if m["nm"].lower() == "midnight" else (12, 0)
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        # "4 in the morning" is 4 a.m., "8 in the evening" 8 p.m.
        suffix = (m["ap"] or _PART_SUFFIX.get((m["dp"] or "").lower(), "")).lower().replace(".", "")
        if not (1 <= hour <= 12 and minute < 60) and (suffix or m["oc"]):
            return None  # "10 o'clock" names an hour of a 12-hour dial, like "10 a.m."
        if suffix == "pm" and hour != 12:
            hour += 12
        elif suffix == "am" and hour == 12:
            hour = 0
    return "TIME", f"{_clock_day(m, ctx)}T{hour:02d}:{minute:02d}", _mod(m, "qmod")
