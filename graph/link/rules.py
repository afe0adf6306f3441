"""When tellings are one event: the joining rules of cross-article linking.

A join has two sides, each a :class:`Tellings`: what the rules need of an event node's tellings
(its actors, agents, places, words, one date range per telling, its articles), or of one new
telling. ``build`` (:mod:`graph.link.crossdoc`) joins a new telling to the nodes made so far;
``add`` (:mod:`graph.pipeline.add`) joins a new node to a stored one, whose words the store does
not keep (``words`` is None: unknown words neither forbid a join nor prove one).

- **Specific types** (:func:`same_specific_event`): a shared actor, no two different places, and
  dates that overlap (or both sides undated and told in the same word); or the same word said of
  the same agent at most a day apart; or, dates beyond both but within ``CONFLICT_REACH``, the same
  agent at the same place or two shared actors (the date told wrong by one side).
- **Generic types** (:func:`retold_generic`): words of one stem (``one_stem``), a shared actor or
  agent, dates overlapping or a day apart; never undated.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from dataclasses import InitVar, dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from graph.extract.merge import one_stem
from graph.model import Entity, Event

__all__ = ["ACTORS", "CONFLICT_REACH", "NEAR", "Tellings", "overlap", "retold_generic", "same_specific_event",
           "within"]

ACTORS = ("agent", "patient", "participant")
# How far apart two tellings' dates may lie and still be one event told wrong by one side ("on
# Thursday" against "on Friday"): further apart, the same actors did two things.
CONFLICT_REACH = timedelta(days=7)
# How far apart the same word said of the same doer may be dated: news tells yesterday's
# resignation today.
NEAR = timedelta(days=1)

Range = tuple[date | None, date | None]  # (earliest, latest) of one telling; None: not dated


@dataclass(slots=True)
class Tellings:
    """What the joining rules need of one side of a join: an event node's tellings, or a new one.

    ``ranges`` gives one (earliest, latest) per telling, in the order told; what is kept of them is
    the first (``first_days``), how many there are, and the days all of them share
    (``shared_days``), from which the rules read whether every telling lies near every one of the
    other side, so that a join costs the same whether a node has two tellings or two hundred.
    ``words`` are the trigger lemmas, None when unknown (a stored node's); ``first_words`` each
    telling's first one.

    One telling's sets are frozen and, when they are of one name, shared between tellings
    (``_shared``): most nodes of a collection are told once, and a set of its own for each of their
    names held two thirds of the linker's memory. A side's sets become its own when it absorbs
    another's names.
    """

    event_type: str
    docs: AbstractSet[str] = frozenset()
    actors: AbstractSet[str] = frozenset()
    agents: AbstractSet[str] = frozenset()
    places: AbstractSet[str] = frozenset()
    words: AbstractSet[str] | None = frozenset()
    first_words: AbstractSet[str] = frozenset()
    ranges: InitVar[Iterable[Range]] = ()
    first_days: Range = field(init=False, default=(None, None))  # the first telling's
    count: int = field(init=False, default=0)  # tellings
    undated_count: int = field(init=False, default=0)  # tellings without a first day
    # the days every telling with both bounds covers: (latest first day, earliest last day) as
    # ordinals, the first after the last when they have none in common; None: no such telling
    shared_days: tuple[int, int] | None = field(init=False, default=None)

    def __post_init__(self, ranges: Iterable[Range]) -> None:
        self._count(ranges)

    @classmethod
    def of(cls, events: Iterable[Event], key: Callable[[Entity], str] = lambda entity: entity.key) -> Tellings:
        """The tellings of ``events`` (of one type), entities named by ``key``."""
        events = list(events)
        tellings = cls(events[0].event_type)
        for event in events:
            tellings.absorb(cls.one(event, key))
        return tellings

    @classmethod
    def one(cls, event: Event, key: Callable[[Entity], str] = lambda entity: entity.key) -> Tellings:
        """The one telling ``event`` is, entities named by ``key``."""
        actors, agents, places = [], [], []
        for argument in event.arguments:
            if argument.role in ACTORS:
                actors.append(key(argument.mention.entity))
                if argument.role == "agent":
                    agents.append(key(argument.mention.entity))
            elif argument.role == "place":
                places.append(key(argument.mention.entity))
        words = event.trigger_lemmas
        # two or three actors together are seldom told again: no sharing, which would crowd out
        # the single names that are
        return cls(event.event_type, _shared(event.doc_id), frozenset(actors) if len(actors) > 1 else _shared(*actors),
                   _shared(*agents), _shared(*places), _shared(*words), _shared(*words[:1]),
                   ((event.earliest, event.latest),))

    def absorb(self, other: Tellings) -> None:
        """Take ``other``'s tellings in, after this side's own."""
        self.docs = _joined(self.docs, other.docs)
        self.actors = _joined(self.actors, other.actors)
        self.agents = _joined(self.agents, other.agents)
        self.places = _joined(self.places, other.places)
        self.words = None if self.words is None or other.words is None else _joined(self.words, other.words)
        self.first_words = _joined(self.first_words, other.first_words)
        if self.count == 0:
            self.first_days = other.first_days
        self.count += other.count
        self.undated_count += other.undated_count
        if other.shared_days is not None:
            self._narrow(*other.shared_days)

    def _count(self, ranges: Iterable[Range]) -> None:
        for earliest, latest in ranges:
            if self.count == 0:
                self.first_days = earliest, latest
            self.count += 1
            if earliest is None:
                self.undated_count += 1
            elif latest is not None:
                self._narrow(earliest.toordinal(), latest.toordinal())

    def _narrow(self, first: int, last: int) -> None:
        if self.shared_days is not None:
            first, last = max(self.shared_days[0], first), min(self.shared_days[1], last)
        self.shared_days = first, last

    @property
    def dated(self) -> bool:
        """Whether every telling is dated."""
        return not self.undated_count

    @property
    def undated(self) -> bool:
        """Whether no telling is dated."""
        return self.undated_count == self.count


@lru_cache(maxsize=4096)
def _shared(*names: str) -> frozenset[str]:
    """One frozen set for these names, the same for every telling that has them (of the last 4,096 asked for)."""
    return frozenset(names)


def _joined(mine: AbstractSet[str], theirs: AbstractSet[str]) -> AbstractSet[str]:
    """``mine`` with ``theirs`` in it: a set of this side's own, never a shared one changed."""
    if theirs <= mine:
        return mine
    if isinstance(mine, frozenset):
        return set(mine) | theirs
    mine |= theirs
    return mine


def overlap(a: Range, b: Range) -> bool:
    """Whether two tellings' days overlap (a telling with an open bound overlaps any)."""
    if a[0] is None or a[1] is None or b[0] is None or b[1] is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


def within(a: Tellings, b: Tellings, days: int) -> bool:
    """Whether every telling of ``a`` lies within ``days`` of every telling of ``b`` (0: they
    overlap); a telling with an open bound lies anywhere."""
    if a.shared_days is None or b.shared_days is None:
        return True
    return a.shared_days[0] <= b.shared_days[1] + days and b.shared_days[0] <= a.shared_days[1] + days


def _places_disagree(a: Tellings, b: Tellings) -> bool:
    return bool(a.places and b.places) and a.places.isdisjoint(b.places)


def same_specific_event(node: Tellings, new: Tellings) -> bool:
    """Whether ``new`` tells the event of ``node`` (both of one specific type, from no common article)."""
    shared = node.actors & new.actors
    if not shared or _places_disagree(node, new):
        return False
    same_word = None if node.words is None or new.words is None else not node.words.isdisjoint(new.words)
    both_dated = node.dated and new.dated
    if not both_dated and not (node.undated and new.undated and same_word is not False):
        # an undated telling is no date's event: "the deal" of a 2007 article is not the deal of
        # 2004 that another dates; two undated ones are one event only in the same word
        return False
    if within(node, new, 0):
        return True
    shared_agent = not node.agents.isdisjoint(new.agents)
    if shared_agent and same_word and within(node, new, NEAR.days):
        return True  # "resigned" told on the 24th and the 25th: one day apart is how news lags
    if not within(node, new, CONFLICT_REACH.days):
        return False
    return (shared_agent and not node.places.isdisjoint(new.places)) or len(shared) >= 2


def retold_generic(node: Tellings, new: Tellings) -> bool:
    """Whether ``new``, of no specific type ("Steve Jobs introduced ...", "Boeing claims ..."), is
    another article's telling of ``node``: the same word said of the same agent on overlapping days,
    at no other place; with no type to go by, the word, the doer and the days must all agree."""
    words, new_words = node.words or set(), new.words or set()
    if not any(one_stem(a, b) for a in words for b in new_words) or _places_disagree(node, new) \
            or not (node.dated and new.dated):
        return False
    if not words & new_words:
        # "the delivery to Singapore Airlines" and "delivered to Singapore Airlines": words of one
        # stem, with an actor in common, on overlapping days
        return bool(node.actors & new.actors) and within(node, new, 0)
    if node.agents & new.agents and within(node, new, 0):
        return True
    # "Northrop Grumman and EADS defeated Boeing", told dated a day apart: the same two or more
    # actors and the same word on days at most one apart
    return len(node.actors & new.actors) >= 2 and within(node, new, NEAR.days)
