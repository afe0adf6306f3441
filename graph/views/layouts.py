"""Where the graph page draws each node: a spring layout, a hub layout for large graphs, and the
separation every layout ends with.

Positions are vis-network canvas pixels. They are deterministic (the same graph gives the same
positions whatever the order its nodes were added in) and no two nodes overlap: :func:`separate`
leaves at least :data:`GAP` pixels between the outlines of any two nodes, so none hides another
and a click lands on the node under the pointer. It hashes nodes into a grid of cells as wide as
the largest pair of nodes, so each round compares a node only with those of its own and the eight
cells around, O(n) a round instead of O(n^2). The time axis layout lives in :mod:`.time_axis`.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph([("e1", "a"), ("e2", "a")])
>>> radius = {n: 12.0 for n in g}
>>> positions = spring_layout(g, sorted(g), radius)
>>> sorted(positions) == ["a", "e1", "e2"], all(isinstance(v, int) for p in positions.values() for v in p)
(True, True)
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import networkx as nx

from .html import node_kind

__all__ = ["GAP", "extent", "hub_layout", "node_size", "separate", "spring_layout"]

#: Pixels of white left between the outlines of any two nodes.
GAP = 4.0

# Fixed seed: the same graph must give the same bytes (diffable outputs, stable tests).
_LAYOUT_SEED = 20170101
_RELAX_ROUNDS = 40
_WIDEN = 1.4
_EPS = 1e-6  # a pair exactly ``gap`` apart (as the packings leave them) is not an overlap

Positions = dict[Any, tuple[float, float]]


def node_size(degree: int) -> float:
    """vis' ``size`` of a node: grows with sqrt(degree) so hubs stand out without swamping.

    >>> node_size(0), node_size(4), node_size(1000)
    (10.0, 18.0, 40.0)
    """
    return round(min(10.0 + 4.0 * math.sqrt(degree), 40.0), 2)


def extent(kind: str, size: float) -> float:
    """The radius of the circle around a node's drawn shape: vis draws a square ``size`` from its
    centre to each side, so its corners reach ``size * sqrt(2)``; dots and diamonds stay within ``size``.

    >>> extent("actor", 10.0), extent("place", 10.0)
    (10.0, 14.14)
    """
    return round(size * math.sqrt(2), 2) if kind == "place" else size


def spring_layout(graph: nx.MultiDiGraph, order: list[Any], radius: dict[Any, float]) -> dict[Any, tuple[int, int]]:
    """Pixel positions from a seeded spring layout, independent of node insertion order, separated."""
    if not order:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(order)
    pairs = {(u, v) for u, v in graph.edges() if u != v}
    simple.add_edges_from(sorted(pairs, key=lambda e: (str(e[0]), str(e[1]))))
    # Scale grows with sqrt(n) so node density stays readable from 5 to 500+ nodes; a small graph
    # still fills a laptop's canvas at zoom 1, leaving room between its nodes for their names.
    scale = max(400, 150 + 35 * math.sqrt(len(order)))
    # A spread three times the default keeps labelled hubs (a leader in many events) legible.
    spread = 3.0 / math.sqrt(len(order))
    raw = nx.spring_layout(simple, seed=_LAYOUT_SEED, scale=scale, k=spread, iterations=100)
    # Wider than high, like the canvas and like the labels beside the nodes.
    positions = {n: (float(p[0]) * _WIDEN, float(p[1])) for n, p in raw.items()}
    separate(positions, order, radius)
    return _rounded(positions)


def hub_layout(graph: nx.MultiDiGraph, order: list[Any], radius: dict[Any, float]) -> dict[Any, tuple[int, int]]:
    """Linear-time layout for large graphs: each event on rings around its busiest actor (a place
    when it has no actor), and these bubbles in rows, the busiest entities first.

    Nothing overlaps by construction (rings hold only as many events as fit around them, bubbles
    sit side by side), so the closing :func:`separate` has nothing to move, whatever the density:
    pushing thousands of nodes apart in a crowded centre takes seconds of Python.
    """
    kinds = {n: node_kind(graph.nodes[n]) for n in order}
    degree = dict(graph.degree())
    centres = sorted((n for n in order if kinds[n] != "event"), key=lambda n: (-degree[n], str(n)))
    orbiting: dict[Any, list[Any]] = defaultdict(list)
    for n in order:
        if kinds[n] == "event":
            home = _home(graph, n, kinds, degree)
            if home is None:
                centres.append(n)  # linked to no entity: a bubble of its own
            else:
                orbiting[home].append(n)
    offsets: dict[Any, tuple[float, float]] = {}
    reach = {}
    for events in orbiting.values():  # clockwise by date around their entity
        events.sort(key=lambda n: (str(graph.nodes[n].get("earliest") or "~"), str(n)))
    for centre in centres:
        reach[centre] = _orbit(radius[centre], orbiting[centre], radius, offsets)
    positions: Positions = {}
    for centre, (cx, cy) in _shelves([(c, reach[c]) for c in centres]).items():
        positions[centre] = (cx, cy)
        for n in orbiting[centre]:
            positions[n] = (cx + offsets[n][0], cy + offsets[n][1])
    separate(positions, order, radius)
    return _rounded(positions)


def _home(graph: nx.MultiDiGraph, event: Any, kinds: dict[Any, str], degree: dict[Any, int]) -> Any | None:
    """The entity an event orbits: its actor (else entity) of highest degree, ties by id."""
    linked = {m for m in nx.all_neighbors(graph, event) if kinds.get(m, "event") != "event"}
    if not linked:
        return None
    return min(linked, key=lambda m: (kinds[m] != "actor", -degree[m], str(m)))


def _orbit(core: float, members: list[Any], radius: dict[Any, float], offsets: dict[Any, tuple[float, float]]) -> float:
    """Put ``members`` on rings around a node of radius ``core``, a pitch apart, clockwise from
    the corridor kept free on its right for its label; stores their offsets and returns the
    bubble's radius."""
    if not members:
        return core
    pitch = 2 * max(radius[n] for n in members) + GAP
    ring = core + GAP + pitch / 2
    placed = 0
    while placed < len(members):
        # Members keep |y| >= core + pitch / 2 on the right: a corridor as high as the centre node.
        free = math.asin(min(1.0, (core + pitch / 2) / ring))
        arc = 2 * math.pi - 2 * free
        step = 2 * math.asin(pitch / (2 * ring))  # the angle between two members a pitch apart
        on_ring = members[placed:placed + math.floor(arc / step + 1e-9) + 1]
        for i, n in enumerate(on_ring):
            angle = free + arc * i / (len(on_ring) - 1) if len(on_ring) > 1 else math.pi
            offsets[n] = (ring * math.cos(angle), ring * math.sin(angle))
        placed += len(on_ring)
        ring += pitch
    return ring - pitch / 2


def _shelves(bubbles: list[tuple[Any, float]]) -> dict[Any, tuple[float, float]]:
    """Centres of (node, radius) bubbles in rows, in the given order, rows as wide as a layout 3/4
    as high as wide needs; each row centred."""
    sizes = [(n, 2 * r + GAP) for n, r in bubbles]
    width = max(max((d for _, d in sizes), default=0.0), math.sqrt(sum(d * d for _, d in sizes) / 0.75))
    rows: list[list[tuple[Any, float]]] = [[]]
    used = 0.0
    for n, d in sizes:
        if rows[-1] and used + d > width:
            rows.append([])
            used = 0.0
        rows[-1].append((n, d))
        used += d
    centres = {}
    top = 0.0
    for row in rows:
        height = max(d for _, d in row)
        x = (width - sum(d for _, d in row)) / 2
        for n, d in row:
            centres[n] = (x + d / 2, top + height / 2)
            x += d
        top += height
    return centres


def separate(positions: Positions, order: list[Any], radius: dict[Any, float], *, gap: float = GAP,
             lock_x: bool = False, rounds: int = _RELAX_ROUNDS) -> None:
    """Move nodes, in place, until no two are closer than the sum of their radii plus ``gap``.

    A few rounds push each overlapping pair apart (small moves that keep the layout's shape); the
    nodes still overlapping after them are then moved, in ``order``, to the nearest free spot, which
    guarantees the result. With ``lock_x`` nodes only move up or down (the time axis, where x is a date).

    Examples
    --------
    >>> positions = {"a": (0.0, 0.0), "b": (0.0, 0.0), "c": (5.0, 0.0)}
    >>> separate(positions, ["a", "b", "c"], {"a": 10.0, "b": 10.0, "c": 10.0})
    >>> all(math.dist(positions[p], positions[q]) >= 24 for p, q in [("a", "b"), ("a", "c"), ("b", "c")])
    True
    """
    if len(order) < 2:
        return
    cell = 2 * max(radius[n] for n in order) + gap  # no pair further apart than this can touch
    rank = {n: i for i, n in enumerate(order)}
    for _ in range(rounds):
        if not _relax(positions, order, rank, radius, gap, cell, lock_x):
            return
    _settle(positions, order, radius, gap, cell, lock_x)


def _relax(positions: Positions, order: list[Any], rank: dict[Any, int], radius: dict[Any, float],
           gap: float, cell: float, lock_x: bool) -> bool:
    """One round: each overlapping pair found in neighbouring cells moves apart by half the overlap
    each. Returns whether any pair overlapped."""
    grid = _grid(positions, order, cell)
    push = _push_y if lock_x else _push
    overlapped = False
    for a in order:
        ax, ay = positions[a]
        for b in _near(grid, positions[a], cell):
            if rank[b] <= rank[a]:
                continue  # each pair once
            need = radius[a] + radius[b] + gap
            bx, by = positions[b]
            if abs(bx - ax) < need and abs(by - ay) < need and push(positions, a, b, need):
                overlapped = True
                ax, ay = positions[a]
    return overlapped


def _push(positions: Positions, a: Any, b: Any, need: float) -> bool:
    (ax, ay), (bx, by) = positions[a], positions[b]
    dx, dy = bx - ax, by - ay
    distance = math.hypot(dx, dy)
    if distance >= need - _EPS:
        return False
    if distance < 1e-9:  # one on the other: part them along a direction fixed by their ids
        dx, dy = _jitter((a, b), 1.0)
        distance = math.hypot(dx, dy)
        if distance < 1e-9:
            dx, dy, distance = 1.0, 0.0, 1.0
    push = (need - distance) / 2 / distance
    positions[a] = (ax - dx * push, ay - dy * push)
    positions[b] = (bx + dx * push, by + dy * push)
    return True


def _push_y(positions: Positions, a: Any, b: Any, need: float) -> bool:
    (ax, ay), (bx, by) = positions[a], positions[b]
    dx, dy = bx - ax, by - ay
    if abs(dx) >= need - _EPS:
        return False
    want = math.sqrt(need * need - dx * dx)
    if abs(dy) >= want - _EPS:
        return False
    sign = (1.0 if dy > 0 else -1.0) if dy else (1.0 if _jitter((a, b), 1.0)[1] >= 0 else -1.0)
    shift = (want - abs(dy)) / 2 * sign
    positions[a], positions[b] = (ax, ay - shift), (bx, by + shift)
    return True


def _settle(positions: Positions, order: list[Any], radius: dict[Any, float], gap: float, cell: float,
            lock_x: bool) -> None:
    """Place the nodes one by one, each at the first free spot nearest to where it is."""
    placed: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for n in order:
        for spot in _spots(positions[n], radius[n] + gap, lock_x):
            if not any(math.dist(spot, positions[m]) < radius[n] + radius[m] + gap - _EPS
                       for m in _near(placed, spot, cell)):
                break
        positions[n] = spot
        placed[_cell(spot, cell)].append(n)


def _spots(start: tuple[float, float], step: float, lock_x: bool) -> Iterator[tuple[float, float]]:
    """``start``, then points further and further from it: up and down only with ``lock_x``, else
    on rings ``step`` apart."""
    x, y = start
    yield start
    ring = 1
    while True:
        if lock_x:
            yield x, y - ring * step
            yield x, y + ring * step
        else:
            count = 6 * ring
            for i in range(count):
                angle = 2 * math.pi * i / count
                yield x + ring * step * math.cos(angle), y + ring * step * math.sin(angle)
        ring += 1


def _grid(positions: Positions, order: list[Any], cell: float) -> dict[tuple[int, int], list[Any]]:
    grid: dict[tuple[int, int], list[Any]] = defaultdict(list)
    for n in order:
        grid[_cell(positions[n], cell)].append(n)
    return grid


def _cell(point: tuple[float, float], cell: float) -> tuple[int, int]:
    return math.floor(point[0] / cell), math.floor(point[1] / cell)


def _near(grid: dict[tuple[int, int], list[Any]], point: tuple[float, float], cell: float) -> Iterator[Any]:
    """The nodes in ``point``'s cell and the eight around it."""
    i, j = _cell(point, cell)
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            yield from grid.get((i + di, j + dj), ())


def _jitter(node: Any, spread: float) -> tuple[float, float]:
    """A deterministic offset in [-spread, spread]^2 from the node's id."""
    digest = hashlib.blake2b(str(node).encode("utf-8"), digest_size=4).digest()
    return (digest[0] * 256 + digest[1]) / 65535 * 2 * spread - spread, \
        (digest[2] * 256 + digest[3]) / 65535 * 2 * spread - spread


def _rounded(positions: Positions) -> dict[Any, tuple[int, int]]:
    """Whole pixels: rounding moves a node by under a pixel, well inside :data:`GAP`."""
    return {n: (int(round(x)), int(round(y))) for n, (x, y) in positions.items()}
