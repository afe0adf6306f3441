"""Calendar dates named by their month, day or year: "March 3, 1998", "12/11/2017",
"2017-12-11", "last Oct. 23", "last December", "1997", "nineteen ninety-seven", "the 1990s",
"the 21st century", "last spring".

In: a match of one of its rules in :mod:`.rules` and the :class:`.anchor.Context`. Out: a DATE
:data:`.anchor.Norm` (type, value, mod), the year of a year-less date chosen by the DCT and
the tense; or None to reject the match ("May" the modal, "1500 troops", "the fall of the Wall",
the number of a name: "the Russell 2000", see :mod:`.names`).
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

from .anchor import Context, Norm
from .lexicon import ORDINALS, SEASONS
from .names import in_name
from .patterns import _mod, _month_number, _tense, _year_number
from .values import format_value, unit_bounds

# "a program to repay the loan by February", "talks are to run until March": a deadline in a
# present-tense clause is still ahead; the present describes the plan, not the date.
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till)\s+$", re.I)


def _month_tense(match: re.Match[str], ctx: Context) -> str | None:
    """The tense choosing the year of a year-less month: a deadline turns the present forward."""
    tense = _tense(match, ctx)
    if tense == "present" and _DEADLINE_BEFORE.search(ctx.text, max(0, match.start() - 8), match.start()):
        return "future"
    return tense


def _full_date(m: re.Match[str], ctx: Context) -> Norm | None:
    try:
        day = date(_year_number(m["year"]), _month_number(m["month"]), int(m["day"]))
    except ValueError:
        return None
    return "DATE", day.isoformat(), _mod(m, "pmod")


def _numeric_date(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "12/11/2017": month first (US) or day first (UK and most of the world); when both readings
    are dates, the one nearer the DCT (US without a DCT)."""
    first, second, year = int(m["na"]), int(m["nb"]), int(m["ny"])
    readings = []
    for month, day in ((first, second), (second, first)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    if ctx.dct is not None:
        readings.sort(key=lambda d: abs((d - ctx.dct).days))
    return "DATE", readings[0].isoformat(), ""


def _iso(m: re.Match[str], ctx: Context) -> Norm | None:
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["hh"]:
        return "TIME", f"{day.isoformat()}T{m['hh']}:{m['mi']}", ""
    return "DATE", day.isoformat(), ""


# "last Oct. 23", "next March 3": the word before the date says which side of the DCT it is on
# (TimeML leaves the word out of the span).
_SIDE_BEFORE = re.compile(r"\b(?P<side>last|next|this\s+past|this\s+coming)\s+$", re.I)
_SIDE_TENSE = {"last": "past", "next": "future", "this past": "past", "this coming": "future"}


def _month_day(m: re.Match[str], ctx: Context) -> Norm | None:
    month, day = _month_number(m["month"]), int(m["day"])
    if not 1 <= day <= 31:
        return None
    side = _SIDE_BEFORE.search(ctx.text, max(0, m.start() - 14), m.start())
    if side and ctx.dct is not None:
        return "DATE", _beside_dct(ctx.dct, month, day, _SIDE_TENSE[" ".join(side["side"].lower().split())]), _mod(m, "pmod")
    found = ctx.yearly(lambda y: (date(y, month, day),) * 2, _month_tense(m, ctx))
    value = found[0].isoformat() if found else f"XXXX-{month:02d}-{day:02d}"
    return "DATE", value, _mod(m, "pmod")


def _beside_dct(dct: date, month: int, day: int, side: str) -> str:
    """The month and day just before (``side`` "past") or after ("future") the DCT, however far:
    like "last December", the word decides, not the distance."""
    step = -1 if side == "past" else 1
    year = dct.year
    for _ in range(8):  # February 29 comes round within eight years
        try:
            found = date(year, month, day)
        except ValueError:
            found = None
        if found is not None and (found < dct if step < 0 else found > dct):
            return found.isoformat()
        year += step
    return f"XXXX-{month:02d}-{day:02d}"


def _week_of(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the week of March 6": the (ISO) week holding that day."""
    found = _full_date(m, ctx) if m["year"] else _month_day(m, ctx)
    if found is None:
        return None
    if found[1].startswith("X"):  # no DCT to give the year
        return "DATE", "XXXX-WXX", ""
    return "DATE", format_value("week", date.fromisoformat(found[1])), ""


def _month_year(m: re.Match[str], ctx: Context) -> Norm | None:
    return "DATE", f"{_year_number(m['year']):04d}-{_month_number(m['month']):02d}", _mod(m, "pmod")


_DATE_CUES = re.compile(r"(?:\b(?:in|of|since|until|till|by|from|to|through|during|before|after|early|late|mid|last|next|this|each|every|between|and|or|on)\s*-?|,)\s*$", re.I)


def _dateish_before(ctx: Context, start: int) -> bool:
    return bool(_DATE_CUES.search(ctx.text[max(0, start - 20) : start]))


_DAY_AFTER = re.compile(r"\s+[0-3]?\d(?:st|nd|rd|th)?\b(?![,.]?\d)")


def _month_alone(m: re.Match[str], ctx: Context) -> Norm | None:
    word = m["month"]
    if word in ("May", "March") and not (m["rel"] or m["pmod"] or m["ry"] or _dateish_before(ctx, m.start())):
        return None  # "May" the modal and "March" the verb are far more common than the month
    if "." not in word and len(word) <= 4 and word not in ("May", "June", "July"):
        return None  # a bare "Jan" or "Dec" is a name far more often than a month
    if _DAY_AFTER.match(ctx.text, m.end()):
        return None  # "last Oct. 23": the day of the month belongs to the date, not to "last Oct."
    month = _month_number(word)
    mod = _mod(m, "pmod")
    if ctx.dct is None:
        return "DATE", f"XXXX-{month:02d}", mod
    if m["ry"]:
        year = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[m["ry"].lower()]
        return "DATE", f"{year}-{month:02d}", mod
    rel = (m["rel"] or "").lower()
    if rel in ("this", "current"):
        return "DATE", f"{ctx.dct.year}-{month:02d}", mod
    # "last December" is the latest December before the DCT's month however far back, "next
    # February" the first one after it: the word, not the distance, decides.
    if rel in ("last", "past"):
        year = ctx.dct.year - (month >= ctx.dct.month)
        if rel == "last" and date(year, month, 1) + relativedelta(months=1) == ctx.dct.replace(day=1):
            year -= 1  # the month just over is "last month": "last February" said in March is a year back
        return "DATE", f"{year}-{month:02d}", mod
    if rel in ("next", "coming"):
        return "DATE", f"{ctx.dct.year + (month <= ctx.dct.month)}-{month:02d}", mod
    return "DATE", ctx.cyclic("month", lambda y: date(y, month, 1), _month_tense(m, ctx)) or "", mod


_YEAR_BAD_BEFORE = re.compile(r"(?:\b(?:no|number|flight|route|highway|room|article|section|resolution|model|page|pp?|chapter|rule|code|bill|vol|channel|squad|apartment|suite|box)\.?|[$#€£]|\bus\$)\s*$", re.I)
_COUNT_NOUNS = (
    "people persons men women children kids troops soldiers workers employees jobs members students "
    "cases deaths votes shares units cars vehicles homes houses acres miles kilometers km feet meters "
    "tons tonnes barrels pounds dollars yen marks francs euros points copies companies firms stores "
    "plants refugees residents delegates officers police protesters prisoners words pages rooms beds "
    "flights passengers lives seats cents calories hectares patients visitors fans victims guests "
    "metres inches yards ounces degrees percent times others"
).split()
_YEAR_BAD_AFTER = re.compile(r"\s*(?:[-–]\s*\d|(?:" + "|".join(_COUNT_NOUNS) + r")\b|[ap]\.?m\b|hours?\b|gmt\b|est\b|edt\b)", re.I)
_YEAR_CUE = re.compile(r"\b(?:in|since|of|from|until|till|by|before|after|during|around|circa|year|the|early|late|mid|fiscal|calendar|between|and|through|to)\s*-?\s*$", re.I)


def _year_alone(m: re.Match[str], ctx: Context) -> Norm | None:
    year = int(m["year"])
    before = ctx.text[max(0, m.start("year") - 25) : m.start("year")]
    after = ctx.text[m.end("year") : m.end("year") + 25]
    if _YEAR_BAD_BEFORE.search(before) or _YEAR_BAD_AFTER.match(after):
        return None
    if m.start() == m.start("year") and in_name(ctx.text, m.start(), m.end("year")):
        return None  # "the Russell 2000", "Windows 2000": the number is the name's
    # Older years are rare in news and often counts ("1500 troops"): ask for a temporal cue.
    if not 1900 <= year <= 2100 and not _YEAR_CUE.search(before):
        return None
    return "DATE", m["year"], _mod(m, "pmod")


def _spelled_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """"nineteen ninety-six" -> 1996, "the year two thousand" -> 2000 (transcribed speech)."""
    return "DATE", str(_year_number(_THE_YEAR.sub("", m.group(0)))), ""


_THE_YEAR = re.compile(r"^the\s+year\s+", re.I)


_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


def _decade(m: re.Match[str], ctx: Context) -> Norm | None:
    digits = m["dec"]
    if digits.lower() in _DECADE_WORDS:
        value = f"19{_DECADE_WORDS[digits.lower()]}"
    elif digits.startswith("'"):
        value = ("20" if digits[1] in "01" and ctx.dct and ctx.dct.year >= 2000 else "19") + digits[1]
    elif digits.endswith("'s") and m.start() == m.start("dec") and in_name(ctx.text, m.start(), m.start() + 4):
        return None  # "the Russell 2000's gains": a name's possessive, not the 2000s
    else:
        value = digits[:3]
    return "DATE", value, _mod(m, "pmod", "dmod")


def _century(m: re.Match[str], ctx: Context) -> Norm | None:
    if m["crel"]:
        step = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}[m["crel"].split()[-1].lower()]
        return "DATE", ctx.relative("century", step), _mod(m, "pmod")
    word = m["cord"].lower()
    number = int(word[:-2]) if word[:-2].isdigit() else ORDINALS.get(word)
    if not number or not 1 <= number <= 21:
        return None
    return "DATE", f"{number - 1:02d}", _mod(m, "pmod")


def _season(m: re.Match[str], ctx: Context) -> Norm | None:
    code = SEASONS[m["season"].lower()]
    mod = _mod(m, "pmod")
    if m["sy"]:
        return "DATE", f"{_year_number(m['sy']):04d}-{code}", mod
    bare = not (m["srel"] or m["sthe"] or m["pmod"])
    if bare and (code == "FA" or not _dateish_before(ctx, m.start())):
        return None  # "fall" is a verb; a bare season needs "in"/"since"/... before it
    if ctx.dct is None:
        return "DATE", f"XXXX-{code}", mod
    rel = (m["srel"] or "").lower()
    if rel == "this" and code != "WI":
        return "DATE", f"{ctx.dct.year}-{code}", mod
    first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    tense = {"last": "past", "past": "past", "next": "future", "coming": "future"}.get(rel, _tense(m, ctx))
    if rel in ("last", "past", "next", "coming"):
        # The nearest such season strictly before (after) the one the DCT falls in.
        current = unit_bounds("season", ctx.dct)[0]
        starts = [date(y - (code == "WI"), first_month, 1) for y in range(ctx.dct.year - 2, ctx.dct.year + 3)]
        chosen = max(s for s in starts if s < current) if rel in ("last", "past") else min(s for s in starts if s > current)
        return "DATE", format_value("season", chosen), mod
    return "DATE", ctx.cyclic("season", lambda y: date(y - (code == "WI"), first_month, 1), tense) or "", mod


def _fall_of(m: re.Match[str], ctx: Context) -> Norm | None:
    """Reject "the fall of the Wall": a season followed by "of" and no year is an event noun."""
    if m["sthe"] and not m["sy"] and re.match(r"\s+of\s", ctx.text[m.end() : m.end() + 5]):
        return None
    return _season(m, ctx)
