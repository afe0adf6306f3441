"""SHACL validation of a graph against the shapes of the RDF contract (``ontology/shapes.ttl``).

The shapes run as SPARQL queries on Oxigraph (:mod:`.shacl_sparql`, :mod:`.shacl_store`), several
times faster than pyshacl, and the whole-graph role rule there rather than on rdflib's engine.
pyshacl remains the engine when the compiler refuses the shapes (a SHACL feature it does not
implement) or Oxigraph refuses a term of the graph.
"""

from __future__ import annotations

import itertools
import logging
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from graph.errors import ValidationError
from graph.resources import ontology_file

from .contract import Triple, as_graph
from .nquads import ntriples
from .shacl_sparql import Check, UnsupportedShapes, compile_shapes, path_text
from .shacl_store import Violation, from_stored, load_graph, load_ntriples, report_text, run_checks, stored_graph
from .turtle import read_turtle

__all__ = ["ROLE_WITHOUT_ACTOR", "check", "compiled_shapes", "shapes", "store_violations", "violations"]

_log = logging.getLogger(__name__)

# Checked once over the whole graph rather than as a SHACL-SPARQL constraint, which pyshacl runs
# once per focus node (minutes on a news archive). Must return no row.
_ROLES = """
  ?event ?role ?actor .
  FILTER (?role IN (<https://w3id.org/timeline-kg/ontology#hasAgent>, <https://w3id.org/timeline-kg/ontology#hasPatient>,
                    <https://w3id.org/timeline-kg/ontology#hasParticipant>))
  FILTER NOT EXISTS { ?event <http://semanticweb.cs.vu.nl/2009/11/sem/hasActor> ?actor }"""
ROLES_WITHOUT_ACTOR = f"SELECT ?event ?role ?actor WHERE {{{_ROLES}\n}}"
ROLES_IN_EACH_GRAPH = f"SELECT ?g ?event ?role ?actor WHERE {{ GRAPH ?g {{{_ROLES}\n}} }}"
#: The component named in the results of that rule.
ROLE_WITHOUT_ACTOR = URIRef("https://w3id.org/timeline-kg/shapes#RoleWithoutActor")


@lru_cache(maxsize=1)
def shapes() -> Graph:
    return read_turtle(ontology_file("shapes.ttl"))


@lru_cache(maxsize=1)
def compiled_shapes() -> tuple[Check, ...] | None:
    """The contract's shapes as SPARQL checks, or None when the compiler refuses them (said once in
    the log): then pyshacl validates."""
    try:
        return compile_shapes(shapes())
    except UnsupportedShapes as refusal:
        _log.warning("SHACL shapes validated with pyshacl: %s", refusal)
        return None


def violations(graph: Graph | Iterable[Triple], context: Iterable[Triple] | None = None, *,
               written: str | None = None) -> tuple[bool, str, list[str]]:
    """``(conforms, report text, one line per violation)`` for ``graph`` (an rdflib graph, or its
    triples: ``graph.rdf.contract.Triples``), validated together with the triples of ``context``
    (facts it refers to that another graph holds); a line reads ``"{focus} {path}: {message}"``.
    ``written``: ``graph`` as N-Triples (``graph.rdf.nquads.ntriples``), when the caller has
    written them already."""
    checks = compiled_shapes()
    try:
        if written is None:
            store = load_graph(graph if context is None else itertools.chain(graph, context))
        else:
            store = load_ntriples(written if context is None else written + ntriples(context))
    except SyntaxError as refusal:  # a term rdflib took and N-Triples cannot write
        _log.info("graph validated with pyshacl and rdflib: Oxigraph refuses it (%s)", refusal)
        store = checks = None
    if store is None and (context is not None or not isinstance(graph, Graph)):  # for rdflib's engines
        graph = as_graph(itertools.chain(graph, context or ()))
    roles = (_roles(store.query(ROLES_WITHOUT_ACTOR)) if store is not None
             else _roles({"event": r.event, "role": r.role, "actor": r.actor, "g": None}
                         for r in graph.query(ROLES_WITHOUT_ACTOR)))
    if checks is not None:
        found = run_checks(store, checks) + roles
        return not found, report_text(found), sorted(v.line() for v in found)
    report, text = _pyshacl(graph)
    if report is None:
        return False, text, [f"SHACL engine failure: {text}"]
    found = _results(report) + roles
    return not found, "\n".join([text, *(v.line() for v in roles)]), sorted(v.line() for v in found)


def store_violations(store: ox.Store) -> dict[str, list[Violation]]:
    """The violations of each named graph of ``store`` (an article's graph, loaded by
    ``shacl_store.load_graphs``) validated on its own, by graph IRI; a graph that conforms is absent.

    Examples
    --------
    >>> from graph.rdf.shacl_store import load_graphs
    >>> store_violations(load_graphs({"https://example.org/g": Graph()}))
    {}
    """
    checks = compiled_shapes()
    found = _roles(store.query(ROLES_IN_EACH_GRAPH))
    if checks is not None:
        found += run_checks(store, checks, each_graph=True)
    else:  # pyshacl on each graph, read back from the store
        for name in sorted(g.value for g in store.named_graphs()):
            report, text = _pyshacl(stored_graph(store, name))
            found += ([v._replace(graphs=(name,)) for v in _results(report)] if report is not None
                      else [Violation(URIRef(name), "", None, SH.Violation, f"SHACL engine failure: {text}", (name,))])
    by_graph: dict[str, list[Violation]] = defaultdict(list)
    for violation in found:
        for name in violation.graphs:
            by_graph[name].append(violation)
    return {name: sorted(by_graph[name], key=Violation.line) for name in sorted(by_graph)}


def _roles(rows) -> list[Violation]:
    """The results of ROLES_WITHOUT_ACTOR or ROLES_IN_EACH_GRAPH (Oxigraph rows, or rdflib terms)."""
    found = []
    for row in rows:
        event, role, actor = (_term(row[key]) for key in ("event", "role", "actor"))
        graph = row["g"]
        found.append(Violation(event, str(role), actor, ROLE_WITHOUT_ACTOR,
                               f"role to {actor} without the sem:hasActor it implies",
                               (graph.value,) if graph is not None else ()))
    return found


def _term(term):
    return term if isinstance(term, Node) else from_stored(term)


def _pyshacl(graph: Graph) -> tuple[Graph | None, str]:
    """pyshacl's report graph (None when it could not run the shapes at all) and text."""
    from pyshacl import validate

    _, report, text = validate(graph, shacl_graph=shapes(), allow_warnings=False)
    return (report if isinstance(report, Graph) else None), str(text)


def _results(report: Graph) -> list[Violation]:
    """The results of a pyshacl report, one per message as pyshacl gives them."""
    found = []
    for result, message in report.subject_objects(SH.resultMessage):
        path = report.value(result, SH.resultPath)
        found.append(Violation(report.value(result, SH.focusNode), "" if path is None else path_text(report, path),
                               report.value(result, SH.value), report.value(result, SH.sourceConstraintComponent),
                               str(message)))
    return found


def check(graph: Graph) -> None:
    """Raise ValidationError listing the violations when ``graph`` breaks the contract."""
    conforms, text, lines = violations(graph)
    if not conforms:
        raise ValidationError(text, lines)
