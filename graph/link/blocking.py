"""Finding the event nodes a new telling could join, by keys, so that linking grows with the events.

Every rule of :mod:`graph.link.rules` asks for things both sides must share; the index files each
node under them, and a new telling is compared only with the nodes filed under its own:

- the event type, always, and an actor (every join needs a shared actor);
- for a dated telling of a specific type, nothing more; for an undated one (it joins only undated
  tellings in the same word), that word; for a generic type (words of one stem, ``one_stem``),
  the word's first four letters, which any two words of one stem have in common;
- for a dated telling, the weeks it may lie in: a node is filed under the weeks of its first
  telling's days, a telling looked up in those of its days widened by how far apart the rules let
  two tellings of the type lie (``CONFLICT_REACH``; ``NEAR`` for generic types). Every telling of
  a node must lie that near the new one, its first too, so no node that could join is missed.
  A node over more than ``MAX_WEEKS`` weeks (or open-ended) is filed under any week, one over
  more than ``FINE_WEEKS`` under each quarter of a year it touches. Of the nodes found, those whose
  first telling lies further from the new one than that reach are dropped before the rules run.

The index is a superset filter: the rules still decide. Candidates come back in the order the
nodes were made, as a scan of every node would meet them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from graph.extract.merge import GENERIC_TYPES
from graph.model import EventNode

from .rules import CONFLICT_REACH, NEAR, Range, Tellings

__all__ = ["MAX_WEEKS", "FiledNode", "NodeIndex", "block_keys"]

# A first telling spread over more weeks than this ("in the 1990s") is filed under any week
# rather than under each quarter: over a year is rare.
MAX_WEEKS = 60
# One spread over more weeks than this ("in March") is filed under each quarter of a year (13
# weeks) it touches: a few filings where it has many weeks, at the cost of a few more candidates.
FINE_WEEKS = 8
QUARTER = 13
STEM = 4  # letters two words of one stem share (graph.extract.merge.one_stem)

Key = tuple[str, ...]
Days = tuple[int, int] | None  # first and last day as ordinals; None: any day
Weeks = tuple[int, int] | None  # first and last week; None: any week


def block_keys(tellings: Tellings) -> set[Key]:
    """The keys a node with these tellings is filed under, or a new telling looked up by: a
    node and a telling that share none cannot join (module docstring)."""
    kind = tellings.event_type
    if kind in GENERIC_TYPES:
        if not tellings.dated:
            return set()  # an undated telling of no type is no other article's
        return {("stem", kind, actor, word[:STEM]) for actor in tellings.actors for word in tellings.words or ()}
    if tellings.dated:
        return {("actor", kind, actor) for actor in tellings.actors}
    if tellings.undated:
        return {("word", kind, actor, word) for actor in tellings.actors for word in tellings.words or ()}
    return set()  # dated and undated tellings at once: no date's event and no undated one


def _days(days: Range, reach: timedelta) -> Days:
    """The days of one telling widened by ``reach`` on both sides; None for any day."""
    earliest, latest = days
    if earliest is None or latest is None or earliest > latest:
        return None  # undated, open or inverted bounds: the rules let it lie anywhere
    return earliest.toordinal() - reach.days, latest.toordinal() + reach.days


def _weeks(days: Days) -> Weeks:
    return None if days is None else (days[0] // 7, days[1] // 7)


def _reach(event_type: str) -> timedelta:
    return NEAR if event_type in GENERIC_TYPES else CONFLICT_REACH


@dataclass(slots=True)
class _Block:
    """The nodes filed under one key: by week, by quarter (over ``FINE_WEEKS`` weeks), and those
    that may lie in any week."""

    weeks: dict[int, list[int]] = field(default_factory=dict)
    quarters: dict[int, list[int]] = field(default_factory=dict)
    anywhere: list[int] = field(default_factory=list)

    def file(self, serial: int, weeks: Weeks) -> None:
        if weeks is None or weeks[1] - weeks[0] >= MAX_WEEKS:
            self.anywhere.append(serial)
        elif weeks[1] - weeks[0] < FINE_WEEKS:
            _file(self.weeks, serial, weeks)
        else:
            _file(self.quarters, serial, _quarters(weeks))

    def find(self, weeks: Weeks, found: set[int]) -> None:
        found.update(self.anywhere)
        _find(self.weeks, weeks, found)
        if self.quarters:
            _find(self.quarters, _quarters(weeks), found)


def _quarters(weeks: Weeks) -> Weeks:
    return None if weeks is None else (weeks[0] // QUARTER, weeks[1] // QUARTER)


def _file(shelf: dict[int, list[int]], serial: int, span: tuple[int, int]) -> None:
    for bucket in range(span[0], span[1] + 1):
        shelf.setdefault(bucket, []).append(serial)


def _find(shelf: dict[int, list[int]], span: Weeks, found: set[int]) -> None:
    if span is None:
        for serials in shelf.values():
            found.update(serials)
    elif span[1] - span[0] < len(shelf):
        for bucket in range(span[0], span[1] + 1):
            found.update(shelf.get(bucket, ()))
    else:  # a span over more buckets than the shelf has: go through the shelf's
        for bucket, serials in shelf.items():
            if span[0] <= bucket <= span[1]:
                found.update(serials)


@dataclass(slots=True)
class FiledNode:
    """A node, its tellings, and where the index has filed it."""

    node: EventNode
    tellings: Tellings
    days: Days  # of its first telling, which stays first through every join and merge
    keys: tuple[Key, ...] = ()
    # how many actors and words it had when last filed: a node's sets only grow, so the same
    # counts mean no key gained, and a join that brings nothing new costs no keys made again
    names: tuple[int, int] = (0, 0)


class NodeIndex:
    """The event nodes made so far, each with its tellings, filed under their keys and weeks.

    A node is filed when made (:meth:`add`) and again under the keys it gains (:meth:`grow`); a node
    merged into another is dropped (:meth:`retire`) and its keys become the other's by ``grow``.
    A node's serial is its place in the order made.
    """

    def __init__(self) -> None:
        self._filed: list[FiledNode | None] = []  # None: merged into another
        self._blocks: dict[Key, _Block] = {}

    def __getitem__(self, serial: int) -> FiledNode:
        filed = self._filed[serial]
        if filed is None:
            raise KeyError(serial)
        return filed

    def nodes(self) -> list[EventNode]:
        """The nodes not merged into another, in the order they were made."""
        return [filed.node for filed in self._filed if filed is not None]

    def add(self, node: EventNode, tellings: Tellings) -> None:
        self._filed.append(FiledNode(node, tellings, _days(tellings.first_days, timedelta(0))))
        self.grow(len(self._filed) - 1)

    def grow(self, serial: int) -> None:
        """File the node under the keys its tellings have gained."""
        filed = self[serial]
        names = len(filed.tellings.actors), len(filed.tellings.words or ())
        if names == filed.names:
            return
        filed.names = names
        gained = block_keys(filed.tellings).difference(filed.keys)
        filed.keys += tuple(gained)
        weeks = _weeks(filed.days)
        for key in gained:
            self._blocks.setdefault(key, _Block()).file(serial, weeks)

    def retire(self, serial: int) -> None:
        """Drop a node merged into another (its filings are skipped from now on)."""
        self._filed[serial] = None

    def candidates(self, tellings: Tellings) -> list[int]:
        """The nodes that could join ``tellings``, in the order they were made."""
        reach = _days(tellings.first_days, _reach(tellings.event_type))
        weeks = _weeks(reach)
        found: set[int] = set()
        for key in block_keys(tellings):
            block = self._blocks.get(key)
            if block is not None:
                block.find(weeks, found)
        return sorted(serial for serial in found if self._near(serial, reach))

    def _near(self, serial: int, reach: Days) -> bool:
        """Whether the node is not merged and its first telling lies within ``reach``."""
        filed = self._filed[serial]
        if filed is None:
            return False
        return reach is None or filed.days is None or (filed.days[0] <= reach[1] and reach[0] <= filed.days[1])
