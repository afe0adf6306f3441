"""SPARQL results over HTTP: content negotiation and serialization, with a row limit.

SELECT and ASK results go out as JSON, XML, CSV or TSV (the SPARQL 1.1 result formats),
CONSTRUCT and DESCRIBE graphs as Turtle, JSON-LD, N-Triples or RDF/XML. Used by
:mod:`graph.serve`; pure functions of a result, so they run inside its worker processes.

Examples
--------
>>> negotiate("SELECT", "text/csv, application/json;q=0.5")
('csv', 'text/csv; charset=utf-8')
>>> negotiate("CONSTRUCT", "", "json-ld")
('jsonld', 'application/ld+json')
>>> negotiate("SELECT", "text/turtle") is None
True
"""

from __future__ import annotations

import itertools
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result

__all__ = ["GRAPH_TYPES", "RESULT_TYPES", "negotiate", "render_result"]

# Format name -> media type sent, for SELECT/ASK results and for CONSTRUCT/DESCRIBE graphs.
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}
GRAPH_TYPES = {"turtle": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
               "nt": "application/n-triples", "rdfxml": "application/rdf+xml"}
# Media types and format= names clients send -> our format name.
_RESULT_ALIASES = {
    "application/sparql-results+json": "json", "application/json": "json", "json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml", "xml": "xml",
    "text/csv": "csv", "csv": "csv", "text/tab-separated-values": "tsv", "tsv": "tsv",
}
_GRAPH_ALIASES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "turtle": "turtle", "ttl": "turtle",
    "application/ld+json": "jsonld", "application/json": "jsonld", "json-ld": "jsonld", "jsonld": "jsonld",
    "json": "jsonld", "application/n-triples": "nt", "text/plain": "nt", "nt": "nt", "ntriples": "nt",
    "n-triples": "nt", "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
    "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "xml": "rdfxml",
}
_RDFLIB_GRAPH_FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "nt": "nt", "rdfxml": "xml"}


def negotiate(kind: str, accept: str | None, fmt: str | None = None) -> tuple[str, str] | None:
    """Pick a format for a result of ``kind`` (SELECT, ASK, CONSTRUCT, DESCRIBE).

    Parameters
    ----------
    kind
        The query form, as ``rdflib.query.Result.type`` names it.
    accept
        The request's ``Accept`` header (q-values honoured; ``*/*`` and none give the default:
        JSON for results, Turtle for graphs).
    fmt
        A ``format``/``output`` parameter (a name such as ``csv``, ``json-ld``, or a media type);
        it wins over ``accept``.

    Returns
    -------
    tuple or None
        ``(format name, media type)``, or None when nothing asked for fits this kind of result.
    """
    graph = kind in ("CONSTRUCT", "DESCRIBE")
    aliases, types = (_GRAPH_ALIASES, GRAPH_TYPES) if graph else (_RESULT_ALIASES, RESULT_TYPES)
    default = "turtle" if graph else "json"
    if fmt:
        name = aliases.get(fmt.strip().lower())
        return (name, types[name]) if name else None
    for media in _accepted(accept or "*/*"):
        if media in ("*/*", "application/*", "text/*"):
            if media == "text/*" and not graph:
                return "csv", types["csv"]
            return default, types[default]
        if media in aliases:
            return aliases[media], types[aliases[media]]
    return None


def _accepted(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped, ties in header order)."""
    ranked = []
    for index, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranked)]


def render_result(result: Result, fmt: str, max_rows: int) -> tuple[bytes, bool]:
    """Serialize a query result in format ``fmt`` (see :func:`negotiate`), cut to ``max_rows``.

    Returns
    -------
    tuple
        The body, and whether rows (or triples) were left out.
    """
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        if fmt in ("csv", "tsv"):  # the CSV/TSV formats cover SELECT only; this is what Jena sends
            return f"_askResult\n{str(answer).lower()}\n".encode(), False
        return result.serialize(format=fmt), False
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph, cut = _cut_graph(result.graph, max_rows)
        return graph.serialize(format=_RDFLIB_GRAPH_FORMATS[fmt], encoding="utf-8"), cut
    names = [Variable(str(v)) for v in result.vars or ()]
    rows = list(itertools.islice(iter(result), max_rows + 1))
    cut = len(rows) > max_rows
    bindings = [{Variable(k): v for k, v in row.asdict().items() if v is not None} for row in rows[:max_rows]]
    if fmt == "tsv":
        return _tsv(names, bindings), cut
    table = Result("SELECT")
    table.vars = names
    table.bindings = bindings
    return table.serialize(format=fmt), cut


def _cut_graph(graph: Graph, max_rows: int) -> tuple[Graph, bool]:
    if len(graph) <= max_rows:
        return graph, False
    cut = Graph()
    for prefix, namespace in graph.namespaces():
        cut.bind(prefix, namespace, override=True)
    cut += itertools.islice(graph, max_rows)
    return cut, True


def _tsv(names: list[Variable], bindings: list[dict[Variable, Any]]) -> bytes:
    """SPARQL 1.1 TSV: ``?var`` headers, terms in Turtle syntax, tabs and newlines escaped."""
    lines = ["\t".join(f"?{name}" for name in names)]
    lines += ["\t".join(_tsv_term(row.get(name)) for name in names) for row in bindings]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
                .replace("\n", "\\n").replace("\r", "\\r"))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return str(term)
