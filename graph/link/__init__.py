"""Linking across articles: the Events of many Extractions -> one EventNode per real event.

In: :class:`graph.model.Extraction` objects of one batch. Out: :class:`graph.model.EventNode`
lists (people known by surname unified, events of the same type, actors and dates joined, date
disagreements kept as claims). Linking against events already in a store is
:mod:`graph.pipeline.add`'s.
"""

from .crossdoc import link, link_events, unify_people

__all__ = ["link", "link_events", "unify_people"]
