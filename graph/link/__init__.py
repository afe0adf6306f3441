"""Linking across articles: the Events of many Extractions -> one EventNode per real event.

In: :class:`graph.model.Extraction` objects of one batch. Out: :class:`graph.model.EventNode`
lists (people known by surname unified, events of the same type, actors and dates joined, date
disagreements kept as claims). :mod:`.crossdoc` links, :mod:`.rules` says when two tellings are one
event, :mod:`.blocking` finds the nodes a telling could join. Linking against events already in a
store is :mod:`graph.pipeline.add`'s, by the same rules.
"""

from .crossdoc import link, link_events, unify_people

__all__ = ["link", "link_events", "unify_people"]
