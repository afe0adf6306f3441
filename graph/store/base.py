"""The store interface: a set of article graphs whose union is queried with SPARQL.

A store holds one named graph per article (``graph.rdf.iris.graph_iri(doc_id)``) with every triple
that article contributes; its default graph, the one queries see, is the union of the article graphs
with each triple once. The implementations live beside this module (``memory``, ``oxigraph``,
``remote``); ``graph.store.open_store`` is the one place that picks one from a setting.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import BinaryIO

from rdflib import Graph
from rdflib.query import Result
from rdflib.term import Node

from graph.errors import ConfigError, QueryError, TimelineKGError
from graph.rdf.namespaces import NIF, XSD

__all__ = [
    "DEFAULT_STORE", "DUMP_FORMATS", "ENV_STORE", "NARROWED", "SETTINGS_HELP", "Replacement", "Store", "StoreError",
    "check_format", "query_error",
]

ENV_STORE = "TIMELINE_KG_STORE"
DEFAULT_STORE = "out/store"
# Our format names -> rdflib serializer names.
DUMP_FORMATS = {"ttl": "turtle", "nt": "nt", "trig": "trig", "nq": "nquads", "jsonld": "json-ld"}
# Properties whose integer subtype a triple store keeps only as xsd:integer (Oxigraph normalizes
# literals on load, oxigraph#526; Virtuoso likewise): backends put the contract's datatype back on read.
NARROWED = {NIF.beginIndex: XSD.nonNegativeInteger, NIF.endIndex: XSD.nonNegativeInteger}
SETTINGS_HELP = "use a folder path, oxigraph:PATH, memory: or an http(s):// SPARQL endpoint"


class StoreError(TimelineKGError):
    """A store cannot be opened or written ("out/store: in use by another timeline-kg process")."""


def first_line(exc: BaseException) -> str:
    """The first line of an error's message (the engines' run over several), or its type's name."""
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


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

    def replace_all_from_files(self, files: Mapping[str, Path]) -> None:
        """``replace_all`` with each article's graph read from its N-Quads file (doc id -> file, as a
        build's workers write them: ``graph.rdf.nquads``). The Oxigraph store bulk-loads the files."""
        from graph.rdf.nquads import read_nquads

        self.replace_all({doc_id: read_nquads(path) for doc_id, path in files.items()})

    def replacement(self) -> Replacement:
        """A ``replace_all_from_files`` whose files are given one by one as a build writes them
        (:class:`Replacement`); the Oxigraph store loads each while the next ones are made."""
        return Replacement(self)

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

    def undeclared_prefixes(self) -> tuple[tuple[str, str], ...]:
        """(prefix, namespace) pairs a query may use without declaring them (rdflib's bound ones)."""
        return ()

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


class Replacement:
    """Every article of a store replaced by N-Quads files (``replace_all_from_files``) handed over one
    by one: ``add`` each as it is written, then ``commit``, all or nothing. A block left without
    ``commit`` leaves the store as it was. ``clear`` forgets the files added so far (a build that
    makes its articles again). Here the files are read at ``commit``; a store may load them sooner.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.files: dict[str, Path] = {}

    def add(self, doc_id: str, path: Path) -> None:
        """The article ``doc_id``'s file, complete: it is not written again before ``commit`` or ``clear``."""
        if doc_id in self.files:
            raise ValueError(f"{doc_id}: added twice to one replacement")
        self.files[doc_id] = path

    def clear(self) -> None:
        self.files = {}

    def commit(self) -> None:
        self.store.replace_all_from_files(self.files)

    def close(self) -> None:
        """Give up what ``commit`` did not make the store's (nothing here)."""

    def __enter__(self) -> Replacement:
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
