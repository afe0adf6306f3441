"""Regex rules that find temporal expressions and turn each match into a TIMEX3 (type, value, mod).

Each :class:`Rule` pairs a pattern with a normalizer; a normalizer may return None to reject a
match (a number that is not a year, "May" the modal verb). Spans follow TimeML: they start at the
expression (never at "on"/"in"/"at"/"since") and keep determiners and modifiers ("the past",
"early", "about").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from .anchor import Context, Norm
from .lexicon import MODIFIERS, MONTHS, NUMBERS, ORDINALS, SEASONS, UNITS, alternation
from .scan import Anchor
from .values import MONTHS_PER_UNIT, format_value, shift, unit_bounds

__all__ = ["CALENDAR_RULES", "Rule", "rule"]


@dataclass(frozen=True)
class Rule:
    """A named pattern and the function that normalizes its matches.

    ``anchor`` (:class:`graph.timex.scan.Anchor`) lets :class:`graph.timex.scan.Scan` try the rule
    only near the words one of which every match contains; None: the rule scans the whole text.
    """

    name: str
    pattern: re.Pattern[str]
    normalize: Callable[[re.Match[str], Context], Norm | None]
    anchor: Anchor | None = None


# ---------------------------------------------------------------- regex fragments
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"


def _month(name: str = "month") -> str:
    # Capitalized only: "march"/"may" in lower case are verbs.
    return rf"(?-i:(?P<{name}>{_FULL}|(?:{_ABBR})\.?)(?![A-Za-z]))"


def _weekday(name: str = "wd") -> str:
    return rf"(?-i:(?P<{name}>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b"


def _year(name: str = "year", spelled: bool = False) -> str:
    """A year in digits; with ``spelled`` also in words ("January nineteen ninety-seven", as
    broadcast transcripts write it), which :func:`_year_number` reads."""
    words = f"|{_SPELLED_YEAR}" if spelled else ""
    return rf"(?<![\d,.$#])(?P<{name}>1\d{{3}}|20\d{{2}}{words})(?![\d%]|,\d|\.\d)"


_SPELLED_YEAR = (
    rf"(?:nineteen|twenty)\s+{alternation(k for k, v in NUMBERS.items() if v and 10 <= v <= 99)}"
    r"|two\s+thousand(?:\s+and\s+(?:one|two|three|four|five|six|seven|eight|nine))?"
)
_SPELLED_CENTURY = {"nineteen": 1900, "twenty": 2000, "two": 2000}


def _year_number(text: str) -> int:
    """The year ``text`` names: "1997", "nineteen ninety-seven", "two thousand and one"."""
    if text.isdigit():
        return int(text)
    words = " ".join(text.lower().split())
    head, _, rest = words.partition(" ")
    rest = rest.removeprefix("thousand").removeprefix(" and ").strip()
    return _SPELLED_CENTURY[head] + (NUMBERS[rest] or 0 if rest else 0)


_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:,.]\d|\d|%|\s*(?:percent|a\.m|p\.m|am\b|pm\b|million|billion))"
_NUM = rf"(?P<num>\d+(?:\.\d+|\s+1/2|-1/2)?|{alternation(NUMBERS)})"
_UNIT = r"(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|decade|centur(?:y|ie))s?"
# "end-June", "start-2024": the hyphenated forms of wire copy
_POINT_MOD = r"(?:(?P<pmod>early|late|mid|end(?=-)|start(?=-)|the\s+(?:beginning|start|end|middle|close)\s+of)(?:-|\s+))"
_QUANT_MOD = (
    r"(?:(?P<qmod>about|around|approximately|roughly|nearly|almost|less\s+than|more\s+than|at\s+least|"
    r"at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|just\s+over|just\s+under|well\s+over)\s+)"
)
_REL = r"(?P<rel>this|last|next|past|previous|coming|current)"

# Anchors (see Rule): words one of which every match of a rule contains, on the lowercased text.
_MONTH_ANCHOR = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"  # cased=True
_WEEKDAY_ANCHOR = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"  # cased=True
_UNIT_ANCHOR = "second|minute|hour|day|night|week|month|quarter|year|decade|centur"


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + pattern + r"(?![\w])", re.I)


def rule(
    name: str,
    pattern: str,
    normalize: Callable[[re.Match[str], Context], Norm | None],
    anchor: str | None = None,
    cased: bool = False,
    confirm: str | None = None,
) -> Rule:
    """A :class:`Rule` whose pattern is compiled the one way all rules are (see ``_compile``).

    ``anchor`` is a case-sensitive regex over the lowercased text (over the text itself when
    ``cased``), one occurrence of which every match of ``pattern`` contains: required words
    ("year|month"), or a regex starting with a literal character or a digit, so that the regex
    engine can skip ahead to its occurrences. ``confirm``, matched at an occurrence of one of
    the words, must hold for it to count (the word's context every match has).
    """
    compiled = _compile(pattern)
    return Rule(name, compiled, normalize, Anchor.of(anchor, compiled, cased, confirm) if anchor else None)


def _mod(match: re.Match[str], *groups: str) -> str:
    for group in groups:
        word = match.groupdict().get(group)
        if word:
            return MODIFIERS.get(" ".join(word.lower().split()).rstrip("-"), "")
    return ""


def _month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def _tense(match: re.Match[str], ctx: Context) -> str | None:
    return ctx.tense(match.start(), match.end())


# "a program to repay the loan by February", "talks are to run until March": a deadline in a
# present-tense clause is still ahead; the present describes the plan, not the date.
_DEADLINE_BEFORE = re.compile(r"\b(?:by|until|till)\s+$", re.I)


def _month_tense(match: re.Match[str], ctx: Context) -> str | None:
    """The tense choosing the year of a year-less month: a deadline turns the present forward."""
    tense = _tense(match, ctx)
    if tense == "present" and _DEADLINE_BEFORE.search(ctx.text, max(0, match.start() - 8), match.start()):
        return "future"
    return tense


# ---------------------------------------------------------------- absolute dates
def _full_date(m: re.Match[str], ctx: Context) -> Norm | None:
    try:
        day = date(_year_number(m["year"]), _month_number(m["month"]), int(m["day"]))
    except ValueError:
        return None
    return "DATE", day.isoformat(), _mod(m, "pmod")


def _month_range(m: re.Match[str], ctx: Context) -> Norm | None:
    first, last = _month_number(m["mfrom"]), _month_number(m["mto"])
    size = {3: "quarter", 6: "half"}.get(last - first + 1)
    if size is None or (first - 1) % MONTHS_PER_UNIT[size]:
        return None  # not a calendar quarter or half: the months are tagged one by one
    return _quarter_of(m, ctx, (first - 1) // MONTHS_PER_UNIT[size] + 1, size)


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
    # Older years are rare in news and often counts ("1500 troops"): ask for a temporal cue.
    if not 1900 <= year <= 2100 and not _YEAR_CUE.search(before):
        return None
    return "DATE", m["year"], _mod(m, "pmod")


def _spelled_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """"nineteen ninety-six" -> 1996, "the year two thousand" -> 2000 (transcribed speech)."""
    return "DATE", str(_year_number(_THE_YEAR.sub("", m.group(0)))), ""


_THE_YEAR = re.compile(r"^the\s+year\s+", re.I)


# ---------------------------------------------------------------- decades, centuries, quarters
_DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


def _decade(m: re.Match[str], ctx: Context) -> Norm | None:
    digits = m["dec"]
    if digits.lower() in _DECADE_WORDS:
        value = f"19{_DECADE_WORDS[digits.lower()]}"
    elif digits.startswith("'"):
        value = ("20" if digits[1] in "01" and ctx.dct and ctx.dct.year >= 2000 else "19") + digits[1]
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


def _quarter_of(m: re.Match[str], ctx: Context, count: int, size: str, year: int | None = None) -> Norm | None:
    """First..fourth quarter (or half), with an explicit year (``year``, else the match's), a
    relative year, or by tense."""
    months = MONTHS_PER_UNIT[size]
    if count > 12 // months:
        return None
    year = year or m.groupdict().get("qy") or m.groupdict().get("qy2")
    rel = m.groupdict().get("qrel") or m.groupdict().get("qrel2")
    if year:
        return "DATE", format_value(size, date(int(year), months * count - months + 1, 1)), ""
    if ctx.dct is None:
        return "DATE", f"XXXX-{size[0].upper()}{count}", ""
    if m.groupdict().get("qago"):  # "the year-ago third quarter": a year before the one reported
        base = ctx.reporting_quarter(m.start()) or ctx.dct
        return "DATE", f"{base.year - 1}-{size[0].upper()}{count}", ""
    if rel:
        base = ctx.dct.year + {"this": 0, "last": -1, "next": 1}[rel.lower()]
        return "DATE", f"{base}-{size[0].upper()}{count}", ""
    return "DATE", format_value(size, _reported_period(ctx, m, lambda y: date(y, months * count - months + 1, 1))), ""


def _reported_period(ctx: Context, m: re.Match[str], start_of: Callable[[int], date]) -> date:
    """The year of a quarter/half named without one: business news reports on periods that
    have begun, so the latest one begun by the DCT (last year's when this year's has not begun,
    unless the clause is future tense), or next year's when the clause is future tense and this
    year's ended a season or more ago."""
    assert ctx.dct is not None
    this_year = start_of(ctx.dct.year)
    tense = _tense(m, ctx)
    if this_year > ctx.dct:
        return this_year if tense == "future" else start_of(ctx.dct.year - 1)
    ended = unit_bounds("quarter", this_year)[1]
    if tense == "future" and (ctx.dct - ended).days > 90:
        return start_of(ctx.dct.year + 1)
    return this_year


def _two_digit_year(text: str, ctx: Context) -> int:
    """ "23" in "Q3 '23" or "FY23": the year of that number nearest the DCT (this century without one)."""
    if len(text) == 4:
        return int(text)
    base = (ctx.dct.year if ctx.dct else 2000) // 100 * 100 + int(text)
    near = ctx.dct.year if ctx.dct else base
    return min((base - 100, base, base + 100), key=lambda y: abs(y - near))


_QUARTER_CODE_CUE = re.compile(r"\b(?:in|for|during|of|since|by|through|until|the|its|their|this|last|next|each|every)\s+$", re.I)


def _quarter_code(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "Q3 2023" -> 2023-Q3, "3Q23" -> 2023-Q3, "H1 2024" -> 2024-H1; without a year a quarter
    code needs a preposition or determiner before it ("in Q3"), a half code is never alone
    ("H1N1", "H1-B")."""
    size = "half" if m["hcode"] else "quarter"
    count = int((m["qcode"] or m["hcode"] or "")[1:] or m["qnum"])
    year = m["qcy"] or m["qcy2"]
    if not year and (size == "half" or not _QUARTER_CODE_CUE.search(ctx.text, max(0, m.start() - 8), m.start())):
        return None
    return _quarter_of(m, ctx, count, size, year=_two_digit_year(year, ctx) if year else None)


def _fiscal_year_code(m: re.Match[str], ctx: Context) -> Norm | None:
    """ "FY2024", "FY 2024", "FY24": the fiscal year, named by the year it ends in (as TimeBank's
    "fiscal 1988" is 1988)."""
    return "DATE", str(_two_digit_year(m["fy"], ctx)), ""


def _quarter(m: re.Match[str], ctx: Context) -> Norm | None:
    if m.groupdict().get("qpair"):
        return _quarter_of(m, ctx, 1 if m["qpair"].lower() == "first" else 2, "half")
    word = m["qord"].lower()
    size = "half" if m["qunit"].lower().startswith("half") else "quarter"
    if word == "last":
        return _quarter_of(m, ctx, 2 if size == "half" else 4, size)
    count = int(word[0]) if word[0].isdigit() else ORDINALS[word]
    return _quarter_of(m, ctx, count, size)


def _quarter_ref(m: re.Match[str], ctx: Context) -> Norm | None:
    """"this quarter", "the latest quarter", "the year-earlier quarter"..."""
    which = " ".join((m["qref"] or m["qref2"] or "the").lower().split())
    if which == "this" and ctx.text.startswith("'s", m.end()):
        # "reported a loss for the third quarter ... This quarter's loss includes": the reported one
        reported = ctx.reporting_quarter(m.start())
        if reported is not None:
            return "DATE", format_value("quarter", reported), ""
    if which in ("this", "current"):
        return "DATE", ctx.relative("quarter", 0), ""
    if which == "next" or which == "coming":
        return "DATE", ctx.relative("quarter", 1), ""
    if which in ("year-earlier", "year-ago"):
        return "DATE", ctx.year_shift(m.start(), -1), ""
    if which in ("last", "past", "previous", "prior"):
        return "DATE", ctx.relative("quarter", -1), ""
    # "the quarter", "the latest quarter", "that quarter": the one the story reports on, else
    # the last completed one.
    reported = ctx.reporting_quarter(m.start())
    if reported is not None:
        return "DATE", format_value("quarter", reported), ""
    return "DATE", ctx.relative("quarter", -1), ""


# ---------------------------------------------------------------- seasons and relative units
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


def _period(m: re.Match[str], ctx: Context) -> Norm | None:
    """Reporting periods of business news: "the year-ago period", "the 1988 quarter", "the
    latest period", "the quarter a year earlier", "last year's quarter"."""
    if m["py"]:  # "the 1988 period": the reported quarter of that year
        reported = ctx.compared_quarter(m.start())
        if reported is None:
            return "DATE", m["py"], ""
        ctx.compared = True  # the year-back counterpart: "the quarter" after it is still the reported one
        return "DATE", f"{m['py']}-Q{(reported.month - 1) // 3 + 1}", ""
    if m["plat"]:
        reported = ctx.reporting_quarter(m.start())
        return "DATE", format_value("quarter", reported) if reported else ctx.relative("quarter", -1), ""
    value = ctx.year_shift(m.start(), -1)
    if ctx.dct is not None and len(value) == 4 and "quarter" in m.group(0).lower():
        value = format_value("quarter", shift(ctx.dct, "quarter", -5))  # a year before the last one
    return "DATE", value, ""


_YEAR_LONG = re.compile(r"\s+(?:ended|ending|to|through)\s", re.I)


def _the_year(m: re.Match[str], ctx: Context) -> Norm | None:
    """"the year" is the DCT's year, but "the (fiscal) year ended June 30" is a year-long period."""
    if _YEAR_LONG.match(ctx.text, m.end()):
        return "DURATION", "P1Y", ""
    return "DATE", ctx.relative("year", 0), ""


def _fall_of(m: re.Match[str], ctx: Context) -> Norm | None:
    """Reject "the fall of the Wall": a season followed by "of" and no year is an event noun."""
    if m["sthe"] and not m["sy"] and re.match(r"\s+of\s", ctx.text[m.end() : m.end() + 5]):
        return None
    return _season(m, ctx)


_Y = r"1\d{3}|20\d{2}"
# "the last half of 1989" is its second half; without "of" a year, "the last quarter" is the one before the DCT's.
_LAST_OF_YEAR = rf"last(?=\s+(?:quarter|half)\s+of\s+(?:fiscal\s+)?(?:{_Y}|(?:this|last|next|the)\s+year)\b)"
CALENDAR_RULES: list[Rule] = [
    rule("iso", r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:T(?P<hh>\d{2}):(?P<mi>\d{2}))?", _iso,
         anchor=r"-(?=\d\d-\d\d)"),
    rule("numeric-date", r"(?P<na>\d{1,2})/(?P<nb>\d{1,2})/(?P<ny>(?:19|20)\d\d)(?![/\d])", _numeric_date, anchor="/"),
    # "the April-June quarter", "January-March": a quarter (or half) named by its months
    rule(
        "month-range",
        rf"{_month('mfrom')}\s*[-–]\s*{_month('mto')}(?:(?:,?\s+|\s+(?:quarter|period|half)\s+of\s+)(?P<qy>{_Y})\b)?",
        _month_range,
        anchor=_MONTH_ANCHOR, cased=True,
    ),
    rule("month-day-year", rf"{_POINT_MOD}?(?:{_weekday()},?\s+)?{_month()}\s+{_DAY},?\s+{_year(spelled=True)}", _full_date,
         anchor=_MONTH_ANCHOR, cased=True),
    rule("day-month-year", rf"{_POINT_MOD}?(?:{_weekday()},?\s+)?{_DAY}\s+(?:of\s+)?{_month()},?\s+{_year(spelled=True)}", _full_date,
         anchor=_MONTH_ANCHOR, cased=True),
    rule("month-day", rf"{_POINT_MOD}?(?:{_weekday()},?\s+)?{_month()}\s+{_DAY}", _month_day,
         anchor=_MONTH_ANCHOR, cased=True),
    rule("day-month", rf"(?:{_weekday()},?\s+)?(?:the\s+)?{_DAY}\s+(?:of\s+)?{_month()}", _month_day,
         anchor=_MONTH_ANCHOR, cased=True),
    rule("week-of", rf"the\s+week\s+of\s+{_month()}\s+{_DAY}(?:,?\s+{_year()})?", _week_of, anchor="week"),
    rule("month-year", rf"{_POINT_MOD}?{_month()},?\s+(?:of\s+)?{_year(spelled=True)}", _month_year,
         anchor=_MONTH_ANCHOR, cased=True),
    rule("month", rf"(?:{_REL}\s+|{_POINT_MOD})?{_month()}(?:\s+(?P<ry>this|last|next)\s+year)?", _month_alone,
         anchor=_MONTH_ANCHOR, cased=True),
    rule(
        "spelled-year",
        rf"(?:the\s+year\s+)?(?P<cent>nineteen|twenty)\s+(?P<rest>{alternation(k for k, v in NUMBERS.items() if v and 10 <= v <= 99)})",
        _spelled_year,
        anchor="nineteen|twenty",
    ),
    rule("spelled-2000", r"(?:the\s+year\s+)?two\s+thousand(?:\s+and\s+(?P<rest>one|two|three|four|five|six|seven|eight|nine))?", _spelled_year,
         anchor="thousand"),
    rule("year", rf"{_POINT_MOD}?(?:(?:fiscal(?:\s+year)?|calendar(?:\s+year)?|the\s+year|model\s+year)\s+)?{_year()}", _year_alone,
         anchor=r"1(?=\d\d\d)|2(?=0\d\d)"),
    rule(
        "decade",
        (
            rf"{_POINT_MOD}?(?:the\s+)?(?:(?P<dmod>early|late|mid)(?:-|\s+))?"
            r"(?P<dec>(?:(?:1\d|20)\d0|'\d0)'?s|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"
        ),
        _decade,
        anchor="0s|0's|ties",
    ),
    rule(
        "century",
        (
            rf"{_POINT_MOD}?(?:(?P<crel>this|the\s+(?:last|past|previous|next|coming|current)|last|next)\s+century|"
            rf"(?:the\s+)?(?P<cord>\d{{1,2}}(?:st|nd|rd|th)|{alternation(ORDINALS)})(?:-|\s+)century)"
        ),
        _century,
        anchor="century",
    ),
    rule(
        "quarter",
        (
            rf"(?:the\s+)?(?:(?:comparable|corresponding)\s+)?(?:(?P<qago>year-ago|year-earlier|prior-year)\s+)?"
            rf"(?:(?:fiscal|calendar)\s+)?(?:(?P<qy>{_Y})(?:'s)?\s+|(?P<qrel>this|last|next)\s+year's\s+)?"
            rf"(?:fiscal\s+)?(?:(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th|{_LAST_OF_YEAR})\s+(?:fiscal\s+)?(?P<qunit>quarter|half)"
            # "the first two quarters of 1990" is its first half
            r"|(?P<qpair>first|last)\s+two\s+quarters(?=\s+of\s))"
            rf"(?:\s+of\s+(?:(?:fiscal\s+)?(?P<qy2>{_Y})|(?P<qrel2>this|last|next)\s+year|the\s+year))?"
        ),
        _quarter,
        anchor="quarter|half",
    ),
    # Business shorthand: "Q3 2023", "3Q23", "Q3" after a preposition, "H1 2024"; "FY2024", "FY24".
    rule(
        "quarter-code",
        (
            r"(?-i:(?P<qcode>Q[1-4])|(?P<qnum>[1-4])Q|(?P<hcode>H[12]))"
            r"(?:(?:\s+|-|\s*['’]|(?<=Q)(?=\d\d\b))(?P<qcy>(?:19|20)\d\d|\d\d)\b|\s+of\s+(?P<qcy2>(?:19|20)\d\d)\b)?"
        ),
        _quarter_code,
        anchor="Q|H", cased=True, confirm=r"Q[1-4]|H[12]|(?<=[1-4])Q",
    ),
    rule("fiscal-year-code", r"(?-i:FY)\s*['’]?(?P<fy>(?:19|20)\d\d|\d\d)", _fiscal_year_code, anchor="fy"),
    # The adjective form ("third-quarter profit") leaves "the" to the noun it modifies.
    rule(
        "quarter-adjective",
        (
            rf"(?:(?P<qy>{_Y})(?:'s)?\s+|(?P<qrel>this|last|next)\s+year's\s+)?(?:fiscal\s+)?"
            r"(?P<qord>first|second|third|fourth|1st|2nd|3rd|4th)-(?P<qunit>quarter|half)"
        ),
        _quarter,
        anchor="quarter|half",
    ),
    rule(
        "quarter-ref",
        (
            r"(?:(?P<qref>this|last|next|current|that)\s+|the\s+(?:(?P<qref2>latest|last|past|previous|most\s+recent|current|"
            r"same|year-earlier|year-ago|comparable|prior|recent|just-ended|just\s+ended|fiscal)\s+)?)quarter"
        ),
        _quarter_ref,
        anchor="quarter",
    ),
    rule(
        "season",
        (
            rf"(?:(?P<srel>last|this|next|past|coming)\s+|{_POINT_MOD}|(?P<sthe>the\s+)(?:(?:early|late|mid)(?:-|\s+))?)?"
            rf"(?P<season>spring|summer|fall|autumn|winter)(?:\s+(?:of\s+)?(?P<sy>{_Y}|{_SPELLED_YEAR}))?"
        ),
        _fall_of,
        anchor="spring|summer|fall|autumn|winter",
    ),
    rule(
        "relative-unit",
        (
            rf"(?:(?P<er>earlier|later)\s+|{_POINT_MOD}|the\s+(?=current))?{_REL}\s+(?:(?:fiscal|calendar)\s+)?"
            r"(?P<unit>week|weekend|month|year|decade|century)"
        ),
        _relative_unit,
        anchor="week|month|year|decade|century",
    ),
    rule("the-unit", rf"{_POINT_MOD}the\s+(?P<unit>week|month|year|decade|century|quarter)", _the_unit,
         anchor="week|month|year|decade|century|quarter"),
    rule("the-weekend", r"the\s+weekend", _the_weekend, anchor="weekend"),
    rule("the-year", r"the\s+(?:full\s+|fiscal\s+|calendar\s+)?year", _the_year, anchor="year"),
    rule(
        "period",
        (
            r"the\s+(?:(?:comparable|corresponding|same|like)\s+)?(?:(?:year-ago|year-earlier|prior-year)\s+(?:quarter|period)|"
            rf"(?P<py>{_Y})\s+(?:quarter|period)|(?P<plat>latest|most\s+recent|recent|current|just-ended)\s+period|"
            r"(?:quarter|period)\s+(?:a\s+year\s+(?:ago|earlier)|(?:of\s+)?last\s+year|(?:of\s+)?the\s+previous\s+year))|"
            r"last\s+year's\s+(?:quarter|period)"
        ),
        _period,
        anchor="quarter|period",
    ),
]
