"""The foundation's acceptance checks on the seed article, asked through SPARQL over timeline.ttl."""

from __future__ import annotations

import json
from datetime import date

import pytest
from rdflib import Graph

from graph.rdf.namespaces import sparql_prefixes

PREFIXES = sparql_prefixes()


@pytest.fixture(scope="module")
def ttl(built_dir) -> Graph:
    return Graph().parse(built_dir / "timeline.ttl", format="turtle")


def dated_events(graph: Graph) -> list[dict]:
    """Every dated event with its type key, bounds, actor and place labels and trigger words."""
    rows = graph.query(PREFIXES + """
        SELECT ?e ?type ?begin ?end
               (GROUP_CONCAT(DISTINCT ?actor; separator="|") AS ?actors)
               (GROUP_CONCAT(DISTINCT ?place; separator="|") AS ?places)
               (GROUP_CONCAT(DISTINCT ?word; separator="|") AS ?words)
        WHERE {
          ?e a sem:Event ; sem:eventType ?type ;
             sem:hasEarliestBeginTimeStamp ?begin ; sem:hasLatestEndTimeStamp ?end ;
             gaf:denotedBy/nif:anchorOf ?word .
          OPTIONAL { ?e sem:hasActor/rdfs:label ?anActor } BIND (COALESCE(?anActor, "") AS ?actor)
          OPTIONAL { ?e sem:hasPlace/rdfs:label ?aPlace } BIND (COALESCE(?aPlace, "") AS ?place)
        } GROUP BY ?e ?type ?begin ?end""")
    return [{
        "type": str(r.type).rsplit("/", 1)[-1], "begin": r.begin.toPython(), "end": r.end.toPython(),
        "actors": set(str(r.actors).split("|")) - {""}, "places": set(str(r.places).split("|")) - {""},
        "words": set(str(r.words).split("|")),
    } for r in rows]


def find(events: list[dict], **want) -> list[dict]:
    found = []
    for event in events:
        if all((event[k] >= v if k in ("actors", "places") else event[k] == v) for k, v in want.items()):
            found.append(event)
    return found


def test_intervention_is_dated_within_september_2015(ttl):
    interventions = [e for e in dated_events(ttl) if "intervention" in e["words"]]
    assert interventions, "no dated intervention event"
    event = interventions[0]
    assert date(2015, 9, 1) <= event["begin"] <= event["end"] <= date(2015, 9, 30)
    assert "Russia" in event["actors"]


def test_sochi_meeting_of_putin_and_assad_on_november_22(ttl):
    found = find(dated_events(ttl), type="meet", begin=date(2017, 11, 22), end=date(2017, 11, 22),
                 actors={"Vladimir Putin", "Bashar al-Assad"})
    assert found and "Sochi" in found[0]["places"]


def test_new_astana_round_runs_from_december_21_to_22(ttl):
    found = find(dated_events(ttl), type="negotiate", begin=date(2017, 12, 21), end=date(2017, 12, 22),
                 places={"Astana"})
    assert len(found) == 1


@pytest.mark.parametrize("kind, actors, places", [
    ("visit", {"Vladimir Putin"}, set()),
    ("order", {"Vladimir Putin"}, set()),
    ("meet", {"Vladimir Putin", "Bashar al-Assad"}, set()),
    ("meet", {"Vladimir Putin", "Abdel Fattah el-Sisi"}, {"Egypt"}),
])
def test_monday_events_fall_on_the_publication_day(ttl, kind, actors, places):
    monday = date(2017, 12, 11)
    assert find(dated_events(ttl), type=kind, begin=monday, end=monday, actors=actors, places=places)


def test_meeting_with_assad_is_at_the_air_base(ttl):
    monday = date(2017, 12, 11)
    meeting = find(dated_events(ttl), type="meet", begin=monday, actors={"Bashar al-Assad"})
    assert meeting and any("Khmeimim" in p or "Hmeymim" in p for p in meeting[0]["places"])


def test_at_least_eight_distinct_dated_events(ttl):
    assert len(dated_events(ttl)) >= 8


def test_air_base_spellings_are_one_node(ttl):
    rows = ttl.query(PREFIXES + """
        SELECT DISTINCT ?p WHERE {
          ?p a sem:Place . { ?p rdfs:label ?n } UNION { ?p skos:altLabel ?n }
          FILTER (REGEX(STR(?n), "Hmeymim|Khmeimim|Hmeimim", "i"))
        }""")
    assert len(list(rows)) == 1


def test_photo_credit_and_caption_give_no_actor(ttl, seed_build):
    doc = seed_build.extractions[0].document
    caption_start = doc.text.index("Russian President Putin addresses")
    caption_end = doc.text.index("Reuters]") + len("Reuters]")
    rows = ttl.query(PREFIXES + """
        SELECT ?label ?begin WHERE {
          ?a a sem:Actor ; rdfs:label ?label ; gaf:denotedBy/nif:beginIndex ?begin .
        }""")
    labels = {str(r.label) for r in rows}
    assert not {"Mikhail Klimentyev", "Sputnik", "Reuters", "Al Jazeera"} & labels
    assert all(not (caption_start <= int(r.begin) < caption_end) for r in rows)


def test_mentions_point_at_their_words(ttl, seed_build):
    text = seed_build.extractions[0].document.text
    rows = list(ttl.query(PREFIXES + """
        SELECT ?anchor ?b ?e WHERE { ?m nif:anchorOf ?anchor ; nif:beginIndex ?b ; nif:endIndex ?e }"""))
    assert rows
    for row in rows:
        assert text[int(row.b):int(row.e)] == str(row.anchor)


def test_same_input_gives_the_same_triples(seed_graph):
    from graph.pipeline import build
    from tests.conftest import SEED

    again = build([SEED]).graph
    assert set(again) == set(seed_graph)


def test_the_default_timeline_shows_whole_events_and_all_shows_bare_words_too(built_dir, capsys):
    from graph.cli import main

    store = str(built_dir / "store")
    assert main(["query", "timeline", "--store", store, "--format", "json"]) == 0
    whole = json.loads(capsys.readouterr().out)
    assert whole and all(row["actors"] or row["places"] for row in whole)
    assert main(["query", "timeline", "--store", store, "--format", "json", "--all"]) == 0
    every = json.loads(capsys.readouterr().out)
    bare = [row for row in every if not (row["actors"] or row["places"])]
    assert bare and {row["event"] for row in whole} < {row["event"] for row in every}


def test_the_graph_keeps_every_name_spacy_finds_in_the_text_it_reads(ttl):
    from graph.extract.nlp import plain_pipeline
    from graph.sources import read_source
    from tests.conftest import SEED

    document = read_source(SEED)
    ner = plain_pipeline()
    names = [(start + ent.start_char, start + ent.end_char)
             for start, end in document.read_ranges()
             for ent in ner(document.text[start:end]).ents
             if ent.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")]
    kept = [(int(r.b), int(r.e)) for r in ttl.query(PREFIXES + """SELECT ?b ?e WHERE {
        ?x gaf:denotedBy ?m . FILTER NOT EXISTS { ?x a sem:Event } ?m nif:beginIndex ?b ; nif:endIndex ?e }""")]
    lost = [document.text[b:e] for b, e in names if not any(b < ke and kb < e for kb, ke in kept)]
    assert names and not lost
