"""The temporal tagger: find TIMEX3 expressions in an article and normalize them against its DCT.

Rules (the tables of :mod:`graph.timex.rules`) propose candidate spans; the longest
non-overlapping ones win; then candidates are normalized in text order so that anaphoric
expressions ("the next day", "a year earlier") can lean on the last date the article mentioned.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial

from graph.model import Document, Span, Timex

from .anchor import Context, Norm
from .patterns import Rule
from .rules import CALENDAR_RULES, DEICTIC_RULES
from .scan import Scan
from .tense import guess_tense
from .values import bounds_of_value, parse_value, unit_bounds

__all__ = ["bounds_of_value", "find_timexes"]

# Order breaks ties between equally long candidates: sets before durations ("a year" after an
# amount), explicit dates before relative ones.
RULES: tuple[Rule, ...] = tuple(
    sorted(CALENDAR_RULES + DEICTIC_RULES, key=lambda r: r.name not in ("rate", "every", "set-adverb", "plural-weekday"))
)

Candidate = tuple[int, int, int, Rule, object]  # start, end, rule rank, rule, match


def find_timexes(doc: Document, tense_of: Callable[[int, int], str | None] | None = None) -> list[Timex]:
    """Tag and normalize the temporal expressions of a document.

    Parameters
    ----------
    doc : Document
        The article; ``doc.dct`` anchors relative expressions (None leaves them underspecified,
        e.g. ``XXXX-XX-XX``).
    tense_of : callable, optional
        ``tense_of(start, end)`` -> "past", "present", "future" or None, the tense of the clause
        governing the expression at those offsets. Without it a light lexical heuristic is used.

    Returns
    -------
    list of Timex
        Sorted by start, non-overlapping, with TIMEX3 type/value/mod, granularity and day bounds.

    Examples
    --------
    >>> from datetime import date
    >>> doc = Document("d", "They met on Monday morning.", date(2017, 12, 11))
    >>> [(t.text, t.value) for t in find_timexes(doc)]
    [('Monday morning', '2017-12-11TMO')]
    """
    text = doc.text
    tense = tense_of or partial(guess_tense, text)
    probe = Context(text=text, dct=doc.dct, tense_of=tense)
    chosen = _select(_candidates(text, probe))
    ctx = Context(text=text, dct=doc.dct, tense_of=tense, spans=probe.spans)
    timexes = []
    for start, end, _, rule, match in chosen:
        ctx.compared = False
        norm = _normalize(rule, match, ctx)
        if norm is None or not norm[1]:
            continue
        start, norm = _day_before_or_after(text, start, norm)
        timexes.append(_build(doc, _with_this(text, start), end, norm))
        if not ctx.compared:
            _remember(ctx, norm, start, end)
    return timexes


def _candidates(text: str, probe: Context) -> list[Candidate]:
    """Every rule match whose normalizer accepts it (with no narrative reference yet)."""
    found: list[Candidate] = []
    scan = Scan(text)
    for rank, rule in enumerate(RULES):
        for match in scan.matches(rule.pattern, rule.anchor):
            if match.end() > match.start() and not _is_title(text, match.start(), match.end()) \
                    and _normalize(rule, match, probe) is not None:
                found.append((match.start(), match.end(), rank, rule, match))
    return found


_CAPITALIZED_UNIT = re.compile(r"\s(?:Seconds?|Minutes?|Hours?|Weeks?|Months?|Years?|Decades?)\b")
_LOWERCASE_WORD = re.compile(r"\b[a-z]+\b")


def _is_title(text: str, start: int, end: int) -> bool:
    """ "ABC's "This Week"", "CBS's "60 Minutes"": a time word capitalized after the first word,
    inside a sentence that is not itself in title case (a headline), names a show or a work.
    ("Day" is left out: "Thanksgiving Day", "Election Day" are dates.)"""
    if not _CAPITALIZED_UNIT.search(text, start, end):
        return False
    before = text[max(0, start - 40) : start].split("\n")[-1]
    return _LOWERCASE_WORD.search(before) is not None


_PAST_OR_COMING = re.compile(r"(?:past|coming)\s", re.I)
_THIS_BEFORE = re.compile(r"(?<![\w-])this\s+$", re.I)


# "the day before yesterday", "the day after Christmas", "the day before last Tuesday's hearing"
# ("the" stays out, as TimeBank has it)
_DAY_BEFORE_OR_AFTER = re.compile(r"(?<![\w-])day\s+(?P<side>before|after)\s+$", re.I)
_DAY_VALUE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day_before_or_after(text: str, start: int, norm: Norm) -> tuple[int, Norm]:
    """A day named by the day before or after another: one expression, a day off that one's."""
    found = _DAY_BEFORE_OR_AFTER.search(text, max(0, start - 16), start)
    kind, value, mod = norm
    if found is None or kind != "DATE" or not _DAY_VALUE.fullmatch(value):
        return start, norm
    try:
        day = date.fromisoformat(value) + timedelta(days=1 if found["side"].lower() == "after" else -1)
    except (ValueError, OverflowError):
        return start, norm
    return found.start(), (kind, day.isoformat(), mod)


def _with_this(text: str, start: int) -> int:
    """ "this past spring", "this coming Sunday": "this" only reinforces "past"/"coming", which
    the rules read alone; TimeML keeps it in the span, like any determiner of the expression."""
    if not _PAST_OR_COMING.match(text, start):
        return start
    found = _THIS_BEFORE.search(text, max(0, start - 8), start)
    return found.start() if found else start


def _normalize(rule: Rule, match: re.Match[str], ctx: Context) -> Norm | None:
    """``rule.normalize``; when its date arithmetic leaves the calendar datetime.date supports
    (a DCT in year 1 or 9999, "ten centuries ago"), the value it gives without a DCT or a
    reference date: underspecified (``XXXX-XX-XX``), or None when there is none."""
    try:
        return rule.normalize(match, ctx)
    except (ValueError, OverflowError):  # "year 10000 is out of range", "date value out of range"
        saved = ctx.dct, ctx.ref, ctx.quarter_ref
        ctx.dct, ctx.ref, ctx.quarter_ref = None, None, None
        try:
            return rule.normalize(match, ctx)
        except (ValueError, OverflowError):
            return None
        finally:
            ctx.dct, ctx.ref, ctx.quarter_ref = saved


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, then rule order; keep those that overlap nothing already kept."""
    kept: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(candidates, key=lambda c: (c[0] - c[1], c[2], c[0])):
        if all(cand[1] <= s or cand[0] >= e for s, e in taken):
            kept.append(cand)
            taken.append((cand[0], cand[1]))
    return sorted(kept, key=lambda c: c[0])


def _build(doc: Document, start: int, end: int, norm: Norm) -> Timex:
    kind, value, mod = norm
    granularity, earliest, latest = bounds_of_value(value, kind, doc.dct, mod=mod)
    return Timex(
        span=Span(doc.doc_id, start, end),
        text=doc.text[start:end],
        type=kind,
        value=value,
        granularity=granularity,
        earliest=earliest,
        latest=latest,
        mod=mod,
    )


def _remember(ctx: Context, norm: Norm, start: int, end: int) -> None:
    """Make a fully specified date the reference for later anaphora (a quarter also the
    reporting period later comparisons shift)."""
    kind, value, _ = norm
    if kind == "DURATION" and _MULTI_QUARTER.fullmatch(value) and ctx.text.startswith(("the", "The"), start):
        ctx.period_end = end  # "the first nine months", "the six months"
    if kind not in ("DATE", "TIME"):
        return
    parsed = parse_value(value.split("T")[0] if kind == "TIME" else value)
    if parsed is not None:
        ctx.ref = (parsed[0], parsed[1], end)
        if parsed[0] == "quarter" and _reported("quarter", parsed[1], ctx, start, end) \
                and not _earlier_than_reported(ctx, parsed[1], start):
            ctx.quarter_ref = (parsed[1], end)
        elif parsed[0] == "half" and _reported("half", parsed[1], ctx, start, end):
            ctx.period_end = end


# Reporting periods longer than a quarter and shorter than a year, in months ("P6M", "P9M").
_MULTI_QUARTER = re.compile(r"P(?:6|9)M")


_FISCAL = re.compile(r"\bfiscal\b[^.;]*?\bquarter", re.I)


def _earlier_than_reported(ctx: Context, day: date, here: int) -> bool:
    """A quarter before the one the story reports on ("after a flat second quarter") is named
    for contrast: later comparisons still refer to the reported one. A fiscal quarter counts on
    another calendar (often another company's report), so it is never "earlier"."""
    reported = ctx.reporting_quarter(here)
    return reported is not None and day < reported and not _FISCAL.search(ctx.text, max(0, here - 8), here + 40)


def _reported(granularity: str, day: date, ctx: Context, start: int, end: int) -> bool:
    """Whether the quarter (half) holding ``day`` reads as a period with results: one over by
    the DCT, or one told in the past tense (a fiscal quarter "reported"). A period still running
    or ahead in a present or future clause ("will mean a fourth-quarter charge", "through the
    first half of next year") is a forecast, not the period later comparisons refer to."""
    if ctx.dct is None or unit_bounds(granularity, day)[1] < ctx.dct:
        return True
    return ctx.tense(start, end) == "past"
