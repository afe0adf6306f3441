"""Evaluation against gold annotations: TimeML's TIMEX3s (:mod:`.timex`, TempEval-3 Task A) and its
dated events (:mod:`.events`). In: gold TimeML files and our predictions; out: scores and error
patterns, as ``timeline-kg eval`` prints them.
"""
