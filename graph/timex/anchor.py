"""Normalization context: the DCT, the tense of a clause, and the last date mentioned.

Relative expressions resolve against the document creation time ("yesterday", "last week");
anaphoric ones ("the next day", "a year earlier") against the most recent date the article
mentioned, as in TimeML practice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta
from dateutil.relativedelta import weekday as Weekday

from .values import format_value, pick_occurrence, shift, unit_bounds

__all__ = ["COMPARE_REACH", "Context", "Norm", "underspecified"]

_WEEKDAY_OBJECTS: tuple[Weekday, ...] = (MO, TU, WE, TH, FR, SA, SU)

# How far (in characters) back a named quarter still frames comparisons: a short business story.
COMPARE_REACH = 2500

# "effective Feb. 1": the date a change takes effect, announced ahead of it, whatever the tense
# of the verb that announces it ("created an office, effective Feb. 1"). Likewise the new date
# of something put off ("postponed the vote until Tuesday"): a deferral points forward.
_PROSPECTIVE_BEFORE = re.compile(
    r"(?:\beffective(?:\s+(?:as\s+of|from|on))?|"
    r"\b(?:postpon|delay|defer|extend|adjourn|reschedul)[a-z]*\s+(?:[a-z]+\s+){0,3}(?:until|till|to))\s+$",
    re.I,
)

# (type, value, mod): what a rule turns a match into.
Norm = tuple[str, str, str]


def underspecified(granularity: str) -> str:
    """The TIMEX3 placeholder for a relative date whose anchor (the DCT) is unknown."""
    return {
        "day": "XXXX-XX-XX", "time": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
        "month": "XXXX-XX", "quarter": "XXXX-QX", "half": "XXXX-HX", "season": "XXXX-XX",
        "year": "XXXX", "decade": "XXX", "century": "XX",
    }[granularity]


@dataclass
class Context:
    """What rules need besides their match: the text, the DCT, tenses and the reference date."""

    text: str
    dct: date | None
    tense_of: Callable[[int, int], str | None]
    ref: tuple[str, date, int] | None = None  # (granularity, day, end offset) of the last date
    spans: dict[tuple[int, int], str | None] = field(default_factory=dict)
    # The last quarter the article named (day inside it, end offset): the reporting period that
    # "a year earlier", "the year-ago period" and "the quarter" compare against in business news.
    quarter_ref: tuple[date, int] | None = None
    # End offset of the last multi-quarter reporting period ("the first nine months", "the first
    # half"): a comparison after it is with that period a year back, no longer with the quarter.
    period_end: int | None = None
    # Set when the value just computed was a comparison ("a year ago"): it is no new reference.
    compared: bool = False

    def tense(self, start: int, end: int) -> str | None:
        """Tense of the clause around ``[start, end)``, cached per span; "future" for a date
        that says when something takes effect ("named chairman, effective Feb. 1")."""
        if (start, end) not in self.spans:
            prospective = _PROSPECTIVE_BEFORE.search(self.text, max(0, start - 60), start)
            self.spans[(start, end)] = "future" if prospective else self.tense_of(start, end)
        return self.spans[(start, end)]

    def anchor(self, within: int | None = None, here: int = 0) -> tuple[str, date] | None:
        """The last mentioned date, optionally only when it ended at most ``within`` chars ago."""
        if self.ref is None:
            return (None if self.dct is None else ("day", self.dct)) if within is None else None
        granularity, day, end = self.ref
        if within is not None and here - end > within:
            return None
        return granularity, day

    def relative(self, granularity: str, count: int, unit: str | None = None) -> str:
        """The ``granularity`` unit ``count`` units (default: of itself) away from the DCT."""
        if self.dct is None:
            return underspecified(granularity)
        return format_value(granularity, shift(self.dct, unit or granularity, count))

    def weekday(self, index: int, tense: str | None, direction: int = 0) -> date | None:
        """The weekday ``index`` (Monday=0) the tense (or "last"/"next": ``direction``) points to."""
        if self.dct is None:
            return None
        wd = _WEEKDAY_OBJECTS[index]
        before = self.dct + relativedelta(weekday=wd(-1))  # on or before the DCT
        after = self.dct + relativedelta(days=1, weekday=wd(+1))  # strictly after
        if direction < 0:
            return before if before < self.dct else before - relativedelta(weeks=1)
        if direction > 0:
            return after
        if tense in ("past", "present"):
            return before
        if tense == "future":
            return after
        return before if (self.dct - before) <= (after - self.dct) else after

    def yearly(self, make: Callable[[int], tuple[date, date]], tense: str | None) -> tuple[date, date] | None:
        """Among ``make(year)`` for the DCT's year and its neighbours, the one the tense means."""
        if self.dct is None:
            return None
        candidates = []
        for year in (self.dct.year - 1, self.dct.year, self.dct.year + 1):
            try:
                candidates.append(make(year))
            except ValueError:  # February 29 in a common year
                continue
        return pick_occurrence(candidates, self.dct, tense) if candidates else None

    def cyclic(self, granularity: str, start_day: Callable[[int], date], tense: str | None) -> str | None:
        """Value of a recurring unit (a quarter, a season, a month) chosen by tense."""
        found = self.yearly(lambda y: unit_bounds(granularity, start_day(y)), tense)
        return None if found is None else format_value(granularity, found[0])

    def reporting_quarter(self, here: int) -> date | None:
        """A day in the quarter the article last named, if it did so within ``COMPARE_REACH``."""
        if self.quarter_ref is None or here - self.quarter_ref[1] > COMPARE_REACH:
            return None
        return self.quarter_ref[0]

    def compared_quarter(self, here: int) -> date | None:
        """The reporting quarter a comparison ("a year earlier", "the 1988 period") refers to,
        unless a longer period was named since: in "Net for the nine months rose 5% from a year
        earlier" the year-back counterpart is of the nine months, not of the quarter."""
        quarter = self.reporting_quarter(here)
        if quarter is None or self.quarter_ref is None:
            return None
        return None if self._period_since(self.quarter_ref[1]) else quarter

    def year_shift(self, here: int, years: int) -> str:
        """``years`` from the DCT, or from the quarter/half/month being compared ("a year earlier").

        Business news compares a reporting period with the same period a year before ("profit
        rose to $5 million from $4 million a year earlier"): when the article named a quarter
        recently, the shifted value is that quarter. The result is marked as a comparison, so
        it does not become the reference of later anaphora.
        """
        self.compared = True
        quarter = self.compared_quarter(here)
        if quarter is not None:
            return format_value("quarter", shift(quarter, "year", years))
        anchor = self.anchor(within=400, here=here)
        if anchor and anchor[0] in ("half", "month") and self.ref is not None and not self._period_since(self.ref[2]):
            return format_value(anchor[0], shift(anchor[1], "year", years))
        return self.relative("year", years)

    def _period_since(self, offset: int) -> bool:
        """Whether a multi-quarter reporting period was named after ``offset`` (a half counts
        as named at its own end, so it does not hide itself)."""
        return self.period_end is not None and self.period_end > offset
