"""TIMEX3 values as calendar units: formatting, shifting, anchoring and day bounds.

A point in time is handled as ``(granularity, day)``: any day inside the unit stands for it.
Arithmetic goes through :mod:`dateutil.relativedelta`, so month ends and leap years are dateutil's
problem, not ours.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date

from dateutil.relativedelta import relativedelta

__all__ = [
    "bounds_of_value",
    "format_value",
    "parse_value",
    "pick_occurrence",
    "season_of",
    "shift",
    "unit_bounds",
]

# Meteorological seasons; winter YYYY-WI runs from December of YYYY-1 to February of YYYY.
SEASON_START_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
FAR_DAYS, NEAR_DAYS, FUTURE_NEAR_DAYS = 200, 60, 7  # see pick_occurrence
MONTHS_PER_UNIT = {"month": 1, "quarter": 3, "season": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}


def season_of(day: date) -> tuple[int, str]:
    """The (TIMEX3 year, season code) containing ``day``; December belongs to next year's WI."""
    code = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(day.month, "FA")
    return (day.year + 1 if day.month == 12 else day.year), code


def unit_bounds(granularity: str, day: date) -> tuple[date, date]:
    """First and last day of the calendar unit of ``granularity`` that contains ``day``.

    A unit reaching past the calendar datetime.date supports (years 1 to 9999) is cut at its
    ends: the century ``00`` starts on 0001-01-01, the week of 9999-12-31 ends there.
    """
    if granularity in ("day", "time"):
        return day, day
    if granularity in ("week", "weekend"):
        monday = day - relativedelta(days=day.weekday())  # 0001-01-01 is a Monday: no underflow
        if granularity == "weekend":
            return _later(monday, days=5), _later(monday, days=6)
        return monday, _later(monday, days=6)
    if granularity == "season":
        year, code = season_of(day)
        first = date(year - 1 if code == "WI" else year, SEASON_START_MONTH[code], 1)
        return first, _later(first, months=3, days=-1)
    if granularity in MONTHS_PER_UNIT:
        size = MONTHS_PER_UNIT[granularity]
        index = (day.year * 12 + day.month - 1) // size * size
        if index < 12:  # a decade or century starting in year 0: from 0001-01-01
            return date.min, _later(date.min, months=size - 12, days=-1)
        first = date(index // 12, index % 12 + 1, 1)
        return first, _later(first, months=size, days=-1)
    raise ValueError(f"unknown granularity {granularity!r}")


def _later(day: date, **delta: int) -> date:
    """``day + relativedelta(**delta)`` (forward), or the last day datetime.date supports."""
    try:
        return day + relativedelta(**delta)
    except (ValueError, OverflowError):
        return date.max


def format_value(granularity: str, day: date) -> str:
    """The TIMEX3 value naming the ``granularity`` unit that contains ``day``.

    Examples
    --------
    >>> format_value("quarter", date(1989, 8, 1))
    '1989-Q3'
    >>> format_value("week", date(2017, 12, 18))
    '2017-W51'
    """
    formatter = _FORMATTERS.get(granularity)
    if formatter is None:
        raise ValueError(f"unknown granularity {granularity!r}")
    return formatter(day)


def _week_value(day: date, suffix: str = "") -> str:
    iso_year, week, _ = day.isocalendar()
    return f"{iso_year}-W{week:02d}{suffix}"


def _season_value(day: date) -> str:
    year, code = season_of(day)
    return f"{year:04d}-{code}"


# granularity -> the TIMEX3 value of the unit holding a day (one table, no if-chain)
_FORMATTERS: dict[str, Callable[[date], str]] = {
    "day": date.isoformat,
    "time": date.isoformat,
    "week": _week_value,
    "weekend": lambda day: _week_value(day, "-WE"),
    "month": lambda day: f"{day.year:04d}-{day.month:02d}",
    "quarter": lambda day: f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}",
    "half": lambda day: f"{day.year:04d}-H{(day.month - 1) // 6 + 1}",
    "season": _season_value,
    "year": lambda day: f"{day.year:04d}",
    "decade": lambda day: f"{day.year // 10:03d}",
    "century": lambda day: f"{day.year // 100:02d}",
}


def shift(day: date, unit: str, count: int) -> date:
    """``day`` moved by ``count`` calendar units (day, week, weekend, month, quarter, ...)."""
    if unit in ("day", "time"):
        return day + relativedelta(days=count)
    if unit in ("week", "weekend"):
        return day + relativedelta(weeks=count)
    return day + relativedelta(months=MONTHS_PER_UNIT[unit] * count)


def pick_occurrence(candidates: Iterable[tuple[date, date]], dct: date, tense: str | None) -> tuple[date, date]:
    """Choose among yearly (or weekly) occurrences of an expression the one the tense points to.

    ``past``/``present`` or no tense (news mostly tells what happened): the latest occurrence
    starting on or before the DCT; ``future``: the earliest one ending on or after it. When that
    one is more than ``FAR_DAYS`` away while another is within ``NEAR_DAYS`` (``FUTURE_NEAR_DAYS``
    for the future), or when there is none, the one nearest the DCT.
    """
    ordered = sorted(candidates)
    nearest = min(ordered, key=lambda c: (_distance(c, dct), c[0] > dct))
    chosen = None
    if tense in ("past", "present", None):
        before = [c for c in ordered if c[0] <= dct]
        chosen = before[-1] if before else None
    elif tense == "future":
        after = [c for c in ordered if c[1] >= dct]
        chosen = after[0] if after else None
    # Past tense is a weak cue in news (reporting verbs like "said" are everywhere) and articles
    # rarely name a date most of a year back without its year, so an occurrence within weeks of
    # the DCT beats a past one many months off. An explicit future yields only to a date days
    # away ("would ... by Jan. 14" the day after the deadline), never to one weeks back.
    near = NEAR_DAYS if tense != "future" else FUTURE_NEAR_DAYS
    far = _distance(chosen, dct) > FAR_DAYS if chosen else False
    if chosen is None or (far and _distance(nearest, dct) <= near):
        return nearest
    return chosen


def _distance(interval: tuple[date, date], dct: date) -> int:
    if interval[0] <= dct <= interval[1]:
        return 0
    return min(abs((interval[0] - dct).days), abs((interval[1] - dct).days))


_SHAPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})T.*"), "time"),
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})"), "day"),
    (re.compile(r"(\d{4})-W(\d{2})-WE"), "weekend"),
    (re.compile(r"(\d{4})-W(\d{2})"), "week"),
    (re.compile(r"(\d{4})-(\d{2})"), "month"),
    (re.compile(r"(\d{4})-Q([1-4])"), "quarter"),
    (re.compile(r"(\d{4})-H([12])"), "half"),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"(\d{4})"), "year"),
    (re.compile(r"(\d{3})"), "decade"),
    (re.compile(r"(\d{2})"), "century"),
]


def parse_value(value: str) -> tuple[str, date] | None:
    """``(granularity, a day inside the unit)`` for a fully specified TIMEX3 date value, else None."""
    for pattern, granularity in _SHAPES:
        match = pattern.fullmatch(value)
        if match is None:
            continue
        groups = match.groups()
        try:
            return granularity, _representative_day(granularity, groups)
        except ValueError:
            return None
    return None


def _representative_day(granularity: str, groups: tuple[str, ...]) -> date:
    number = int(groups[0])
    if granularity in ("day", "time"):
        return date(number, int(groups[1]), int(groups[2]))
    if granularity in ("week", "weekend"):
        return date.fromisocalendar(number, int(groups[1]), 1)
    if granularity == "month":
        return date(number, int(groups[1]), 1)
    if granularity == "quarter":
        return date(number, 3 * int(groups[1]) - 2, 1)
    if granularity == "half":
        return date(number, 6 * int(groups[1]) - 5, 1)
    if granularity == "season":
        month = SEASON_START_MONTH[groups[1]]
        return date(number - 1 if groups[1] == "WI" else number, month, 1)
    if granularity == "year":
        return date(number, 1, 1)
    if granularity == "decade":
        return date(number * 10 or 1, 1, 1)
    return date(number * 100 or 1, 1, 1)


def bounds_of_value(
    value: str, timex_type: str, dct: date | None, mod: str = ""
) -> tuple[str, date | None, date | None]:
    """Granularity and first/last day denoted by a TIMEX3 value (narrowed by its ``mod``).

    Parameters
    ----------
    value : str
        A TIMEX3 value (``2015-09``, ``2017-W51``, ``XXXX-WI``, ``PAST_REF``, ``P2Y``...).
    timex_type : str
        DATE, TIME, DURATION or SET; DURATION and SET never get bounds.
    dct : date or None
        The document creation date, which bounds the ``*_REF`` values.
    mod : str, optional
        The TIMEX3 ``mod``. Point modifiers narrow the unit to a third of it (see
        :func:`narrow_by_mod`: ``START`` the first third, ``MID`` the middle one, ``END`` the last
        one); ``BEFORE``/``AFTER``/``ON_OR_BEFORE``/``ON_OR_AFTER`` open one side; others
        (``APPROX``...) leave the bounds as they are.

    Returns
    -------
    tuple
        ``(granularity, earliest, latest)``; bounds are None when open or unknown. A partly
        underspecified value (``1998-12-XX``) is bounded by its specified part.

    Examples
    --------
    >>> bounds_of_value("2015-09", "DATE", None)
    ('month', datetime.date(2015, 9, 1), datetime.date(2015, 9, 30))
    >>> bounds_of_value("PAST_REF", "DATE", date(2017, 12, 11))
    ('fuzzy', None, datetime.date(2017, 12, 11))
    >>> bounds_of_value("2015", "DATE", None, mod="END")
    ('year', datetime.date(2015, 9, 1), datetime.date(2015, 12, 31))
    """
    if timex_type == "DURATION" or (value.startswith("P") and not value.endswith("_REF")):
        return ("set" if timex_type == "SET" else "duration"), None, None
    if timex_type == "SET":
        return "set", None, None
    if value == "PAST_REF":
        return "fuzzy", None, dct
    if value == "FUTURE_REF":
        return "fuzzy", dct, None
    if value == "PRESENT_REF":
        return "fuzzy", dct, dct
    parsed = parse_value(value)
    if parsed is None:
        parsed = parse_value(_specified_prefix(value))
        if parsed is None:
            return "fuzzy", None, None
    granularity, day = parsed
    first, last = narrow_by_mod(*unit_bounds(granularity, day), mod)
    if dct is not None and first is not None and last is not None:
        first, last = _counted_from(first, last, dct, mod)
    return granularity, first, last


def _counted_from(first: date, last: date, dct: date, mod: str) -> tuple[date | None, date | None]:
    """A distance counted from the DCT with a bound ("less than two weeks ago", "more than a year
    ago", "within three days from now"): the span between that point and the DCT, or beyond it."""
    if last < dct:
        if mod in ("LESS_THAN", "EQUAL_OR_LESS"):
            return first, dct
        if mod in ("MORE_THAN", "EQUAL_OR_MORE"):
            return None, last
    elif first > dct:
        if mod in ("LESS_THAN", "EQUAL_OR_LESS"):
            return dct, last
        if mod in ("MORE_THAN", "EQUAL_OR_MORE"):
            return first, None
    return first, last


def narrow_by_mod(first: date, last: date, mod: str) -> tuple[date | None, date | None]:
    """The part of ``[first, last]`` a TIMEX3 ``mod`` points to.

    Convention: ``START``/``MID``/``END`` ("early 2015", "mid-March", "the end of the 1990s")
    take the first, middle or last third of the unit, counted in whole months when the unit
    spans at least three months (a year: January-April, May-August, September-December; a
    quarter: its first, second or third month) and in days otherwise (a 30- or 31-day month:
    days 1-10, 11-20, 21 to the end; a week: Monday-Tuesday, Wednesday-Thursday, Friday-Sunday;
    a day or a weekend is not narrowed). ``BEFORE``/``ON_OR_BEFORE`` open the earliest bound, ``AFTER``/``ON_OR_AFTER``
    the latest one (``BEFORE`` and ``AFTER`` also exclude the unit itself). Any other mod keeps
    the unit's bounds.

    Examples
    --------
    >>> narrow_by_mod(date(2015, 1, 1), date(2015, 12, 31), "START")
    (datetime.date(2015, 1, 1), datetime.date(2015, 4, 30))
    >>> narrow_by_mod(date(2015, 9, 1), date(2015, 9, 30), "END")
    (datetime.date(2015, 9, 21), datetime.date(2015, 9, 30))
    """
    if mod == "BEFORE" and first == date.min or mod == "AFTER" and last == date.max:
        return None, None  # nothing before the first day datetime.date has (after the last)
    if mod in ("BEFORE", "ON_OR_BEFORE"):
        return None, (first - relativedelta(days=1) if mod == "BEFORE" else last)
    if mod in ("AFTER", "ON_OR_AFTER"):
        return (last + relativedelta(days=1) if mod == "AFTER" else first), None
    if mod not in _THIRDS:
        return first, last
    index = _THIRDS[mod]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months >= 3 and first.day == 1:
        size = months / 3
        start = first + relativedelta(months=int(round(size * index)))
        end = _later(first, months=int(round(size * (index + 1))), days=-1)  # 9999's end: date.max
        return start, min(end, last)
    days = (last - first).days + 1
    if days < 3:
        return first, last  # a day or a weekend has no thirds worth naming
    cuts = (0, round(days / 3), days * 2 // 3, days)
    return first + relativedelta(days=cuts[index]), first + relativedelta(days=cuts[index + 1] - 1)


_THIRDS = {"START": 0, "MID": 1, "END": 2}


def _specified_prefix(value: str) -> str:
    """``1998-12-XX`` -> ``1998-12``; ``199X`` -> ``199``: the part without unknown digits."""
    head = value.split("X", 1)[0].rstrip("-")
    head = re.sub(r"-(W|Q|H)$", "", head)
    return head
