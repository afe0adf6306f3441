"""Views: the RDF graph -> NetworkX projections, questions asked of them, HTML pages and exports.

In: an rdflib ``Graph`` (a build's union, or a store's). Out: a NetworkX ``MultiDiGraph`` of events,
actors and places (:func:`project`, :mod:`.projection`) and what is drawn or asked from it:
timelines, actor networks, paths and centrality (:mod:`.questions`), the offline HTML graph and
timeline pages (:mod:`.graph_page`, :mod:`.timeline_page`, their templates and static files shared
through :mod:`.html`), and TimelineJS, GraphML, GEXF and JSON-LD exports (:mod:`.exports`).
"""

from .graph_page import render_graph_html, write_graph_html
from .projection import event_types, find_node, project, sample_graph, synthetic_graph
from .questions import (
    ALLEN_RELATIONS,
    CENTRALITY_MEASURES,
    Changes,
    actor_network,
    allen_relation,
    centrality,
    communities,
    ego_network,
    paths,
    shortest_path,
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
