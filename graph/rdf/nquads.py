"""An article graph as N-Quads text in its named graph, and back: what a build's workers hand the
store's bulk loader, and what the client reads the batch's union from."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from .iris import graph_iri
from .namespaces import bind_prefixes

__all__ = ["read_nquads", "to_nquads"]


def to_nquads(graph: Graph, doc_id: str) -> str:
    """``graph``'s triples as N-Quads lines in the named graph of ``doc_id`` (``graph_iri``).

    >>> from rdflib import URIRef
    >>> g = Graph(); g.add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> to_nquads(g, "a")
    '<urn:s> <urn:p> <urn:o> <https://w3id.org/timeline-kg/id/graph/a> .\\n'
    """
    # An N-Triples line ends in " .\n" (a line break inside a literal is escaped): naming its graph
    # before the dot makes it an N-Quads line, at the speed of rdflib's fastest writer.
    return graph.serialize(format="nt").replace(" .\n", f" {graph_iri(doc_id).n3()} .\n")


def read_nquads(path: Path) -> Graph:
    """The triples of an N-Quads file, whatever graphs they were in, as one graph."""
    dataset = Dataset()
    dataset.parse(path, format="nquads")
    graph = Graph()
    bind_prefixes(graph)
    graph += ((s, p, o) for s, p, o, _ in dataset.quads())
    return graph
