"""The SHACL shapes compiled to SPARQL (graph.rdf.shacl_sparql) find what pyshacl finds.

Both engines validate the graphs `timeline-kg build` writes, and many mutated copies of them; they
must agree on conformance and on every (focus node, result path, constraint component). Where the
SHACL recommendation and pyshacl part, the compiler follows the recommendation: those decisions have
their own tests below, and the mutations stay clear of them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from graph.rdf import validate
from graph.rdf.namespaces import GEO, NIF, SEM, TIME, TKG
from graph.rdf.nquads import ntriples
from graph.rdf.shacl_sparql import compile_shapes, path_text
from graph.rdf.shacl_store import load_graph, load_ntriples, run_checks
from graph.rdf.validate import violations
from tests.conftest import ROOT

hypothesis = pytest.importorskip("hypothesis")
pyshacl = pytest.importorskip("pyshacl")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

EXAMPLES = int(os.environ.get("SHACL_EXAMPLES", "100"))
MUTATIONS = settings(max_examples=EXAMPLES, deadline=None,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
PREFIXES = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
EX = "http://example.org/"


def compiled_results(graph: Graph, shapes: Graph | None = None) -> set[tuple[str, str, URIRef]]:
    checks = validate.compiled_shapes() if shapes is None else compile_shapes(shapes)
    return {(str(v.focus), v.path, v.component) for v in run_checks(load_graph(graph), checks)}


def pyshacl_results(graph: Graph, shapes: Graph | None = None) -> set[tuple[str, str, URIRef]]:
    conforms, report, text = pyshacl.validate(graph, shacl_graph=shapes or validate.shapes(), allow_warnings=False)
    assert isinstance(report, Graph), text
    found = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(result, SH.resultPath)
        found.add((str(report.value(result, SH.focusNode)), "" if path is None else path_text(report, path),
                   report.value(result, SH.sourceConstraintComponent)))
    assert conforms == (not found)
    return found


def assert_engines_agree(graph: Graph, shapes: Graph | None = None) -> set[tuple[str, str, URIRef]]:
    ours, theirs = compiled_results(graph, shapes), pyshacl_results(graph, shapes)
    assert ours == theirs, f"only compiled: {sorted(ours - theirs)[:5]}; only pyshacl: {sorted(theirs - ours)[:5]}"
    return ours


def copy(graph: Graph) -> Graph:
    clone = Graph()
    for triple in graph:
        clone.add(triple)
    return clone


@pytest.fixture(scope="module")
def built_graphs(built_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Graph]:
    """What `timeline-kg build` writes for the bundled article and for tests/data/story."""
    from graph.cli import main

    story = tmp_path_factory.mktemp("story")
    assert main(["build", str(ROOT / "tests" / "data" / "story"), "--out", str(story), "--quiet"]) == 0
    return {"seed": Graph().parse(built_dir / "timeline.ttl"), "story": Graph().parse(story / "timeline.ttl")}


@pytest.mark.parametrize("name", ["seed", "story"])
def test_both_engines_accept_the_built_graphs(built_graphs, name):
    graph = built_graphs[name]
    assert len(graph) > 500
    assert assert_engines_agree(graph) == set()
    assert violations(graph)[0]


# --- mutations ------------------------------------------------------------------------------------

# Paths sh:lessThan / sh:lessThanOrEquals compare: only literals comparable with the other side's, or
# strings (see the decisions below: pyshacl raises on a blank node, compares IRIs as strings, an
# ill-typed literal by its Python value, and literals of unrelated datatypes by their datatype IRI).
COMPARED = {NIF.beginIndex, NIF.endIndex, SEM.hasEarliestBeginTimeStamp, SEM.hasLatestEndTimeStamp}
# Paths sh:minInclusive / sh:maxInclusive bound: no literal of a datatype SPARQL cannot compare to a
# number and pyshacl orders by its datatype IRI, and no ill-typed one, which pyshacl compares by its
# Python value (see the decisions below).
RANGED = {TKG.confidence, GEO.lat, GEO.long}
UNORDERED = {XSD.date, XSD.dateTime, XSD.boolean}
NUMBERS = {XSD.integer, XSD.nonNegativeInteger, XSD.decimal}
PROPERTIES = sorted({RDFS.label, SEM.eventType, SEM.hasActor, SEM.hasPlace, SEM.hasTime, TKG.confidence,
                     URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
                     URIRef("http://groundedannotationframework.org/gaf#denotedBy"), TKG.timexValue, TKG.timexType,
                     TKG.timexText, TIME.hasBeginning, TIME.inXSDDate, OWL.sameAs, GEO.lat, GEO.long,
                     URIRef("https://schema.org/identifier"), URIRef("https://schema.org/datePublished"),
                     URIRef("https://schema.org/url"), NIF.referenceContext, NIF.anchorOf, TKG.dateClaim} | COMPARED)
WELL_TYPED = [
    Literal("x"), Literal("x", lang="en"), Literal("12", datatype=XSD.integer), Literal("7", datatype=XSD.nonNegativeInteger),
    Literal("100000", datatype=XSD.nonNegativeInteger), Literal("0.5", datatype=XSD.decimal),
    Literal("1.5", datatype=XSD.decimal), Literal("-0.1", datatype=XSD.decimal), Literal("91", datatype=XSD.decimal),
    Literal("-181", datatype=XSD.decimal), Literal("45", datatype=XSD.integer), Literal("2014-02-07", datatype=XSD.date),
    Literal("2999-12-31", datatype=XSD.date), Literal("1900-01-01", datatype=XSD.date),
    Literal("2014-02-07T10:00:00", datatype=XSD.dateTime), Literal("DATE"), Literal("DAY"), Literal("SET"),
    Literal("http://www.wikidata.org/entity/Q42"), Literal("http://example.org/a", datatype=XSD.anyURI),
    Literal("true", datatype=XSD.boolean),
]
ILL_TYPED = [Literal("-5", datatype=XSD.nonNegativeInteger), Literal("2020-02-30", datatype=XSD.date),
             Literal("1,5", datatype=XSD.decimal), Literal("soon", datatype=XSD.date)]
IRIS = [URIRef("http://www.wikidata.org/entity/Q42"), URIRef("http://example.org/not-wikidata"),
        URIRef(EX + "fresh")]
CLASSES = [SEM.Event, SEM.Actor, SEM.Place, TKG.WholeEvent, TIME.Interval, NIF.Phrase, NIF.Sentence, NIF.Context,
           URIRef("https://schema.org/NewsArticle"), TKG.DateClaim, URIRef("http://www.w3.org/2004/02/skos/core#Concept")]


def nodes_of(graph: Graph) -> list:
    return sorted({s for s in graph.subjects() if isinstance(s, URIRef)}, key=str)


def value_for(data, graph: Graph, prop: URIRef):
    pool = [*WELL_TYPED, *ILL_TYPED, *IRIS, BNode()]
    if prop in COMPARED:  # literals SPARQL compares with the other side's values, or strings
        dates = prop in (SEM.hasEarliestBeginTimeStamp, SEM.hasLatestEndTimeStamp)
        pool = [value for value in WELL_TYPED if value.datatype in ((XSD.date,) if dates else NUMBERS)
                or value.datatype is None]
    if prop in RANGED:
        pool = [value for value in pool
                if not isinstance(value, Literal) or (value.datatype not in UNORDERED and value not in ILL_TYPED)]
    kind = data.draw(st.sampled_from(["pool", "node"] if prop not in COMPARED else ["pool"]))
    if kind == "node":  # an IRI of the graph, of whatever class
        return data.draw(st.sampled_from(nodes_of(graph)))
    return data.draw(st.sampled_from(pool))


def mutate(data, graph: Graph) -> Graph:
    """``graph`` changed by one to three random edits: triples removed, values added or replaced
    (wrong datatypes, classes, kinds, ranges, counts; swapped dates), new typed nodes."""
    mutated = copy(graph)
    nodes = nodes_of(graph)
    for _ in range(data.draw(st.integers(1, 3))):
        edit = data.draw(st.sampled_from(["remove", "remove values", "add", "replace", "type"]))
        focus = data.draw(st.sampled_from(nodes))
        if edit == "remove":
            triples = sorted(mutated.triples((focus, None, None)))
            if triples:
                mutated.remove(data.draw(st.sampled_from(triples)))
        elif edit == "type":
            node = data.draw(st.sampled_from([focus, URIRef(EX + "new"), BNode()]))
            cls = data.draw(st.sampled_from(CLASSES))
            if data.draw(st.booleans()):  # an instance of a subclass, in the data graph
                mutated.add((URIRef(EX + "Sub"), RDFS.subClassOf, cls))
                cls = URIRef(EX + "Sub")
            mutated.add((node, RDF.type, cls))
        else:
            prop = data.draw(st.sampled_from(PROPERTIES))
            if edit in ("remove values", "replace"):
                mutated.remove((focus, prop, None))
            if edit in ("add", "replace"):
                value = value_for(data, mutated, prop)
                if prop == TKG.dateClaim and isinstance(value, (URIRef, BNode)):
                    mutated.add((value, prop, focus))  # reached by the inverse path
                else:
                    mutated.add((focus, prop, value))
    return mutated


@pytest.mark.parametrize("name", ["seed", "story"])
@MUTATIONS
@given(data=st.data())
def test_both_engines_find_the_same_violations_in_mutated_graphs(built_graphs, name, data):
    mutated = mutate(data, built_graphs[name])
    assert_engines_agree(mutated)


def first(graph: Graph, cls: URIRef, having: URIRef | None = None) -> URIRef:
    return next(node for node in sorted(graph.subjects(RDF.type, cls))
                if having is None or graph.value(node, having) is not None)


def with_value(graph: Graph, cls: URIRef, prop: URIRef, value, *, having: URIRef | None = None,
               keep: bool = False) -> Graph:
    mutated = copy(graph)
    focus = first(mutated, cls, having or (None if keep else prop))
    if not keep:
        mutated.remove((focus, prop, None))
    if value is not None:
        mutated.add((focus, prop, value))
    return mutated


def without_actor_or_place(graph: Graph) -> Graph:
    mutated = copy(graph)
    event = first(mutated, TKG.WholeEvent)
    for prop in (SEM.hasActor, SEM.hasPlace, TKG.hasAgent, TKG.hasPatient, TKG.hasParticipant):
        mutated.remove((event, prop, None))
    return mutated


# One mutation of the story's graph per component of the shapes, each violating it.
BREAKS = {
    SH.MinCountConstraintComponent: lambda g: with_value(g, SEM.Event, RDFS.label, None),
    SH.MaxCountConstraintComponent: lambda g: with_value(g, SEM.Event, RDFS.label, Literal("another"), keep=True),
    SH.DatatypeConstraintComponent: lambda g: with_value(g, NIF.Phrase, NIF.beginIndex, Literal("twelve")),
    SH.ClassConstraintComponent: lambda g: with_value(g, SEM.Event, SEM.hasActor, URIRef(EX + "nobody"),
                                                      keep=True),
    SH.NodeKindConstraintComponent: lambda g: with_value(g, SEM.Event, SEM.eventType, Literal("agree"), keep=True),
    SH.MinInclusiveConstraintComponent: lambda g: with_value(g, SEM.Event, TKG.confidence,
                                                             Literal("-0.1", datatype=XSD.decimal)),
    SH.MaxInclusiveConstraintComponent: lambda g: with_value(g, SEM.Event, TKG.confidence,
                                                             Literal("1.5", datatype=XSD.decimal)),
    SH.PatternConstraintComponent: lambda g: with_value(g, SEM.Actor, OWL.sameAs, URIRef("http://example.org/x")),
    SH.InConstraintComponent: lambda g: with_value(g, TIME.Interval, TKG.timexType, Literal("DAY")),
    SH.OrConstraintComponent: without_actor_or_place,
    SH.LessThanConstraintComponent: lambda g: with_value(g, NIF.Phrase, NIF.endIndex,
                                                         Literal("0", datatype=XSD.nonNegativeInteger)),
    SH.LessThanOrEqualsConstraintComponent: lambda g: with_value(g, SEM.Event, SEM.hasLatestEndTimeStamp,
                                                                 Literal("1900-01-01", datatype=XSD.date)),
}


def test_every_component_of_the_shapes_has_a_mutation_breaking_it():
    used = {check.component for check in validate.compiled_shapes()}
    assert len(used) >= 10
    assert used <= set(BREAKS), f"add a mutation to BREAKS for {sorted(used - set(BREAKS))}"


@pytest.mark.parametrize("component", sorted(BREAKS), ids=lambda c: c.split("#")[1])
def test_each_component_is_violated_in_both_engines(built_graphs, component):
    found = assert_engines_agree(BREAKS[component](built_graphs["story"]))
    assert component in {c for _, _, c in found}


# --- where the compiler follows the recommendation and pyshacl does not -------------------------


def point(lat: Literal, long: Literal) -> Graph:
    graph = Graph()
    graph.add((URIRef(EX + "p"), GEO.lat, lat))
    graph.add((URIRef(EX + "p"), GEO.long, long))
    return graph


def mention(begin, end) -> Graph:
    graph = Graph()
    node = URIRef(EX + "m")
    for triple in [(node, RDF.type, NIF.Phrase), (node, NIF.referenceContext, URIRef(EX + "c")),
                   (URIRef(EX + "c"), RDF.type, NIF.Context), (node, NIF.anchorOf, Literal("x")),
                   (node, NIF.beginIndex, begin), (node, NIF.endIndex, end)]:
        graph.add(triple)
    return graph


def components_at(graph: Graph, path: URIRef) -> set[str]:
    return {c.split("#")[1] for _, p, c in compiled_results(graph) if p == str(path)}


def test_a_date_is_neither_above_nor_below_a_numeric_bound():
    # SHACL: a value v violates sh:maxInclusive unless "v <= max" is true in SPARQL; a date and a
    # number do not compare (an error), so both bounds are violated. pyshacl orders the two by
    # their datatype IRIs and reports one.
    found = components_at(point(Literal("2014-02-07", datatype=XSD.date), Literal("1", datatype=XSD.decimal)), GEO.lat)
    assert {"MinInclusiveConstraintComponent", "MaxInclusiveConstraintComponent"} <= found


def test_an_ill_typed_number_is_within_no_bound():
    # "-5" is no xsd:nonNegativeInteger: "v >= -90" is an error in SPARQL, so the value violates
    # both bounds (pyshacl compares its Python value, -5, and finds none).
    found = components_at(point(Literal("-5", datatype=XSD.nonNegativeInteger), Literal("1", datatype=XSD.decimal)),
                          GEO.lat)
    assert {"MinInclusiveConstraintComponent", "MaxInclusiveConstraintComponent"} <= found


def test_an_ill_typed_index_is_not_less_than_anything():
    # "-5" is no xsd:nonNegativeInteger: SPARQL compares no ill-typed literal, so sh:lessThan fails
    # too (pyshacl compares its Python value, -5).
    found = components_at(mention(Literal("-5", datatype=XSD.nonNegativeInteger),
                                  Literal("3", datatype=XSD.nonNegativeInteger)), NIF.beginIndex)
    assert found == {"DatatypeConstraintComponent", "LessThanConstraintComponent"}


def test_a_blank_node_in_a_compared_pair_is_a_violation_not_a_crash():
    # pyshacl raises "Cannot use sh:lessThan to compare a BlankNode"; SHACL counts values that cannot be
    # compared as violations.
    graph = mention(BNode(), Literal("3", datatype=XSD.nonNegativeInteger))
    assert "LessThanConstraintComponent" in components_at(graph, NIF.beginIndex)
    conforms, _, lines = violations(graph)
    assert not conforms and any("beginIndex" in line for line in lines)


def test_a_string_typed_literal_is_the_same_term_as_a_simple_literal():
    # RDF 1.1: "DATE" and "DATE"^^xsd:string are one term, so both are in sh:in ("DATE" ...);
    # rdflib keeps them apart and pyshacl rejects the typed one.
    interval = Graph()
    interval.add((URIRef(EX + "i"), RDF.type, TIME.Interval))
    interval.add((URIRef(EX + "i"), TKG.timexType, Literal("DATE", datatype=XSD.string)))
    assert components_at(interval, TKG.timexType) == set()


@pytest.mark.parametrize("lexical, well_formed", [
    ("2014-02-07", True), ("0000-01-01", True), ("20140-02-07", True), ("2014-02-07Z", True),
    ("2014-02-30", False), ("2014-2-7", False), (" 2014-02-07", False), ("2014-02-07T10:00:00", False),
])
def test_dates_are_checked_against_the_xsd_lexical_space(lexical, well_formed):
    # XSD 1.1 has a year 0 and years past 9999, which Python's date (so pyshacl) has not.
    graph = mention(Literal("1", datatype=XSD.nonNegativeInteger), Literal("3", datatype=XSD.nonNegativeInteger))
    event = URIRef(EX + "e")
    graph.add((event, RDF.type, TKG.DateClaim))
    graph.add((event, SEM.hasEarliestBeginTimeStamp, Literal(lexical, datatype=XSD.date, normalize=False)))
    found = components_at(graph, SEM.hasEarliestBeginTimeStamp)
    assert ("DatatypeConstraintComponent" not in found) == well_formed


LEXICAL = st.text(alphabet=st.sampled_from(['"', "\\", "^", "<", ">", "a", "5", " ", "\n", "\r", "é"]), max_size=12)


@given(st.lists(st.tuples(LEXICAL, st.sampled_from([None, XSD.string, XSD.integer, XSD.date, "en"])),
                min_size=1, max_size=6))
def test_an_articles_written_lines_load_as_its_graph_does(literals):
    """The check of a build's article reads the lines written for its file (``written=``): the store
    it loads holds what the store of its graph holds, each literal as written, whatever the text."""
    graph = Graph()
    for n, (text, kind) in enumerate(literals):
        literal = (Literal(text, lang=kind) if kind == "en"
                   else Literal(text, datatype=kind, normalize=False) if kind else Literal(text))
        graph.add((URIRef(f"urn:x:s{n}"), URIRef("urn:x:p"), literal))
    assert set(map(str, load_ntriples(ntriples(graph)))) == set(map(str, load_graph(graph)))
