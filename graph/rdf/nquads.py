"""An article graph as N-Quads text in its named graph, and back: what a build's workers hand the
store's bulk loader, and what the client reads the batch's union from."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import Dataset, Graph

from .iris import graph_iri
from .namespaces import bind_prefixes

__all__ = ["as_triples", "read_nquads", "to_nquads", "union_ntriples"]


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


def as_triples(quads: bytes) -> bytes:
    """The lines of one article's N-Quads (as ``to_nquads`` writes them: all in one graph) without
    their graph, as N-Triples.

    >>> as_triples(b'<urn:s> <urn:p> "a <urn:g> ." <urn:g> .\\n')
    b'<urn:s> <urn:p> "a <urn:g> ." .\\n'

    Raises
    ------
    ValueError
        When the text is no N-Quads or its lines are in several graphs.
    """
    if not quads.strip():
        return b""
    if not quads.endswith(b"\n"):
        quads += b"\n"
    first = quads[:quads.index(b"\n")].rstrip()
    statement = first[:-2].rstrip()
    if not first.endswith(b" .") or b" " not in statement:
        raise ValueError("its first line is no N-Quads statement")
    # A line break inside a literal is escaped in N-Quads: " <graph> .\n" only ends a line.
    ending = first[statement.rindex(b" "):] + b"\n"
    if quads.count(ending) != quads.count(b"\n"):
        raise ValueError("its lines are not all in one article's graph")
    return quads.replace(ending, b" .\n")


def union_ntriples(files: Iterable[Path]) -> str:
    """The union of article files' graphs as N-Triples, one line per distinct triple, sorted: the
    same triples give the same text, whichever process wrote the files.

    Raises
    ------
    OSError, ValueError
        When a file cannot be read, or is not one article's N-Quads (``as_triples``).
    """
    lines: set[bytes] = set()
    for path in files:
        lines.update(as_triples(path.read_bytes()).splitlines(keepends=True))
    return b"".join(sorted(lines)).decode("utf-8")
