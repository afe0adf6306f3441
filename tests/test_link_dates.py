"""The date a linked event node settles on is a real range, and disagreeing tellings are kept as claims."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings

from graph.link import link_events
from graph.model import Argument, Entity, Event, Mention, Span
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
