"""The only module that makes triples: Extractions -> an rdflib Graph in the RDF contract.

Events are ``sem:Event`` with ``sem:eventType``, ``sem:hasActor`` (plus the role sub-properties
``tkg:hasAgent``/``hasPatient``/``hasParticipant``), ``sem:hasPlace``, day bounds
``sem:hasEarliestBeginTimeStamp``/``sem:hasLatestEndTimeStamp`` (``xsd:date``) and an OWL-Time
interval through ``sem:hasTime`` that keeps the TIMEX3 value and the original words. Provenance:
``prov:wasDerivedFrom`` the ``schema:NewsArticle`` and ``gaf:denotedBy`` NIF mentions with
character offsets into the article and their sentence. Actors and places: labels, aliases, Wikidata
links, and for cities WGS84 ``geo:lat``/``geo:long``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.model import DateClaim, Document, Entity, Event, EventNode, Extraction, Mention, Span

from .event_types import load_event_types
from .iris import (
    article_iri,
    claim_iri,
    entity_iri,
    event_iri,
    event_type_iri,
    publisher_iri,
    span_iri,
)
from .namespaces import (
    GAF,
    GEO,
    NIF,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SEM,
    SKOS,
    TIME,
    TKG,
    WD,
    XSD,
    bind_prefixes,
)

__all__ = ["ArticlePart", "StoredEvent", "Triple", "Triples", "article_context", "article_graph", "article_parts",
           "article_triples", "as_graph", "is_whole", "to_article_graphs", "union"]

ROLE_PROPERTY = {"agent": TKG.hasAgent, "patient": TKG.hasPatient, "participant": TKG.hasParticipant}


@dataclass(frozen=True, slots=True)
class StoredEvent:
    """An event node already in a store that a new event node joins (see ``graph.pipeline.add``).

    The stored node keeps its label, confidence and date; ``claims`` are the dated tellings to
    record when the new articles disagree with that date (empty when the store already holds them).
    """

    iri: URIRef
    earliest: date | None
    latest: date | None
    claims: tuple[DateClaim, ...] = ()


def union(graphs: Iterable[Graph]) -> Graph:
    """One graph holding every triple of ``graphs`` once, with the contract's prefixes bound."""
    graph = as_graph(())
    bind_prefixes(graph)
    for part in graphs:
        graph += part
    return graph


@dataclass(slots=True)
class ArticlePart:
    """All that one article's graph is made of, so that it can be made apart from the batch (in a
    worker process): its document and mentions, the event nodes it tells (whole, in batch order,
    each with the store's node it joins, if any, and the date claims its graph holds), and the facts
    of the entities it names, gathered over the whole batch (a label is the last one any article
    gave; classes and aliases add up), which makes its triples the same as in a build of the batch.
    """

    document: Document
    mentions: list[Mention]
    nodes: list[tuple[EventNode, StoredEvent | None, tuple[DateClaim, ...]]]
    entities: dict[URIRef, dict[URIRef, set | Literal | URIRef]]
    types: set[str]  # event-type keys whose SKOS concept this graph describes


def to_article_graphs(extractions: Iterable[Extraction], nodes: Iterable[EventNode],
                      attach: Callable[[EventNode], StoredEvent | None] | None = None) -> dict[str, Graph]:
    """Each article's triples, by doc id: what a store keeps as that article's named graph.

    An event node's own facts (label, type, confidence, date) go to the article that first tells
    it; each telling's provenance, mentions and arguments to the article that tells it; a date
    claim to the article that makes it. Triples two articles share (types, entity labels) are in
    both graphs.

    Parameters
    ----------
    extractions
        What was found in each article.
    nodes
        The events of ``extractions`` linked into one node per real event (``graph.link.link``).
    attach
        Called with each event node; a ``StoredEvent`` it returns is the store's node for the same
        event, which the articles' tellings then join instead of minting a node.
    """
    return {part.document.doc_id: article_graph(part) for part in article_parts(extractions, nodes, attach)}


def article_parts(extractions: Iterable[Extraction], nodes: Iterable[EventNode],
                  attach: Callable[[EventNode], StoredEvent | None] | None = None) -> list[ArticlePart]:
    """What each article's graph is made of (``article_graph`` makes it), in ``extractions`` order:
    the one pass over the whole batch, which makes no triple. Parameters as ``to_article_graphs``."""
    extractions = list(extractions)
    parts = {x.document.doc_id: ArticlePart(x.document, x.mentions, [], {}, set()) for x in extractions}
    entities = _Entities()
    for node in nodes:
        stored = attach(node) if attach is not None else None
        for doc_id in node.doc_ids:
            parts[doc_id].nodes.append((node, stored, _claims_of(node, stored, doc_id, parts)))
        for member in node.members:
            for argument in member.arguments:
                entities.note(member.doc_id, argument.mention.entity,
                              SEM.Place if argument.role == "place" else SEM.Actor)
        for doc_id in node.doc_ids if stored is not None else [node.first.doc_id]:
            parts[doc_id].types.add(node.first.event_type)
    # Every name an article gives is in the graph, in an event or not: an entity keeps the classes
    # its roles gave it, and one in no event is an actor or a place by its kind.
    for extraction in extractions:
        for mention in extraction.mentions:
            entity = mention.entity
            entities.note(extraction.document.doc_id, entity, None if entity_iri(entity) in entities.facts
                          else SEM.Place if entity.kind == "place" else SEM.Actor)
    for node, facts in entities.facts.items():
        for doc_id in entities.users[node]:
            parts[doc_id].entities[node] = facts
    return list(parts.values())


def _claims_of(node: EventNode, stored: StoredEvent | None, doc_id: str,
               parts: dict[str, ArticlePart]) -> tuple[DateClaim, ...]:
    """The date claims about ``node`` that the graph of ``doc_id`` holds: its own, and for a stored
    node, those of articles outside the batch go to the article that first tells it."""
    if stored is None:
        return tuple(claim for claim in node.conflict if claim.doc_id == doc_id)
    home = node.first.doc_id
    return tuple(claim for claim in stored.claims
                 if claim.doc_id == doc_id or (claim.doc_id not in parts and doc_id == home))


def article_graph(part: ArticlePart) -> Graph:
    """One article's named graph, made from its part alone (see ``to_article_graphs``)."""
    return as_graph(article_triples(part))


def article_triples(part: ArticlePart) -> Triples:
    """The triples of ``article_graph``, without an rdflib graph (a build writes them as they are)."""
    doc = part.document
    triples = Triples()
    _article(triples, doc)
    for node, stored, claims in part.nodes:
        if stored is None:
            _event(triples, doc, node, claims)
        else:
            _join(triples, doc, node, stored, claims)
    for mention in part.mentions:
        triples.add((entity_iri(mention.entity), GAF.denotedBy, _mention(triples, doc, mention.span)))
    for node, facts in part.entities.items():
        for prop, value in facts.items():
            for item in value if isinstance(value, set) else (value,):
                triples.add((node, prop, item))
    _event_types(triples, part.types)
    return triples


def article_context(part: ArticlePart) -> Triples:
    """The triples of other articles' graphs that this article's triples lean on: the own facts
    (label, confidence, class, date, type concept) of each event it tells that another article
    told first. Its graph checked with these is checked as the batch's union would be."""
    triples = Triples()
    keys = set()
    for node, stored, _ in part.nodes:
        if stored is None and node.first.doc_id != part.document.doc_id:
            _facts(triples, event_iri(node.first), node)
            _dates(triples, event_iri(node.first), node.chosen or node.first, node.earliest, node.latest)
            keys.add(node.first.event_type)
    _event_types(triples, keys)
    return triples


def is_whole(node: EventNode, *, dated: bool | None = None) -> bool:
    """Whether an event node is whole: some telling gives it an actor or a place, it has a date (its
    type always comes from the scheme), and some telling tells it as a happening dated by more than
    the publication day it was told by, or tells what will happen or describes it on a date of its
    own words ("talks will begin on December 21", "the plane, delivered in 2007"). An amount ("its
    profits"), a state ("Apple is the leader"), what may, should or would happen, and a past
    happening that neither its words, its sentence, its story nor its lede date ("He received $59
    million", told in a story of today: when, the text does not say), or that only continues a
    month or a year given before, never are. ``dated`` overrides
    the node's own bounds (a stored node's)."""
    dated = node.earliest is not None if dated is None else dated
    return dated and any(m.arguments for m in node.members) \
        and any((m.mode == "happened" and _dated_as_told(m))
                or (m.mode in ("future", "description") and m.dated_by in ("own", "relative"))
                for m in node.members)


def _dated_as_told(event: Event) -> bool:
    """Whether a happening's date rests on the text: not on the publication day alone, nor on a
    month or a year that an earlier sentence gave (what the story went back to, it may have left:
    "Apple first introduced it in April. Jobs called it the most advanced ...")."""
    if event.dated_by == "publication":
        return False
    wide = event.earliest is not None and event.latest is not None and (event.latest - event.earliest).days > 7
    return not (event.dated_by == "narrative" and wide)


Triple = tuple[Node, Node, Node]


class Triples(dict):
    """Triples in the order they were made, each once: what an article's graph is made of, about
    ten times cheaper to fill than an rdflib graph (``as_graph`` makes one of them)."""

    def add(self, triple: Triple) -> None:
        self[triple] = None


# The same offsets and days recur in article after article, and a typed Literal costs ~10 us to make.
@lru_cache(maxsize=1 << 14)
def _offset(value: int) -> Literal:
    return Literal(value, datatype=XSD.nonNegativeInteger)


@lru_cache(maxsize=1 << 12)
def _day(value: date) -> Literal:
    return Literal(value, datatype=XSD.date)


def as_graph(triples: Iterable[Triple]) -> Graph:
    # No prefixes bound: an article's graph is written as N-Triples, and a graph with prefixes is
    # in a reference cycle with them, freed only by a full collection (thousands of objects each).
    graph = Graph(store="SimpleMemory")
    for triple in triples:
        graph.add(triple)
    return graph


def _article(triples: Triples, doc: Document) -> None:
    article = article_iri(doc.doc_id)
    triples.add((article, RDF.type, SDO.NewsArticle))
    triples.add((article, RDF.type, NIF.Context))
    triples.add((article, SDO.identifier, Literal(doc.doc_id)))
    triples.add((article, NIF.isString, Literal(doc.text)))
    if doc.title:
        triples.add((article, SDO.headline, Literal(doc.title)))
    if doc.publisher:
        publisher = publisher_iri(doc.publisher)
        triples.add((article, SDO.publisher, publisher))
        triples.add((publisher, RDF.type, SDO.Organization))
        triples.add((publisher, SDO.name, Literal(doc.publisher)))
    if doc.dct:
        triples.add((article, SDO.datePublished, _day(doc.dct)))
    if doc.url:
        triples.add((article, SDO.url, Literal(doc.url, datatype=XSD.anyURI)))
    if doc.language:
        triples.add((article, SDO.inLanguage, Literal(doc.language)))


def _mention(triples: Triples, doc: Document, span: Span, sentence: Span | None = None) -> URIRef:
    node = span_iri(span)
    triples.add((node, RDF.type, NIF.Phrase))
    triples.add((node, NIF.referenceContext, article_iri(doc.doc_id)))
    triples.add((node, NIF.beginIndex, _offset(span.start)))
    triples.add((node, NIF.endIndex, _offset(span.end)))
    triples.add((node, NIF.anchorOf, Literal(span.text_of(doc))))
    if sentence is not None:
        triples.add((node, NIF.sentence, _sentence(triples, doc, sentence)))
    return node


def _sentence(triples: Triples, doc: Document, span: Span) -> URIRef:
    node = span_iri(span)
    triples.add((node, RDF.type, NIF.Sentence))
    triples.add((node, NIF.referenceContext, article_iri(doc.doc_id)))
    triples.add((node, NIF.beginIndex, _offset(span.start)))
    triples.add((node, NIF.endIndex, _offset(span.end)))
    triples.add((node, NIF.anchorOf, Literal(span.text_of(doc))))
    return node


def _event(triples: Triples, doc: Document, event_node: EventNode, claims: tuple[DateClaim, ...]) -> None:
    """What ``doc`` says of an event node: its own facts if it tells it first, its tellings, its claims."""
    node = event_iri(event_node.first)
    first = event_node.first.doc_id == doc.doc_id
    if first:
        _facts(triples, node, event_node)
    _tellings(triples, doc, node, event_node)
    if first:
        _dates(triples, node, event_node.chosen or event_node.first, event_node.earliest, event_node.latest)
    for claim in claims:
        _claim(triples, node, claim)


def _facts(triples: Triples, node: URIRef, event_node: EventNode) -> None:
    """An event node's own facts but its date: label, confidence and class."""
    best = max(event_node.members, key=lambda m: len(m.arguments))
    triples.add((node, RDFS.label, Literal(best.label)))
    confidence = max(m.confidence for m in event_node.members)
    triples.add((node, TKG.confidence, _decimal(round(confidence, 2))))
    triples.add((node, RDF.type, TKG.WholeEvent if is_whole(event_node) else TKG.BareEvent))


def _join(triples: Triples, doc: Document, event_node: EventNode, stored: StoredEvent,
          claims: tuple[DateClaim, ...]) -> None:
    """The tellings of ``event_node`` in ``doc`` added to a stored node, which keeps its label and date."""
    _tellings(triples, doc, stored.iri, event_node)
    if event_node.first.doc_id == doc.doc_id:
        if stored.earliest is None and event_node.earliest is not None:  # an undated node gains a date
            _dates(triples, stored.iri, event_node.chosen or event_node.first, event_node.earliest, event_node.latest)
        if is_whole(event_node, dated=stored.earliest is not None or event_node.earliest is not None):
            triples.add((stored.iri, RDF.type, TKG.WholeEvent))  # a stored bare event made whole by the new telling
    for claim in claims:
        _claim(triples, stored.iri, claim)


def _tellings(triples: Triples, doc: Document, node: URIRef, event_node: EventNode) -> None:
    """What ``doc`` says when it tells the event: its provenance, mentions and arguments."""
    for member in event_node.members:
        if member.doc_id != doc.doc_id:
            continue
        triples.add((node, RDF.type, SEM.Event))
        triples.add((node, SEM.eventType, event_type_iri(event_node.first.event_type)))
        triples.add((node, PROV.wasDerivedFrom, article_iri(doc.doc_id)))
        for trigger, sentence in zip(member.triggers, member.sentences):
            triples.add((node, GAF.denotedBy, _mention(triples, doc, trigger, sentence)))
        for argument in member.arguments:
            entity = entity_iri(argument.mention.entity)
            if argument.role == "place":
                triples.add((node, SEM.hasPlace, entity))
            else:
                triples.add((node, SEM.hasActor, entity))
                triples.add((node, ROLE_PROPERTY[argument.role], entity))


def _dates(triples: Triples, node: URIRef, chosen, earliest: date | None, latest: date | None) -> None:
    if earliest is not None:
        triples.add((node, SEM.hasEarliestBeginTimeStamp, _day(earliest)))
        triples.add((node, SEM.hasLatestEndTimeStamp, _day(latest)))
    if earliest is not None or chosen.timex is not None:
        _time(triples, node, chosen.timex, earliest, latest)


def _decimal(value: float) -> Literal:
    """An ``xsd:decimal`` in its canonical lexical form ("1", not "1.0"): triple stores keep only
    that form, so the literal round-trips through them."""
    return Literal(format(Decimal(repr(value)).normalize(), "f"), datatype=XSD.decimal)


def _claim(triples: Triples, event: URIRef, claim: DateClaim) -> None:
    """One article's dating of an event whose sources disagree."""
    node = claim_iri(event, claim.doc_id)
    triples.add((event, TKG.dateClaim, node))
    triples.add((node, RDF.type, TKG.DateClaim))
    triples.add((node, PROV.wasDerivedFrom, article_iri(claim.doc_id)))
    triples.add((node, SEM.hasEarliestBeginTimeStamp, _day(claim.earliest)))
    triples.add((node, SEM.hasLatestEndTimeStamp, _day(claim.latest)))
    if claim.text:
        triples.add((node, TKG.timexText, Literal(claim.text)))
    triples.add((node, TKG.datedBy, Literal(claim.dated_by)))


def _time(triples: Triples, event: URIRef, timex, earliest, latest) -> None:
    node = URIRef(f"{event}/time")
    triples.add((event, SEM.hasTime, node))
    triples.add((node, RDF.type, SEM.Time))
    triples.add((node, RDF.type, TIME.Interval))
    for prop, day in ((TIME.hasBeginning, earliest), (TIME.hasEnd, latest)):
        if day is not None:
            instant = URIRef(f"{node}/{'begin' if prop == TIME.hasBeginning else 'end'}")
            triples.add((node, prop, instant))
            triples.add((instant, RDF.type, TIME.Instant))
            triples.add((instant, TIME.inXSDDate, _day(day)))
    if timex is not None:
        triples.add((node, TKG.timexValue, Literal(timex.value)))
        triples.add((node, TKG.timexType, Literal(timex.type)))
        triples.add((node, TKG.timexText, Literal(timex.text)))
        triples.add((node, TKG.granularity, Literal(timex.granularity)))
        if timex.mod:
            triples.add((node, TKG.timexMod, Literal(timex.mod)))


class _Entities:
    """Entity facts gathered over the whole batch, for each article graph citing them.

    Labels, categories, Wikidata links and coordinates (``geo:lat``/``geo:long``, WGS84 decimal
    degrees as ``xsd:decimal``) keep the last value seen (one per entity in the union); classes and
    aliases add up.
    """

    def __init__(self) -> None:
        self.facts: dict[URIRef, dict[URIRef, set | Literal | URIRef]] = {}
        self.users: dict[URIRef, set[str]] = {}

    def note(self, doc_id: str, entity: Entity, rdf_class: URIRef | None) -> None:
        node = entity_iri(entity)
        facts = self.facts.setdefault(node, {})
        self.users.setdefault(node, set()).add(doc_id)
        if rdf_class is not None:
            facts.setdefault(RDF.type, set()).add(rdf_class)
        facts[RDFS.label] = Literal(entity.label)
        if entity.category:
            facts[TKG.category] = Literal(entity.category)
        facts.setdefault(SKOS.altLabel, set()).update(Literal(alias) for alias in entity.aliases)
        if entity.wikidata:
            facts[OWL.sameAs] = WD[entity.wikidata]
        if entity.coordinates is not None:
            facts[GEO.lat], facts[GEO.long] = (_decimal(degrees) for degrees in entity.coordinates)


def _event_types(triples: Triples, keys: set[str]) -> None:
    types = load_event_types()
    for key in sorted(keys):
        node = event_type_iri(key)
        triples.add((node, RDF.type, SKOS.Concept))
        triples.add((node, SKOS.prefLabel, Literal(types.labels[key], lang="en")))
        if types.cameo.get(key):
            triples.add((node, TKG.cameoCode, Literal(types.cameo[key])))
