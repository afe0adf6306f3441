"""Extraction: one article's Document -> Mentions, Timexes and Events (an ``Extraction``).

In: a :class:`graph.model.Document`. Out: a :class:`graph.model.Extraction` holding its
sentences (the spaCy parse: :mod:`.nlp`), entity mentions (gazetteer, NER, coreference:
:mod:`.entities`, :mod:`.gazetteer`; cities' GeoNames points: :mod:`.coordinates`), temporal
expressions (:mod:`graph.timex`) and events: triggers typed by the event scheme with their
arguments (:mod:`.events`, with the parse helpers of :mod:`.syntax`), dated (:mod:`.dating`) and
merged within the article (:mod:`.merge`).
:func:`extract` runs them in order (:mod:`.article`).
"""

from .article import extract
from .nlp import parse

__all__ = ["extract", "parse"]
