"""Checks of the bundled gazetteer (ontology/gazetteer.ttl): it parses and its data is unambiguous."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pytest

rdflib = pytest.importorskip("rdflib")
from rdflib import OWL, RDF, RDFS, Namespace, URIRef  # noqa: E402
from rdflib.namespace import SKOS  # noqa: E402

GAZETTEER = Path(__file__).resolve().parent.parent / "ontology" / "gazetteer.ttl"
TKG = Namespace("https://w3id.org/timeline-kg/ontology#")
GZ = "https://w3id.org/timeline-kg/gazetteer/"
CLASSES = {TKG.Country, TKG.City, TKG.Region, TKG.Facility, TKG.Organization, TKG.Person, TKG.Product}
WIKIDATA = re.compile(r"http://www\.wikidata\.org/entity/Q\d+")


@pytest.fixture(scope="module")
def graph() -> rdflib.Graph:
    g = rdflib.Graph()
    g.parse(GAZETTEER, format="turtle")
    return g


@pytest.fixture(scope="module")
def entities(graph: rdflib.Graph) -> set[URIRef]:
    return {s for cls in CLASSES for s in graph.subjects(RDF.type, cls)}


def test_parses_and_is_not_empty(graph: rdflib.Graph, entities: set[URIRef]) -> None:
    assert len(graph) > 0
    assert len(entities) > 500


def test_entities_are_gazetteer_iris_with_one_class(graph: rdflib.Graph, entities: set[URIRef]) -> None:
    for e in entities:
        assert str(e).startswith(GZ), e
        local = str(e)[len(GZ):]
        assert re.fullmatch(r"[a-z0-9_]+", local), e
        assert len(set(graph.objects(e, RDF.type)) & CLASSES) == 1, e


def test_every_entity_has_exactly_one_label(graph: rdflib.Graph, entities: set[URIRef]) -> None:
    bad = {e: list(graph.objects(e, RDFS.label)) for e in entities}
    bad = {e: labels for e, labels in bad.items() if len(labels) != 1}
    assert not bad


def test_no_name_is_shared_by_two_entities(graph: rdflib.Graph, entities: set[URIRef]) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for e in entities:
        for prop in (RDFS.label, SKOS.altLabel):
            for name in graph.objects(e, prop):
                owners[str(name)].add(e)
    shared = {name: sorted(map(str, who)) for name, who in owners.items() if len(who) > 1}
    assert not shared


def test_demonyms_are_unambiguous(graph: rdflib.Graph, entities: set[URIRef]) -> None:
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for e in entities:
        for d in graph.objects(e, TKG.demonym):
            owners[str(d)].add(e)
    assert not {d: who for d, who in owners.items() if len(who) > 1}


def test_wikidata_links_are_well_formed_and_unique(graph: rdflib.Graph) -> None:
    users: dict[str, set] = defaultdict(set)
    for s, o in graph.subject_objects(OWL.sameAs):
        assert isinstance(o, URIRef) and WIKIDATA.fullmatch(str(o)), o
        users[str(o)].add(s)
    assert not {q: who for q, who in users.items() if len(who) > 1}


def test_links_point_at_defined_entities(graph: rdflib.Graph, entities: set[URIRef]) -> None:
    for prop in (TKG.capital, TKG.country, TKG.of):
        for s, o in graph.subject_objects(prop):
            assert o in entities, (s, prop, o)


def test_capitals_are_cities_and_countries_are_countries(graph: rdflib.Graph) -> None:
    for s, o in graph.subject_objects(TKG.capital):
        assert (s, RDF.type, TKG.Country) in graph
        assert (o, RDF.type, TKG.City) in graph, o
    for _, o in graph.subject_objects(TKG.country):
        assert (o, RDF.type, TKG.Country) in graph, o


def test_positions_are_well_formed(graph: rdflib.Graph) -> None:
    for person, pos in graph.subject_objects(TKG.position):
        assert (person, RDF.type, TKG.Person) in graph
        assert len(list(graph.objects(pos, TKG.office))) == 1, person
        assert len(list(graph.objects(pos, TKG.of))) == 1, person
        starts = list(graph.objects(pos, TKG["from"]))
        assert len(starts) == 1, person
        ends = list(graph.objects(pos, TKG.until))
        assert len(ends) <= 1, person
        if ends:
            assert int(str(ends[0])) >= int(str(starts[0])), person


def test_at_least_190_countries(graph: rdflib.Graph) -> None:
    assert len(set(graph.subjects(RDF.type, TKG.Country))) >= 190


def test_news_agencies_are_marked(graph: rdflib.Graph) -> None:
    agencies = {str(graph.value(s, RDFS.label)) for s in graph.subjects(TKG.category, rdflib.Literal("agency"))}
    assert {"Reuters", "Associated Press", "Agence France-Presse", "TASS", "RIA Novosti"} <= agencies


@pytest.mark.parametrize(
    ("name", "local"),
    [
        ("Russian Federation", "russia"),
        ("U.S.", "united_states"),
        ("Kiev", "kyiv"),
        ("Khmeimim Air Base", "hmeymim_air_base"),
        ("Daesh", "islamic_state"),
        ("Latakia Province", "latakia_governorate"),
        ("Assad", "bashar_al_assad"),
        ("Novosti", "ria_novosti"),
    ],
)
def test_variants_resolve(graph: rdflib.Graph, name: str, local: str) -> None:
    hits = {s for s in graph.subjects(SKOS.altLabel, rdflib.Literal(name, lang="en"))}
    assert hits == {URIRef(GZ + local)}
