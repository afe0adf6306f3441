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
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef

from .event_types import load_event_types
from .crossdoc import DateClaim, EventNode, link_events, unify_people
from .iris import article_iri, entity_iri, event_iri, event_type_iri, publisher_iri, span_iri
from .model import Document, Entity, Span
from .namespaces import GAF, NIF, OWL, PROV, RDF, RDFS, SDO, SEM, SKOS, TIME, TKG, WD, XSD, bind_prefixes

__all__ = ["to_rdf"]

ROLE_PROPERTY = {"agent": TKG.hasAgent, "patient": TKG.hasPatient, "participant": TKG.hasParticipant}


def to_rdf(extractions: Iterable) -> Graph:
    """One graph for a batch of extractions (``graph.pipeline.Extraction``).

    Events told by several articles become one node (``graph.crossdoc``) citing every article and
    mention; when the articles disagree on the date, each one's claim is kept (``tkg:dateClaim``).
    """
    extractions = list(extractions)
    graph = Graph()
    bind_prefixes(graph)
    docs = {x.document.doc_id: x.document for x in extractions}
    for doc in docs.values():
        _article(graph, doc)
    nodes = link_events(unify_people([e for x in extractions for e in x.events]))
    for node in nodes:
        _event(graph, docs, node)
    linked = {a.mention.entity for node in nodes for m in node.members for a in m.arguments}
    by_label = {(e.label, e.kind) for e in linked}
    keys = {e.key for e in linked}
    for extraction in extractions:
        for mention in extraction.mentions:
            if mention.entity.key in keys or (mention.entity.label, mention.entity.kind) in by_label:
                graph.add((entity_iri(mention.entity), GAF.denotedBy,
                           _mention(graph, extraction.document, mention.span)))
    _event_types(graph, {node.first.event_type for node in nodes})
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


def _event(graph: Graph, docs: dict[str, Document], event_node: EventNode) -> None:
    first = event_node.first
    node = event_iri(first)
    best = max(event_node.members, key=lambda m: len(m.arguments))
    graph.add((node, RDF.type, SEM.Event))
    graph.add((node, RDFS.label, Literal(best.label)))
    graph.add((node, SEM.eventType, event_type_iri(first.event_type)))
    confidence = max(m.confidence for m in event_node.members)
    # The canonical lexical form ("1", not "1.0"): triple stores keep only that, so it round-trips.
    canonical = format(Decimal(str(round(confidence, 2))).normalize(), "f")
    graph.add((node, TKG.confidence, Literal(canonical, datatype=XSD.decimal)))
    for member in event_node.members:
        doc = docs[member.doc_id]
        graph.add((node, PROV.wasDerivedFrom, article_iri(doc.doc_id)))
        for trigger, sentence in zip(member.triggers, member.sentences):
            graph.add((node, GAF.denotedBy, _mention(graph, doc, trigger, sentence)))
        for argument in member.arguments:
            entity = entity_iri(argument.mention.entity)
            _entity(graph, argument.mention.entity, SEM.Place if argument.role == "place" else SEM.Actor)
            if argument.role == "place":
                graph.add((node, SEM.hasPlace, entity))
            else:
                graph.add((node, SEM.hasActor, entity))
                graph.add((node, ROLE_PROPERTY[argument.role], entity))
    if event_node.earliest is not None:
        graph.add((node, SEM.hasEarliestBeginTimeStamp, Literal(event_node.earliest, datatype=XSD.date)))
        graph.add((node, SEM.hasLatestEndTimeStamp, Literal(event_node.latest, datatype=XSD.date)))
    chosen = event_node.chosen or first
    if event_node.earliest is not None or chosen.timex is not None:
        _time(graph, node, chosen.timex, event_node.earliest, event_node.latest)
    for claim in event_node.conflict:
        _claim(graph, node, claim)


def _claim(graph: Graph, event: URIRef, claim: DateClaim) -> None:
    """One article's dating of an event whose sources disagree."""
    node = URIRef(f"{event}/claim/{quote(claim.doc_id, safe='-._~')}")
    graph.add((event, TKG.dateClaim, node))
    graph.add((node, RDF.type, TKG.DateClaim))
    graph.add((node, PROV.wasDerivedFrom, article_iri(claim.doc_id)))
    graph.add((node, SEM.hasEarliestBeginTimeStamp, Literal(claim.earliest, datatype=XSD.date)))
    graph.add((node, SEM.hasLatestEndTimeStamp, Literal(claim.latest, datatype=XSD.date)))
    if claim.text:
        graph.add((node, TKG.timexText, Literal(claim.text)))
    graph.add((node, TKG.datedBy, Literal(claim.dated_by)))


def _time(graph: Graph, event: URIRef, timex, earliest, latest) -> None:
    node = URIRef(f"{event}/time")
    graph.add((event, SEM.hasTime, node))
    graph.add((node, RDF.type, SEM.Time))
    graph.add((node, RDF.type, TIME.Interval))
    for prop, day in ((TIME.hasBeginning, earliest), (TIME.hasEnd, latest)):
        if day is not None:
            instant = URIRef(f"{node}/{'begin' if prop == TIME.hasBeginning else 'end'}")
            graph.add((node, prop, instant))
            graph.add((instant, RDF.type, TIME.Instant))
            graph.add((instant, TIME.inXSDDate, Literal(day, datatype=XSD.date)))
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
