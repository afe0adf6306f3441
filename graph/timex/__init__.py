"""Temporal expressions: a Document's text -> TIMEX3 Timexes normalized against its publication date.

In: a :class:`graph.model.Document` (text and DCT) and, optionally, a tense callback from the parse.
Out: :class:`graph.model.Timex` objects (span, TIMEX3 type, value and mod, earliest/latest days).
:mod:`.tagger` runs the rules of :mod:`.rules` (calendar dates) and :mod:`.deictic` (words anchored
on the DCT or the story: "on Monday", "a month after") through :mod:`.scan`; :mod:`.values` does
the calendar arithmetic of TIMEX3 values, :mod:`.anchor` and :mod:`.tense` choose what a relative
expression counts from, and :mod:`.lexicon` holds the words.
"""

from .tagger import RULES, find_timexes
from .values import bounds_of_value

__all__ = ["RULES", "bounds_of_value", "find_timexes"]
