"""The project's Turtle files (gazetteer, event types, shapes) read into rdflib graphs by Oxigraph's
parser, which reads the 320 kB gazetteer in a fifth of the time rdflib's own parser takes: the
gazetteer is read at the start of every command that extracts."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["rdflib_term", "read_turtle"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def read_turtle(path: Path | str) -> Graph:
    """The triples of a Turtle file.

    Raises
    ------
    SyntaxError
        When the file is not Turtle (the message names the line).
    OSError
        When it cannot be read.
    """
    graph = Graph()
    graph += ((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object))
              for t in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    return graph


def rdflib_term(term: object, normalize: bool | None = None) -> Node:
    """The rdflib term of an Oxigraph term (``normalize``: as rdflib's ``Literal`` takes it)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:
            return Literal(term.value)  # a plain string, as rdflib reads one
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=normalize)
    raise TypeError(f"unexpected term {term!r}")
