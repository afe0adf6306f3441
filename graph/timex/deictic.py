"""Rules for expressions anchored on the DCT or on the narrative: days, weekdays, clock times,
"ago"/"later" shifts, anaphora ("the next day"), durations, sets and fuzzy references.
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.easter import easter
from dateutil.relativedelta import MO, SU, TH, TU, relativedelta

from .anchor import Context, Norm, underspecified
from .lexicon import (
    DAY_PARTS,
    MONTHS,
    SEASONS,
    SET_ADVERBS,
    UNITS,
    WEEKDAYS,
    alternation,
    number_value,
)
from .rules import (
    _NUM,
    _POINT_MOD,
    _QUANT_MOD,
    _UNIT,
    _UNIT_ANCHOR,
    _WEEKDAY_ANCHOR,
    Rule,
    _mod,
    _month,
    _tense,
    _weekday,
    rule,
)
from .values import format_value, shift

__all__ = ["DEICTIC_RULES"]

_DAYWORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}


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


_NEAR_DAY = re.compile(rf"^(?:\s*\([^)]{{1,20}}\))?\s*(?:local\s+time\s*)?(?:on\s+|,\s*)?"
                       rf"(?:{_weekday('nwd')}|(?P<ndw>today|yesterday|tomorrow|tonight))", re.I)
_PRIOR_DAY = re.compile(rf"(?:{_weekday('pwd')}|(?P<pdw>today|yesterday|tomorrow|tonight))\s*(?:,|at|about|around|by|before|after|until)?\s*$", re.I)


CLOCK_REACH = 300  # characters back to a named day that a bare clock time belongs to


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


def _count(m: re.Match[str]) -> int | float | None:
    value = number_value(m["num"])
    if value is not None and (m.groupdict().get("half") or m.groupdict().get("half2")):
        value += 0.5  # "two and a half years", "an hour and a half"
    return value


def _unit_of(m: re.Match[str], group: str = "unit") -> str:
    word = m[group].lower()
    return "century" if word.startswith("centur") else word.rstrip("s")


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
    if unit == "year" and count == 1 or (unit == "year" and direction == "earlier"):
        return "DATE", ctx.year_shift(m.start(), sign * int(count)), mod
    if granularity == "time":
        granularity, unit, count = "day", "day", 0
    anchor = ctx.anchor(within=None) if direction in ("earlier", "later", "before", "after") else None
    base = anchor[1] if anchor else ctx.dct
    if base is None:
        return "DATE", underspecified(granularity), mod
    return "DATE", format_value(granularity, shift(base, unit, sign * int(count))), mod


def _year_adjective(m: re.Match[str], ctx: Context) -> Norm | None:
    return "DATE", ctx.year_shift(m.start(), -1), ""


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


def _duration_value(count: int | float | None, unit: str) -> str:
    _, code, clock = UNITS[unit]
    if count is not None and unit in ("quarter", "decade", "century"):
        count, code = count * {"quarter": 3, "decade": 10, "century": 100}[unit], {"quarter": "M"}.get(unit, "Y")
    elif unit in ("decade", "century", "quarter"):
        code = {"decade": "E", "century": "C", "quarter": "Q"}[unit]  # TimeBank: PXE, PXC
    if isinstance(count, float) and not count.is_integer():
        whole, half = int(count), _HALF_OF.get(code if not clock else "T" + code)
        if count - whole == 0.5 and half:  # "2 1/2 years" -> P2Y6M, "5 1/2 hours" -> PT5H30M
            head = f"{whole}{code}" if whole else ""
            return f"P{'T' if clock else ''}{head}{half}" if clock or "T" not in half else f"P{head}{half}"
        text = f"{count:g}"
    else:
        text = "X" if count is None else str(int(count))
    return f"P{'T' if clock else ''}{text}{code}"


# half of a unit in the next smaller one ("T..." parts follow the time designator)
_HALF_OF = {"Y": "6M", "M": "15D", "W": "3DT12H", "D": "T12H", "TH": "30M", "TM": "30S"}


_ONE_DAY = re.compile(r"one\s+day", re.I)
_MODAL_BEFORE = re.compile(r"\b(?:will|would|could|might|may|can|shall|should|must)\s+(?:[a-z]+ly\s+)?$", re.I)
_HALF_AS_QUARTERS = re.compile(r"\bthe\s+(?:first|last)\s+two\s+quarters$", re.I)
_OF_A_YEAR = re.compile(r"\s+of\s+(?:fiscal\s+)?(?:1\d{3}|20\d{2}|(?:this|last|next|the)\s+year)\b", re.I)
_AGE_AFTER = re.compile(r"\s+(?:old|of\s+age)\b", re.I)
_PAST_FEW = re.compile(r"the\s+(?:past|last|previous)\s", re.I)


# "a second group", "a second time": the ordinal, unless a time word follows ("a second later")
_ORDINAL_SECOND = re.compile(r"an?\s+second$", re.I)
_AFTER_A_SECOND = re.compile(r"\s+(?!(?:later|earlier|ago|before|after|or|and|of|to|longer|more|less|too)\b)[a-z]", re.I)
# "a quarter of the market": a fraction of a whole, not three months
_FRACTION_OF = re.compile(r"\s+of\s+(?:the|all|its|their|his|her|our|these|those|this|that)\b", re.I)


def _duration(m: re.Match[str], ctx: Context) -> Norm | None:
    unit = _unit_of(m)
    if unit == "weekend" or m.group(0).lower().endswith("-old") or _AGE_AFTER.match(ctx.text, m.end()):
        return None  # ages ("a 6-year-old", "52 years old") are not TimeML durations
    if unit == "quarter" and (re.search(r"-quarters?$", m.group(0), re.I) or _FRACTION_OF.match(ctx.text, m.end())):
        return None  # "three-quarters", "a quarter of the shares": fractions
    if _ORDINAL_SECOND.search(m.group(0)) and _AFTER_A_SECOND.match(ctx.text, m.end()):
        return None
    if m["num"].lower() in ("a", "an") and m.group(0).lower().endswith("-long"):
        return None  # "a year-long inquiry": the article is the noun's; "year-long" is the unit-long rule's
    if _ONE_DAY.fullmatch(m.group(0)) and _MODAL_BEFORE.search(ctx.text, max(0, m.start() - 16), m.start()):
        return "DATE", "FUTURE_REF", ""  # "Islam will one day be the second religion": some day ahead
    if _HALF_AS_QUARTERS.search(m.group(0)) and _OF_A_YEAR.match(ctx.text, m.end()):
        return None  # "the first two quarters of 1990": its first half (the quarter rule), not an amount
    count = _count(m)
    mod = _mod(m, "qmod") or ("APPROX" if re.search(r"or\s+so$", m.group(0), re.I) else "")
    if count is None and _PAST_FEW.match(m.group(0)):
        return "DATE", "PAST_REF", mod  # "the past few months": some time up to now
    return "DURATION", _duration_value(count, unit), mod


def _one_unit(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the past year" (DATE: the year before the DCT's, as TimeBank has it), "the next month"
    (DURATION P1M), "the coming years" (DURATION PXY)."""
    unit = _unit_of(m)
    if unit == "weekend":
        return None
    if m.group(0).lower().endswith("s"):
        return "DURATION", _duration_value(None, unit), _mod(m, "qmod")
    if unit == "year" and re.match(r"the\s+(?:past|last)\s", m.group(0), re.I):
        return "DATE", ctx.relative("year", -1), ""
    return "DURATION", _duration_value(1, unit), _mod(m, "qmod")


def _vague_plural(m: re.Match[str], ctx: Context) -> Norm | None:
    rel = " ".join((m["vrel"] or "").lower().split())
    if m["ahead"]:
        return "DURATION", _duration_value(None, _unit_of(m, "unit")), ""  # TimeBank: "the weeks ahead", PXW
    if rel == "recent":  # TimeBank: "in recent years" is a vague duration, PXY
        return "DURATION", _duration_value(None, _unit_of(m, "unit")), ""
    if rel in ("coming", "future"):
        return "DATE", "FUTURE_REF", ""
    if rel == "past":
        return "DATE", "PAST_REF", ""
    if not rel and m["unit"].lower() == "quarters":
        return None  # "inspect such quarters", "living quarters": rooms; a stretch of quarters has "recent", "past"...
    before = ctx.text[max(0, m.start() - 12) : m.start()]
    if not rel and re.search(r"(?:\d|\b(?:the|these|those|his|her|their|its|our|my|your|early|later|final|last|first|few|many|several|of))\s*$", before, re.I):
        return None  # "the early years", "his final days": noun phrases, not durations
    return "DURATION", _duration_value(None, _unit_of(m, "unit")), ""


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


_HOLIDAY_NOUN = re.compile(
    r"\s+(?:trees?|cards?|shopping|dinners?|gifts?|presents?|part(?:y|ies)|carols?|decorations?|eggs?|bunny|"
    r"turkeys?|holidays?|season|messages?|sales|break|lights|markets?|spirit|resolutions?|address|truce|ceasefire)\b",
    re.I,
)


def _thanksgiving(year: int) -> date:
    return date(year, 11, 1) + relativedelta(weekday=TH(4))


_HOLIDAYS = {
    "christmas": lambda y: date(y, 12, 25), "christmas day": lambda y: date(y, 12, 25),
    "christmas eve": lambda y: date(y, 12, 24), "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31), "new year's": lambda y: date(y, 1, 1),
    "thanksgiving": _thanksgiving, "thanksgiving day": _thanksgiving,
    "easter": easter, "easter sunday": easter, "halloween": lambda y: date(y, 10, 31),
    "independence day": lambda y: date(y, 7, 4), "labor day": lambda y: date(y, 9, 1) + relativedelta(weekday=MO(1)),
    "memorial day": lambda y: date(y, 5, 31) + relativedelta(weekday=MO(-1)),
    "valentine's day": lambda y: date(y, 2, 14), "veterans day": lambda y: date(y, 11, 11),
    # the Tuesday after the first Monday of November
    "election day": lambda y: date(y, 11, 2) + relativedelta(weekday=TU(+1)),
    "black friday": lambda y: _thanksgiving(y) + relativedelta(days=1),
    "cyber monday": lambda y: _thanksgiving(y) + relativedelta(days=4),
    "good friday": lambda y: easter(y) - relativedelta(days=2), "easter monday": lambda y: easter(y) + relativedelta(days=1),
    "palm sunday": lambda y: easter(y) - relativedelta(days=7), "ash wednesday": lambda y: easter(y) - relativedelta(days=46),
    "mother's day": lambda y: date(y, 5, 1) + relativedelta(weekday=SU(2)),  # as in the US
    "father's day": lambda y: date(y, 6, 1) + relativedelta(weekday=SU(3)),
    "martin luther king day": lambda y: date(y, 1, 1) + relativedelta(weekday=MO(3)),
    "martin luther king jr. day": lambda y: date(y, 1, 1) + relativedelta(weekday=MO(3)),
    "presidents day": lambda y: date(y, 2, 1) + relativedelta(weekday=MO(3)),
    "presidents' day": lambda y: date(y, 2, 1) + relativedelta(weekday=MO(3)),
    "columbus day": lambda y: date(y, 10, 1) + relativedelta(weekday=MO(2)),
    "boxing day": lambda y: date(y, 12, 26), "st. patrick's day": lambda y: date(y, 3, 17),
    "juneteenth": lambda y: date(y, 6, 19), "remembrance day": lambda y: date(y, 11, 11),
    "armistice day": lambda y: date(y, 11, 11), "canada day": lambda y: date(y, 7, 1),
    "bastille day": lambda y: date(y, 7, 14), "may day": lambda y: date(y, 5, 1),
}


def _holiday(m: re.Match[str], ctx: Context) -> Norm | None:
    name = " ".join(m["hol"].lower().split())
    if name in ("christmas", "easter", "thanksgiving", "new year's") and _HOLIDAY_NOUN.match(ctx.text, m.end()):
        return None  # "Christmas tree", "Easter egg": a modifier, not a date
    make = _HOLIDAYS[name]
    # "Easter week": the week holding it; "Labor Day weekend": the weekend next to it
    granularity = (m["hweek"] or "day").lower()
    if m["hy"]:
        return "DATE", make(int(m["hy"])).isoformat(), ""
    found = ctx.yearly(lambda y: (make(y), make(y)), _tense(m, ctx))
    if found is None:
        return "DATE", {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE"}.get(granularity, "XXXX-XX-XX"), ""
    day = found[0]
    if granularity == "weekend" and day.weekday() < 5:
        # a Monday holiday closes the weekend before it; a Thursday or Friday one opens the next
        day = day - relativedelta(days=day.weekday() + 1) if day.weekday() <= 1 else day + relativedelta(days=5 - day.weekday())
    return "DATE", format_value(granularity, day), ""


def _year_end(m: re.Match[str], ctx: Context) -> Norm | None:
    """"by year-end": the end of the DCT's year; "since year-end": of the year before."""
    since = _SINCE_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start())
    return "DATE", ctx.relative("year", -1 if since else 0), "END"


_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.I)


_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_PART = r"(?P<part>morning|afternoon|evening|night)"


def _titled(name: str) -> str:
    return name.title().replace("'S", "'s")


_HOLIDAY_RE = alternation(map(_titled, _HOLIDAYS))
# The words one of which every holiday's name holds; rarer in news text than the names' first
# words ("New", "May", "Black"), and the weekdays are looked up for other rules anyway.
_HOLIDAY_ANCHOR = "Day|Christmas|Year|Easter|Thanksgiving|Halloween|Juneteenth|Friday|Monday|Sunday|Wednesday"

# "the 14-day ban", "the two day meeting": an amount with a singular unit modifies the noun after
# it, and "the" determines that noun, not the duration; "the two days" keeps its "the".
_NOT_PRENOMINAL = r"(?!\S+(?:-|\s+)(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)(?!\w))"

DEICTIC_RULES: list[Rule] = [
    rule(
        "deictic-day",
        rf"{_POINT_MOD}?(?P<dw>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+{_PART})?",
        _deictic_day,
        anchor="today|tonight|yesterday|tomorrow",
    ),
    # "late night" is mostly a kind of thing ("late-night show"), not a time
    rule("modified-part", rf"(?P<pmod>early|late|mid)(?:-|\s+|(?<=mid))(?P<part>morning|afternoon|evening)(?:\s+(?:{_weekday()}|(?P<dw>today|yesterday|tomorrow)))?",
         _modified_part, anchor="morning|afternoon|evening"),
    rule("this-part", rf"(?P<prel>this|last)\s+{_PART}", _this_part, anchor="morning|afternoon|evening|night"),
    rule("weekday", rf"{_POINT_MOD}?(?:(?P<wrel>last|next|this|coming|past|the\s+(?:previous|preceding|prior|following))\s+)?{_weekday()}(?:\s+{_PART})?", _weekday_norm,
         anchor=_WEEKDAY_ANCHOR, cased=True),
    rule(
        "clock",
        (
            rf"{_QUANT_MOD}?(?:(?P<h>\d{{1,2}})(?:[:.](?P<mi>[0-5]\d))?(?:\s*(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)|"
            r"\s+(?:o'clock\s+)?in\s+the\s+(?P<dp>morning|afternoon|evening)|(?P<oc>\s+o['’]clock))"
            r"(?:\s+(?P<tz>[ECMP][SD]?T|GMT|UTC))?|(?P<nm>noon|midday|midnight))"
        ) + _CLOCK_TAIL,
        _clock,
        anchor=r"noon|midday|midnight|\d(?=\s*[ap]\.?m)|\d(?=\s+(?:o'clock\s+)?in\s+the\s+(?:morning|afternoon|evening))|\d(?=\s+o['’]clock)",
    ),
    # A 24-hour clock: "14:30 GMT", "0800 local time", "at 21:15"
    rule(
        "clock24",
        rf"(?P<h>[01]?\d|2[0-3])(?::(?P<mi>[0-5]\d)|(?<=\d\d)(?P<mi2>[0-5]\d)(?=\s+(?:{_WIRE_ZONE})\b))(?:\s+(?P<tz>{_ZONE}))?{_CLOCK_TAIL}",
        _clock24,
        anchor=r":(?=[0-5]\d)|gmt|utc|local time",
    ),
    rule(
        "shifted",
        (
            rf"{_QUANT_MOD}?{_NUM}(?P<half>\s+and\s+a\s+half)?(?:\s+|-)(?:more\s+)?{_UNIT}(?P<half2>\s+and\s+a\s+half)?"
            r"(?P<so>\s+or\s+so)?\s+(?P<dir>ago|earlier|later|from\s+now|hence|before|after)"
        ),
        _shifted,
        anchor=_UNIT_ANCHOR,
        confirm=rf"(?:{_UNIT_ANCHOR})[a-z]*\s+(?:(?:and\s+a\s+half|or\s+so)\s+)*(?:ago|earlier|later|from|hence|before|after)",
    ),
    rule("vague-ago", r"(?P<vunit>years|months|weeks|days|hours|minutes|decades|centuries)\s+ago", lambda m, ctx: ("DATE", "PAST_REF", ""),
         anchor="ago"),
    rule("year-adjective", r"(?:the\s+)?year-(?:earlier|ago)(?:\s+(?:quarter|period))?|year-(?:earlier|ago)", _year_adjective,
         anchor="year-"),
    rule(
        "anaphoric",
        (
            # TimeML keeps "earlier"/"later" in the span: "[later that year]"
            r"(?:the\s+(?P<arel>next|following|previous|prior|preceding|same)|(?:(?:earlier|later)\s+)?that(?:\s+same)?)\s+"
            r"(?P<aunit>day|week|month|year|morning|night|evening|afternoon)"
            # "He had arrived the day before.": followed by a noun ("the day before the vote") it
            # counts from an event, which only the events layer knows
            r"|the\s+(?P<aday>day) (?P<aside>before|after)(?=\s*(?:[.,;:!?)\"']|''|$)|\s+(?:and|but|or|when|as|to)\b)"
        ),
        _anaphoric,
        anchor="next|following|previous|prior|preceding|same|that|day before|day after",
        confirm=r"(?:next|following|previous|prior|preceding|same|that)\s+(?:day|week|month|year|morning|night|evening|afternoon)|day ",
    ),
    rule(
        "duration",
        (
            rf"{_QUANT_MOD}?(?:the\s+(?:(?:past|last|next|first|previous|coming|following|latest|final|remaining|initial|other)\s+|{_NOT_PRENOMINAL}))?"
            rf"{_NUM}(?P<half>\s+and\s+a\s+half)?(?:\s+|-)(?:more\s+|additional\s+|full\s+|straight\s+|consecutive\s+|long\s+)?"
            # "five trading days", "30 business days": days counted on a working calendar
            r"(?:(?:trading|business|working)\s+(?=days?\b))?"
            rf"{_UNIT}(?:-old|-long)?(?P<half2>\s+and\s+a\s+half)?(?:\s+or\s+so)?"
        ),
        _duration,
        anchor=_UNIT_ANCHOR,
        confirm=r"(?<=[\s-])",
    ),
    # "a day-long meeting", "a weeklong visit": one unit's length, like "a two-week visit"
    rule("unit-long", r"(?P<unit>hour|day|week|month|year|decade|century)-?long",
         lambda m, ctx: ("DURATION", _duration_value(1, _unit_of(m)), ""),
         anchor="long"),
    rule("the-past-unit", rf"{_QUANT_MOD}?the\s+(?:past|last|next|coming|previous)\s+{_UNIT}", _one_unit,
         anchor="past|last|next|coming|previous", confirm=rf"(?:past|last|next|coming|previous)\s+(?:{_UNIT_ANCHOR})"),
    rule(
        "vague-plural",
        (
            r"(?:(?P<vrel>recent|coming|future|past|the\s+past|the\s+coming|the\s+next|the\s+last)\s+"
            r"|the\s+(?=(?:hours|days|weeks|months|years)\s+ahead\b))?"  # "the weeks ahead"
            r"(?P<unit>minutes|hours|days|weeks|months|quarters|years|decades|centuries)(?:-long|\s+(?P<ahead>ahead)(?!\s+of\b))?"
            # "weeks or months", "days and weeks": one vague stretch, counted in its first unit
            r"(?:\s+(?:or|and)\s+(?:minutes|hours|days|weeks|months|years|decades))?"
        ),
        _vague_plural,
        anchor="minutes|hours|days|weeks|months|quarters|years|decades|centuries",
    ),
    rule(
        "every",
        (
            r"(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<sn>\d+|two|three|four|five|six)\s+)?"
            rf"(?P<sunit>days?|weeks?|weekend|months?|years?|quarters?|hours?|minutes?|morning|night|evening|afternoon|"
            rf"spring|summer|fall|autumn|winter|{_WD}|"
            r"(?-i:January|February|March|April|May|June|July|August|September|October|November|December))"
        ),
        lambda m, ctx: _every_singular(m, ctx),
        anchor="every|each",
    ),
    rule("set-adverb", rf"(?P<adv>{alternation(SET_ADVERBS)})", _set_adverb,
         anchor="daily|nightly|weekly|monthly|annually|yearly|hourly"),
    rule(
        "rate",
        r"(?:(?P<freq>once|twice|\w+\s+times)\s+)?(?P<art>a|an|per)\s+(?P<runit>day|week|month|year|quarter|hour|minute)",
        _rate,
        anchor=r"(?:a|an|per)\s+(?:day|week|month|year|quarter|hour|minute)",
    ),
    # "Sundays", "Tuesday nights" (a plural part of the day recurs), and the first of
    # "Monday and Tuesday nights", whose plural part distributes over both days
    rule(
        "plural-weekday",
        (
            rf"(?-i:(?P<wd>{_WD})(?:s|\s+(?P<parts>mornings|afternoons|evenings|nights)|"
            rf"(?=\s+(?:and|or)\s+(?:{_WD})\s+(?P<cparts>mornings|afternoons|evenings|nights)\b)))"
        ),
        _plural_weekday,
        anchor=_WEEKDAY_ANCHOR, cased=True,
    ),
    rule("weekends", r"weekends", _weekends, anchor="weekends"),
    rule("fuzzy", rf"(?P<fz>{alternation(_FUZZY)})", _fuzzy,
         anchor="now|current|present|recent|lately|formerly|past|future|soon|days|term|later"),
    rule("holiday", rf"(?-i:(?P<hol>{_HOLIDAY_RE}))(?:\s+(?P<hy>1\d{{3}}|20\d{{2}})|\s+(?P<hweek>week(?:end)?)\b)?", _holiday,
         anchor=_HOLIDAY_ANCHOR, cased=True),
    rule("year-end", r"year-end|year\s+end|year's\s+end", _year_end, anchor="year"),
]


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
