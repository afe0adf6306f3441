"""Views: the RDF graph -> NetworkX projections, questions asked of them, HTML pages and exports.

In: an rdflib ``Graph`` (a build's union, or a store's). Out: a NetworkX ``MultiDiGraph`` of events,
actors and places (:func:`project`) and what is drawn or asked from it: timelines, actor networks,
paths and centrality (:mod:`.network`), the offline HTML graph and timeline pages
(:mod:`.graph_page`, :mod:`.timeline_page`), and TimelineJS, GraphML, GEXF and JSON-LD exports
(:mod:`.exports`).
"""

from .graph_page import render_graph_html, write_graph_html
from .network import (
                      ALLEN_RELATIONS,
                      CENTRALITY_MEASURES,
                      Changes,
                      actor_network,
                      allen_relation,
                      centrality,
                      communities,
                      ego_network,
                      event_types,
                      find_node,
                      paths,
                      project,
                      sample_graph,
                      shortest_path,
                      synthetic_graph,
                      timeline,
                      timeline_graph,
                      what_changed,
                      window,
)
from .timeline_page import render_timeline_html, write_timeline_html

__all__ = [
    "ALLEN_RELATIONS", "CENTRALITY_MEASURES", "Changes", "actor_network", "allen_relation", "centrality",
    "communities", "ego_network", "event_types", "find_node", "paths", "project", "render_graph_html",
    "render_timeline_html", "sample_graph", "shortest_path", "synthetic_graph", "timeline", "timeline_graph",
    "what_changed", "window", "write_graph_html", "write_timeline_html",
]
