"""The in-memory store: an rdflib ``Dataset`` in this process (``memory:``; tests, notebooks).

rdflib follows SERVICE, LOAD, FROM and USING over the network, so every query and update is checked
first (:mod:`graph.sparql.guard`) and rdflib evaluates the very algebra that was checked.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset, Graph, Variable
from rdflib.query import Result
from rdflib.term import Node

from graph.rdf.iris import graph_doc_id, graph_iri
from graph.rdf.namespaces import bind_prefixes
from graph.sparql.guard import checked_query, checked_update

from .base import DUMP_FORMATS, Store, check_format, query_error

__all__ = ["MemoryStore"]


class MemoryStore(Store):
    """An rdflib ``Dataset`` whose default graph is the union of its named graphs."""

    def __init__(self) -> None:
        self.setting = "memory:"
        self._dataset = Dataset(default_union=True)
        bind_prefixes(self._dataset)

    def article_ids(self) -> set[str]:
        ids = (graph_doc_id(g.identifier) for g in self._dataset.graphs())
        return {doc_id for doc_id in ids if doc_id is not None}

    def put_articles(self, graphs: Mapping[str, Graph]) -> None:
        # Copy first: a bad input graph then fails before anything held is touched.
        copies = {doc_id: list(graph) for doc_id, graph in graphs.items()}
        for doc_id, triples in copies.items():
            name = graph_iri(doc_id)
            self._dataset.remove_graph(name)
            context = self._dataset.graph(name)
            context += triples

    def remove_articles(self, doc_ids: Iterable[str]) -> None:
        for doc_id in list(doc_ids):
            self._dataset.remove_graph(graph_iri(doc_id))

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        init = {Variable(str(k)): v for k, v in (bindings or {}).items()}
        checked = checked_query(sparql, allow_from=False, prefixes=self.undeclared_prefixes())
        try:
            return self._dataset.query(checked, initBindings=init)
        except Exception as exc:  # rdflib raises pyparsing errors and others
            raise query_error(exc) from exc

    def update(self, sparql: str) -> None:
        checked = checked_update(sparql, allow_from=False, prefixes=self.undeclared_prefixes())
        try:
            self._dataset.update(checked)
        except Exception as exc:
            raise query_error(exc) from exc

    def undeclared_prefixes(self) -> tuple[tuple[str, str], ...]:
        return tuple(sorted((name, str(namespace)) for name, namespace in self._dataset.namespaces()))

    def to_graph(self) -> Graph:
        graph = Graph()
        bind_prefixes(graph)
        graph += self._dataset.triples((None, None, None))
        return graph

    def dump(self, target: Path | BinaryIO, fmt: str) -> None:
        check_format(fmt)
        source = self._dataset if fmt in ("trig", "nq") else self.to_graph()
        data = source.serialize(format=DUMP_FORMATS[fmt], encoding="utf-8")
        if isinstance(target, (str, Path)):
            Path(target).write_bytes(data)
        else:
            target.write(data)

    def __len__(self) -> int:
        return len(set(self._dataset.triples((None, None, None))))
