"""Three articles about one story: one node per shared event and actor, conflicts kept, idempotent."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graph.pipeline import build
from graph.queries import run_query
from graph.rdf.namespaces import sparql_prefixes

STORY = Path(__file__).resolve().parent / "data" / "story"
ARTICLES = {"a_wire", "b_daily", "c_weekly"}
PREFIXES = sparql_prefixes()


@pytest.fixture(scope="module")
def story() -> Graph:
    result = build([STORY])
    assert not result.failures
    return result.graph


def sources_of(graph: Graph, node: URIRef) -> set[str]:
    rows = graph.query(PREFIXES + "SELECT DISTINCT ?id WHERE { ?n prov:wasDerivedFrom/schema:identifier ?id }",
                       initBindings={"n": node})
    return {str(r.id) for r in rows}


def meetings_in(graph: Graph, place: str) -> list[URIRef]:
    rows = graph.query(PREFIXES + """SELECT DISTINCT ?e WHERE {
        ?e sem:eventType et:meet ; sem:hasPlace/rdfs:label ?place }""", initBindings={"place": Literal(place)})
    return [r.e for r in rows]


def test_the_geneva_meeting_is_one_node_citing_all_three_articles(story):
    meetings = meetings_in(story, "Geneva")
    assert len(meetings) == 1
    assert sources_of(story, meetings[0]) == ARTICLES
    mentions = story.query(PREFIXES + """SELECT DISTINCT ?doc WHERE {
        ?e gaf:denotedBy/nif:referenceContext/schema:identifier ?doc }""", initBindings={"e": meetings[0]})
    assert {str(r.doc) for r in mentions} == ARTICLES


def test_the_date_conflict_is_recorded_with_both_values_and_sources(story):
    rows = list(run_query(story, "conflicts"))
    claims = {(str(r.source), r.claimBegin.toPython()) for r in rows}
    assert claims == {("a_wire", date(2022, 1, 21)), ("b_daily", date(2022, 1, 21)), ("c_weekly", date(2022, 1, 20))}
    # two sources agree: the node keeps their date
    assert {(r.chosenBegin.toPython(), r.chosenEnd.toPython()) for r in rows} == {(date(2022, 1, 21), date(2022, 1, 21))}


def test_each_shared_actor_is_one_node_with_mentions_from_each_source(story):
    for name in ("Antony Blinken", "Sergei Lavrov"):
        rows = list(story.query(PREFIXES + "SELECT ?a WHERE { ?a a sem:Actor ; rdfs:label ?name }",
                                initBindings={"name": Literal(name)}))
        assert len(rows) == 1, name
        docs = story.query(PREFIXES + """SELECT DISTINCT ?doc WHERE {
            ?a gaf:denotedBy/nif:referenceContext/schema:identifier ?doc }""", initBindings={"a": rows[0].a})
        assert {str(r.doc) for r in docs} == ARTICLES


def test_the_kyiv_visit_told_twice_is_one_node(story):
    rows = list(story.query(PREFIXES + """SELECT DISTINCT ?e WHERE {
        ?e sem:eventType et:visit ; sem:hasPlace/rdfs:label "Kyiv" }"""))
    assert len(rows) == 1
    assert {"a_wire", "b_daily"} <= sources_of(story, rows[0].e)


def test_adding_an_article_again_changes_nothing(story, tmp_path):
    folder = tmp_path / "story"
    shutil.copytree(STORY, folder)
    # the same article saved again under another name (sorted after the original)
    shutil.copy(folder / "b_daily.txt", folder / "zz_b_daily_saved_again.txt")
    shutil.copy(folder / "b_daily.json", folder / "zz_b_daily_saved_again.json")
    result = build([folder])
    assert [original for _, original in result.duplicates] == ["b_daily"]
    assert set(result.graph) == set(story)


def write(folder: Path, name: str, published: str, text: str) -> None:
    (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    (folder / f"{name}.json").write_text(f'{{"published": "{published}"}}', encoding="utf-8")


def test_an_event_of_no_specific_type_is_one_node_when_word_doer_and_day_agree(tmp_path):
    write(tmp_path, "first", "2023-05-16", "Jets\n\nNordavia introduced a new regional jet on Monday in Oslo.\n")
    write(tmp_path, "second", "2023-05-17", "Airlines\n\nOn Monday, Nordavia introduced a new regional jet.\n")
    write(tmp_path, "third", "2023-05-19", "Airlines\n\nNordavia introduced a cargo jet on Thursday.\n")
    graph = build([tmp_path]).graph
    rows = list(graph.query(PREFIXES + """SELECT ?e (GROUP_CONCAT(DISTINCT ?id; separator=" ") AS ?ids) WHERE {
        ?e gaf:denotedBy ?m . ?m nif:anchorOf "introduced" ; nif:referenceContext/schema:identifier ?id }
        GROUP BY ?e"""))
    told = sorted(sorted(str(r.ids).split()) for r in rows)
    assert told == [["first", "second"], ["third"]]  # Thursday's introduction is another one


def nodes_of(graph: Graph, word: str) -> list[list[str]]:
    """The articles telling each event node with a mention of ``word``."""
    rows = graph.query(PREFIXES + f"""SELECT ?e (GROUP_CONCAT(DISTINCT ?id; separator=" ") AS ?ids) WHERE {{
        ?e gaf:denotedBy ?m . ?m nif:anchorOf "{word}" ; nif:referenceContext/schema:identifier ?id }}
        GROUP BY ?e""")
    return sorted(sorted(str(r.ids).split()) for r in rows)


def test_the_same_word_of_the_same_doer_told_a_day_apart_is_one_node(tmp_path):
    write(tmp_path, "first", "2011-08-25", "Apple\n\nJan Berg resigned as chief executive of Nordavia on Thursday.\n")
    write(tmp_path, "second", "2011-08-25", "Apple\n\nJan Berg resigned as chief executive of Nordavia on Wednesday.\n")
    write(tmp_path, "third", "2011-08-30", "Apple\n\nJan Berg resigned from the board of Nordavia on Tuesday.\n")
    assert nodes_of(build([tmp_path]).graph, "resigned") == [["first", "second"], ["third"]]


def test_the_same_two_actors_and_word_a_day_apart_are_one_node(tmp_path):
    write(tmp_path, "first", "2008-03-01", "Tankers\n\nNorthrop Grumman and EADS defeated Boeing for the "
                                           "tanker contract.\n")
    write(tmp_path, "second", "2008-03-27", "Tankers\n\nLast month, Northrop Grumman and EADS defeated Boeing "
                                            "for the tanker contract.\n")
    write(tmp_path, "third", "2008-06-27", "Tankers\n\nBoeing defeated Northrop Grumman for a bomber contract "
                                           "last month.\n")
    assert nodes_of(build([tmp_path]).graph, "defeated") == [["first", "second"], ["third"]]
