"""Linking speed: ``graph.link.link_events`` on synthetic events at growing sizes (issue 19).

    python benchmarks/link_speed.py [--sizes 10000 20000 40000] [--processes 3] [--repeat 5] [--seed 0] [--compare]

The events are shaped like a news collection's: articles of about ``EVENTS_PER_ARTICLE`` events,
published over ``DAYS`` days, telling mostly what happened in the days before; many event types,
a quarter of no specific type ("statement", "occurrence"), a few states; actors and places drawn
by a Zipf law (the first actor is in thousands of events at 40,000); most events dated to a day,
some to a month or a year, some undated; and some events retold by a later article (the same
type, actors and word, the date agreeing or a few days off), so that nodes gather tellings and
disagree on dates as in a real build. Same sizes and seed: the same events.

The linker is timed in ``--processes`` fresh processes, one after another, each running
``--repeat`` rounds; a round links every size in turn, so that a slow spell of the machine touches
its sizes alike and its ratio of one size's time to the previous one's stands. The table gives each
size's median time and the median of all rounds' ratios. Fresh processes, because where a
process's memory happens to lie moves its ratios by about 5%, one way or the other, for all its
rounds. The goals: 40,000 events in under ``GOAL_SECONDS`` seconds, and each doubling at most
``GOAL_RATIO`` times slower (linear, with some noise). ``--compare`` also times the linker of
before, which compared each event with every node (``tests/test_link_scaling.py``), at the
smallest size, and checks that both give the same nodes.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import math
import random
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.extract.event_words import STATE_NOUNS  # noqa: E402
from graph.extract.merge import GENERIC_TYPES  # noqa: E402
from graph.extract.modes import STATE_TYPE  # noqa: E402
from graph.link import link_events  # noqa: E402
from graph.model import Argument, Entity, Event, EventNode, Mention, Span  # noqa: E402

__all__ = ["generate", "main"]

GOAL_SECONDS = 5.0
GOAL_RATIO = 2.3
EVENTS_PER_ARTICLE = 15
FIRST_DAY = date(2019, 1, 1)
DAYS = 3 * 365
SPECIFIC_TYPES = 40
P_GENERIC = 0.25
P_STATE = 0.03
ZIPF_EXPONENT = 1.1
ACTOR_COUNTS = (0.15, 0.50, 0.28, 0.07)  # chance of 0, 1, 2, 3 actors
P_PLACE = 0.30
# How an event is dated: (days it spans, chance); None: undated.
DATINGS = ((0, 0.62), (6, 0.05), (30, 0.10), (364, 0.05), (None, 0.18))
P_RETOLD = 0.12  # events that retell an event of an earlier article
P_DATE_OFF = 0.3  # of those: told a few days off
WORDS_PER_TYPE = 3
GENERIC_WORDS = 300
ROLES = ("agent", "patient", "participant")


def _zipf(count: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank ** ZIPF_EXPONENT) for rank in range(1, count + 1)))


def _pick(rng: random.Random, items: list, weights: list[float]):
    return items[bisect.bisect_left(weights, rng.random() * weights[-1])]


def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bdgklmnprstvaeiou") for _ in range(rng.randint(4, 9)))


class _Maker:
    """Draws events for one collection: its cast, types and words fixed by the seed."""

    def __init__(self, events: int, seed: int) -> None:
        self.rng = random.Random(f"link-{events}-{seed}")
        rng = self.rng
        self.actors = [Entity(f"actor{i}", f"Actor {i}", "actor", "person") for i in range(max(50, events // 20))]
        self.places = [Entity(f"place{i}", f"Place {i}", "place", "city") for i in range(max(20, events // 200))]
        self.actor_weights, self.place_weights = _zipf(len(self.actors)), _zipf(len(self.places))
        self.type_words = {f"type{i}": [_word(rng) for _ in range(WORDS_PER_TYPE)] for i in range(SPECIFIC_TYPES)}
        self.type_weights = _zipf(SPECIFIC_TYPES)
        self.generic_words = [_word(rng) for _ in range(GENERIC_WORDS)]
        self.generic_weights = _zipf(GENERIC_WORDS)
        self.state_words = sorted(STATE_NOUNS)

    def event(self, doc_id: str, start: int, published: date, told: list[Event]) -> Event:
        rng = self.rng
        if told and rng.random() < P_RETOLD:
            return self.retold(doc_id, start, rng.choice(told))
        draw = rng.random()
        if draw < P_GENERIC:
            kind, words = rng.choice(sorted(GENERIC_TYPES)), [_pick(rng, self.generic_words, self.generic_weights)]
        elif draw < P_GENERIC + P_STATE:
            kind, words = STATE_TYPE, [rng.choice(self.state_words)]
        else:
            kind = _pick(rng, list(self.type_words), self.type_weights)
            words = [rng.choice(self.type_words[kind])]
        count = rng.choices(range(len(ACTOR_COUNTS)), ACTOR_COUNTS)[0]
        actors = dict.fromkeys(_pick(rng, self.actors, self.actor_weights) for _ in range(count))  # in order drawn
        arguments = [(rng.choice(ROLES), actor) for actor in actors]
        if rng.random() < P_PLACE:
            arguments.append(("place", _pick(rng, self.places, self.place_weights)))
        length = rng.choices([d for d, _ in DATINGS], [p for _, p in DATINGS])[0]
        earliest = latest = None
        if length is not None:
            earliest = published - timedelta(days=rng.randint(0, 10) if length == 0 else rng.randint(0, length))
            latest = earliest + timedelta(days=length)
        return _event(doc_id, start, kind, words, arguments, earliest, latest)

    def retold(self, doc_id: str, start: int, told: Event) -> Event:
        earliest, latest = told.earliest, told.latest
        if earliest is not None and self.rng.random() < P_DATE_OFF:
            off = timedelta(days=self.rng.choice((-3, -1, 1, 2, 5)))
            earliest, latest = earliest + off, latest + off
        arguments = [(a.role, a.mention.entity) for a in told.arguments]
        return _event(doc_id, start, told.event_type, told.trigger_lemmas, arguments, earliest, latest)


def _event(doc_id: str, start: int, kind: str, words: list[str], arguments: list[tuple[str, Entity]],
           earliest: date | None, latest: date | None) -> Event:
    span = Span(doc_id, start, start + len(words[0]))
    return Event(doc_id, [span], list(words), [span], kind, words[0],
                 [Argument(role, Mention(span, entity.label, entity)) for role, entity in arguments],
                 None, earliest, latest, dated_by="own", trigger_lemmas=list(words))


def generate(events: int, seed: int = 0) -> list[Event]:
    """``events`` synthetic events of ``events // EVENTS_PER_ARTICLE`` articles (module docstring)."""
    maker = _Maker(events, seed)
    articles = max(1, events // EVENTS_PER_ARTICLE)
    published = sorted(FIRST_DAY + timedelta(days=maker.rng.randrange(DAYS)) for _ in range(articles))
    made: list[Event] = []
    recent: list[Event] = []  # what earlier articles told lately: what a new one retells
    for number in range(articles):
        doc_id = f"doc{number:06d}"
        count = EVENTS_PER_ARTICLE if number < articles - 1 else events - len(made)
        own = [maker.event(doc_id, 100 * i, published[number], recent) for i in range(count)]
        made += own
        recent = (recent + own)[-20 * EVENTS_PER_ARTICLE:]
    return made


def _seconds(run) -> tuple[float, list[EventNode]]:
    started = time.perf_counter()
    nodes = run()
    return time.perf_counter() - started, nodes


def _described(nodes: list[EventNode]) -> list[tuple]:
    return [([id(m) for m in n.members], n.earliest, n.latest, id(n.chosen), n.conflict) for n in nodes]


def _rounds(sizes: list[int], repeat: int, seed: int) -> dict[int, list[float]]:
    """Each size's seconds in ``repeat`` rounds of this process."""
    collections = {size: generate(size, seed) for size in sizes}
    rounds: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(repeat):
        for size, events in collections.items():
            rounds[size].append(_seconds(lambda: link_events(events))[0])
    return rounds


def _rounds_in_processes(sizes: list[int], processes: int, repeat: int, seed: int) -> dict[int, list[float]]:
    rounds: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(processes):
        done = subprocess.run([sys.executable, __file__, "--rounds-only", "--sizes", *map(str, sizes),
                               "--repeat", str(repeat), "--seed", str(seed)], capture_output=True, text=True,
                              check=True)
        for size, seconds in json.loads(done.stdout).items():
            rounds[int(size)] += seconds
    return rounds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 20_000, 40_000])
    parser.add_argument("--processes", type=int, default=3, help="fresh processes to time in, one after another")
    parser.add_argument("--repeat", type=int, default=5, help="rounds in each process")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--compare", action="store_true", help="also time the pairwise linker at the smallest size")
    parser.add_argument("--rounds-only", action="store_true", help=argparse.SUPPRESS)  # one timing process
    args = parser.parse_args(argv)
    sizes = sorted(args.sizes)
    if args.rounds_only:
        print(json.dumps(_rounds(sizes, args.repeat, args.seed)))
        return 0
    rounds = _rounds_in_processes(sizes, args.processes, args.repeat, args.seed)
    print(f"{'events':>8} {'nodes':>8} {'retold':>7} {'seconds':>8} {'ratio':>6}   "
          f"(median of {len(rounds[sizes[0]])} rounds in {args.processes} processes)")
    collections = {size: generate(size, args.seed) for size in sizes}
    ratios: list[float] = []
    for previous, size in zip([None, *sizes], sizes):
        nodes = link_events(collections[size])
        retold = sum(len(node.doc_ids) > 1 for node in nodes)
        if previous is not None:
            ratios.append(statistics.median(b / a for a, b in zip(rounds[previous], rounds[size])))
        ratio = f"{ratios[-1]:.2f}" if previous is not None else "-"
        print(f"{size:>8} {len(nodes):>8} {retold:>7} {statistics.median(rounds[size]):>8.2f} {ratio:>6}", flush=True)
    largest_seconds = statistics.median(rounds[sizes[-1]])
    print(f"{sizes[-1]} events in {largest_seconds:.2f} s: {'under' if largest_seconds < GOAL_SECONDS else 'OVER'} "
          f"the {GOAL_SECONDS:g} s goal")
    for slower, n, m in zip(ratios, sizes, sizes[1:]):
        per_doubling = slower ** (1 / max(1e-9, math.log2(m / n)))
        print(f"{n} -> {m}: {slower:.2f}x ({per_doubling:.2f}x per doubling): "
              f"{'within' if per_doubling <= GOAL_RATIO else 'OVER'} the {GOAL_RATIO:g}x goal")
    if args.compare:
        from tests.test_link_scaling import link_events_pairwise

        events = collections[sizes[0]]
        pairwise, old = _seconds(lambda: link_events_pairwise(events))
        keyed = min(rounds[sizes[0]])
        same = _described(old) == _described(link_events(events))
        print(f"pairwise at {sizes[0]} events: {pairwise:.2f} s, {pairwise / keyed:.0f}x the keyed linker's best round; "
              f"same nodes: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
