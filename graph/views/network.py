"""The NetworkX layer: typed projections of the RDF graph, and questions asked of them.

Three projections:

- :func:`project`, the event-actor-place graph: nodes are events, actors and places (keyed by IRI,
  with a ``kind`` attribute); edges go from an event to each of its actors and places with the
  ``role`` they play. Dates stay attributes, not nodes (rdflib's generic converter would make every
  literal a node).
- :func:`actor_network`, actors linked by the events they share (``weight``).
- :func:`timeline_graph`, events linked by Allen relations of their date bounds (``relation``).

Questions: :func:`timeline` (a window, with actor/place/event-type filters), :func:`ego_network`,
:func:`paths`, :func:`centrality`, :func:`communities` and :func:`what_changed`; each takes an
optional date window. Dates are ISO ``YYYY-MM-DD`` strings (or ``datetime.date``); an event's
``earliest`` .. ``latest`` day bounds are inclusive, and an event is "in" a window when its bounds
overlap it. :func:`sample_graph` is a small hand-built projection for trying these out.

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

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import networkx as nx
from rdflib import Graph

from graph.errors import TimelineKGError

__all__ = [
    "ALLEN_RELATIONS", "CENTRALITY_MEASURES", "Changes", "actor_network", "allen_relation", "centrality",
    "communities", "ego_network", "event_types", "find_node", "paths", "project", "sample_graph", "synthetic_graph",
    "shortest_path", "timeline", "timeline_graph", "what_changed", "window",
]

_EVENTS = """
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX schema: <https://schema.org/>
SELECT ?event ?label ?type ?begin ?end ?trigger ?sentence ?article ?title ?url ?start WHERE {
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
    """The event-actor-place projection of an RDF graph of the timeline-kg contract.

    Parameters
    ----------
    rdf : rdflib.Graph
        A graph built by :func:`graph.pipeline.build` (or parsed from ``timeline.ttl``).

    Returns
    -------
    networkx.MultiDiGraph
        Event nodes (``kind="event"``, ``label``, ``event_type``, ``earliest``, ``latest``, ``date``,
        ``trigger``, ``sentence``, ``article``, ``article_title``, ``article_url``); actor and place
        nodes (``kind``, ``label``, ``category``, ``wikidata``, ``aliases``); one edge per role from
        an event to an entity, with ``role`` in agent, patient, participant, place.

    Examples
    --------
    >>> from rdflib import Graph
    >>> project(Graph()).number_of_nodes()
    0
    """
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
            article=str(row.article), article_title=str(row.title or ""), article_url=str(row.url or ""),
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
                   date=_date_text(begin, end), trigger=label.split()[1], sentence=label + ".",
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
                   date=_date_text(begin, end), trigger=kind.split()[0],
                   sentence=f"Actor {i % n_actors} and others were reported in event {i}.",
                   article=f"https://example.org/article/{i // 10}", article_title=f"Article {i // 10}",
                   article_url=f"https://news.example.org/{i // 10}")
        g.add_edge(node, f"https://example.org/actor/{i % n_actors}", role="agent")
        g.add_edge(node, f"https://example.org/actor/{(i * 7 + 3) % n_actors}", role="patient")
        g.add_edge(node, f"https://example.org/place/{(i * 3) % n_places}", role="place")
    return g


# --------------------------------------------------------------------------- windows and filters


def _iso(value: date | str | None) -> str | None:
    return str(value) if value else None


def _in_window(data: dict, start: str | None, end: str | None) -> bool:
    """An event's bounds overlap ``[start, end]``; undated events only pass an open window."""
    if start is None and end is None:
        return True
    begin = data.get("earliest")
    if begin is None:
        return False
    last = data.get("latest") or begin
    return not ((end and begin > end) or (start and last < start))


def event_types(graph: nx.MultiDiGraph) -> list[str]:
    """The event types present, sorted.

    Examples
    --------
    >>> event_types(sample_graph())
    ['meet', 'negotiate', 'visit']
    """
    return sorted({d.get("event_type", "") for _, d in graph.nodes(data=True) if d.get("kind") == "event"})


def _type_filter(graph: nx.MultiDiGraph, event_type: str | Iterable[str] | None) -> set[str] | None:
    """The wanted types, casefolded; an unknown type is an error listing the known ones."""
    if event_type is None:
        return None
    wanted = {event_type} if isinstance(event_type, str) else set(event_type)
    known = {t.casefold() for t in event_types(graph)}
    unknown = sorted(t for t in wanted if t.casefold() not in known)
    if unknown and known:
        raise TimelineKGError(f"no event type {unknown[0]!r} in the graph; known types: "
                              f"{', '.join(event_types(graph))}")
    return {t.casefold() for t in wanted}


def window(graph: nx.MultiDiGraph, start: date | str | None = None, end: date | str | None = None,
           event_type: str | Iterable[str] | None = None) -> nx.MultiDiGraph:
    """The sub-projection of the events in ``[start, end]`` (of the given types) and their entities.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`project`).
    start, end : datetime.date or str, optional
        Inclusive ISO day bounds; an event is kept when its date bounds overlap them. With a bound
        given, undated events are left out.
    event_type : str or iterable of str, optional
        Keep only events of these types (case-insensitive).

    Returns
    -------
    networkx.MultiDiGraph
        A new graph; entities are kept when one of their events is (all of them without filters).

    Raises
    ------
    TimelineKGError
        When an event type is not in the graph.

    Examples
    --------
    >>> sorted(window(sample_graph(), "2017-12-01", "2017-12-31").nodes)
    ['ex:e3', 'ex:e4', 'ex:merkel', 'ex:rutte', 'ex:ukraine']
    """
    start, end = _iso(start), _iso(end)
    types = _type_filter(graph, event_type)
    if start is None and end is None and types is None:
        return graph.copy()
    events = {n for n, d in graph.nodes(data=True) if d.get("kind") == "event" and _in_window(d, start, end)
              and (types is None or d.get("event_type", "").casefold() in types)}
    entities = {t for e in events for t in graph.successors(e)}
    return graph.subgraph(events | entities).copy()


def timeline(graph: nx.MultiDiGraph, start: date | str | None = None, end: date | str | None = None,
             actor: str | None = None, place: str | None = None,
             event_type: str | Iterable[str] | None = None) -> list[dict]:
    """Dated events overlapping ``[start, end]``, optionally of one actor, place or event type, by date.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`project`).
    start, end : datetime.date or str, optional
        Inclusive ISO day bounds of the window.
    actor, place : str, optional
        Only events with this actor (any role) / at this place (label, alias or IRI).
    event_type : str or iterable of str, optional
        Only events of these types (case-insensitive).

    Returns
    -------
    list of dict
        ``event``, ``earliest``, ``latest``, ``label``, ``type``, ``actors`` and ``places`` (labels)
        and ``sentence``, sorted by date then label.

    Raises
    ------
    TimelineKGError
        When the actor, place or event type is unknown.

    Examples
    --------
    >>> [r["label"] for r in timeline(sample_graph(), "2017-11-15", actor="Merkel")]
    ['Macron met Merkel in Geneva', 'Merkel met Rutte in The Hague', 'Merkel visited Ukraine']
    >>> [r["label"] for r in timeline(sample_graph(), event_type="negotiate")]
    ['talks in Vienna']
    """
    start, end = _iso(start), _iso(end)
    only = {find_node(graph, actor, "actor")} if actor else None
    at = {find_node(graph, place, "place")} if place else None
    types = _type_filter(graph, event_type)
    rows = []
    for node, data in graph.nodes(data=True):
        if data.get("kind") != "event" or data.get("earliest") is None or not _in_window(data, start, end):
            continue
        if types is not None and data.get("event_type", "").casefold() not in types:
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
            "sentence": data.get("sentence", ""),
        })
    return sorted(rows, key=lambda r: (r["earliest"], r["latest"] or "", r["label"]))


# --------------------------------------------------------------------------- actor network


def actor_network(graph: nx.MultiDiGraph, start: date | str | None = None,
                  end: date | str | None = None) -> nx.Graph:
    """Actors linked when they take part in the same event; ``weight`` counts shared events.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`project`).
    start, end : datetime.date or str, optional
        Count only the events of this window (then only actors with an event in it are nodes).

    Returns
    -------
    networkx.Graph
        Actor nodes with their ``label``; edges with ``weight``.

    Examples
    --------
    >>> net = actor_network(sample_graph())
    >>> net["ex:merkel"]["ex:macron"]["weight"], net.has_edge("ex:merkel", "ex:rutte")
    (1, True)
    """
    graph = window(graph, start, end)
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


# --------------------------------------------------------------------------- timeline graph

#: The thirteen relations of Allen's interval algebra, as named by :func:`allen_relation`.
ALLEN_RELATIONS = ("before", "meets", "overlaps", "starts", "during", "finishes", "equals",
                   "finished-by", "contains", "started-by", "overlapped-by", "met-by", "after")


def allen_relation(a: tuple[date | str, date | str], b: tuple[date | str, date | str]) -> str:
    """Allen's relation of day interval ``a`` to ``b``; bounds are inclusive ISO days.

    ``meets`` is "b begins the day after a ends" (whole days, so no gap and no shared day).

    Examples
    --------
    >>> allen_relation(("2017-11-22", "2017-11-22"), ("2017-11-01", "2017-11-30"))
    'during'
    >>> allen_relation(("2017-11-01", "2017-11-30"), ("2017-12-01", "2017-12-11"))
    'meets'
    >>> allen_relation(("2017-11-01", "2017-11-30"), ("2017-11-30", "2017-12-02"))
    'overlaps'
    """
    a1, a2, b1, b2 = (date.fromisoformat(str(x)) for x in (*a, *b))
    # Day differences, not "a2 + 1 day": that overflows on 9999-12-31.
    if (b1 - a2).days > 1:
        return "before"
    if (a1 - b2).days > 1:
        return "after"
    if (b1 - a2).days == 1:
        return "meets"
    if (a1 - b2).days == 1:
        return "met-by"
    if (a1, a2) == (b1, b2):
        return "equals"
    if a1 == b1:
        return "starts" if a2 < b2 else "started-by"
    if a2 == b2:
        return "finishes" if a1 > b1 else "finished-by"
    if b1 < a1 and a2 < b2:
        return "during"
    if a1 < b1 and b2 < a2:
        return "contains"
    return "overlaps" if a1 < b1 else "overlapped-by"


def timeline_graph(graph: nx.MultiDiGraph, start: date | str | None = None,
                   end: date | str | None = None) -> nx.DiGraph:
    """Dated events linked by the Allen relation of their date bounds.

    Each pair of events whose bounds share a day gets one edge, from the one that begins first
    (then ends first, then by IRI), with ``relation`` in overlaps, starts, during, finishes,
    equals, finished-by, contains, started-by. Ordered pairs are not all linked (that would be
    quadratic): each event gets ``before``/``meets`` edges to the events that begin first after
    it ends. :func:`allen_relation` gives the relation of any two events.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`project`); undated events are left out.
    start, end : datetime.date or str, optional
        Only the events of this window.

    Returns
    -------
    networkx.DiGraph
        Event nodes with their projection attributes; edges with ``relation``.

    Examples
    --------
    >>> tg = timeline_graph(sample_graph())
    >>> tg["ex:e2"]["ex:e1"]["relation"], tg["ex:e2"]["ex:e3"]["relation"], tg["ex:e3"]["ex:e4"]["relation"]
    ('contains', 'before', 'equals')
    """
    start, end = _iso(start), _iso(end)
    dated = sorted(((d["earliest"], d.get("latest") or d["earliest"], str(n)), n)
                   for n, d in graph.nodes(data=True)
                   if d.get("kind") == "event" and d.get("earliest") and _in_window(d, start, end))
    result = nx.DiGraph()
    result.add_nodes_from((n, graph.nodes[n]) for _, n in dated)
    begins = [key[0] for key, _ in dated]
    for i, ((a1, a2, _), a) in enumerate(dated):
        j = i + 1
        while j < len(dated) and begins[j] <= a2:  # begins within a: the bounds share a day
            (b1, b2, _), b = dated[j]
            result.add_edge(a, b, relation=allen_relation((a1, a2), (b1, b2)))
            j += 1
        later = [k for k in range(j, len(dated)) if begins[k] > a2]
        for k in (k for k in later if begins[k] == begins[later[0]]) if later else ():
            (b1, b2, _), b = dated[k]
            result.add_edge(a, b, relation=allen_relation((a1, a2), (b1, b2)))
    return result


# --------------------------------------------------------------------------- neighbourhoods and paths


def ego_network(graph: nx.MultiDiGraph, name: str, hops: int = 2, start: date | str | None = None,
                end: date | str | None = None) -> nx.MultiDiGraph:
    """The nodes within ``hops`` steps of an entity or event, through the events of a window.

    One hop goes from an entity to one of its events (or back): ``hops=2`` gives an actor's
    events and everyone and everywhere taking part in them.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`project`).
    name : str
        Label, alias or IRI of the centre.
    hops : int, optional
        Radius, ignoring edge direction (default 2).
    start, end : datetime.date or str, optional
        Only walk through the events of this window.

    Returns
    -------
    networkx.MultiDiGraph
        The sub-projection; each node carries ``hops``, its distance from the centre.

    Raises
    ------
    TimelineKGError
        When the name is unknown or ``hops`` is negative.

    Examples
    --------
    >>> ego = ego_network(sample_graph(), "Emmanuel Macron", hops=2, end="2017-11-30")
    >>> sorted(ego.nodes[n]["label"] for n in ego if ego.nodes[n]["hops"] == 2)
    ['Angela Merkel', 'Geneva']
    """
    if hops < 0:
        raise TimelineKGError(f"hops must be 0 or more, not {hops}")
    centre = find_node(graph, name)
    scope = window(graph, start, end)
    if centre not in scope:
        scope.add_node(centre, **graph.nodes[centre])
    distance = nx.single_source_shortest_path_length(scope.to_undirected(as_view=True), centre, cutoff=hops)
    ego = scope.subgraph(distance).copy()
    nx.set_node_attributes(ego, distance, "hops")
    return ego


def paths(graph: nx.MultiDiGraph, source: str, target: str, start: date | str | None = None,
          end: date | str | None = None, limit: int = 10) -> list[list[str]]:
    """The shortest paths between two entities through the events of a window, as labels.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`project`).
    source, target : str
        Labels, aliases or IRIs.
    start, end : datetime.date or str, optional
        Only go through the events of this window.
    limit : int, optional
        At most this many paths (default 10), in a deterministic order.

    Returns
    -------
    list of list of str
        Each path alternates entities and events, from ``source`` to ``target``.

    Raises
    ------
    TimelineKGError
        When a name is unknown or the two are not connected in the window.

    Examples
    --------
    >>> paths(sample_graph(), "Macron", "Rutte")
    Traceback (most recent call last):
    ...
    graph.errors.TimelineKGError: no node named 'Macron' in the graph
    >>> paths(sample_graph(), "Emmanuel Macron", "Mark Rutte")
    [['Emmanuel Macron', 'Macron met Merkel in Geneva', 'Angela Merkel', 'Merkel met Rutte in The Hague', 'Mark Rutte']]
    """
    a, b = find_node(graph, source), find_node(graph, target)
    scope = window(graph, start, end)
    scope.add_nodes_from((n, graph.nodes[n]) for n in (a, b))
    try:
        found = sorted(nx.all_shortest_paths(scope.to_undirected(as_view=True), a, b))
    except nx.NetworkXNoPath as exc:
        raise TimelineKGError(f"no path between {source!r} and {target!r}"
                              + (" in that window" if start or end else "")) from exc
    return [[graph.nodes[n]["label"] for n in path] for path in found[:limit]]


def shortest_path(graph: nx.MultiDiGraph, source: str, target: str) -> list[str]:
    """Labels along one shortest path between two entities (through events), ignoring direction.

    Raises
    ------
    TimelineKGError
        When a name is unknown or the two are not connected.

    Examples
    --------
    >>> shortest_path(sample_graph(), "Angela Merkel", "Geneva")
    ['Angela Merkel', 'Macron met Merkel in Geneva', 'Geneva']
    """
    a, b = find_node(graph, source), find_node(graph, target)
    try:
        path = nx.shortest_path(graph.to_undirected(as_view=True), a, b)
    except nx.NetworkXNoPath as exc:
        raise TimelineKGError(f"no path between {source!r} and {target!r}") from exc
    return [graph.nodes[n]["label"] for n in path]


# --------------------------------------------------------------------------- centrality and communities

#: Measures :func:`centrality` computes, by name.
CENTRALITY_MEASURES = {
    "degree": nx.degree_centrality,
    "betweenness": nx.betweenness_centrality,
    "pagerank": nx.pagerank,
}


def centrality(graph: nx.MultiDiGraph, top: int = 10, start: date | str | None = None,
               end: date | str | None = None, measure: str = "degree") -> list[tuple[str, float]]:
    """The ``top`` actors and places by centrality in the event graph of a window.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`project`).
    top : int, optional
        How many to return (default 10).
    start, end : datetime.date or str, optional
        Only the events of this window count.
    measure : str, optional
        "degree" (default), "betweenness" or "pagerank", on the simple undirected projection.

    Returns
    -------
    list of (str, float)
        Label and score (4 decimals), best first, ties by label.

    Raises
    ------
    TimelineKGError
        When the measure is unknown.

    Examples
    --------
    >>> centrality(sample_graph(), top=2)
    [('Angela Merkel', 0.375), ('Emmanuel Macron', 0.25)]
    >>> centrality(sample_graph(), top=1, start="2017-12-01")
    [('Angela Merkel', 0.5)]
    """
    if measure not in CENTRALITY_MEASURES:
        raise TimelineKGError(f"unknown centrality measure {measure!r}; choose one of "
                              f"{', '.join(CENTRALITY_MEASURES)}")
    scope = window(graph, start, end)
    simple = nx.Graph()
    simple.add_nodes_from(sorted(scope.nodes))
    simple.add_edges_from(sorted(scope.edges()))
    scores = CENTRALITY_MEASURES[measure](simple) if simple.number_of_nodes() > 1 else {}
    ranked = [(scope.nodes[n]["label"], round(s, 4)) for n, s in scores.items()
              if scope.nodes[n].get("kind") != "event"]
    return sorted(ranked, key=lambda pair: (-pair[1], pair[0]))[:top]


def communities(graph: nx.MultiDiGraph, start: date | str | None = None,
                end: date | str | None = None) -> list[list[str]]:
    """Groups of actors acting together in a window (greedy modularity on :func:`actor_network`).

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`project`).
    start, end : datetime.date or str, optional
        Only the events of this window count.

    Returns
    -------
    list of list of str
        Actor labels, each group sorted; largest groups first. Actors without a partner in the
        window are left out.

    Examples
    --------
    >>> communities(sample_graph())
    [['Angela Merkel', 'Emmanuel Macron', 'Mark Rutte']]
    """
    network = actor_network(graph, start, end)
    network.remove_nodes_from([n for n in list(network) if network.degree(n) == 0])
    if network.number_of_edges() == 0:
        return []
    groups = nx.community.greedy_modularity_communities(network, weight="weight")
    labelled = [sorted(network.nodes[n]["label"] for n in group) for group in groups]
    return sorted(labelled, key=lambda g: (-len(g), g))


# --------------------------------------------------------------------------- what changed


@dataclass(frozen=True)
class Changes:
    """What happened between two dates (see :func:`what_changed`).

    ``events``: timeline rows of the events beginning in ``(since, until]``; ``new_entities``:
    (kind, label) of actors and places first seen then; ``new_links``: pairs of actors acting
    together for the first time; ``activity``: (label, events up to ``since``, events up to
    ``until``) of the entities whose count grew, most grown first.
    """

    since: str
    until: str
    events: list[dict] = field(default_factory=list)
    new_entities: list[tuple[str, str]] = field(default_factory=list)
    new_links: list[tuple[str, str]] = field(default_factory=list)
    activity: list[tuple[str, int, int]] = field(default_factory=list)

    def rows(self) -> list[tuple[str, str, str]]:
        """(change, subject, detail) rows for a table."""
        out = [("event", r["label"], _date_text(r["earliest"], r["latest"])) for r in self.events]
        out += [(f"new {kind}", label, "") for kind, label in self.new_entities]
        out += [("new link", f"{a} -- {b}", "") for a, b in self.new_links]
        out += [("activity", label, f"{before} -> {after} events") for label, before, after in self.activity]
        return out


def what_changed(graph: nx.MultiDiGraph, since: date | str, until: date | str) -> Changes:
    """Events, new actors and places, new partnerships and growing activity between two dates.

    The state "at" a date counts the events beginning on or before it.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`project`).
    since, until : datetime.date or str
        ISO days, ``since`` before ``until``; the change covers ``(since, until]``.

    Returns
    -------
    Changes

    Raises
    ------
    TimelineKGError
        When ``since`` is not before ``until``.

    Examples
    --------
    >>> c = what_changed(sample_graph(), "2017-11-30", "2017-12-31")
    >>> [r["label"] for r in c.events], c.new_entities, c.new_links
    (['Merkel met Rutte in The Hague', 'Merkel visited Ukraine'], [('actor', 'Mark Rutte'), ('place', 'Ukraine')], [('Angela Merkel', 'Mark Rutte')])
    >>> c.activity
    [('Angela Merkel', 1, 3), ('Mark Rutte', 0, 1), ('Ukraine', 0, 1)]
    """
    since, until = str(since), str(until)
    if not since < until:
        raise TimelineKGError(f"{since} is not before {until}; give the earlier date first")
    before = {n for n, d in graph.nodes(data=True) if d.get("kind") == "event" and d.get("earliest")
              and d["earliest"] <= since}
    upto = {n for n, d in graph.nodes(data=True) if d.get("kind") == "event" and d.get("earliest")
            and d["earliest"] <= until}
    rows = [r for r in timeline(graph, end=until) if r["earliest"] > since]

    def counts(events: set[str]) -> dict[str, int]:
        found: dict[str, set[str]] = {}
        for e in events:
            for t in graph.successors(e):
                found.setdefault(t, set()).add(e)
        return {t: len(es) for t, es in found.items()}

    old, new = counts(before), counts(upto)
    label = lambda n: graph.nodes[n]["label"]  # noqa: E731
    entities = sorted(((graph.nodes[n]["kind"], label(n)) for n in new if n not in old))
    old_links = {frozenset((a, b)) for a, b in actor_network(graph.subgraph(before | set(old))).edges}
    links = sorted(tuple(sorted((label(a), label(b)))) for a, b in actor_network(graph.subgraph(upto | set(new))).edges
                   if frozenset((a, b)) not in old_links)
    activity = sorted(((label(n), old.get(n, 0), c) for n, c in new.items() if c > old.get(n, 0)),
                      key=lambda t: (-(t[2] - t[1]), t[0]))
    return Changes(since, until, rows, entities, links, activity)
