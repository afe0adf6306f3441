"""Compiled SHACL checks (:mod:`graph.rdf.shacl_sparql`) run on an in-memory Oxigraph store.

In: an rdflib graph, or one graph per article. Out: ``Violation`` rows, for the whole data graph or
for each named graph validated on its own. Loading writes every term as ``stored_term`` does (typed
literals as written, blank nodes under their own labels), so a store filled any other way is not
validated right: Oxigraph's own loaders normalise literals (oxigraph#526).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import NamedTuple

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Node

from .shacl_sparql import AS_WRITTEN, Check, stored_term
from .turtle import rdflib_term

__all__ = ["Violation", "from_stored", "load_graph", "load_graphs", "load_ntriples", "report_text", "run_checks",
           "stored_graph"]

_SUBCLASS_OF = ox.NamedNode(str(RDFS.subClassOf))


class Violation(NamedTuple):
    """One validation result: what failed (``component``), where (``focus``, ``path``, ``value``), why
    (``message``), and the named graphs holding the focus node (the graph validated, per graph)."""

    focus: Node
    path: str  # an IRI, a SPARQL property path, or "" for a node shape's own constraint
    value: Node | None
    component: URIRef
    message: str
    graphs: tuple[str, ...] = ()

    def line(self) -> str:
        """``"{focus} {path}: {message}"``, the line ``graph.rdf.validate.violations`` lists."""
        return f"{self.focus} {self.path}: {self.message}".replace("  ", " ")


def load_graph(graph: Graph | Iterable[tuple[Node, Node, Node]]) -> ox.Store:
    """An in-memory store holding ``graph`` (or these triples) in its default graph.

    Raises
    ------
    SyntaxError
        When a term rdflib accepted cannot be written in N-Triples (an IRI with a space...).
    """
    store = ox.Store()
    store.extend(ox.parse(_ntriples(graph).encode(), format=ox.RdfFormat.N_TRIPLES, lenient=True))
    return store


def load_ntriples(lines: str) -> ox.Store:
    """An in-memory store holding the N-Triples ``lines`` (``graph.rdf.nquads.ntriples``) in its
    default graph, each typed literal as written (``AS_WRITTEN``), as ``load_graph`` holds a graph.

    Raises
    ------
    SyntaxError
        As ``load_graph``.
    """
    if '\\\\"^^<' in lines:  # a backslash ends some literal's text: count the backslashes before each quote
        as_written = _CLOSING_TYPED.sub(lambda m: m[1] + _AS_WRITTEN_TYPE, lines)
    else:  # a quote after one backslash is inside a literal
        as_written = lines.replace('"^^<', _AS_WRITTEN_TYPE).replace("\\" + _AS_WRITTEN_TYPE, '\\"^^<')
    store = ox.Store()
    # parsed here, not by store.load: a loader names blank nodes anew, and a report names them
    store.extend(ox.parse(as_written.encode(), format=ox.RdfFormat.N_TRIPLES, lenient=True))
    return store


# The quote that closes a literal, then its datatype, as a store of literals as written has it. In
# N-Triples a quote inside a literal is escaped: a quote closes a literal when an even number of
# backslashes (escaped backslashes) stands before it.
_CLOSING_TYPED = re.compile(r'(?<!\\)((?:\\\\)*)"\^\^<')
_AS_WRITTEN_TYPE = f'"^^<{AS_WRITTEN}'



def load_graphs(graphs: Mapping[str, Graph]) -> ox.Store:
    """An in-memory store holding each graph in the named graph whose IRI is its key.

    Raises
    ------
    SyntaxError
        As ``load_graph``.
    """
    store = ox.Store()
    for name, graph in graphs.items():
        quads = _ntriples(graph.triples((None, None, None)), f" <{name}>")
        store.extend(ox.parse(quads.encode(), format=ox.RdfFormat.N_QUADS, lenient=True))
    return store


def _ntriples(triples: Iterable[tuple[Node, Node, Node]], graph: str = "") -> str:
    # No memo: hashing rdflib terms costs more than writing an IRI again.
    return "".join([f"{stored_term(s)} {stored_term(p)} {stored_term(o)}{graph} .\n" for s, p, o in triples])


def run_checks(store: ox.Store, checks: Sequence[Check], *, each_graph: bool = False) -> list[Violation]:
    """The results of ``checks`` on ``store``: on the union of its graphs, or (``each_graph``) on each
    named graph alone, as if it were the only data. On the union, each violation names the named
    graphs in which its focus node is a subject (or an object, when it is a subject in none)."""
    found = []
    named = each_graph or next(iter(store.named_graphs()), None) is not None
    subclasses = next(store.quads_for_pattern(None, _SUBCLASS_OF, None), None) is not None
    for check in checks:
        query = check.query(each_graph=each_graph, subclasses=subclasses)
        for row in store.query(query, use_default_graph_as_union=not each_graph):
            focus, value = row["focus"], row["value"]
            if each_graph:
                graphs: tuple[str, ...] = (row["g"].value,)
            else:
                graphs = holding(store, focus) if named else ()
            for message in check.messages:
                found.append(Violation(from_stored(focus), check.path, None if value is None else from_stored(value),
                                       check.component, message, graphs))
    return found


def holding(store: ox.Store, node: object) -> tuple[str, ...]:
    """The named graphs of ``store`` with a triple about ``node`` (as subject, else as object)."""
    for pattern in ((node, None, None), (None, None, node)):
        try:
            names = {q.graph_name.value for q in store.quads_for_pattern(*pattern)
                     if not isinstance(q.graph_name, ox.DefaultGraph)}
        except TypeError:  # a literal is never a subject
            continue
        if names:
            return tuple(sorted(names))
    return ()


def from_stored(term: object) -> Node:
    """The rdflib term of a term read from the store (a literal as written gets its datatype back)."""
    if isinstance(term, ox.Literal) and term.datatype.value.startswith(AS_WRITTEN):
        return Literal(term.value, datatype=URIRef(term.datatype.value[len(AS_WRITTEN):]), normalize=False)
    return rdflib_term(term, normalize=False)


def stored_graph(store: ox.Store, name: str) -> Graph:
    """The rdflib graph of one named graph of a store this module loaded, terms as they were given."""
    graph = Graph()
    for quad in store.quads_for_pattern(None, None, None, ox.NamedNode(name)):
        graph.add((from_stored(quad.subject), from_stored(quad.predicate), from_stored(quad.object)))
    return graph


def report_text(violations: Sequence[Violation]) -> str:
    """A validation report in pyshacl's text layout, one block per result."""
    return "\n".join(["Validation Report", f"Conforms: {not violations}", f"Results ({len(violations)}):",
                      *_blocks(sorted(violations, key=lambda v: (v.line(), str(v.component))))])


def _blocks(violations: Iterable[Violation]) -> Iterator[str]:
    for v in violations:
        name = str(v.component).rsplit("#", 1)[-1]
        yield f"Constraint Violation in {name} ({v.component}):"
        yield f"\tFocus Node: {v.focus.n3()}"
        if v.value is not None:
            yield f"\tValue Node: {v.value.n3()}"
        if v.path:
            yield f"\tResult Path: {v.path}"
        if v.graphs:
            yield f"\tGraph: {' '.join(v.graphs)}"
        yield f"\tMessage: {v.message}"
