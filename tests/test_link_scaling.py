"""Linking by keys gives exactly the nodes the pairwise linker gave, on real articles and on made-up ones.

``graph.link.link_events`` compares each event only with the nodes its keys find
(``graph.link.blocking``). The oracle here is the linker as it was before, which compared each
event with every node made so far, kept verbatim (only renamed) so that it stays what it was: the
same nodes, members in the same order, the same dates and conflicts, in the same node order, or
the index lost a pair the rules would have joined. Its speed is measured by
``benchmarks/link_speed.py``, not here.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from graph.eval.meantime import find_cat_files  # noqa: E402
from graph.extract.event_words import STATE_NOUNS  # noqa: E402
from graph.extract.merge import GENERIC_TYPES, one_stem  # noqa: E402
from graph.extract.modes import STATE_TYPE  # noqa: E402
from graph.link import link_events, unify_people  # noqa: E402
from graph.link.blocking import STEM  # noqa: E402
from graph.link.crossdoc import _settle_dates  # noqa: E402
from graph.model import Argument, Document, Entity, Event, EventNode, Mention, Span  # noqa: E402
from graph.pipeline import extract_all  # noqa: E402
from graph.pipeline.batch import BuildResult, read_documents  # noqa: E402
from graph.sources import find_sources  # noqa: E402
from graph.sources.cat import read_cat  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "tests" / "data" / "story"
SHARED_DATA = ROOT.parent / "shared" / "data"  # where the corpora lie beside the checkout
TIMEML_ARTICLES = 40  # the first AQUAINT articles: wire stories of a few topics, so some are retold
EXAMPLES = int(os.environ.get("LINK_FUZZ_EXAMPLES", "300"))


# ---------------------------------------------------------------- the oracle: the pairwise linker as it was

PAIRWISE_CONFLICT_REACH = timedelta(days=7)
PAIRWISE_ACTORS = ("agent", "patient", "participant")


def link_events_pairwise(events: Sequence[Event]) -> list[EventNode]:
    """The linker before the index: each event against every node made so far (quadratic)."""
    ordered = sorted(events, key=lambda e: (e.doc_id, e.triggers[0].start))
    nodes: list[EventNode] = []
    for event in ordered:
        targets = [n for n in nodes if _joins(n, event)]
        if not targets:
            nodes.append(EventNode([event]))
            continue
        target = targets[0]
        target.members.append(event)
        for other in targets[1:]:
            if _mergeable(target, other):
                target.members.extend(other.members)
                nodes.remove(other)
    for node in nodes:
        _settle_dates(node)  # the module's: what is compared is who joins whom
    return nodes


def _in_conflict_reach(a, b) -> bool:
    if None in (*a, *b):
        return True
    return b[0] - a[1] <= PAIRWISE_CONFLICT_REACH and a[0] - b[1] <= PAIRWISE_CONFLICT_REACH


def _keys(event: Event, roles: tuple[str, ...]) -> set[str]:
    return {a.mention.entity.key for a in event.arguments if a.role in roles}


def _joins(node: EventNode, event: Event) -> bool:
    if node.first.event_type != event.event_type:
        return False
    if event.event_type == STATE_TYPE and not all(m.trigger_lemmas[0] in STATE_NOUNS for m in (*node.members, event)):
        return False
    if event.doc_id in node.doc_ids:
        return False
    if event.event_type in GENERIC_TYPES:
        return _retold_generic(node, event)
    actors = set().union(*(_keys(m, PAIRWISE_ACTORS) for m in node.members))
    places = set().union(*(_keys(m, ("place",)) for m in node.members))
    shared = actors & _keys(event, PAIRWISE_ACTORS)
    event_places = _keys(event, ("place",))
    if not shared or (places and event_places and not places & event_places):
        return False
    lemmas = set().union(*(m.trigger_lemmas for m in node.members))
    dated = [m.earliest is not None for m in (*node.members, event)]
    if not all(dated) and (any(dated) or not lemmas & set(event.trigger_lemmas)):
        return False
    if all(_overlap(m, event) for m in node.members):
        return True
    agents = set().union(*(_keys(m, ("agent",)) for m in node.members))
    if agents & _keys(event, ("agent",)) and lemmas & set(event.trigger_lemmas) \
            and all(_near(m, event) for m in node.members):
        return True
    if not all(_in_conflict_reach((m.earliest, m.latest), (event.earliest, event.latest)) for m in node.members):
        return False
    same_place = bool(places & event_places)
    return (bool(agents & _keys(event, ("agent",))) and same_place) or len(shared) >= 2


def _mergeable(a: EventNode, b: EventNode) -> bool:
    return not set(a.doc_ids) & set(b.doc_ids) and all(
        _in_conflict_reach((x.earliest, x.latest), (y.earliest, y.latest)) for x in a.members for y in b.members)


def _retold_generic(node: EventNode, event: Event) -> bool:
    lemmas = set().union(*(m.trigger_lemmas for m in node.members))
    agents = set().union(*(_keys(m, ("agent",)) for m in node.members))
    places = set().union(*(_keys(m, ("place",)) for m in node.members))
    event_places = _keys(event, ("place",))
    if not any(one_stem(a, b) for a in lemmas for b in event.trigger_lemmas) \
            or (places and event_places and not places & event_places) \
            or event.earliest is None or any(m.earliest is None for m in node.members):
        return False
    if not lemmas & set(event.trigger_lemmas):
        actors = set().union(*(_keys(m, PAIRWISE_ACTORS) for m in node.members))
        return bool(actors & _keys(event, PAIRWISE_ACTORS)) and all(_overlap(m, event) for m in node.members)
    if agents & _keys(event, ("agent",)) and all(_overlap(m, event) for m in node.members):
        return True
    actors = set().union(*(_keys(m, PAIRWISE_ACTORS) for m in node.members))
    return len(actors & _keys(event, PAIRWISE_ACTORS)) >= 2 and all(_near(m, event) for m in node.members)


def _near(a: Event, b: Event) -> bool:
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return True
    return (b.earliest - a.latest).days <= 1 and (a.earliest - b.latest).days <= 1


def _overlap(a: Event, b: Event) -> bool:
    if None in (a.earliest, a.latest, b.earliest, b.latest):
        return True
    return a.earliest <= b.latest and b.earliest <= a.latest


# ---------------------------------------------------------------- comparing the two

def described(nodes: list[EventNode]) -> list[tuple]:
    """Each node as what a user sees of it: its tellings in order (the very Event objects), its
    date, the telling whose date it keeps, and the claims of a disagreement."""
    def telling(event: Event | None) -> tuple | None:
        return None if event is None else (event.doc_id, event.triggers[0].start, id(event))
    return [([telling(m) for m in n.members], n.earliest, n.latest, telling(n.chosen), n.conflict) for n in nodes]


def assert_linked_alike(events: list[Event]) -> list[EventNode]:
    keyed = link_events(events)
    assert described(keyed) == described(link_events_pairwise(events))
    return keyed


def _retold(nodes: list[EventNode]) -> int:
    return sum(len(node.doc_ids) > 1 for node in nodes)


# ---------------------------------------------------------------- real articles

def _events(documents: list[Document]) -> list[Event]:
    return unify_people([e for extraction in extract_all(documents) for e in extraction.events])


def _read(paths: list[Path]) -> list[Document]:
    read = BuildResult(graph=None)  # type: ignore[arg-type]  # only its failures
    documents = read_documents(paths, None, True, read)
    assert documents, f"no article read from {paths[:3]}"
    return documents


def _corpus(request: pytest.FixtureRequest, option: str, fixture: str, folder: Path) -> Path:
    """The corpus given by ``option`` (or its environment variable) through conftest's fixture,
    else the copy beside the checkout, else conftest's skip (a failure under CI)."""
    if request.config.getoption(option) or not folder.is_dir():
        return request.getfixturevalue(fixture)
    return folder


def test_the_story_articles_link_as_pairwise():
    nodes = assert_linked_alike(_events(_read(find_sources([STORY]))))
    assert _retold(nodes) >= 3, "the story's articles tell shared events: something must be linked"


def test_the_meantime_topics_link_as_pairwise(request):
    corpus = _corpus(request, "--meantime", "meantime_dir", SHARED_DATA / "meantime")
    files = find_cat_files(corpus)
    assert len(files) >= 30, f"{corpus}: expected the MEANTIME topic folders, found {len(files)} CAT files"
    nodes = assert_linked_alike(_events([read_cat(file).document for file in files]))
    assert _retold(nodes) >= 5, "articles of one topic retell events: something must be linked"


def test_timeml_articles_link_as_pairwise(request):
    corpus = _corpus(request, "--timeml", "timeml_dir", SHARED_DATA / "timeml")
    files = find_sources([corpus / "train" / "AQUAINT"])[:TIMEML_ARTICLES]
    assert len(files) == TIMEML_ARTICLES, f"{corpus}: fewer than {TIMEML_ARTICLES} AQUAINT articles"
    nodes = assert_linked_alike(_events(_read(files)))
    assert _retold(nodes) >= 3, "wire stories of one topic retell events: something must be linked"


# ---------------------------------------------------------------- made-up events

# Few values of each, so that tellings share actors, words and days often, and every rule fires:
# specific, generic and state types; words of one stem, short words, state nouns; days undated,
# open-ended, inverted, a day, a week, a month, two and four months (filed by quarter), over a year.
TYPES = ("meet", "attack", *sorted(GENERIC_TYPES), *sorted(GENERIC_TYPES), STATE_TYPE)
WORDS = ("meet", "meeting", "deliver", "delivery", "delay", "talk", "talks", "leave", "problem", "say", "win")
STATE_WORDS = ("leave", "problem", "talk")
PEOPLE = tuple(Entity(key, key.title(), "actor", "person") for key in ("ana", "bo", "cy", "dee"))
PLACES = tuple(Entity(key, key.title(), "place", "city") for key in ("oslo", "rome"))
FIRST_DAY = date(2020, 1, 1)
LENGTHS = (0, 0, 0, 1, 2, 6, 30, 60, 120, 500)


@st.composite
def made_up_event(draw, serial: int) -> Event:
    doc_id = draw(st.sampled_from("abcde"))
    start = draw(st.integers(0, 50))
    arguments = [Argument(draw(st.sampled_from(("agent", "patient", "participant"))), Mention(
        Span(doc_id, start, start + 1), person.label, person)) for person in draw(st.sets(st.sampled_from(PEOPLE)))]
    arguments += [Argument("place", Mention(Span(doc_id, start, start + 1), place.label, place))
                  for place in draw(st.sets(st.sampled_from(PLACES), max_size=1))]
    days = draw(st.sampled_from(("undated", "undated", "dated", "dated", "dated", "open", "inverted")))
    earliest = latest = None
    if days != "undated":
        earliest = FIRST_DAY + timedelta(days=draw(st.integers(0, 45)))
        latest = {"open": None, "inverted": earliest - timedelta(days=3)}.get(
            days, earliest + timedelta(days=draw(st.sampled_from(LENGTHS))))
    event_type = draw(st.sampled_from(TYPES))
    # a state joins another only told by state nouns: mostly those, so that states do join
    words = draw(st.lists(st.sampled_from(STATE_WORDS if event_type == STATE_TYPE else WORDS), min_size=1, max_size=2))
    return Event(doc_id, [Span(doc_id, start * 1000 + serial, start * 1000 + serial + 1)], words, [],
                 event_type, words[0], arguments, None, earliest, latest,
                 dated_by=draw(st.sampled_from(("own", "relative", "lede", "publication"))), trigger_lemmas=words)


@st.composite
def made_up_events(draw) -> list[Event]:
    count = draw(st.integers(0, 40))
    return [draw(made_up_event(serial)) for serial in range(count)]


@settings(max_examples=EXAMPLES, deadline=None)
@given(made_up_events())
def test_made_up_events_link_as_pairwise(events):
    assert_linked_alike(events)


# Words of two letters: pairs of one stem are common, pairs of no stem too.
WORD_LIKE = st.text(alphabet="ab", max_size=7)


@settings(max_examples=EXAMPLES, deadline=None)
@given(WORD_LIKE, WORD_LIKE)
def test_words_of_one_stem_share_their_first_letters(word, known):
    # the index files generic tellings under a word's first STEM letters: it finds every pair the
    # rule (graph.extract.merge.one_stem) takes for one stem only if such pairs always share them
    if one_stem(word, known):
        assert word[:STEM] == known[:STEM]
