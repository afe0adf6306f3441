"""Questions asked of an event-actor-place projection (:func:`graph.views.project`), and two more projections.

In: a projection and, for most questions, an optional date window (and filters). Out: rows, labels,
scores or smaller graphs:

- :func:`timeline` (a window, with actor/place/event-type filters) and :func:`window`;
- :func:`actor_network`, actors linked by the events they share (``weight``);
- :func:`timeline_graph`, events linked by Allen relations of their date bounds (``relation``);
- :func:`ego_network`, :func:`paths`, :func:`centrality`, :func:`communities` and :func:`what_changed`.

Dates are ISO ``YYYY-MM-DD`` strings (or ``datetime.date``); an event's ``earliest`` .. ``latest``
day bounds are inclusive, and an event is "in" a window when its bounds overlap it.

Examples
--------
>>> from graph.views import project
>>> from rdflib import Graph
>>> timeline(project(Graph()))
[]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import networkx as nx

from graph.errors import TimelineKGError

from .projection import date_text, event_types, find_node

__all__ = [
    "ALLEN_RELATIONS", "CENTRALITY_MEASURES", "Changes", "actor_network", "allen_relation", "centrality",
    "communities", "ego_network", "paths", "shortest_path", "timeline", "timeline_graph", "what_changed", "window",
]


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
    >>> from graph.views import sample_graph
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
    >>> from graph.views import sample_graph
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
    >>> from graph.views import sample_graph
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
    >>> from graph.views import sample_graph
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
    >>> from graph.views import sample_graph
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
    >>> from graph.views import sample_graph
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
    >>> from graph.views import sample_graph
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
    >>> from graph.views import sample_graph
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
    >>> from graph.views import sample_graph
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
        out = [("event", r["label"], date_text(r["earliest"], r["latest"])) for r in self.events]
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
    >>> from graph.views import sample_graph
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
