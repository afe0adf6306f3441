"""Node positions of the graph page (graph.views.layouts, graph.views.time_axis): no node on another,
the same positions whatever the insertion order, and a time axis whose x is the date."""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date
from typing import Any

import networkx as nx
import pytest

from graph.views import sample_graph, synthetic_graph
from graph.views.html import node_kind
from graph.views.layouts import GAP, extent, hub_layout, node_size, separate, spring_layout
from graph.views.time_axis import time_layout


def _radius(graph: nx.MultiDiGraph) -> dict[Any, float]:
    return {n: extent(node_kind(graph.nodes[n]), node_size(graph.degree(n))) for n in graph}


def _too_close(positions: dict[Any, tuple[float, float]], radius: dict[Any, float], gap: float) -> list[tuple]:
    """Pairs nearer than their radii plus ``gap``, found through a grid (the graphs are large)."""
    cell = 2 * max(radius.values()) + gap
    grid: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for n, (x, y) in positions.items():
        grid[(math.floor(x / cell), math.floor(y / cell))].append(n)
    found = []
    for (i, j), members in grid.items():
        near = [m for di in (-1, 0, 1) for dj in (-1, 0, 1) for m in grid.get((i + di, j + dj), ())]
        found += [(a, b) for a in members for b in near
                  if str(a) < str(b) and math.dist(positions[a], positions[b]) < radius[a] + radius[b] + gap]
    return found


def _day_graph(days: list[str], per_day: int = 1) -> nx.MultiDiGraph:
    """Events of one type on the given days (``per_day`` each), all with one actor."""
    g = nx.MultiDiGraph()
    g.add_node("actor", kind="actor", label="Actor")
    for day in days:
        for k in range(per_day):
            node = f"e-{day}-{k}"
            g.add_node(node, kind="event", label=node, event_type="meet", earliest=day, latest=day)
            g.add_edge(node, "actor", role="agent")
    return g


GRAPHS = {
    "sample": sample_graph,
    "spring 300": lambda: synthetic_graph(300),
    "hub 2000": lambda: synthetic_graph(2000),
    "one busy actor": lambda: _day_graph([f"2020-01-{d:02d}" for d in range(1, 8)], per_day=200),
    "same day": lambda: _day_graph(["2017-12-11"], per_day=50),
}


@pytest.mark.parametrize("name", GRAPHS)
@pytest.mark.parametrize("layout", ["graph", "time axis"])
def test_no_node_lies_on_another(name: str, layout: str) -> None:
    graph = GRAPHS[name]()
    order, radius = sorted(graph, key=str), _radius(graph)
    if layout == "graph":
        positions = (spring_layout if len(order) <= 500 else hub_layout)(graph, order, radius)
    else:
        positions = time_layout(graph, order, radius).positions
    assert set(positions) == set(graph)
    # Whole pixels: rounding may eat up to 1.5 px of the gap, never the radii.
    assert not _too_close(positions, radius, GAP - 1.5)


@pytest.mark.parametrize("lock_x", [False, True])
def test_separate_parts_nodes_on_one_spot(lock_x: bool) -> None:
    positions = {n: (0.0, 0.0) for n in "abcdefgh"} | {"z": (100.0, 0.0)}
    radius = {n: 10.0 for n in positions}
    separate(positions, sorted(positions), radius, lock_x=lock_x)
    assert not _too_close(positions, radius, GAP - 1e-6)
    if lock_x:
        assert {x for x, _ in positions.values()} == {0.0, 100.0}


def test_separate_is_deterministic_and_handles_a_crowd() -> None:
    """A thousand nodes dropped on a small square: the grid finds the pairs, the result is repeatable."""
    start = {f"n{i}": ((i * 37) % 100 * 1.0, (i * 61) % 100 * 1.0) for i in range(1000)}
    radius = {n: 12.0 for n in start}
    first, second = dict(start), dict(start)
    separate(first, sorted(first), radius)
    separate(second, sorted(second), radius)
    assert first == second
    assert not _too_close(first, radius, GAP - 1e-6)


@pytest.mark.parametrize("layout", ["hub", "time axis"])
def test_positions_do_not_depend_on_insertion_order(layout: str) -> None:
    graph = synthetic_graph(600)
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(graph.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(graph.edges(keys=True, data=True))))

    def positions(g: nx.MultiDiGraph) -> dict:
        order = sorted(g, key=str)
        if layout == "hub":
            return hub_layout(g, order, _radius(g))
        return time_layout(g, order, _radius(g)).positions

    assert positions(graph) == positions(shuffled)


def test_time_axis_x_is_the_date() -> None:
    graph = synthetic_graph(300)
    laid = time_layout(graph, sorted(graph, key=str), _radius(graph))
    middle = {n: date.fromisoformat(d["earliest"]).toordinal() + date.fromisoformat(d["latest"]).toordinal()
              for n, d in graph.nodes(data=True) if d["kind"] == "event" and d.get("earliest")}
    by_day = sorted(middle, key=lambda n: middle[n])
    for a, b in zip(by_day, by_day[1:]):
        same = middle[a] == middle[b]
        assert (laid.positions[a][0] == laid.positions[b][0]) if same else laid.positions[a][0] <= laid.positions[b][0]
    undated = [n for n, d in graph.nodes(data=True) if d["kind"] == "event" and not d.get("earliest")]
    assert undated and max(laid.positions[n][0] for n in undated) < min(laid.positions[n][0] for n in middle)
    assert laid.ticks[0][1] == "undated"


def test_time_axis_cuts_a_long_stretch_without_events() -> None:
    """One event two years before the others takes a cut, not 90% of the width."""
    graph = _day_graph(["2015-09-15"] + [f"2017-11-{d:02d}" for d in range(10, 30)])
    laid = time_layout(graph, sorted(graph, key=str), _radius(graph))
    xs = {n: laid.positions[n][0] for n in graph if n != "actor"}
    early, late = xs.pop("e-2015-09-15-0"), sorted(xs.values())
    assert [text for _, text in laid.cuts] == ["2 years"]
    assert late[0] - early < late[-1] - late[0]  # on a linear scale: 800 days against 19
    assert early < laid.cuts[0][0] < late[0]
    assert all(not ("2016" <= text < "2017-11") for _, text, _ in laid.ticks), "ticks inside the cut"


def test_time_axis_has_about_the_shape_of_the_canvas() -> None:
    """Wide enough to read the dates, high enough that a fit does not squash it into a line."""
    graph = synthetic_graph(2000)
    laid = time_layout(graph, sorted(graph, key=str), _radius(graph))
    xs, ys = [p[0] for p in laid.positions.values()], [p[1] for p in laid.positions.values()]
    assert 0.5 < (max(ys) - min(ys)) / (max(xs) - min(xs)) < 1.0
    names = [name for _, _, name in laid.lanes]
    assert names[-2:] == ["actors", "places"] and len(names) == 10
    levels = [level for _, _, level in laid.ticks]
    assert levels == sorted(levels) and {0, 1, 2} <= set(levels)
