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

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from graph.extract.event_words import STATE_NOUNS
from graph.extract.merge import DATING_STRENGTH, GENERIC_TYPES, one_stem
from graph.extract.modes import STATE_TYPE
from graph.model import Argument, DateClaim, Event, EventNode

__all__ = ["ACTORS", "CONFLICT_REACH", "in_conflict_reach", "link", "link_events", "unify_people"]

# How far apart two tellings' dates may lie and still be one event told wrong by one side ("on
# Thursday" against "on Friday"): further apart, the same actors did two things.
CONFLICT_REACH = timedelta(days=7)


def in_conflict_reach(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
    """Whether two date ranges (earliest, latest) lie within ``CONFLICT_REACH`` of each other."""
    if None in (*a, *b):
        return True
    return b[0] - a[1] <= CONFLICT_REACH and a[0] - b[1] <= CONFLICT_REACH


def link_events(events: Sequence[Event]) -> list[EventNode]:
    """Group the events of many articles into event nodes, in a deterministic order."""
    ordered = sorted(events, key=lambda e: (e.doc_id, e.triggers[0].start))
    nodes: list[EventNode] = []
    for event in ordered:
        targets = [n for n in nodes if _joins(n, event)]
        if not targets:
            nodes.append(EventNode([event]))
            continue
        target = targets[0]
        target.members.append(event)
        # "Apple launched the store" and "the iTunes store launched" told apart, then one article
        # telling "Apple launched the iTunes store": the telling that joins both makes them one
        for other in targets[1:]:
            if _mergeable(target, other):
                target.members.extend(other.members)
                nodes.remove(other)
    for node in nodes:
        _settle_dates(node)
    return nodes


def link(extractions: Iterable) -> list[EventNode]:
    """The event nodes of a batch of extractions (``graph.model.Extraction``): people unified, events linked."""
    return link_events(unify_people([event for extraction in extractions for event in extraction.events]))


def _keys(event: Event, roles: tuple[str, ...]) -> set[str]:
    return {a.mention.entity.key for a in event.arguments if a.role in roles}


ACTORS = ("agent", "patient", "participant")


def _joins(node: EventNode, event: Event) -> bool:
    if node.first.event_type != event.event_type:
        return False
    if event.event_type == STATE_TYPE and not all(m.trigger_lemmas[0] in STATE_NOUNS for m in (*node.members, event)):
        return False  # "Apple is" in two articles is no one state; "his medical leave" may be
    if event.doc_id in node.doc_ids:
        return False  # within an article, graph.extract.merge has already decided
    if event.event_type in GENERIC_TYPES:
        return _retold_generic(node, event)
    actors = set().union(*(_keys(m, ACTORS) for m in node.members))
    places = set().union(*(_keys(m, ("place",)) for m in node.members))
    shared = actors & _keys(event, ACTORS)
    event_places = _keys(event, ("place",))
    if not shared or (places and event_places and not places & event_places):
        return False
    lemmas = set().union(*(m.trigger_lemmas for m in node.members))
    dated = [m.earliest is not None for m in (*node.members, event)]
    if not all(dated) and (any(dated) or not lemmas & set(event.trigger_lemmas)):
        # an undated telling is no date's event: "the deal" of a 2007 article is not the deal of
        # 2004 that another dates; two undated ones are one event only in the same word
        return False
    if all(_overlap(m, event) for m in node.members):
        return True
    agents = set().union(*(_keys(m, ("agent",)) for m in node.members))
    if agents & _keys(event, ("agent",)) and lemmas & set(event.trigger_lemmas) \
            and all(_near(m, event) for m in node.members):
        return True  # "resigned" told on the 24th and the 25th: one day apart is how news lags
    if not all(in_conflict_reach((m.earliest, m.latest), (event.earliest, event.latest)) for m in node.members):
        return False
    same_place = bool(places & event_places)
    return (bool(agents & _keys(event, ("agent",))) and same_place) or len(shared) >= 2


def _mergeable(a: EventNode, b: EventNode) -> bool:
    """Whether two nodes that one telling joins may become one: no article in both (within an
    article, graph.extract.merge has decided) and no two tellings' dates beyond conflict reach."""
    return not set(a.doc_ids) & set(b.doc_ids) and all(
        in_conflict_reach((x.earliest, x.latest), (y.earliest, y.latest)) for x in a.members for y in b.members)


def _retold_generic(node: EventNode, event: Event) -> bool:
    """An event of no specific type ("Steve Jobs introduced ...", "Boeing claims ...") is another
    article's telling of a node when the same word is said of the same agent on overlapping days,
    at no other place: with no type to go by, the word, the doer and the days must all agree."""
    lemmas = set().union(*(m.trigger_lemmas for m in node.members))
    agents = set().union(*(_keys(m, ("agent",)) for m in node.members))
    places = set().union(*(_keys(m, ("place",)) for m in node.members))
    event_places = _keys(event, ("place",))
    if not any(one_stem(a, b) for a in lemmas for b in event.trigger_lemmas) \
            or (places and event_places and not places & event_places) \
            or event.earliest is None or any(m.earliest is None for m in node.members):
        return False
    if not lemmas & set(event.trigger_lemmas):
        # "the delivery to Singapore Airlines" and "delivered to Singapore Airlines": words of one
        # stem, with an actor in common, on overlapping days
        actors = set().union(*(_keys(m, ACTORS) for m in node.members))
        return bool(actors & _keys(event, ACTORS)) and all(_overlap(m, event) for m in node.members)
    if agents & _keys(event, ("agent",)) and all(_overlap(m, event) for m in node.members):
        return True
    # "Northrop Grumman and EADS defeated Boeing", told dated a day apart: the same two or more
    # actors and the same word on days at most one apart
    actors = set().union(*(_keys(m, ACTORS) for m in node.members))
    return len(actors & _keys(event, ACTORS)) >= 2 and all(_near(m, event) for m in node.members)


def _near(a: Event, b: Event) -> bool:
    """Overlapping, or at most one day apart."""
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return True
    return (b.earliest - a.latest).days <= 1 and (a.earliest - b.latest).days <= 1


def _overlap(a: Event, b: Event) -> bool:
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return True
    return a.earliest <= b.latest and b.earliest <= a.latest


def _settle_dates(node: EventNode) -> None:
    dated = [m for m in node.members if m.earliest is not None and m.latest is not None]
    if not dated:
        return

    def support(member: Event) -> tuple:
        agreeing = sum(1 for other in dated if _overlap(member, other))
        return DATING_STRENGTH.get(member.dated_by, 9), -agreeing, member.doc_id

    chosen = min(dated, key=support)
    earliest, latest = chosen.earliest, chosen.latest
    for other in dated:
        if other is not chosen and _overlap(chosen, other) and DATING_STRENGTH.get(other.dated_by, 9) \
                <= DATING_STRENGTH.get(chosen.dated_by, 9):
            earliest, latest = max(earliest, other.earliest), min(latest, other.latest)
    node.chosen, node.earliest, node.latest = chosen, earliest, latest
    if any(not _overlap(chosen, other) for other in dated):
        node.conflict = [DateClaim(m.doc_id, m.earliest, m.latest, m.timex.text if m.timex else "", m.dated_by)
                         for m in dated]


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
