"""The periods of business news: quarters and halves ("the third quarter", "Q3 '23",
"the April-June quarter", "H1 2024"), fiscal years ("FY24") and reporting periods ("the
year-ago period", "the latest quarter", "year-earlier").

In: a match of one of its rules in :mod:`.rules` and the :class:`.anchor.Context`. Out: a DATE
:data:`.anchor.Norm` (2023-Q3, 2024-H1, 1988), the year taken from the match, else from the
quarter the story reports on, the DCT and the tense; or None ("H1N1", a code with no cue).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from .anchor import Context, Norm
from .lexicon import ORDINALS
from .patterns import _Y, _month_number, _tense
from .values import MONTHS_PER_UNIT, format_value, shift, unit_bounds

# "the last half of 1989" is its second half; without "of" a year, "the last quarter" is the one before the DCT's.
_LAST_OF_YEAR = rf"last(?=\s+(?:quarter|half)\s+of\s+(?:fiscal\s+)?(?:{_Y}|(?:this|last|next|the)\s+year)\b)"


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


def _month_range(m: re.Match[str], ctx: Context) -> Norm | None:
    first, last = _month_number(m["mfrom"]), _month_number(m["mto"])
    size = {3: "quarter", 6: "half"}.get(last - first + 1)
    if size is None or (first - 1) % MONTHS_PER_UNIT[size]:
        return None  # not a calendar quarter or half: the months are tagged one by one
    return _quarter_of(m, ctx, (first - 1) // MONTHS_PER_UNIT[size] + 1, size)


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


def _year_adjective(m: re.Match[str], ctx: Context) -> Norm | None:
    return "DATE", ctx.year_shift(m.start(), -1), ""
