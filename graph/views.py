"""The NetworkX layer: a typed projection of the RDF graph, and questions asked of it.

Nodes are events, actors and places (keyed by IRI, with a ``kind`` attribute); edges go from an
event to each of its actors and places with the ``role`` they play. Dates stay attributes, not nodes
(rdflib's generic converter would make every literal a node).

Examples
--------
>>> from graph.views import project, timeline
>>> from rdflib import Graph
>>> g = project(Graph())
>>> g.number_of_nodes()
0
>>> timeline(g)
[]
"""

from __future__ import annotations

from datetime import date

import networkx as nx
from rdflib import Graph

from .errors import TimelineKGError

__all__ = ["actor_network", "centrality", "find_node", "project", "shortest_path", "timeline"]

_EVENTS = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <https://schema.org/>
SELECT ?event ?label ?type ?begin ?end ?trigger ?sentence ?title ?url ?start WHERE {
  ?event a sem:Event ; rdfs:label ?label ; sem:eventType/skos:prefLabel ?type ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?event sem:hasEarliestBeginTimeStamp ?begin } OPTIONAL { ?event sem:hasLatestEndTimeStamp ?end }
  OPTIONAL { ?article schema:headline ?title } OPTIONAL { ?article schema:url ?url }
  OPTIONAL { ?event gaf:denotedBy ?m . ?m nif:anchorOf ?trigger ; nif:beginIndex ?start ; nif:sentence/nif:anchorOf ?sentence }
} ORDER BY ?event ?start
"""
_ROLES = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX tkg: <https://w3id.org/timeline-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?event ?role ?entity ?label ?category ?sameAs (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases) WHERE {
  VALUES (?property ?role) { (tkg:hasAgent "agent") (tkg:hasPatient "patient")
                             (tkg:hasParticipant "participant") (sem:hasPlace "place") }
  ?event ?property ?entity . ?entity rdfs:label ?label .
  OPTIONAL { ?entity tkg:category ?category } OPTIONAL { ?entity owl:sameAs ?sameAs }
  OPTIONAL { ?entity skos:altLabel ?anAlias } BIND (COALESCE(?anAlias, "") AS ?alias)
} GROUP BY ?event ?role ?entity ?label ?category ?sameAs ORDER BY ?event ?role ?entity
"""


def project(rdf: Graph) -> nx.MultiDiGraph:
    """Typed projection: event, actor and place nodes; event -> entity edges labelled by role."""
    graph = nx.MultiDiGraph()
    for row in rdf.query(_EVENTS):
        node = str(row.event)
        if node in graph:
            continue  # first mention (lowest offset) gives the sentence shown
        begin, end = _day(row.begin), _day(row.end)
        graph.add_node(
            node, kind="event", label=str(row.label), event_type=str(row.type),
            earliest=begin, latest=end, date=_date_text(begin, end),
            trigger=str(row.trigger or ""), sentence=str(row.sentence or ""),
            article_title=str(row.title or ""), article_url=str(row.url or ""),
        )
    for row in rdf.query(_ROLES):
        entity = str(row.entity)
        kind = "place" if str(row.role) == "place" else "actor"
        if entity not in graph:
            graph.add_node(entity, kind=kind, label=str(row.label), category=str(row.category or ""),
                           wikidata=str(row.sameAs).rsplit("/", 1)[-1] if row.sameAs else "",
                           aliases=[a for a in str(row.aliases or "").split("|") if a])
        graph.add_edge(str(row.event), entity, role=str(row.role))
    return graph


def _day(value) -> str | None:
    return str(value) if value is not None else None


def _date_text(begin: str | None, end: str | None) -> str:
    if begin is None and end is None:
        return ""
    if begin == end:
        return begin or ""
    return f"{begin or '…'} .. {end or '…'}"


def find_node(graph: nx.MultiDiGraph, name: str, kind: str | None = None) -> str:
    """The node whose IRI, label or alias is ``name`` (case-insensitive on names).

    Raises
    ------
    TimelineKGError
        When no node matches, naming the kind looked for.
    """
    wanted = name.casefold()
    for node, data in graph.nodes(data=True):
        if kind and data.get("kind") != kind:
            continue
        names = [data.get("label", ""), *data.get("aliases", [])]
        if node == name or wanted in (n.casefold() for n in names):
            return node
    raise TimelineKGError(f"no {kind or 'node'} named {name!r} in the graph")


def timeline(graph: nx.MultiDiGraph, start: date | str | None = None, end: date | str | None = None,
             actor: str | None = None, place: str | None = None) -> list[dict]:
    """Dated events overlapping ``[start, end]``, optionally of one actor or at one place, by date.

    Returns a list of dicts with ``event``, ``earliest``, ``latest``, ``label``, ``type``,
    ``actors`` and ``places`` (labels).
    """
    start, end = (str(start) if start else None), (str(end) if end else None)
    only = {find_node(graph, actor, "actor")} if actor else None
    at = {find_node(graph, place, "place")} if place else None
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "event" or data.get("earliest") is None:
            continue
        if (end and data["earliest"] > end) or (start and (data.get("latest") or data["earliest"]) < start):
            continue
        neighbours = {target: d["role"] for _, target, d in graph.out_edges(node, data=True)}
        if only and not only & {t for t, r in neighbours.items() if r != "place"}:
            continue
        if at and not at & {t for t, r in neighbours.items() if r == "place"}:
            continue
        rows.append({
            "event": node, "earliest": data["earliest"], "latest": data.get("latest"), "label": data["label"],
            "type": data["event_type"],
            "actors": sorted({graph.nodes[t]["label"] for t, r in neighbours.items() if r != "place"}),
            "places": sorted({graph.nodes[t]["label"] for t, r in neighbours.items() if r == "place"}),
        })
    return sorted(rows, key=lambda r: (r["earliest"], r["latest"] or "", r["label"]))


def actor_network(graph: nx.MultiDiGraph) -> nx.Graph:
    """Actors linked when they take part in the same event; ``weight`` counts shared events."""
    network = nx.Graph()
    for node, data in graph.nodes(data=True):
        if data.get("kind") == "actor":
            network.add_node(node, label=data["label"])
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "event":
            continue
        actors = sorted({t for _, t, d in graph.out_edges(node, data=True) if d["role"] != "place"})
        for i, a in enumerate(actors):
            for b in actors[i + 1:]:
                weight = network.get_edge_data(a, b, {"weight": 0})["weight"]
                network.add_edge(a, b, weight=weight + 1)
    return network


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[str]:
    """Labels along the shortest path between two entities (through events), ignoring direction.

    Raises
    ------
    TimelineKGError
        When a name is unknown or the two are not connected.
    """
    a, b = find_node(graph, source), find_node(graph, target)
    try:
        path = nx.shortest_path(graph.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath as exc:
        raise TimelineKGError(f"no path between {source!r} and {target!r}") from exc
    return [graph.nodes[n]["label"] for n in path]


def centrality(graph: nx.MultiDiGraph, top: int = 10) -> list[tuple[str, float]]:
    """The ``top`` actors and places by degree centrality in the event graph."""
    scores = nx.degree_centrality(nx.Graph(graph)) if graph.number_of_nodes() > 1 else {}
    ranked = [(graph.nodes[n]["label"], round(s, 4)) for n, s in scores.items()
              if graph.nodes[n].get("kind") != "event"]
    return sorted(ranked, key=lambda pair: (-pair[1], pair[0]))[:top]
