"""Where the graph lives: one store interface, and the one place that picks a backend from a setting.

A store holds one named graph per article (``graph.iris.graph_iri(doc_id)``) with every triple that
article contributes; its default graph, the one queries see, is the union of the article graphs
with each triple once. Backends:

- ``memory:`` -- an rdflib ``Dataset`` in this process (tests, notebooks);
- a folder path or ``oxigraph:PATH`` -- a persistent Oxigraph store on disk (``graph.store_oxigraph``);
- ``http://...`` / ``https://...`` -- a SPARQL 1.1 server (``graph.store_remote``).
"""

from __future__ import annotations

import abc
import os
import re
from functools import lru_cache
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from rdflib import BNode, Dataset, Graph, Variable
from rdflib.query import Result
from rdflib.term import Node

from .errors import ConfigError, QueryError, TimelineKGError
from .iris import graph_doc_id, graph_iri
from .namespaces import NIF, XSD, bind_prefixes

__all__ = [
    "DEFAULT_STORE", "DUMP_FORMATS", "ENV_STORE", "NARROWED", "MemoryStore", "Store", "StoreError", "open_store",
    "with_values",
]

ENV_STORE = "TIMELINE_KG_STORE"
DEFAULT_STORE = "build/store"
# Our format names -> rdflib serializer names.
DUMP_FORMATS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
# Properties whose integer subtype a triple store keeps only as xsd:integer (Oxigraph normalizes
# literals on load, oxigraph#526; Virtuoso likewise): backends put the contract's datatype back on read.
NARROWED = {NIF.beginIndex: XSD.nonNegativeInteger, NIF.endIndex: XSD.nonNegativeInteger}
SETTINGS_HELP = "use a folder path, oxigraph:PATH, memory: or an http(s):// SPARQL endpoint"


class StoreError(TimelineKGError):
    """A store cannot be opened or written ("build/store: in use by another timeline-kg process")."""


def open_store(setting: str | os.PathLike | None = None, *, read_only: bool = False) -> Store:
    """Open the store a setting names.

    Parameters
    ----------
    setting
        ``None`` (``$TIMELINE_KG_STORE`` if set, else ``build/store``), ``memory:``, a folder path,
        ``oxigraph:PATH``, or the URL of a SPARQL endpoint.
    read_only
        Open for reading only; writing then raises ``StoreError``.

    Raises
    ------
    ConfigError
        When the setting names no backend, or a folder that is not a store.
    StoreError
        When the store cannot be written, or another process is writing it still after
        ``$TIMELINE_KG_STORE_WAIT`` seconds (default 60; a folder store waits for the other writer).

    Examples
    --------
    >>> with open_store("memory:") as store:
    ...     len(store)
    0
    """
    if setting is None:
        setting = os.environ.get(ENV_STORE) or DEFAULT_STORE
    text = os.fspath(setting).strip()
    if text == "memory:":
        return MemoryStore()
    if text.startswith(("http://", "https://")):
        from .store_remote import SparqlStore  # only users of a SPARQL server need its client

        return SparqlStore(text, read_only=read_only)
    if text.startswith("oxigraph:"):
        text = text.removeprefix("oxigraph:")
    elif not text or re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", text):  # another scheme (one letter: a drive)
        raise ConfigError(f"{os.fspath(setting) or '(empty)'}: unknown store setting; {SETTINGS_HELP}")
    if not text:
        raise ConfigError(f"{setting}: no folder after oxigraph:; {SETTINGS_HELP}")
    from .store_oxigraph import OxigraphStore

    return OxigraphStore(Path(text), read_only=read_only)


class Store(abc.ABC):
    """A set of article graphs whose union is queried with SPARQL."""

    setting: str

    @abc.abstractmethod
    def article_ids(self) -> set[str]:
        """Doc ids of the articles held."""

    @abc.abstractmethod
    def put_articles(self, graphs: Mapping[str, Graph]) -> None:
        """Replace each doc id's named graph by the given triples, all in one transaction."""

    @abc.abstractmethod
    def remove_articles(self, doc_ids: Iterable[str]) -> None:
        """Drop the named graphs of these articles (one transaction)."""

    def replace_all(self, graphs: Mapping[str, Graph]) -> None:
        """Make the store hold exactly these article graphs, dropping every other (what ``build`` does).

        The persistent backends do it all or nothing (a process killed mid-way leaves the store as
        it was); here, in memory, it is a removal then a put.
        """
        self.remove_articles(self.article_ids() - set(graphs))
        self.put_articles(graphs)

    @abc.abstractmethod
    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run SELECT/ASK/CONSTRUCT/DESCRIBE over the union; ``bindings`` pre-bind variables.

        Raises
        ------
        QueryError
            On malformed SPARQL.
        """

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update."""

    @abc.abstractmethod
    def to_graph(self) -> Graph:
        """The union as an in-memory rdflib Graph."""

    @abc.abstractmethod
    def dump(self, target: Path | BinaryIO, fmt: str) -> None:
        """Write the union (ttl, nt, jsonld) or the article graphs (trig, nq) to a file."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """Distinct triples in the union."""

    def close(self) -> None:
        """Release the store (files, locks, connections)."""

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_format(fmt: str) -> str:
    """``fmt`` if it is a dump format, else a ConfigError naming the accepted ones."""
    if fmt not in DUMP_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(DUMP_FORMATS)}")
    return fmt


def query_error(exc: Exception) -> QueryError:
    """Our one-line error for whatever a SPARQL engine raised on a bad query."""
    detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return QueryError(f"malformed SPARQL: {detail}")


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
        try:
            return self._dataset.query(sparql, initBindings=init)
        except Exception as exc:  # rdflib raises pyparsing errors and others
            raise query_error(exc) from exc

    def update(self, sparql: str) -> None:
        try:
            self._dataset.update(sparql)
        except Exception as exc:
            raise query_error(exc) from exc

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


# A SPARQL variable name (without its ? or $).
_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
# SPARQL tokens that may hold braces or '#' without opening a group or a comment.
_TOKEN = re.compile(r'''<[^<>"{}|^`\\\x00-\x20]*>|"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                    r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*|[{}]|[A-Za-z]+''')


def with_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """``sparql`` with ``bindings`` as a VALUES row opening its WHERE group.

    Oxigraph's own substitutions only bind projected variables; a VALUES row first in the group
    gives rdflib's ``initBindings`` meaning (the group's FILTERs see the value). Values are written
    by rdflib's term serializer, which escapes them.

    Raises
    ------
    QueryError
        When the query has no WHERE group to bind in (e.g. the ``CONSTRUCT WHERE`` short form), a
        name is not a SPARQL variable name, or a value is a blank node or an IRI rdflib refuses.

    Examples
    --------
    >>> from rdflib import Literal
    >>> print(with_values('SELECT ?e { ?e ?p ?name }', {"name": Literal("Merkel")}))
    SELECT ?e { VALUES (?name) { ("Merkel") } ?e ?p ?name }
    """
    names, row = [], []
    for name, value in bindings.items():
        name = str(name).lstrip("?$")
        if not _VARNAME.match(name):
            raise QueryError(f"binding {name!r}: not a SPARQL variable name")
        if isinstance(value, BNode) or not isinstance(value, Node):
            raise QueryError(f"binding ?{name}: give an IRI or a literal, not {value!r}")
        try:
            row.append(value.n3())
        except Exception as exc:  # rdflib refuses IRIs with characters that would break out of <>
            raise QueryError(f"binding ?{name}: {str(exc).splitlines()[0] if str(exc) else exc}") from exc
        names.append(f"?{name}")
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(row)}) }}"
    opening = _where_group_opening(sparql)
    if opening is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group of its own")
    return sparql[:opening] + block + sparql[opening:]


# Cached by query text: a server answers the same shipped query again and again, and finding its
# group costs more than a one-event lookup in Oxigraph.
@lru_cache(maxsize=256)
def _where_group_opening(sparql: str) -> int | None:
    """Offset just after the ``{`` opening the query's WHERE group, or None (CONSTRUCT WHERE)."""
    depth, words = 0, ["", ""]
    for token in _TOKEN.finditer(sparql):
        text = token.group()
        if text == "}":
            depth -= 1
        elif text == "{":
            template = words[-1] == "CONSTRUCT" or words[-2:] == ["CONSTRUCT", "WHERE"]
            if depth == 0 and not template:
                return token.end()
            if depth == 0 and words[-1] == "WHERE":
                return None  # CONSTRUCT WHERE { ... }: the group is also the template
            depth += 1
        elif text[0].isalpha():
            words.append(text.upper())
    return None
