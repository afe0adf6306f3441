"""The only module that makes triples: Extractions -> an rdflib Graph in the RDF contract.

Events are ``sem:Event`` with ``sem:eventType``, ``sem:hasActor`` (plus the role sub-properties
``tkg:hasAgent``/``hasPatient``/``hasParticipant``), ``sem:hasPlace``, day bounds
``sem:hasEarliestBeginTimeStamp``/``sem:hasLatestEndTimeStamp`` (``xsd:date``) and an OWL-Time
interval through ``sem:hasTime`` that keeps the TIMEX3 value and the original words. Provenance:
``prov:wasDerivedFrom`` the ``schema:NewsArticle`` and ``gaf:denotedBy`` NIF mentions with
character offsets into the article and their sentence.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from .event_types import load_event_types
from .iris import article_iri, entity_iri, event_iri, event_type_iri, publisher_iri, span_iri, time_iri
from .model import Document, Entity, Event, Span
from .namespaces import GAF, NIF, OWL, PROV, RDF, RDFS, SDO, SEM, SKOS, TIME, TKG, WD, XSD, bind_prefixes

__all__ = ["to_rdf"]

ROLE_PROPERTY = {"agent": TKG.hasAgent, "patient": TKG.hasPatient, "participant": TKG.hasParticipant}


def to_rdf(extractions: Iterable) -> Graph:
    """One graph for a batch of extractions (``graph.pipeline.Extraction``)."""
    graph = Graph()
    bind_prefixes(graph)
    types_used: set[str] = set()
    for extraction in extractions:
        doc = extraction.document
        _article(graph, doc)
        for event in extraction.events:
            _event(graph, doc, event)
            types_used.add(event.event_type)
        linked = {a.mention.entity.key for event in extraction.events for a in event.arguments}
        for mention in extraction.mentions:
            if mention.entity.key in linked:
                graph.add((entity_iri(mention.entity), GAF.denotedBy, _mention(graph, doc, mention.span)))
    _event_types(graph, types_used)
    return graph


def _article(graph: Graph, doc: Document) -> None:
    article = article_iri(doc.doc_id)
    graph.add((article, RDF.type, SDO.NewsArticle))
    graph.add((article, RDF.type, NIF.Context))
    graph.add((article, SDO.identifier, Literal(doc.doc_id)))
    graph.add((article, NIF.isString, Literal(doc.text)))
    if doc.title:
        graph.add((article, SDO.headline, Literal(doc.title)))
    if doc.publisher:
        publisher = publisher_iri(doc.publisher)
        graph.add((article, SDO.publisher, publisher))
        graph.add((publisher, RDF.type, SDO.Organization))
        graph.add((publisher, SDO.name, Literal(doc.publisher)))
    if doc.dct:
        graph.add((article, SDO.datePublished, Literal(doc.dct, datatype=XSD.date)))
    if doc.url:
        graph.add((article, SDO.url, Literal(doc.url, datatype=XSD.anyURI)))
    if doc.language:
        graph.add((article, SDO.inLanguage, Literal(doc.language)))


def _mention(graph: Graph, doc: Document, span: Span, sentence: Span | None = None) -> URIRef:
    node = span_iri(span)
    graph.add((node, RDF.type, NIF.Phrase))
    graph.add((node, NIF.referenceContext, article_iri(doc.doc_id)))
    graph.add((node, NIF.beginIndex, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((node, NIF.endIndex, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    graph.add((node, NIF.anchorOf, Literal(span.text_of(doc))))
    if sentence is not None:
        graph.add((node, NIF.sentence, _sentence(graph, doc, sentence)))
    return node


def _sentence(graph: Graph, doc: Document, span: Span) -> URIRef:
    node = span_iri(span)
    graph.add((node, RDF.type, NIF.Sentence))
    graph.add((node, NIF.referenceContext, article_iri(doc.doc_id)))
    graph.add((node, NIF.beginIndex, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((node, NIF.endIndex, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    graph.add((node, NIF.anchorOf, Literal(span.text_of(doc))))
    return node


def _event(graph: Graph, doc: Document, event: Event) -> None:
    node = event_iri(event)
    graph.add((node, RDF.type, SEM.Event))
    graph.add((node, RDFS.label, Literal(event.label)))
    graph.add((node, SEM.eventType, event_type_iri(event.event_type)))
    graph.add((node, TKG.confidence, Literal(Decimal(str(round(event.confidence, 2))), datatype=XSD.decimal)))
    graph.add((node, PROV.wasDerivedFrom, article_iri(doc.doc_id)))
    for trigger, sentence in zip(event.triggers, event.sentences):
        graph.add((node, GAF.denotedBy, _mention(graph, doc, trigger, sentence)))
    for argument in event.arguments:
        entity = entity_iri(argument.mention.entity)
        _entity(graph, argument.mention.entity, SEM.Place if argument.role == "place" else SEM.Actor)
        if argument.role == "place":
            graph.add((node, SEM.hasPlace, entity))
        else:
            graph.add((node, SEM.hasActor, entity))
            graph.add((node, ROLE_PROPERTY[argument.role], entity))
    if event.earliest is not None:
        graph.add((node, SEM.hasEarliestBeginTimeStamp, Literal(event.earliest, datatype=XSD.date)))
    if event.latest is not None:
        graph.add((node, SEM.hasLatestEndTimeStamp, Literal(event.latest, datatype=XSD.date)))
    if event.earliest is not None or event.timex is not None:
        _time(graph, event)


def _time(graph: Graph, event: Event) -> None:
    node = time_iri(event)
    graph.add((event_iri(event), SEM.hasTime, node))
    graph.add((node, RDF.type, SEM.Time))
    graph.add((node, RDF.type, TIME.Interval))
    for prop, day in ((TIME.hasBeginning, event.earliest), (TIME.hasEnd, event.latest)):
        if day is not None:
            instant = URIRef(f"{node}/{'begin' if prop == TIME.hasBeginning else 'end'}")
            graph.add((node, prop, instant))
            graph.add((instant, RDF.type, TIME.Instant))
            graph.add((instant, TIME.inXSDDate, Literal(day, datatype=XSD.date)))
    timex = event.timex
    if timex is not None:
        graph.add((node, TKG.timexValue, Literal(timex.value)))
        graph.add((node, TKG.timexType, Literal(timex.type)))
        graph.add((node, TKG.timexText, Literal(timex.text)))
        graph.add((node, TKG.granularity, Literal(timex.granularity)))
        if timex.mod:
            graph.add((node, TKG.timexMod, Literal(timex.mod)))


def _entity(graph: Graph, entity: Entity, rdf_class: URIRef) -> None:
    node = entity_iri(entity)
    graph.add((node, RDF.type, rdf_class))
    graph.set((node, RDFS.label, Literal(entity.label)))
    if entity.category:
        graph.set((node, TKG.category, Literal(entity.category)))
    for alias in entity.aliases:
        graph.add((node, SKOS.altLabel, Literal(alias)))
    if entity.wikidata:
        graph.set((node, OWL.sameAs, WD[entity.wikidata]))


def _event_types(graph: Graph, keys: set[str]) -> None:
    types = load_event_types()
    for key in sorted(keys):
        node = event_type_iri(key)
        graph.add((node, RDF.type, SKOS.Concept))
        graph.add((node, SKOS.prefLabel, Literal(types.labels[key], lang="en")))
        if types.cameo.get(key):
            graph.add((node, TKG.cameoCode, Literal(types.cameo[key])))
