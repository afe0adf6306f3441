"""timeline-kg: news articles to an event-timeline knowledge graph."""

__version__ = "0.1.0"
