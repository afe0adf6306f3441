"""General English lexicons for the temporal tagger: calendar names, numbers, units, modifiers.

Regex fragments are built here once so the rules read like the expressions they match.
"""

from __future__ import annotations

import re

__all__ = [
    "DAY_PARTS",
    "MODIFIERS",
    "MONTHS",
    "NUMBERS",
    "ORDINALS",
    "SEASONS",
    "SET_ADVERBS",
    "UNITS",
    "WEEKDAYS",
    "alternation",
    "number_value",
]

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}

_SMALL = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBERS: dict[str, int | None] = {word: i for i, word in enumerate(_SMALL)}
NUMBERS.update(_TENS)
NUMBERS.update({f"{tens}-{unit}": value + i for tens, value in _TENS.items() for i, unit in enumerate(_SMALL[1:10], 1)})
# "twenty four" as transcribed speech writes it
NUMBERS.update({f"{tens} {unit}": value + i for tens, value in _TENS.items() for i, unit in enumerate(_SMALL[1:10], 1)})
NUMBERS.update({"a": 1, "an": 1, "a hundred": 100, "one hundred": 100, "a dozen": 12, "a couple of": 2, "a couple": 2})
NUMBERS["couple of"] = 2  # after a determiner: "the next couple of years"
# round hundreds and thousands: "two thousand years" is a span of time, not the year 2000
NUMBERS.update({f"{word} {big}": i * size for i, word in enumerate(_SMALL[1:10], 1) for big, size in (("hundred", 100), ("thousand", 1000))})
NUMBERS["a thousand"] = 1000
# Vague quantities normalize to X ("several years" -> PXY), as TimeML does.
NUMBERS.update({w: None for w in ("a few", "few", "several", "many", "some", "dozens of", "hundreds of", "a number of")})

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21,
}

# unit word -> (granularity used for dates, TIMEX3 duration code, is a clock unit)
UNITS = {
    "second": ("time", "S", True), "minute": ("time", "M", True), "hour": ("time", "H", True),
    "day": ("day", "D", False), "night": ("day", "D", False), "week": ("week", "W", False),
    "weekend": ("weekend", "WE", False), "month": ("month", "M", False), "quarter": ("quarter", "Q", False),
    "year": ("year", "Y", False), "decade": ("decade", "DE", False), "century": ("century", "CE", False),
}

# Prefix modifier -> TIMEX3 mod. Point modifiers (early, end of) and quantity modifiers (about).
MODIFIERS = {
    "early": "START", "the early": "START", "the beginning of": "START", "the start of": "START",
    "the beginning of the": "START", "the start of the": "START", "late": "END", "the late": "END",
    "the end of": "END", "the close of": "END", "the end of the": "END", "mid": "MID", "mid-": "MID",
    "end": "END", "start": "START", "the middle of": "MID", "the mid-": "MID", "the mid": "MID",
    "about": "APPROX", "around": "APPROX",
    "approximately": "APPROX", "roughly": "APPROX", "nearly": "APPROX", "some": "APPROX",
    "almost": "LESS_THAN", "less than": "LESS_THAN", "under": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS", "no less than": "EQUAL_OR_MORE", "just over": "MORE_THAN",
    "just under": "LESS_THAN", "well over": "MORE_THAN",
}

SET_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "semiannually": "P6M",
}


def alternation(words: object) -> str:
    """A regex alternation of ``words`` (a space matches any whitespace) that prefers the
    longest word, so that "Sept" beats "Sep" and "twenty-five" beats "twenty".

    The words are factored by common prefix ("seven(?:ty(?:-five)?)?..."): a flat list of a
    few hundred number words costs the regex engine a try of every word at every position it
    is asked about, the factored one a walk down a single branch. Each optional tail is tried
    before its end, so the longest word that fits wins, as in a longest-first flat list.

    >>> alternation(["Sep", "Sept", "Sept."])
    '(?:Sep(?:t(?:\\\\.)?)?)'
    >>> re.fullmatch(alternation(["a", "a couple", "an"]), "a  couple") is not None
    True
    """
    trie: dict[str, dict] = {}
    for word in {str(w) for w in words}:
        node = trie
        for char in word:
            node = node.setdefault(r"\s+" if char == " " else re.escape(char), {})
        node[""] = {}  # a word ends here
    return "(?:" + _factored(trie) + ")"


def _longest(node: dict[str, dict]) -> int:
    return max((1 + _longest(child) for key, child in node.items() if key), default=0)


def _factored(node: dict[str, dict]) -> str:
    tails = [key + _factored(node[key]) for key in sorted((k for k in node if k), key=lambda k: -_longest(node[k]))]
    if not tails:
        return ""
    body = tails[0] if len(tails) == 1 else "(?:" + "|".join(tails) + ")"
    if "" in node:  # the prefix so far is a word: the tails are optional, tried first
        return (body if len(tails) > 1 else "(?:" + body + ")") + "?"
    return body


def number_value(word: str) -> int | float | None:
    """The value of a cardinal ("two", "twenty-five", "12", "1.5"); None for vague quantities.

    Raises
    ------
    KeyError
        When ``word`` is not a number this lexicon knows.
    """
    word = " ".join(word.lower().replace("-1/2", " 1/2").split())
    if word.endswith(" 1/2") and word[:-4].isdigit():
        return int(word[:-4]) + 0.5
    if word.replace(".", "", 1).isdigit():
        number = float(word)
        return int(number) if number.is_integer() else number
    return NUMBERS[word]
