"""Holidays by name and the day each falls on in a given year: "Christmas", "Labor Day
weekend", "Easter week", "Thanksgiving 1998".

In: a match of one of its rules in :mod:`.rules` and the :class:`.anchor.Context`. Out: a DATE
:data:`.anchor.Norm` for the holiday's day (week, weekend), the year from the match or from the
DCT and the tense; or None for a holiday that modifies a noun ("Christmas tree").
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.easter import easter
from dateutil.relativedelta import MO, SU, TH, TU, relativedelta

from .anchor import Context, Norm
from .lexicon import alternation
from .patterns import _tense
from .values import format_value

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


def _titled(name: str) -> str:
    return name.title().replace("'S", "'s")


_HOLIDAY_RE = alternation(map(_titled, _HOLIDAYS))
# The words one of which every holiday's name holds; rarer in news text than the names' first
# words ("New", "May", "Black"), and the weekdays are looked up for other rules anyway.
_HOLIDAY_ANCHOR = "Day|Christmas|Year|Easter|Thanksgiving|Halloween|Juneteenth|Friday|Monday|Sunday|Wednesday"
