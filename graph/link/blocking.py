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
  A node over more than ``MAX_WEEKS`` weeks (or open-ended) is filed under any week.

The index is a superset filter: the rules still decide. Candidates come back in the order the
nodes were made, as a scan of every node would meet them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from graph.extract.merge import GENERIC_TYPES
from graph.model import EventNode

from .rules import CONFLICT_REACH, NEAR, Range, Tellings

__all__ = ["MAX_WEEKS", "NodeIndex", "block_keys"]

# A first telling spread over more weeks than this ("in the 1990s") is filed under any week
# rather than under each: over a year is rare, and a year's weeks are still few.
MAX_WEEKS = 60
STEM = 4  # letters two words of one stem share (graph.extract.merge.one_stem)

Key = tuple[str, ...]
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


def _weeks(days: Range, reach: timedelta) -> Weeks:
    """The weeks of ``days`` widened by ``reach`` on both sides; None for any week."""
    earliest, latest = days
    if earliest is None or latest is None or earliest > latest:
        return None  # undated, open or inverted bounds: the rules let it lie anywhere
    return (earliest.toordinal() - reach.days) // 7, (latest.toordinal() + reach.days) // 7


def _reach(event_type: str) -> timedelta:
    return NEAR if event_type in GENERIC_TYPES else CONFLICT_REACH


@dataclass(slots=True)
class _Block:
    """The nodes filed under one key: by week, and those that may lie in any week."""

    weeks: dict[int, list[int]] = field(default_factory=dict)
    anywhere: list[int] = field(default_factory=list)

    def file(self, serial: int, weeks: Weeks) -> None:
        if weeks is None or weeks[1] - weeks[0] >= MAX_WEEKS:
            self.anywhere.append(serial)
            return
        for week in range(weeks[0], weeks[1] + 1):
            self.weeks.setdefault(week, []).append(serial)

    def find(self, weeks: Weeks, found: set[int]) -> None:
        found.update(self.anywhere)
        if weeks is None:
            for serials in self.weeks.values():
                found.update(serials)
        elif weeks[1] - weeks[0] < len(self.weeks):
            for week in range(weeks[0], weeks[1] + 1):
                found.update(self.weeks.get(week, ()))
        else:  # a telling over more weeks than the block has: go through the block's
            for week, serials in self.weeks.items():
                if weeks[0] <= week <= weeks[1]:
                    found.update(serials)


class NodeIndex:
    """The event nodes made so far, each with its tellings, filed under their keys and weeks.

    A node is filed when made (:meth:`add`) and again under the keys it gains (:meth:`grow`); a node
    merged into another is dropped (:meth:`retire`) and its keys become the other's by ``grow``.
    """

    def __init__(self) -> None:
        self._nodes: dict[int, tuple[EventNode, Tellings]] = {}  # serial -> node; in order made
        self._keys: dict[int, set[Key]] = {}
        self._weeks: dict[int, Weeks] = {}
        self._blocks: dict[Key, _Block] = {}

    def __getitem__(self, serial: int) -> tuple[EventNode, Tellings]:
        return self._nodes[serial]

    def nodes(self) -> list[EventNode]:
        """The nodes not merged into another, in the order they were made."""
        return [node for node, _ in self._nodes.values()]

    def add(self, node: EventNode, tellings: Tellings) -> None:
        serial = len(self._keys)
        self._nodes[serial] = (node, tellings)
        # its first telling stays first through every join and merge: its weeks are the node's
        self._weeks[serial] = _weeks(tellings.ranges[0], timedelta(0))
        self._keys[serial] = set()
        self.grow(serial)

    def grow(self, serial: int) -> None:
        """File the node under the keys its tellings have gained."""
        _, tellings = self._nodes[serial]
        gained = block_keys(tellings) - self._keys[serial]
        self._keys[serial] |= gained
        for key in gained:
            self._blocks.setdefault(key, _Block()).file(serial, self._weeks[serial])

    def retire(self, serial: int) -> None:
        """Drop a node merged into another (its filings are skipped from now on)."""
        del self._nodes[serial]

    def candidates(self, tellings: Tellings) -> list[int]:
        """The nodes that could join ``tellings``, in the order they were made."""
        weeks = _weeks(tellings.ranges[0], _reach(tellings.event_type))
        found: set[int] = set()
        for key in block_keys(tellings):
            block = self._blocks.get(key)
            if block is not None:
                block.find(weeks, found)
        return sorted(serial for serial in found if serial in self._nodes)
