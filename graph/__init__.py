"""timeline-kg: news articles to an event-timeline knowledge graph.

One sub-package per stage, in pipeline order: ``sources`` (files -> Documents), ``timex``
(temporal expressions), ``extract`` (one article -> an Extraction), ``link`` (events across
articles), ``rdf`` (the RDF contract), ``store``, ``sparql`` and ``queries``, ``pipeline`` (``build``
and ``add``), ``views``, ``eval``, ``serve`` and ``cli``; ``model`` is the data they pass along.
docs/architecture.md has the map.
"""

__version__ = "0.1.0"
