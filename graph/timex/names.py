"""Numbers that belong to a name, not to the calendar: "the Russell 2000", "Windows 2000",
"Peugeot 2008", "a Beechcraft 1900".

A year-shaped number right after a capitalized word is, in news, most often part of what that
word names: an index counting its members, a product and its version, a model, a company. The
year rules of :mod:`.dates` ask :func:`in_name` before they take such a number for a year.

In: the text and the offsets of a year-shaped number. Out: whether the number is part of the
name written just before it. It is not, and stays a year, when

- the word before is not a name: a function word capitalized at the start of a sentence ("In
  2000", "Since 1998", "A 1996 law") or a calendar word ("May 2000", "Christmas 2000", "Fiscal
  1999"); a possessive, an abbreviation or a sentence end ("Kopp's 1987 Chevrolet", "Inc. 1998",
  "in Paris. 1999 was") is no bare name word either; nor is an acronym in capitals ("WWDC 2005",
  "CES 2010": mostly an edition of an event, and a headline in capitals is no name at all);
- the word before or after names an event held by editions, or a plan by its horizon ("Euro
  2016", "Expo 2020", "Vision 2030", "the Sydney 2000 Olympics", "Census 2000"). There the
  number is a year, the edition's or the plan's: MEANTIME annotates "WWDC 2005" and
  "Worldwide Developers Conference 2010" as DATEs, MUC-6 "1975 World Series". A product's
  year ("Windows 2000", "Office 2013") is no time of anything the article tells: the product
  lives on after it;
- the word before or after is a figure reported for a period ("Microsoft 2000 revenue",
  "Boeing 2001 forecast", "Outlook 2001"): the period's year.

Letter-number model codes ("A380", "S10") are name words too. A city and a year without an event
word ("Sydney 2000 was a success") look like a product ("Peugeot 2008") and are taken for a name;
with one ("the Sydney 2000 Olympics") the year stays.
"""

from __future__ import annotations

import re

from .lexicon import MONTHS, SEASONS, UNITS, WEEKDAYS

__all__ = ["in_name"]

# A bare name word: capitalized, with a small letter or a digit ("Russell", "Expo", "A380"); an
# all-capital word is an acronym or a word of a headline in capitals.
_NAME_WORD = re.compile(r"[A-Z][A-Za-z0-9&-]*")
_SMALL_OR_DIGIT = re.compile(r"[a-z0-9]")
_OPENING = "\"'“‘(["

# Words that, capitalized, open a sentence or a title-case headline before a year.
_FUNCTION_WORDS = frozenset(
    (
        # prepositions
        "about above across after against along amid among around as at before behind below beside "
        "besides between beyond by circa despite during except excluding following for from in including "
        "inside into like near of off on onto over past per post pre since than through throughout thru "
        "till til to toward towards under unlike until unto upon versus via vs with within without "
        # determiners and pronouns
        "a an the this that these those each every any no some all both either neither another its it "
        "their his her our my your whose which what whatever he she they we i you "
        # conjunctions and adverbs
        "and or but nor so yet then when while if because though although whereas once only just even "
        "also still again already not never ever now here there perhaps maybe probably possibly sometime "
        "roughly nearly almost approximately early late mid later earlier back beginning starting ending "
        "effective exactly "
        # adjectives that open a sentence before a year and its noun ("New 1999 rules")
        "new old total full entire whole record first second third fourth final previous current"
    ).split()
)

# Calendar words: a number after one is its year.
_CALENDAR_WORDS = frozenset(
    list(MONTHS) + list(WEEKDAYS) + list(SEASONS) + list(UNITS)
    + (
        "fiscal calendar model class vintage years days weeks months "
        "christmas xmas easter thanksgiving halloween juneteenth eve ramadan hanukkah chanukah passover "
        "diwali eid lent advent kwanzaa hajj purim kippur hashanah"
    ).split()
)

# Events held by editions and plans named by their horizon.
_EDITIONS = frozenset(
    (
        "olympics olympic paralympics games cup championship championships euro expo exposition fair "
        "festival summit conference congress convention forum contest awards tour open marathon rally "
        "race prix bowl show series election elections census budget vision agenda plan strategy campaign "
        "season war crisis"
    ).split()
)

# Figures reported for a period: "Microsoft 2000 revenue", "Outlook 2001".
_PERIOD_FIGURES = frozenset(
    (
        "results revenue revenues sales profit profits earnings loss losses income dividend dividends "
        "forecast forecasts outlook guidance figures output turnover growth deficit surplus spending "
        "estimates financial annual"
    ).split()
)

# Nouns whose year a number beside them (before or after) gives.
_YEAR_NOUNS = _EDITIONS | _PERIOD_FIGURES

_NEXT_WORD = re.compile(r"(?:['’]s)?\s+(?P<word>[A-Za-z]+)")


def in_name(text: str, start: int, end: int) -> bool:
    """Whether the year-shaped number at ``text[start:end]`` is part of the name before it.

    Parameters
    ----------
    text : str
        The article text.
    start, end : int
        Offsets of the number (without a possessive "'s").

    Returns
    -------
    bool
        True when the number follows a name word (see the module) and nothing around it makes
        it a year.

    Examples
    --------
    >>> in_name("The Russell 2000 index fell.", 12, 16)
    True
    >>> in_name("Portugal won Euro 2016.", 18, 22)
    False
    """
    word = _word_before(text, start)
    if not word or not _NAME_WORD.fullmatch(word) or not _SMALL_OR_DIGIT.search(word):
        return False
    lowered = word.lower()
    if lowered in _FUNCTION_WORDS or lowered in _YEAR_NOUNS or not _CALENDAR_WORDS.isdisjoint(lowered.split("-")):
        return False  # "Year-end 1999" as well as "Year 2000"
    after = _NEXT_WORD.match(text, end)
    return after is None or after["word"].lower() not in _YEAR_NOUNS


def _word_before(text: str, start: int) -> str:
    """The word just before ``start`` across one space (a line break inside a paragraph counts),
    without its opening quote or bracket; "" when there is none."""
    gap = start - 1
    if gap < 1 or not text[gap].isspace() or text[gap - 1].isspace():
        return ""
    first = gap
    while first > 0 and not text[first - 1].isspace() and gap - first < 40:
        first -= 1
    return text[first:gap].lstrip(_OPENING)
