"""Amounts of time: "three years", "two and a half hours", "the past year", "the coming years",
"in recent weeks", "a day-long meeting". :func:`_duration_value` writes an amount as a TIMEX3
duration for :mod:`.sets` and :mod:`.rules` too.

In: a match of one of its rules in :mod:`.rules` and the :class:`.anchor.Context`. Out: a DURATION
:data:`.anchor.Norm` (P3Y, PT2H30M, PXY), a DATE for a vague past or future ("the past few
months", "will one day"); or None for ages, fractions and noun phrases ("52 years old", "a
quarter of the market", "his final days").
"""

from __future__ import annotations

import re

from .anchor import Context, Norm
from .lexicon import UNITS, number_value
from .patterns import _mod


def _count(m: re.Match[str]) -> int | float | None:
    value = number_value(m["num"])
    if value is not None and (m.groupdict().get("half") or m.groupdict().get("half2")):
        value += 0.5  # "two and a half years", "an hour and a half"
    return value


def _unit_of(m: re.Match[str], group: str = "unit") -> str:
    word = m[group].lower()
    return "century" if word.startswith("centur") else word.rstrip("s")


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


# "the 14-day ban", "the two day meeting": an amount with a singular unit modifies the noun after
# it, and "the" determines that noun, not the duration; "the two days" keeps its "the".
_NOT_PRENOMINAL = r"(?!\S+(?:-|\s+)(?:second|minute|hour|day|night|week|month|quarter|year|decade|century)(?!\w))"
