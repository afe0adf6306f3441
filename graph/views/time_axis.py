"""The graph page's "time axis" layout: events left to right by date, one lane per event type,
actors in rows above the lanes and places below.

An event's x is the middle of its date bounds, on a scale linear in days except that a long
stretch without any event (over a month and over a tenth of the whole span) is cut down to
:data:`CUT_WIDTH` pixels: one article's background event two years back would otherwise squeeze
every other event into a corner. The page marks each cut. The pixels per day are chosen so that the
layout is about 3/4 as high as it is wide, the shape of the page's canvas in a laptop window: the
page's first view, fitted to the canvas, then spreads the events over it instead of drawing a thin
smear across it.

No two nodes overlap and x stays the date: within a lane an event goes to the first row where it
touches no event already placed (left to right), and undated events stand in columns left of the
axis. An actor or place goes near the median x of its events, in one of a few rows taken in turn,
moved sideways only as far as it must not to touch its neighbours.

With the positions the page receives the axis' ticks (years, months and days: it draws as many as
fit at the current zoom), the x of each cut, and each lane's extent and name.

Examples
--------
>>> from graph.views import sample_graph
>>> g = sample_graph()
>>> laid = time_layout(g, sorted(g), {n: 12.0 for n in g})
>>> laid.positions["ex:e1"][0] < laid.positions["ex:e3"][0] == laid.positions["ex:e4"][0]
True
>>> [name for _, _, name in laid.lanes]
['meet', 'negotiate', 'visit', 'actors', 'places']
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from typing import Any

import networkx as nx

from .html import node_kind
from .layouts import GAP, separate

__all__ = ["CUT_WIDTH", "TimeLayout", "time_layout"]

#: Pixels a long stretch without events is drawn as.
CUT_WIDTH = 120.0

_CUT_MIN_DAYS = 30.0
_CUT_SHARE = 0.1  # of the whole span
_CUT_MARGIN_DAYS = 3.0
_ASPECT = 0.75  # height / width aimed at: the canvas of a 1400x900 window
_MIN_WIDTH = 900.0  # a few events still spread over a canvas' width at zoom 1
_MAX_PER_DAY = 500.0  # a day of a dense week can take a lot of width
_SEARCH_STEPS = 10
_LABEL_ROOM = 100.0  # pixels: most names at 12 px
_TICK_MARGIN_DAYS = 3
_MAX_TICKS = {"year": 200, "month": 2400, "day": 3000}


@dataclass(frozen=True)
class TimeLayout:
    """Positions and what the page draws behind them (all in canvas pixels)."""

    positions: dict[Any, tuple[int, int]]
    #: (x, text, level): level 0 years (and "undated"), 1 months, 2 days; the page draws coarse first.
    ticks: list[tuple[int, str, int]]
    #: (x, how long) of the middle of each cut stretch, e.g. (410, "2 years").
    cuts: list[tuple[int, str]]
    #: (top, bottom, name) of each event-type lane, then the actors' and the places' bands.
    lanes: list[tuple[int, int, str]]


def time_layout(graph: nx.MultiDiGraph, order: list[Any], radius: dict[Any, float]) -> TimeLayout:
    """Lay ``order``'s nodes out on the time axis; ``radius`` is each node's extent in pixels."""
    plan = _Plan.of(graph, order, radius)
    dated = sorted(c for c in plan.centre.values() if c is not None)
    cuts = _cuts(dated)
    first = dated[0] if dated else 0.0
    covered = (dated[-1] - dated[0] - sum(hi - lo for lo, hi in cuts)) if dated else 0.0
    scale = _Scale(first, _per_day(plan, first, cuts, covered), cuts)
    laid = plan.arrange(scale)
    separate(laid.positions, order, radius, lock_x=True)  # a no-op unless the packing above is wrong
    ticks = _ticks(scale, dated[0] - _TICK_MARGIN_DAYS, dated[-1] + _TICK_MARGIN_DAYS) if dated else []
    if laid.undated_left is not None:
        ticks.insert(0, (round(laid.undated_left), "undated", 0))
    return TimeLayout(
        positions={n: (int(round(x)), int(round(y))) for n, (x, y) in laid.positions.items()},
        ticks=ticks,
        cuts=[(int(round(scale.x(lo) + CUT_WIDTH / 2)), _duration(hi - lo + 2 * _CUT_MARGIN_DAYS))
              for lo, hi in cuts],
        lanes=[(int(round(top)), int(round(bottom)), name) for top, bottom, name in laid.lanes],
    )


class _Scale:
    """Days (ordinals, halves allowed) to x: linear, but for the cut stretches."""

    def __init__(self, first: float, per_day: float, cuts: list[tuple[float, float]]) -> None:
        self.first, self.per_day = first, per_day
        self._starts = [lo for lo, _ in cuts]
        self._ends = [hi for _, hi in cuts]
        self._shift = list(accumulate(((hi - lo) * per_day - CUT_WIDTH for lo, hi in cuts), initial=0.0))

    def x(self, day: float) -> float | None:
        """The x of ``day``, None inside a cut."""
        before = bisect.bisect_left(self._starts, day)  # the cuts starting before the day
        if before and day < self._ends[before - 1]:
            return None
        return (day - self.first) * self.per_day - self._shift[before]


@dataclass
class _Arranged:
    """One placement: positions, (top, bottom, name) of lanes and bands, left edge of the undated."""

    positions: dict[Any, tuple[float, float]] = field(default_factory=dict)
    lanes: list[tuple[float, float, str]] = field(default_factory=list)
    undated_left: float | None = None


@dataclass(frozen=True)
class _Plan:
    """What the layout places, gathered once; :meth:`arrange` places it for one scale."""

    graph: nx.MultiDiGraph
    radius: dict[Any, float]
    centre: dict[Any, float | None]  # events only: the middle day of their bounds
    lanes: dict[str, list[Any]]  # event type -> its events, types sorted
    entities: list[Any]
    column: float  # the widest event, plus the gap

    @classmethod
    def of(cls, graph: nx.MultiDiGraph, order: list[Any], radius: dict[Any, float]) -> _Plan:
        events = [n for n in order if node_kind(graph.nodes[n]) == "event"]
        lanes: dict[str, list[Any]] = {}
        for n in sorted(events, key=lambda n: (str(graph.nodes[n].get("event_type") or ""), str(n))):
            lanes.setdefault(str(graph.nodes[n].get("event_type") or ""), []).append(n)
        return cls(graph, radius, {n: _centre(graph.nodes[n]) for n in events}, lanes,
                   [n for n in order if node_kind(graph.nodes[n]) != "event"],
                   2 * max((radius[n] for n in events), default=0.0) + GAP)

    def arrange(self, scale: _Scale) -> _Arranged:
        """Lanes of events top down from y = 0, undated ones left of the first date, then the bands."""
        laid = _Arranged()
        xs = [scale.x(c) for c in self.centre.values() if c is not None]
        start, end = (min(xs), max(xs)) if xs else (0.0, 0.0)
        undated_x = start - CUT_WIDTH
        top = 0.0
        for name, members in self.lanes.items():
            height, columns = self._lane(members, scale, top, undated_x, laid.positions)
            laid.lanes.append((top, top + height, name or "(no type)"))
            if columns:
                left = undated_x - (columns - 0.5) * self.column
                laid.undated_left = min(left, laid.undated_left if laid.undated_left is not None else left)
            top += height + self.column / 2
        bottom = laid.lanes[-1][1] if laid.lanes else 0.0
        for above in (True, False):
            self._band(above, 0.0 if above else bottom, max(end - start, _MIN_WIDTH), undated_x, laid)
        return laid

    def _lane(self, members: list[Any], scale: _Scale, top: float, undated_x: float,
              positions: dict[Any, tuple[float, float]]) -> tuple[float, int]:
        """Place one lane's events below ``top``; returns the lane's height and undated columns."""
        pitch = 2 * max(self.radius[n] for n in members) + GAP
        dated = sorted((scale.x(c), str(n), n) for n in members if (c := self.centre[n]) is not None)
        rows = _first_fit([(x, self.radius[n]) for x, _, n in dated])
        undated = [n for n in members if self.centre[n] is None]
        depth = max(max(rows, default=-1) + 1, 1 if dated else math.ceil(math.sqrt(len(undated))))
        for (x, _, n), row in zip(dated, rows):
            positions[n] = (x, top + (row + 0.5) * pitch)
        for i, n in enumerate(undated):
            positions[n] = (undated_x - (i // depth) * self.column, top + (i % depth + 0.5) * pitch)
        return depth * pitch, math.ceil(len(undated) / depth)

    def _band(self, above: bool, edge: float, width: float, undated_x: float, laid: _Arranged) -> None:
        """Actors (and other entities) in rows above the lanes, or places below, near their events."""
        members = [n for n in self.entities if (node_kind(self.graph.nodes[n]) != "place") == above]
        if not members:
            return
        wanted = sorted((self._wanted_x(n, laid.positions, undated_x), str(n), n) for n in members)
        total = sum(2 * self.radius[n] + GAP for n in members)
        count = max(1, math.ceil(total / width))
        pitch = 2 * max(self.radius[n] for n in members) + GAP
        side = -1.0 if above else 1.0
        near = edge + side * pitch / 2  # half a row between the lanes and the band
        for row in range(count):  # taken in turn, so that neighbours in x sit in different rows
            y = near + side * (row + 0.5) * pitch
            taken = [(x, self.radius[n], n) for x, _, n in wanted[row::count]]
            # Width to spare goes between them, up to a label's width: room for their names.
            spare = (width - sum(2 * r + GAP for _, r, _ in taken)) / len(taken)
            for n, x in _spread(taken, min(max(spare, 0.0), _LABEL_ROOM)).items():
                laid.positions[n] = (x, y)
        far = near + side * count * pitch
        laid.lanes.append((far, near, "actors") if above else (near, far, "places"))

    def _wanted_x(self, node: Any, positions: dict[Any, tuple[float, float]], undated_x: float) -> float:
        """The median x of the node's events, dated ones if any: one old event does not drag it."""
        linked = [m for m in nx.all_neighbors(self.graph, node) if m in self.centre]
        xs = sorted(positions[m][0] for m in linked if self.centre[m] is not None) \
            or sorted(positions[m][0] for m in linked)
        return xs[len(xs) // 2] if xs else undated_x


def _centre(attrs: dict[str, Any]) -> float | None:
    """The middle day (an ordinal, maybe a half) of an event's bounds; None when undated."""
    earliest = attrs.get("earliest")
    if not earliest:
        return None
    latest = attrs.get("latest") or earliest
    return (date.fromisoformat(str(earliest)).toordinal() + date.fromisoformat(str(latest)).toordinal()) / 2


def _cuts(days: list[float]) -> list[tuple[float, float]]:
    """The stretches between two consecutive event days long enough to draw cut short, each
    keeping a few days on both sides so that the events there keep day ticks around them."""
    if len(days) < 2:
        return []
    least = _least_cut(days)
    return [(a + _CUT_MARGIN_DAYS, b - _CUT_MARGIN_DAYS) for a, b in zip(days, days[1:]) if b - a > least]


def _least_cut(days: list[float]) -> float:
    """The days a stretch without events must exceed to be cut."""
    return max(_CUT_MIN_DAYS, _CUT_SHARE * (days[-1] - days[0]))


def _duration(days: float) -> str:
    """How long a cut stretch is, in words: "2 years", "5 months", "40 days".

    >>> _duration(800), _duration(160), _duration(40)
    ('2 years', '5 months', '40 days')
    """
    if days >= 730:
        return f"{int(days // 365.25)} years"
    if days >= 60:
        return f"{int(days // 30.44)} months"
    return f"{int(days)} days"


def _per_day(plan: _Plan, first: float, cuts: list[tuple[float, float]], covered: float) -> float:
    """Pixels per day for a layout about :data:`_ASPECT` as high as wide, at least
    :data:`_MIN_WIDTH` wide and at most :data:`_MAX_PER_DAY`: a bisection, as more pixels per day
    make the layout wider and (fewer rows) lower."""
    if covered <= 0:
        return 1.0  # every dated event on one day: the scale does not matter
    low = max((_MIN_WIDTH - len(cuts) * CUT_WIDTH) / covered, 1e-3)
    high = max(_MAX_PER_DAY, low)

    def too_high(per_day: float) -> bool:
        positions = plan.arrange(_Scale(first, per_day, cuts)).positions
        xs, ys = [p[0] for p in positions.values()], [p[1] for p in positions.values()]
        return max(ys) - min(ys) > _ASPECT * (max(xs) - min(xs))

    if not too_high(low):
        return low
    if too_high(high):
        return high
    for _ in range(_SEARCH_STEPS):
        middle = math.sqrt(low * high)
        low, high = (middle, high) if too_high(middle) else (low, middle)
    return high


def _first_fit(items: list[tuple[float, float]]) -> list[int]:
    """The row of each (x, radius), taken left to right: the first row whose last item it does not touch."""
    ends: list[tuple[float, float]] = []
    rows = []
    for x, r in items:
        for k, (end, end_r) in enumerate(ends):
            if x - end >= end_r + r + GAP:
                break
        else:
            k = len(ends)
            ends.append((x, r))
        ends[k] = (x, r)
        rows.append(k)
    return rows


def _spread(items: list[tuple[float, float, Any]], extra: float = 0.0) -> dict[Any, float]:
    """x of each (wanted x, radius, node), in order, ``extra`` pixels further apart than touching,
    as near as can be to the wanted x (least squares): overlapping runs merge into blocks centred
    on their members' wishes.

    >>> _spread([(0.0, 10.0, "a"), (0.0, 10.0, "b"), (100.0, 10.0, "c")])
    {'a': -12.0, 'b': 12.0, 'c': 100.0}
    """
    blocks: list[list[float]] = []  # [first index, width, sum of (wanted - offset in block), count]
    offsets: list[float] = []
    for i, (want, r, _) in enumerate(items):
        width = 2 * r + GAP + extra
        offsets.append(width / 2)
        block = [float(i), width, want - width / 2, 1.0]
        while blocks and _left(blocks[-1]) + blocks[-1][1] > _left(block):
            prev = blocks.pop()
            for k in range(int(block[0]), int(block[0] + block[3])):
                offsets[k] += prev[1]
            block = [prev[0], prev[1] + block[1], prev[2] + block[2] - block[3] * prev[1], prev[3] + block[3]]
        blocks.append(block)
    placed = {}
    for block in blocks:
        for k in range(int(block[0]), int(block[0] + block[3])):
            placed[items[k][2]] = _left(block) + offsets[k]
    return placed


def _left(block: list[float]) -> float:
    return block[2] / block[3]


def _ticks(scale: _Scale, low: float, high: float) -> list[tuple[int, str, int]]:
    """Year, month and day ticks between two day ordinals, outside the cuts, coarse first."""
    first = date.fromordinal(max(1, math.ceil(low)))
    last = date.fromordinal(min(date.max.toordinal(), math.floor(high)))
    marks: list[tuple[date, str, int]] = []
    years = range(first.year, last.year + 1)
    step = max(1, math.ceil(len(years) / _MAX_TICKS["year"]))
    marks += [(date(y, 1, 1), f"{y:04d}", 0) for y in years if y % step == 0 and date(y, 1, 1) >= first]
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= _MAX_TICKS["month"]:
        for k in range(months):
            year, month = first.year + (first.month - 1 + k) // 12, (first.month - 1 + k) % 12 + 1
            if month != 1 and date(year, month, 1) >= first:
                marks.append((date(year, month, 1), f"{year:04d}-{month:02d}", 1))
    if (last - first).days <= _MAX_TICKS["day"]:
        for ordinal in range(first.toordinal(), last.toordinal() + 1):
            day = date.fromordinal(ordinal)
            if day.day != 1:
                marks.append((day, day.isoformat(), 2))
    ticks = [(round(x), text, level) for day, text, level in marks if (x := scale.x(day.toordinal())) is not None]
    return sorted(ticks, key=lambda t: (t[2], t[0]))
