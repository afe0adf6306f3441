"""An article graph as N-Quads text in its named graph, and back: what a build's workers hand the
store's bulk loader, and what the client reads the batch's union from."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .iris import graph_iri
from .namespaces import bind_prefixes

__all__ = ["as_triples", "in_graph", "ntriples", "quote", "read_nquads", "term_text", "to_nquads", "union_ntriples"]


def to_nquads(graph: Graph, doc_id: str) -> str:
    """``graph``'s triples as N-Quads lines in the named graph of ``doc_id`` (``graph_iri``).

    >>> from rdflib import URIRef
    >>> g = Graph(); g.add((URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:o")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> to_nquads(g, "a")
    '<urn:s> <urn:p> <urn:o> <https://w3id.org/timeline-kg/id/graph/a> .\\n'
    """
    return in_graph(ntriples(graph), doc_id)


def in_graph(lines: str, doc_id: str) -> str:
    """N-Triples ``lines`` as N-Quads lines in the named graph of ``doc_id``."""
    # An N-Triples line ends in " .\n" (a line break inside a literal is escaped): naming its graph
    # before the dot makes it an N-Quads line.
    return lines.replace(" .\n", f" {graph_iri(doc_id).n3()} .\n")


def ntriples(graph: Graph | Iterable[tuple[Node, Node, Node]]) -> str:
    """``graph``'s triples (or these triples) as N-Triples lines, in their order.

    >>> from rdflib import Literal, URIRef
    >>> g = Graph(); g.add((URIRef("urn:s"), URIRef("urn:p"), Literal('say "hi"\\n', lang="en")))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> ntriples(g)
    '<urn:s> <urn:p> "say \\\\"hi\\\\"\\\\n"@en .\\n'
    """
    # Several times faster than rdflib's writer; the same lines (N-Triples' escapes in literals).
    return "".join([f"{term_text(s)} {term_text(p)} {term_text(o)} .\n"
                    for s, p, o in graph])


def term_text(term: Node, datatypes: str = "") -> str:
    """``term`` in N-Triples (and SPARQL) syntax; ``datatypes`` goes before a datatype's IRI.

    >>> term_text(Literal("5", datatype=XSD.integer))
    '"5"^^<http://www.w3.org/2001/XMLSchema#integer>'
    """
    if type(term) is URIRef:  # most terms, told apart fastest
        return f"<{term}>"
    if not isinstance(term, Literal):
        if isinstance(term, URIRef):
            return f"<{term}>"
        if isinstance(term, BNode):
            return f"_:{term}"
        raise TypeError(f"not an RDF term: {term!r}")
    quoted = quote(str(term))
    if term.language:
        return f"{quoted}@{term.language}"
    if term.datatype is None or term.datatype == _XSD_STRING:
        return quoted
    return f"{quoted}^^<{datatypes}{term.datatype}>"


def quote(text: str) -> str:
    """``text`` as a quoted string of N-Triples (and of SPARQL).

    >>> print(quote('say "hi"\\n'))
    "say \\"hi\\"\\n"
    """
    return '"' + text.translate(_ESCAPES) + '"'


_XSD_STRING = XSD.string  # looked up once: rdflib makes the term anew at each look-up
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


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


def union_ntriples(files: Iterable[Path]) -> bytes:
    """The union of article files' graphs as N-Triples (UTF-8), one line per distinct triple, sorted:
    the same triples give the same text, whichever process wrote the files.

    Raises
    ------
    OSError, ValueError
        When a file cannot be read, or is not one article's N-Quads (``as_triples``).
    """
    lines: set[bytes] = set()
    for path in files:
        lines.update(as_triples(path.read_bytes()).splitlines(keepends=True))
    return b"".join(sorted(lines))
