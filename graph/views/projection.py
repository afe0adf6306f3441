"""The event-actor-place projection: the RDF graph of the timeline-kg contract as a NetworkX graph.

In: an rdflib ``Graph`` (a build's union, or a store's). Out (:func:`project`): a ``MultiDiGraph``
whose nodes are events, actors and places (keyed by IRI, with a ``kind`` attribute); edges go from
an event to each of its actors and places with the ``role`` they play. Dates stay attributes, not
nodes (rdflib's generic converter would make every literal a node): an event's ``earliest`` ..
``latest`` days, ISO ``YYYY-MM-DD``, inclusive.

Also here: :func:`find_node` (a node by IRI, label or alias), :func:`event_types`, and two
hand-made projections, :func:`sample_graph` for trying things out and :func:`synthetic_graph` for
scale tests. :mod:`.questions` asks questions of a projection.

Examples
--------
>>> from rdflib import Graph
>>> g = project(Graph())
>>> g.number_of_nodes()
0
"""

from __future__ import annotations

from datetime import date, timedelta

import networkx as nx
from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Node

from graph.errors import TimelineKGError
from graph.rdf.namespaces import SEM, TKG
from graph.store.base import Store

__all__ = ["collection_title", "date_text", "event_types", "find_node", "project", "sample_graph", "synthetic_graph"]

_EVENTS = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX tkg: <https://w3id.org/timeline-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <https://schema.org/>
SELECT ?event ?label ?type ?begin ?end ?trigger ?sentence ?article ?title ?url ?start ?whole WHERE {
  ?event a ?shown ; rdfs:label ?label ; sem:eventType/skos:prefLabel ?type ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?event a ?whole FILTER (?whole = tkg:WholeEvent) }
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
PREFIX geo: <http://www.w3.org/2003/01/geo/wgs84_pos#>
SELECT ?event ?role ?entity ?label ?category ?sameAs ?lat ?long
       (GROUP_CONCAT(DISTINCT ?alias; separator="|") AS ?aliases) WHERE {
  VALUES (?property ?role) { (tkg:hasAgent "agent") (tkg:hasPatient "patient")
                             (tkg:hasParticipant "participant") (sem:hasPlace "place") }
  ?event ?property ?entity . ?entity rdfs:label ?label .
  OPTIONAL { ?entity tkg:category ?category } OPTIONAL { ?entity owl:sameAs ?sameAs }
  OPTIONAL { ?entity geo:lat ?lat ; geo:long ?long }
  OPTIONAL { ?entity skos:altLabel ?anAlias } BIND (COALESCE(?anAlias, "") AS ?alias)
} GROUP BY ?event ?role ?entity ?label ?category ?sameAs ?lat ?long ORDER BY ?event ?role ?entity
"""


def project(rdf: Graph | Store, *, bare: bool = False) -> nx.MultiDiGraph:
    """The event-actor-place projection of an RDF graph of the timeline-kg contract.

    Parameters
    ----------
    rdf : rdflib.Graph or graph.store.Store
        A graph built by :func:`graph.pipeline.build` (or parsed from ``timeline.ttl``), or a store
        (whose engine answers the projection's queries much faster than rdflib on a big graph).
    bare : bool, optional
        Also project bare events (eventive words without an actor or place, or without a date);
        by default only whole events (``tkg:WholeEvent``) are.

    Returns
    -------
    networkx.MultiDiGraph
        Event nodes (``kind="event"``, ``label``, ``event_type``, ``earliest``, ``latest``, ``date``,
        ``trigger``, ``sentence``, ``article``, ``article_title``, ``article_url``, ``whole``); actor and place
        nodes (``kind``, ``label``, ``category``, ``wikidata``, ``aliases``, and ``lat``, ``long``
        (WGS84 degrees) on a city whose point is known); one edge per role from an event to an
        entity, with ``role`` in agent, patient, participant, place.

    Examples
    --------
    >>> from rdflib import Graph
    >>> project(Graph()).number_of_nodes()
    0
    """
    graph = nx.MultiDiGraph()
    shown = SEM.Event if bare else TKG.WholeEvent
    for row in _select(rdf, _EVENTS, {"shown": shown}):
        node = str(row.event)
        if node in graph:
            # the fullest sentence telling it is the one shown: a headline says less than the body
            if len(str(row.sentence or "")) > len(graph.nodes[node]["sentence"]):
                graph.nodes[node].update(trigger=str(row.trigger or ""), sentence=str(row.sentence or ""))
            continue
        begin, end = _day(row.begin), _day(row.end)
        graph.add_node(
            node, kind="event", label=str(row.label), event_type=str(row.type),
            earliest=begin, latest=end, date=date_text(begin, end),
            trigger=str(row.trigger or ""), sentence=str(row.sentence or ""),
            article=str(row.article), article_title=str(row.title or ""), article_url=str(row.url or ""),
            whole=row.whole is not None,
        )
    for row in _select(rdf, _ROLES):
        if str(row.event) not in graph:
            continue  # a bare event's actor, when bare events are not shown
        entity = str(row.entity)
        kind = "place" if str(row.role) == "place" else "actor"
        if entity not in graph:
            graph.add_node(entity, kind=kind, label=str(row.label), category=str(row.category or ""),
                           wikidata=str(row.sameAs).rsplit("/", 1)[-1] if row.sameAs else "",
                           aliases=sorted({a for a in str(row.aliases or "").split("|") if a}))  # the store's order varies
            if row.lat is not None:
                graph.nodes[entity].update(lat=float(row.lat), long=float(row.long))
        graph.add_edge(str(row.event), entity, role=str(row.role))
    return graph


_ARTICLES = """
PREFIX schema: <https://schema.org/>
SELECT ?article ?title WHERE { ?article a schema:NewsArticle OPTIONAL { ?article schema:headline ?title } }
"""


def collection_title(rdf: Graph | Store) -> str:
    """What the views and the TimelineJS export are titled: one article's headline, else how many
    articles the graph holds ("timeline-kg: 3 articles").

    >>> collection_title(Graph())
    'timeline-kg: 0 articles'
    """
    titles = {row.article: str(row.title or "") for row in _select(rdf, _ARTICLES)}
    if len(titles) == 1:
        return next(iter(titles.values())) or "timeline-kg"
    return f"timeline-kg: {len(titles)} articles"


def _select(source: Graph | Store, sparql: str, bindings: dict[str, Node] | None = None) -> Result:
    """A SELECT of ours over an rdflib graph or a store."""
    if isinstance(source, Graph):
        return source.query(sparql, initBindings=bindings or {})
    return source.query(sparql, bindings)


def _day(value) -> str | None:
    return str(value) if value is not None else None


def date_text(begin: str | None, end: str | None) -> str:
    """How an event's day bounds are shown: one day, ``begin .. end``, or "" when undated.

    Examples
    --------
    >>> date_text("2017-11-01", "2017-11-30"), date_text(None, "2017-11-30")
    ('2017-11-01 .. 2017-11-30', '… .. 2017-11-30')
    >>> date_text("2017-11-22", "2017-11-22"), date_text(None, None)
    ('2017-11-22', '')
    """
    if begin is None and end is None:
        return ""
    if begin == end:
        return begin or ""
    return f"{begin or '…'} .. {end or '…'}"


def find_node(graph: nx.MultiDiGraph, name: str, kind: str | None = None) -> str:
    """The node whose IRI, label or alias is ``name`` (case-insensitive on names).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`project`).
    name : str
        An IRI, a label or an alias.
    kind : str, optional
        Only look at nodes of this kind ("event", "actor", "place").

    Raises
    ------
    TimelineKGError
        When no node matches, naming the kind looked for.

    Examples
    --------
    >>> find_node(sample_graph(), "merkel", "actor")
    'ex:merkel'
    """
    wanted = name.casefold()
    for node, data in graph.nodes(data=True):
        if kind and data.get("kind") != kind:
            continue
        names = [data.get("label", ""), *data.get("aliases", [])]
        if node == name or wanted in (n.casefold() for n in names):
            return node
    raise TimelineKGError(f"no {kind or 'node'} named {name!r} in the graph")


def event_types(graph: nx.MultiDiGraph) -> list[str]:
    """The event types present, sorted.

    Examples
    --------
    >>> event_types(sample_graph())
    ['meet', 'negotiate', 'visit']
    """
    return sorted({d.get("event_type", "") for _, d in graph.nodes(data=True) if d.get("kind") == "event"})


def sample_graph() -> nx.MultiDiGraph:
    """A small hand-built projection (four events, three actors, two places) for examples.

    Examples
    --------
    >>> g = sample_graph()
    >>> sorted(d["kind"] for _, d in g.nodes(data=True)).count("event")
    4
    """
    g = nx.MultiDiGraph()
    events = [
        ("ex:e1", "Macron met Merkel in Geneva", "meet", "2017-11-22", "2017-11-22"),
        ("ex:e2", "talks in Vienna", "negotiate", "2017-11-01", "2017-11-30"),
        ("ex:e3", "Merkel visited Ukraine", "visit", "2017-12-11", "2017-12-11"),
        ("ex:e4", "Merkel met Rutte in The Hague", "meet", "2017-12-11", "2017-12-11"),
    ]
    for iri, label, kind, begin, end in events:
        g.add_node(iri, kind="event", label=label, event_type=kind, earliest=begin, latest=end,
                   date=date_text(begin, end), trigger=label.split()[1], sentence=label + ".",
                   article="ex:article", article_title="Example", article_url="")
    for iri, label, kind in [("ex:merkel", "Angela Merkel", "actor"), ("ex:macron", "Emmanuel Macron", "actor"),
                             ("ex:rutte", "Mark Rutte", "actor"), ("ex:geneva", "Geneva", "place"),
                             ("ex:ukraine", "Ukraine", "place")]:
        g.add_node(iri, kind=kind, label=label, category="", wikidata="",
                   aliases=["Merkel"] if iri == "ex:merkel" else [])
    for event, entity, role in [("ex:e1", "ex:macron", "agent"), ("ex:e1", "ex:merkel", "patient"),
                                ("ex:e1", "ex:geneva", "place"), ("ex:e2", "ex:macron", "participant"),
                                ("ex:e3", "ex:merkel", "agent"), ("ex:e3", "ex:ukraine", "place"),
                                ("ex:e4", "ex:merkel", "agent"), ("ex:e4", "ex:rutte", "patient")]:
        g.add_edge(event, entity, role=role)
    return g


def synthetic_graph(n_events: int, *, n_actors: int | None = None, n_places: int | None = None,
                    first_day: date = date(2020, 1, 1), days: int = 365) -> nx.MultiDiGraph:
    """A deterministic synthetic projection of ``n_events`` events, for scale tests and benchmarks.

    Each event has an agent, a patient and a place, a type out of eight, and a date in
    ``days`` days from ``first_day`` (one in five a week-long range, one in fifty undated).

    Examples
    --------
    >>> g = synthetic_graph(100)
    >>> sum(1 for _, d in g.nodes(data=True) if d["kind"] == "event"), g.number_of_edges()
    (100, 300)
    """
    n_actors = n_actors or max(3, n_events // 20)
    n_places = n_places or max(2, n_events // 60)
    types = ["meet", "negotiate", "attack", "visit", "make statement", "other event", "agree", "withdraw"]
    g = nx.MultiDiGraph()
    for i in range(n_actors):
        g.add_node(f"https://example.org/actor/{i}", kind="actor", label=f"Actor {i}", category="person",
                   wikidata="", aliases=[])
    for i in range(n_places):
        g.add_node(f"https://example.org/place/{i}", kind="place", label=f"Place {i}", category="city",
                   wikidata="", aliases=[])
    for i in range(n_events):
        begin = end = None
        if i % 50 != 49:
            day = first_day + timedelta(days=(i * 7919) % days)
            begin, end = day.isoformat(), (day + timedelta(days=6 if i % 5 == 4 else 0)).isoformat()
        node = f"https://example.org/event/{i}"
        kind = types[(i * 31) % len(types)]
        g.add_node(node, kind="event", label=f"{kind} {i}", event_type=kind, earliest=begin, latest=end,
                   date=date_text(begin, end), trigger=kind.split()[0],
                   sentence=f"Actor {i % n_actors} and others were reported in event {i}.",
                   article=f"https://example.org/article/{i // 10}", article_title=f"Article {i // 10}",
                   article_url=f"https://news.example.org/{i // 10}")
        g.add_edge(node, f"https://example.org/actor/{i % n_actors}", role="agent")
        g.add_edge(node, f"https://example.org/actor/{(i * 7 + 3) % n_actors}", role="patient")
        g.add_edge(node, f"https://example.org/place/{(i * 3) % n_places}", role="place")
    return g
