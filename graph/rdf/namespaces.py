"""Every RDF namespace the project uses, declared once.

Terms of the vocabularies we write are ``DefinedNamespace`` classes with ``_fail = True``: a typo
in a term is an AttributeError, not a silently new IRI.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "BASE", "ET", "GAF", "GEO", "ID", "NIF", "OWL", "PROV", "RDF", "RDFS", "SDO", "SEM", "SKOS",
    "TIME", "TKG", "WD", "XSD", "GZ", "PREFIXES", "bind_prefixes", "sparql_prefixes",
]

BASE = "https://w3id.org/timeline-kg/"


class SEM(DefinedNamespace):
    """Simple Event Model (van Hage et al. 2011)."""

    _fail = True
    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    Time: URIRef
    eventType: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    hasEarliestBeginTimeStamp: URIRef
    hasLatestEndTimeStamp: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format core."""

    _fail = True
    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")

    Context: URIRef
    Phrase: URIRef
    Sentence: URIRef
    String: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    isString: URIRef
    referenceContext: URIRef
    sentence: URIRef


class GAF(DefinedNamespace):
    """Grounded Annotation Framework: links instances to the mentions that denote them."""

    _fail = True
    _NS = Namespace("http://groundedannotationframework.org/gaf#")

    denotedBy: URIRef


class GEO(DefinedNamespace):
    """W3C Basic Geo (WGS84 lat/long) vocabulary: a place's point in decimal degrees."""

    _fail = True
    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")

    lat: URIRef
    long: URIRef


class TKG(DefinedNamespace):
    """timeline-kg's own terms (ontology/timeline-kg.ttl)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    hasAgent: URIRef
    hasPatient: URIRef
    hasParticipant: URIRef
    confidence: URIRef
    cameoCode: URIRef
    triggerVerb: URIRef
    triggerNoun: URIRef
    timexValue: URIRef
    timexType: URIRef
    timexText: URIRef
    timexMod: URIRef
    granularity: URIRef
    DateClaim: URIRef
    dateClaim: URIRef
    WholeEvent: URIRef
    BareEvent: URIRef
    datedBy: URIRef
    Country: URIRef
    City: URIRef
    Region: URIRef
    Facility: URIRef
    Person: URIRef
    Organization: URIRef
    Product: URIRef
    category: URIRef
    demonym: URIRef
    capital: URIRef
    country: URIRef
    position: URIRef
    office: URIRef
    of: URIRef
    until: URIRef


def _terms_made_once(namespace: type[DefinedNamespace]) -> None:
    # rdflib makes a term anew at each look-up (a build looks up a million), through its metaclass;
    # a class attribute is found first. A name not declared still fails there.
    for name in namespace.__annotations__:
        if not name.startswith("_"):
            setattr(namespace, name, namespace._NS[name])


for _namespace in (SEM, NIF, GAF, GEO, TKG):
    _terms_made_once(_namespace)

# "from" is a Python keyword, so that one term is reached as TKG_FROM.
TKG_FROM = URIRef(BASE + "ontology#from")
ET = Namespace(BASE + "event-type/")
GZ = Namespace(BASE + "gazetteer/")
ID = Namespace(BASE + "id/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, Namespace | str] = {
    "sem": SEM._NS, "time": TIME, "prov": PROV, "nif": NIF._NS, "gaf": GAF._NS,
    "schema": SDO, "skos": SKOS, "owl": OWL, "rdfs": RDFS, "xsd": XSD, "tkg": TKG._NS,
    "et": ET, "gz": GZ, "wd": WD, "geo": GEO._NS,
}


def sparql_prefixes() -> str:
    """PREFIX lines for every project prefix, to start a SPARQL query with."""
    return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in PREFIXES.items())


def bind_prefixes(graph) -> None:
    """Bind the project's prefixes on an rdflib Graph, so Turtle output stays readable."""
    for prefix, namespace in PREFIXES.items():
        # replace: rdflib binds "geo" to GeoSPARQL by default, and ours would be written as "geo1"
        graph.bind(prefix, namespace, override=True, replace=True)
