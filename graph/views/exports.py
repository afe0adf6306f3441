"""Exports for other tools: TimelineJS JSON, GraphML and GEXF (Gephi) of the projection, JSON-LD.

GraphML and GEXF hold the event-actor-place projection (:func:`graph.views.project`) with its
attributes as scalars (lists joined with ``|``, missing values as ""). In GEXF, events carry
``start``/``end`` from their date bounds, so Gephi's timeline can filter them. JSON-LD is the RDF
graph itself, with the project's prefixes as the ``@context``: nothing is lost.

Examples
--------
>>> from graph.views import sample_graph
>>> data = to_timelinejs(sample_graph(), title="Example")
>>> data["events"][0]["start_date"], data["events"][0]["text"]["headline"]
({'year': 2017, 'month': 11}, 'talks in Vienna')
"""

from __future__ import annotations

import calendar
import hashlib
import html
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph

from graph.errors import TimelineKGError
from graph.rdf.namespaces import PREFIXES

__all__ = ["EXPORT_FORMATS", "RDF_FORMATS", "export", "to_gexf", "to_graphml", "to_jsonld", "to_timelinejs"]

#: Format name -> file suffix.
EXPORT_FORMATS = {"timelinejs": ".json", "graphml": ".graphml", "gexf": ".gexf", "jsonld": ".jsonld",
                  "ttl": ".ttl", "nt": ".nt", "trig": ".trig", "nq": ".nq"}
# Formats that are the RDF itself (a store writes them directly: ``graph.store.Store.dump``).
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads"}


def to_timelinejs(graph: nx.MultiDiGraph, *, title: str = "timeline-kg") -> dict[str, Any]:
    """The dated events as a TimelineJS 3 document (``{"title": ..., "events": [...]}``).

    A date known to the month or year is given at that precision; other ranges get a start and an
    end day. Each event's ``group`` is its type; its text is the source sentence (HTML-escaped,
    TimelineJS renders HTML) and the article.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`graph.views.project`); undated events are left out.
    title : str, optional
        The title slide's headline.

    Returns
    -------
    dict
        Ready for ``json.dumps``; events sorted by date then label.

    Examples
    --------
    >>> from graph.views import sample_graph
    >>> events = to_timelinejs(sample_graph())["events"]
    >>> [e["start_date"] for e in events][1], events[1]["group"]
    ({'year': 2017, 'month': 11, 'day': 22}, 'meet')
    """
    from .questions import timeline

    events = []
    for row in timeline(graph):
        data = graph.nodes[row["event"]]
        start, end = _tjs_dates(row["earliest"], row["latest"] or row["earliest"])
        body = html.escape(row["sentence"])
        source = data.get("article_title") or ""
        if source:
            body += f"<br><small>Source: {html.escape(source)}</small>"
        event = {"start_date": start, "text": {"headline": html.escape(row["label"]), "text": body},
                 "group": row["type"], "unique_id": "e" + hashlib.sha1(row["event"].encode()).hexdigest()[:12],
                 "display_date": data.get("date", "")}
        if end:
            event["end_date"] = end
        events.append(event)
    return {"title": {"text": {"headline": html.escape(title), "text": f"{len(events)} dated events"}},
            "events": events}


def _tjs_dates(begin: str, end: str) -> tuple[dict[str, int], dict[str, int] | None]:
    """Start (and end) in TimelineJS' parts, at month or year precision when the bounds say so."""
    b, e = date.fromisoformat(begin), date.fromisoformat(end)
    if (b.month, b.day, e.month, e.day) == (1, 1, 12, 31) and b.year == e.year:
        return {"year": b.year}, None
    last = calendar.monthrange(b.year, b.month)[1]
    if b.day == 1 and (e.year, e.month, e.day) == (b.year, b.month, last):
        return {"year": b.year, "month": b.month}, None
    start = {"year": b.year, "month": b.month, "day": b.day}
    return start, None if b == e else {"year": e.year, "month": e.month, "day": e.day}


def _scalar_copy(graph: nx.MultiDiGraph, *, spells: bool) -> nx.MultiDiGraph:
    """A copy whose attribute values are str/int/float (GraphML and GEXF take nothing else)."""

    def clean(attrs: dict[str, Any]) -> dict[str, Any]:
        out = {}
        for key, value in attrs.items():
            if isinstance(value, (list, tuple, set)):
                value = "|".join(str(v) for v in value)
            out[key] = "" if value is None else value if isinstance(value, (int, float, str)) else str(value)
        return out

    copy = nx.MultiDiGraph()
    for node in sorted(graph.nodes, key=str):
        attrs = clean(graph.nodes[node])
        if spells and attrs.get("earliest"):
            attrs["start"], attrs["end"] = attrs["earliest"], attrs.get("latest") or attrs["earliest"]
        copy.add_node(str(node), **attrs)
    for u, v, key, attrs in sorted(graph.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), e[2])):
        copy.add_edge(str(u), str(v), key=key, **clean(attrs))
    return copy


def to_graphml(graph: nx.MultiDiGraph) -> str:
    """The projection as GraphML text (directed multigraph; every attribute a string key).

    Examples
    --------
    >>> from graph.views import sample_graph
    >>> back = nx.read_graphml(io.StringIO(to_graphml(sample_graph())), force_multigraph=True)
    >>> back.number_of_nodes(), back.nodes["ex:merkel"]["aliases"]
    (9, 'Merkel')
    """
    buffer = io.BytesIO()
    nx.write_graphml(_scalar_copy(graph, spells=False), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def to_gexf(graph: nx.MultiDiGraph) -> str:
    """The projection as GEXF 1.2 text for Gephi; events carry date spells (``start``/``end``).

    Examples
    --------
    >>> from graph.views import sample_graph
    >>> text = to_gexf(sample_graph())
    >>> 'mode="dynamic"' in text and 'start="2017-11-22"' in text
    True
    """
    buffer = io.BytesIO()
    nx.write_gexf(_scalar_copy(graph, spells=True), buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


def to_jsonld(rdf: Graph) -> str:
    """The RDF graph as JSON-LD, compacted with the project's prefixes.

    Examples
    --------
    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import RDFS
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/timeline-kg/id/x"), RDFS.label, Literal("x")))
    >>> len(Graph().parse(data=to_jsonld(g), format="json-ld"))
    1
    """
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    return rdf.serialize(format="json-ld", context=context, indent=1, sort_keys=True)


def _as_dataset(rdf: Graph, fmt: str) -> Graph:
    """rdflib writes N-Quads only from a dataset: a plain graph becomes its default graph."""
    if fmt != "nq" or rdf.context_aware:
        return rdf
    dataset = Dataset()
    for prefix, namespace in rdf.namespaces():
        dataset.bind(prefix, namespace)
    dataset.default_graph += rdf
    return dataset


def export(rdf: Graph, fmt: str, path: Path | None = None, *, title: str | None = None, bare: bool = False) -> str:
    """Export ``rdf`` in format ``fmt`` (see :data:`EXPORT_FORMATS`); write it to ``path`` if given.

    The RDF formats hold every triple; the others the whole events, and with ``bare`` the bare
    eventive words too (see :func:`graph.views.project`). ``title`` heads the TimelineJS title
    slide; by default it is the views' title (:func:`graph.views.projection.collection_title`).

    Raises
    ------
    TimelineKGError
        When the format is unknown.

    Examples
    --------
    >>> export(Graph(), "svg")
    Traceback (most recent call last):
    ...
    graph.errors.TimelineKGError: unknown export format 'svg'; choose one of timelinejs, graphml, gexf, jsonld, ttl, nt, trig, nq
    """
    from .projection import collection_title, project

    if fmt not in EXPORT_FORMATS:
        raise TimelineKGError(f"unknown export format {fmt!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    if fmt == "jsonld":
        text = to_jsonld(rdf)
    elif fmt in RDF_FORMATS:
        text = _as_dataset(rdf, fmt).serialize(format=RDF_FORMATS[fmt])
    elif fmt == "timelinejs":
        text = json.dumps(to_timelinejs(project(rdf, bare=bare), title=title or collection_title(rdf)),
                          ensure_ascii=False, indent=1)
    else:
        text = (to_graphml if fmt == "graphml" else to_gexf)(project(rdf, bare=bare))
    if path is not None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return text
