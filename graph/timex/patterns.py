"""How rules are made: the :class:`Rule` record, :func:`rule`, the regex fragments rules share,
and the helpers normalizers read a match with.

In: a pattern written with the fragments here (month and weekday names, years, days, amounts,
modifiers), a normalizer and the words every match contains. Out: a :class:`Rule`, compiled the
one way all rules are, with the :class:`graph.timex.scan.Anchor` that lets the scan try it only
near those words.

Each :class:`Rule` pairs a pattern with a normalizer; a normalizer may return None to reject a
match (a number that is not a year, "May" the modal verb). Spans follow TimeML: they start at the
expression (never at "on"/"in"/"at"/"since") and keep determiners and modifiers ("the past",
"early", "about").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .anchor import Context, Norm
from .lexicon import MODIFIERS, MONTHS, NUMBERS, alternation
from .scan import Anchor

__all__ = ["Rule", "rule"]


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
_Y = r"1\d{3}|20\d{2}"
_WD = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_PART = r"(?P<part>morning|afternoon|evening|night)"

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

