"""Temporal expressions: a Document's text -> TIMEX3 Timexes normalized against its publication date.

In: a :class:`graph.model.Document` (text and DCT) and, optionally, a tense callback from the parse.
Out: :class:`graph.model.Timex` objects (span, TIMEX3 type, value and mod, earliest/latest days).
:mod:`.tagger` runs the tables of :mod:`.rules` through :mod:`.scan`. A rule is made with
:mod:`.patterns` (the Rule record and the shared regex fragments); its normalizer lives with its
kind of expression: :mod:`.dates` (calendar dates, years, decades, seasons), :mod:`.business`
(quarters, halves, fiscal years, reporting periods), :mod:`.days` (today, weekdays, parts of
days), :mod:`.clock` (clock times), :mod:`.relative` ("last week", "two years ago", "the next
day", "now"), :mod:`.durations`, :mod:`.sets` and :mod:`.holidays`. :mod:`.values` does the
calendar arithmetic of TIMEX3 values, :mod:`.anchor` and :mod:`.tense` choose what a relative
expression counts from, and :mod:`.lexicon` holds the words.
"""

from .tagger import RULES, find_timexes
from .values import bounds_of_value

__all__ = ["RULES", "bounds_of_value", "find_timexes"]
