"""The date a linked event node settles on is a real range, and disagreeing tellings are kept as claims."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from graph.link import link_events
from graph.link.crossdoc import _settle_dates
from graph.model import Argument, Entity, Event, EventNode, Mention, Span
from tests.test_link_scaling import EXAMPLES, made_up_events

ANA = Entity("ana", "Ana", "actor", "person")
OSLO = Entity("oslo", "Oslo", "place", "city")


def telling(doc_id: str, earliest: date, latest: date) -> Event:
    span = Span(doc_id, 0, 4)
    arguments = [Argument("agent", Mention(span, "Ana", ANA)), Argument("place", Mention(span, "Oslo", OSLO))]
    return Event(doc_id, [span], ["meet"], [], "meet", "Ana met", arguments, None, earliest, latest,
                 dated_by="own", trigger_lemmas=["meet"])


def test_two_days_inside_one_month_settle_on_one_day_and_keep_both_claims():
    month = telling("a", date(2016, 7, 1), date(2016, 7, 31))
    fifth, tenth = telling("b", date(2016, 7, 5), date(2016, 7, 5)), telling("c", date(2016, 7, 10), date(2016, 7, 10))
    [node] = link_events([month, fifth, tenth])
    assert node.earliest <= node.latest
    assert (node.earliest, node.latest) == (date(2016, 7, 5), date(2016, 7, 5))
    assert {(claim.doc_id, claim.earliest) for claim in node.conflict} >= {("b", date(2016, 7, 5)),
                                                                          ("c", date(2016, 7, 10))}


def test_agreeing_tellings_narrow_the_date_without_a_conflict():
    month, day = telling("a", date(2016, 7, 1), date(2016, 7, 31)), telling("b", date(2016, 7, 5), date(2016, 7, 5))
    [node] = link_events([month, day])
    assert (node.earliest, node.latest) == (date(2016, 7, 5), date(2016, 7, 5)) and not node.conflict


@settings(max_examples=EXAMPLES, deadline=None)
@given(made_up_events())
def test_a_node_of_well_formed_tellings_has_a_well_formed_range(events):
    for node in link_events(events):
        dated = [m for m in node.members if m.earliest is not None and m.latest is not None]
        if dated and all(m.earliest <= m.latest for m in dated):
            assert node.earliest <= node.latest, [(m.doc_id, m.earliest, m.latest) for m in node.members]


def test_the_date_most_tellings_agree_on_wins_over_a_lone_one():
    lone = telling("a", date(2016, 7, 9), date(2016, 7, 9))
    agreeing = [telling(doc, date(2016, 7, 4), date(2016, 7, 6)) for doc in "bcd"]
    [node] = link_events([lone, *agreeing])
    assert node.chosen.doc_id == "b" and (node.earliest, node.latest) == (date(2016, 7, 4), date(2016, 7, 6))


# Day ranges of a few days in one month, some inverted (bounds told the wrong way round).
RANGES = st.lists(st.tuples(st.integers(0, 30), st.integers(-3, 6)), min_size=1, max_size=30)


@settings(max_examples=EXAMPLES, deadline=None)
@given(RANGES)
def test_a_node_keeps_the_telling_most_others_agree_with(ranges):
    first = date(2016, 7, 1)
    members = [telling(f"doc{number:02d}", first + timedelta(days=start), first + timedelta(days=start + length))
               for number, (start, length) in enumerate(ranges)]
    node = EventNode(list(members))
    _settle_dates(node)

    def agreeing(member: Event) -> int:  # counted pair by pair
        return sum(1 for other in members if other.earliest <= member.latest and member.earliest <= other.latest)

    most = max(agreeing(member) for member in members)
    assert node.chosen is next(member for member in members if agreeing(member) == most)
