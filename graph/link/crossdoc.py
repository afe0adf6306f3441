"""One node per real event and actor across articles, with disagreements kept.

Events of different articles are the same event when they have the same specific type, share an
actor, do not name different places, and their dates overlap (or both are undated and told in the
same word), or the same word is said of the same agent a day apart (news tells yesterday's
resignation today); events of no specific type, when the same word is said of the same agent on
overlapping days, or of the same two actors at most a day apart. A telling that joins two nodes
makes them one. When two articles tell an event with the same agent at the same place (or the
same two actors) on days that cannot both be true but lie within a week of each other, they are
still one event and the disagreement is recorded (further apart, they are two happenings): every
dated telling becomes a :class:`DateClaim`, and the event keeps the best-supported date (the
strongest dating evidence, then the most articles agreeing, then the earliest article).

People known only by surname in one article ("Smith") are the person of that surname named in
full in another ("John Smith") when exactly one such person exists in the collection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace

from graph import collector
from graph.extract.event_words import STATE_NOUNS
from graph.extract.merge import DATING_STRENGTH, GENERIC_TYPES
from graph.extract.modes import STATE_TYPE
from graph.model import Argument, DateClaim, Event, EventNode

from .blocking import NodeIndex
from .rules import CONFLICT_REACH, Range, Tellings, overlap, retold_generic, same_specific_event, within

__all__ = ["link", "link_events", "unify_people"]


def link_events(events: Sequence[Event]) -> list[EventNode]:
    """Group the events of many articles into event nodes, in a deterministic order.

    Events are taken in order of article and first mention; each joins the first node (in the
    order made) it is a telling of, and a telling that joins several nodes makes them one. Each is
    compared only with the nodes :class:`graph.link.blocking.NodeIndex` finds under its keys, so
    the time grows with the number of events, not with its square.
    """
    # linking makes many objects and no reference cycles
    with collector.paused():
        return _linked(sorted(events, key=lambda e: (e.doc_id, e.triggers[0].start)))


def _linked(ordered: list[Event]) -> list[EventNode]:
    index = NodeIndex()
    for event in ordered:
        told = Tellings.one(event)
        targets = [serial for serial in index.candidates(told) if _joins(index[serial].tellings, told)]
        if not targets:
            index.add(EventNode([event]), told)
            continue
        target = index[targets[0]]
        target.node.members.append(event)
        target.tellings.absorb(told)
        # "Apple launched the store" and "the iTunes store launched" told apart, then one article
        # telling "Apple launched the iTunes store": the telling that joins both makes them one
        for serial in targets[1:]:
            other = index[serial]
            if _mergeable(target.tellings, other.tellings):
                target.node.members.extend(other.node.members)
                target.tellings.absorb(other.tellings)
                index.retire(serial)
        index.grow(targets[0])
    nodes = index.nodes()
    for node in nodes:
        _settle_dates(node)
    return nodes


def link(extractions: Iterable) -> list[EventNode]:
    """The event nodes of a batch of extractions (``graph.model.Extraction``): people unified, events linked."""
    return link_events(unify_people([event for extraction in extractions for event in extraction.events]))


def _joins(node: Tellings, new: Tellings) -> bool:
    if node.event_type != new.event_type:
        return False
    if new.event_type == STATE_TYPE and not (new.first_words <= STATE_NOUNS and node.first_words <= STATE_NOUNS):
        return False  # "Apple is" in two articles is no one state; "his medical leave" may be
    if not node.docs.isdisjoint(new.docs):
        return False  # within an article, graph.extract.merge has already decided
    if new.event_type in GENERIC_TYPES:
        return retold_generic(node, new)
    return same_specific_event(node, new)


def _mergeable(a: Tellings, b: Tellings) -> bool:
    """Whether two nodes that one telling joins may become one: no article in both (within an
    article, graph.extract.merge has decided) and no two tellings' dates beyond conflict reach."""
    return a.docs.isdisjoint(b.docs) and within(a, b, CONFLICT_REACH.days)


def _settle_dates(node: EventNode) -> None:
    dated = [m for m in node.members if m.earliest is not None and m.latest is not None]
    if not dated:
        return
    agreeing = _agreeing([_days(member) for member in dated])

    def support(number: int) -> tuple:
        member = dated[number]
        return DATING_STRENGTH.get(member.dated_by, 9), -agreeing[number], member.doc_id

    chosen = dated[min(range(len(dated)), key=support)]
    earliest, latest = chosen.earliest, chosen.latest
    disagree = False
    for other in dated:
        if other is not chosen and overlap(_days(chosen), _days(other)) and DATING_STRENGTH.get(other.dated_by, 9) \
                <= DATING_STRENGTH.get(chosen.dated_by, 9):
            if not overlap((earliest, latest), _days(other)):
                # "in July" told as the 5th by one article and the 18th by another: both lie in the
                # month, not in each other; the first keeps the day and the other is a claim
                disagree = True
                continue
            earliest, latest = max(earliest, other.earliest), min(latest, other.latest)
    node.chosen, node.earliest, node.latest = chosen, earliest, latest
    if disagree or any(not overlap(_days(chosen), _days(other)) for other in dated):
        node.conflict = [DateClaim(m.doc_id, m.earliest, m.latest, m.timex.text if m.timex else "", m.dated_by)
                         for m in dated]


def _agreeing(days: list[Range]) -> list[int]:
    """For each telling's days, how many tellings' days overlap them (its own too).

    Those that begin by their last day, less those of them that end before their first, counted by
    bisecting the sorted bounds: a story told by thousands of articles costs no look at every pair.
    """
    if any(earliest > latest for earliest, latest in days):
        # inverted bounds: one can end before another begins yet begin after it ends
        return [sum(1 for other in days if overlap(these, other)) for these in days]
    firsts, lasts = sorted(earliest for earliest, _ in days), sorted(latest for _, latest in days)
    return [bisect_right(firsts, latest) - bisect_left(lasts, earliest) for earliest, latest in days]


def _days(event: Event) -> Range:
    return event.earliest, event.latest


def unify_people(events: Sequence[Event]) -> list[Event]:
    """Replace surname-only people minted from NER by the one full-named person of that surname."""
    people = {a.mention.entity.key: a.mention.entity for e in events for a in e.arguments
              if a.mention.entity.category == "person"}
    full = {}
    for entity in people.values():
        words = entity.label.split()
        if len(words) > 1:
            full.setdefault(words[-1], []).append(entity)
    renamed = {}
    for key, entity in people.items():
        if " " not in entity.label and not entity.in_gazetteer and len(full.get(entity.label, [])) == 1:
            renamed[key] = full[entity.label][0]
    if not renamed:
        return list(events)
    return [replace(e, arguments=[_renamed(a, renamed) for a in e.arguments]) for e in events]


def _renamed(argument: Argument, renamed: dict) -> Argument:
    entity = renamed.get(argument.mention.entity.key)
    if entity is None:
        return argument
    return Argument(argument.role, replace(argument.mention, entity=entity))
