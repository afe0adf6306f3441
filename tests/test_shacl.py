"""The SHACL shapes accept what build writes and reject graphs that break the RDF contract."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graph.errors import ValidationError
from graph.rdf.namespaces import NIF, SEM, TKG
from graph.rdf.validate import check, violations


def copy(graph):
    from rdflib import Graph

    clone = Graph()
    for triple in graph:
        clone.add(triple)
    return clone


def some_event(graph) -> URIRef:
    return next(e for e in graph.subjects(RDF.type, SEM.Event)
                if graph.value(e, SEM.hasEarliestBeginTimeStamp) is not None)


def test_built_graph_conforms(seed_graph):
    conforms, _, lines = violations(seed_graph)
    assert conforms, lines


def test_event_ending_before_it_begins_is_rejected(seed_graph):
    broken = copy(seed_graph)
    event = some_event(broken)
    broken.set((event, SEM.hasLatestEndTimeStamp, Literal("1900-01-01", datatype=XSD.date)))
    with pytest.raises(ValidationError, match="violations") as info:
        check(broken)
    assert any("after latest end" in line for line in info.value.violations)


def test_event_without_label_is_rejected(seed_graph):
    broken = copy(seed_graph)
    broken.remove((some_event(broken), RDFS.label, None))
    conforms, _, lines = violations(broken)
    assert not conforms and any(str(RDFS.label) in line for line in lines)


def test_mention_with_text_offsets_is_rejected(seed_graph):
    broken = copy(seed_graph)
    mention = next(broken.subjects(RDF.type, NIF.Phrase))
    broken.set((mention, NIF.beginIndex, Literal("twelve")))
    conforms, _, lines = violations(broken)
    assert not conforms and any("beginIndex" in line for line in lines)


def test_actor_with_a_non_wikidata_same_as_is_rejected(seed_graph):
    from rdflib.namespace import OWL

    broken = copy(seed_graph)
    actor = next(broken.subjects(RDF.type, SEM.Actor))
    broken.set((actor, OWL.sameAs, URIRef("http://example.org/not-wikidata")))
    conforms, _, _ = violations(broken)
    assert not conforms


def test_role_without_its_sem_has_actor_is_rejected(seed_graph):
    from graph.rdf.namespaces import TKG

    broken = copy(seed_graph)
    event, actor = next(broken.subject_objects(TKG.hasAgent))
    broken.remove((event, SEM.hasActor, actor))
    conforms, _, lines = violations(broken)
    assert not conforms and any("without the sem:hasActor" in line for line in lines)


def test_mention_ending_before_it_begins_is_rejected(seed_graph):
    broken = copy(seed_graph)
    mention = next(broken.subjects(RDF.type, NIF.Phrase))
    broken.set((mention, NIF.endIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
    conforms, _, lines = violations(broken)
    assert not conforms and any("ends before it begins" in line for line in lines)


def test_a_whole_event_without_actor_or_place_is_rejected(seed_graph):
    broken = copy(seed_graph)
    event = next(broken.subjects(RDF.type, TKG.WholeEvent))
    for prop in (SEM.hasActor, SEM.hasPlace, TKG.hasAgent, TKG.hasPatient, TKG.hasParticipant):
        broken.remove((event, prop, None))
    conforms, _, lines = violations(broken)
    assert not conforms and any("actor or a place" in line for line in lines)
