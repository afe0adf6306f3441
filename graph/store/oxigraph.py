"""The persistent store: an Oxigraph (RocksDB) database in a folder.

Each article's triples live in its named graph; the default graph holds their union, kept up to
date in the same transaction as every write, so a query reads the default graph at Oxigraph's own
speed and sees each triple once (Oxigraph's "default graph as union" option would repeat a triple
told by two articles). Every write is one SPARQL Update, which Oxigraph applies as one
transaction: a process killed mid-way leaves the store as it was.

One process writes a store at a time: a writer holds a lock on the file ``.NAME.lock`` beside the
store folder ``NAME`` (outside it, so that the lock outlives a build's swap, below). A second writer
waits for it, up to ``$TIMELINE_KG_STORE_WAIT`` seconds (default 60), then gets ``StoreError``
("out/store: in use by another timeline-kg process"); readers do not lock.

``replace_all`` and a build (``replacement``: ``graph.store.bulk``) fill a new store, ``.NAME.building-PID``
beside the old one, with Oxigraph's bulk loader, then swap the two folders in one rename (``renameat2``):
a build killed before that rename leaves the old store as it was; the next writer removes the abandoned folder.
"""

from __future__ import annotations

import ctypes
import errno
import gc
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

try:
    import fcntl
except ImportError:  # Windows: RocksDB's own lock still refuses a second writer, without waiting
    fcntl = None  # type: ignore[assignment]
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result, ResultRow
from rdflib.term import Node

from graph.errors import ConfigError
from graph.rdf.iris import graph_doc_id, graph_iri
from graph.rdf.namespaces import PREFIXES, XSD, bind_prefixes
from graph.sparql.bindings import with_values
from graph.sparql.guard import checked_query, checked_update

from .base import NARROWED, Store, StoreError, check_format, first_line, query_error
from .bulk import LoadAsWritten

__all__ = ["OxigraphStore", "from_ox", "read_graph", "to_ox"]

_log = logging.getLogger(__name__)

#: Seconds a writer waits for a store another process is writing (``0``: refuse at once).
ENV_WAIT = "TIMELINE_KG_STORE_WAIT"
DEFAULT_WAIT_SECONDS = 60.0
#: Articles per bulk load of ``replace_all``: bounds the memory of one load.
ARTICLES_PER_TRANSACTION = 200
# Paths of the stores this process holds the writer lock of: flock would make a second open by
# the same process wait for itself.
_LOCKED: set[Path] = set()

RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
               "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}
XSD_STRING = str(XSD.string)
XSD_INTEGER = ox.NamedNode(str(XSD.integer))
_NARROWED = {ox.NamedNode(str(p)): ox.NamedNode(str(d)) for p, d in NARROWED.items()}

# Removes from the union the triples of graph ?g that no other graph holds (run before dropping ?g).
UNSHARE = """DELETE { ?s ?p ?o } WHERE {
  GRAPH %(g)s { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER (?other != %(g)s) }
} ;
DROP SILENT GRAPH %(g)s"""


class OxigraphStore(Store):
    """An Oxigraph database in ``path`` (created when absent or empty)."""

    def __init__(self, path: Path, *, read_only: bool = False, lock: bool = True) -> None:
        """``lock=False``: the caller already holds the writer lock (a build's new store)."""
        self.setting = str(path)
        self.path = path
        self.read_only = read_only
        _check_folder(path, read_only)
        self._lock = _WriterLock(path) if lock and not read_only else None
        try:
            if self._lock is not None:
                _restore_set_aside(path)
                _remove_abandoned_builds(path)
            self._store: ox.Store | None = _open(path, read_only)
        except BaseException:
            self._release()
            raise

    @property
    def _db(self) -> ox.Store:
        if self._store is None:
            raise StoreError(f"{self.setting}: store is closed")
        return self._store

    def article_ids(self) -> set[str]:
        ids = (graph_doc_id(name.value) for name in self._db.named_graphs())
        return {doc_id for doc_id in ids if doc_id is not None}

    def put_articles(self, graphs: Mapping[str, Graph]) -> None:
        if not graphs:
            return
        names = {doc_id: graph_iri(doc_id).n3() for doc_id in graphs}
        held = self.article_ids()
        steps = [UNSHARE % {"g": names[doc_id]} for doc_id in graphs if doc_id in held]
        union: set[tuple[Node, Node, Node]] = set()
        data = []
        for doc_id, graph in graphs.items():
            data.append(f"GRAPH {names[doc_id]} {{\n{_ntriples(graph)}}}\n")
            union.update(graph)
        data.append(_ntriples(union))
        steps.append("INSERT DATA {\n" + "".join(data) + "}")
        self._write(" ;\n".join(steps))

    def remove_articles(self, doc_ids: Iterable[str]) -> None:
        held = self.article_ids()
        steps = [UNSHARE % {"g": graph_iri(doc_id).n3()} for doc_id in doc_ids if doc_id in held]
        if steps:
            self._write(" ;\n".join(steps))

    def replace_all(self, graphs: Mapping[str, Graph]) -> None:
        """Make the store hold exactly these article graphs: a new store built beside, swapped in."""
        self._replace_with(lambda fresh: fresh._bulk_put(graphs))

    def replace_all_from_files(self, files: Mapping[str, Path]) -> None:
        """``replace_all`` from each article's N-Quads file (doc id -> file, as ``graph.rdf.nquads``
        writes it), bulk-loaded as it is (``graph.store.bulk``): no triple becomes a Python object."""
        with self.replacement() as replacement:
            for doc_id, path in files.items():
                replacement.add(doc_id, path)
            replacement.commit()

    def replacement(self) -> LoadAsWritten:
        """Files loaded into a new store as they are added, swapped in at commit (``graph.store.bulk``)."""
        return LoadAsWritten(self)

    def _replace_with(self, fill: Callable[[OxigraphStore], None]) -> None:
        """A new store filled by ``fill`` beside this one, then swapped in: all or nothing."""
        fresh = self.fresh()
        try:
            fill(fresh)
        except BaseException:
            fresh.discard()
            raise
        self.swap_in(fresh)

    def fresh(self) -> OxigraphStore:
        """A new, empty store beside this one (``.NAME.building-PID``), unread until ``swap_in``."""
        if self.read_only:
            raise StoreError(f"{self.setting}: store opened read-only")
        fresh_path = _beside(self.path, f"building-{os.getpid()}")
        shutil.rmtree(fresh_path, ignore_errors=True)
        fresh = OxigraphStore(fresh_path, lock=False)  # we hold this store's lock: no one else builds
        fresh.setting = self.setting  # its errors and log lines name the store the user gave
        return fresh

    def discard(self) -> None:
        """Close this new, unread store (``fresh``) and remove its folder."""
        self.close(answered=False)
        shutil.rmtree(self.path, ignore_errors=True)

    def load_nquads(self, data: bytes) -> None:
        """Bulk-load N-Quads into this new, unread store (``fresh``)."""
        try:
            self._db.bulk_load(data, format=ox.RdfFormat.N_QUADS)
        except OSError as exc:
            raise StoreError(f"{self.setting}: cannot write store: {first_line(exc)}") from exc

    def _bulk_put(self, graphs: Mapping[str, Graph]) -> None:
        """Write article graphs into this new, unread store with Oxigraph's bulk loader (N-Quads for
        the article graphs, N-Triples for the union): several times faster than INSERT DATA, and
        without its transaction, safe only because nobody reads this store before it is swapped in."""
        _log.info("%s: write transaction begins (bulk load of %d article graphs into the new store)",
                  self.setting, len(graphs))
        items = list(graphs.items())
        try:
            for start in range(0, len(items), ARTICLES_PER_TRANSACTION):
                chunk = items[start:start + ARTICLES_PER_TRANSACTION]
                triples = [graph.serialize(format="nt") for _, graph in chunk]
                # An N-Triples line ends in " .\n" (a line break inside a literal is escaped):
                # naming its graph before the dot makes it an N-Quads line.
                quads = "".join(text.replace(" .\n", f" {graph_iri(doc_id).n3()} .\n")
                                for (doc_id, _), text in zip(chunk, triples))
                self._db.bulk_load(quads.encode("utf-8"), format=ox.RdfFormat.N_QUADS)
                self._db.bulk_load("".join(triples).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES,
                                   to_graph=ox.DefaultGraph())
            self._db.flush()
        except OSError as exc:
            raise StoreError(f"{self.setting}: cannot write store: {first_line(exc)}") from exc
        _log.info("%s: write transaction committed", self.setting)

    def swap_in(self, fresh: OxigraphStore) -> None:
        """Put the filled store ``fresh`` in this one's place; the old one is removed (or the new, if the swap fails)."""
        fresh.close(answered=False)
        # Close the old database before its folder moves: RocksDB cleans its folder by path when it
        # closes, which would then be the new store's. The writer lock (outside both) stays held.
        self._let_go()
        _log.info("%s: swapping in the new store", self.setting)
        try:
            _exchange(fresh.path, self.path.resolve())
        except OSError as exc:
            self._store = _open(self.path, False)
            raise StoreError(f"{self.setting}: cannot swap in the new store: {first_line(exc)}") from exc
        finally:
            shutil.rmtree(fresh.path, ignore_errors=True)
        _log.info("%s: new store in place", self.setting)
        self._store = _open(self.path, False)

    def query(self, sparql: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run a query; refused before Oxigraph sees it when it is too large, does not parse, or
        holds SERVICE (:func:`graph.sparql.guard.checked_query`).

        ``bindings`` go in as a VALUES row whose terms rdflib writes (escaped), after the check.
        """
        checked_query(sparql)
        try:
            # A VALUES row, not Oxigraph's substitutions: those bind projected variables only and
            # were measured ~3,000x slower on a one-event lookup in a 1.2M-triple store.
            answer = self._db.query(with_values(sparql, bindings) if bindings else sparql)
        except (SyntaxError, ValueError) as exc:
            raise query_error(exc) from exc
        except OSError as exc:
            raise StoreError(f"{self.setting}: cannot read store: {first_line(exc)}") from exc
        return _result(answer)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update on the article graphs, then bring the union in line, in one transaction.

        Triples written to the default graph alone belong to no article and do not stay. LOAD and
        SERVICE are refused (:func:`graph.sparql.guard.checked_update`).
        """
        checked_update(sparql)
        resync = ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o FILTER NOT EXISTS { GRAPH ?g { ?s ?p ?o } } } ;\n"
                  "INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        # The ";" on a line of its own: an update ending in a "# comment" would swallow it.
        self._write(sparql.rstrip().rstrip(";") + "\n;\n" + resync, checked=True)

    def to_graph(self) -> Graph:
        graph = Graph()
        bind_prefixes(graph)
        convert = _Converter()
        graph += ((convert(t.subject), convert(t.predicate), convert(t.object))
                  for t in _restored(self._db.quads_for_pattern(None, None, None, ox.DefaultGraph())))
        return graph

    def dump(self, target: Path | BinaryIO, fmt: str) -> None:
        check_format(fmt)
        if fmt in ("trig", "nq"):
            quads = (q for q in self._db.quads_for_pattern(None, None, None) if q.graph_name != ox.DefaultGraph())
        else:
            quads = self._db.quads_for_pattern(None, None, None, ox.DefaultGraph())
        quads = _restored(quads, keep_graph=fmt in ("trig", "nq"))
        prefixes = {name: str(ns) for name, ns in PREFIXES.items()}
        output = str(target) if isinstance(target, (str, Path)) else target
        try:
            ox.serialize(quads, output, RDF_FORMATS[fmt], prefixes=prefixes if fmt in ("ttl", "trig") else None)
        except OSError as exc:
            raise StoreError(f"{target}: cannot write: {first_line(exc)}") from exc

    def bulk_load(self, source: Path, fmt: str = "nq") -> None:
        """Load a large N-Quads or TriG file of article graphs, fast but outside a transaction.

        For filling a new store (benchmarks, migrations): a process killed mid-way leaves part of
        the file loaded. Graph names must be ``graph.rdf.iris.graph_iri`` IRIs.
        """
        if fmt not in ("nq", "trig"):
            raise ConfigError(f"{source}: bulk loading reads nq or trig, not {fmt!r}")
        if self.read_only:
            raise StoreError(f"{self.setting}: store opened read-only")
        try:
            self._db.bulk_load(path=str(source), format=RDF_FORMATS[fmt])
            union = (ox.Quad(q.subject, q.predicate, q.object) for q in ox.parse(path=str(source), format=RDF_FORMATS[fmt]))
            self._db.bulk_extend(union)
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"{source}: cannot load: {first_line(exc)}") from exc

    def __len__(self) -> int:
        answer = self._db.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(next(iter(answer))[0].value)

    def close(self, *, answered: bool = True) -> None:
        """Close the store (``answered=False``: no query ran on it, so no answer can hold it open)."""
        if self._store is not None:
            try:
                self._store.flush() if not self.read_only else None
            except OSError as exc:  # e.g. a full disk; committed writes are in RocksDB's log already
                _log.info("%s: could not flush the store on closing: %s", self.setting, first_line(exc))
            self._let_go(answered)
        self._release()

    def _let_go(self, answered: bool = True) -> None:
        """Drop the database: the last reference gone closes RocksDB and frees its lock."""
        self._store = None
        # A query's answer holds the database inside Oxigraph, where no reference count shows it, and
        # a reference cycle can keep an answer alive (a caught parse error's traceback reaches back
        # to a frame that held one): collect it, so that the database closes now and the next
        # writer does not wait on it (a reader's lock stops no one).
        if answered and not self.read_only:
            gc.collect()

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def _write(self, update: str, checked: bool = False) -> None:
        if self.read_only:
            raise StoreError(f"{self.setting}: store opened read-only")
        _log.info("%s: write transaction begins (%d characters of SPARQL Update)", self.setting, len(update))
        try:
            self._db.update(update)
            _log.info("%s: write transaction committed", self.setting)
        except (SyntaxError, ValueError) as exc:
            if checked:
                raise query_error(exc) from exc
            raise  # our own update text is malformed: a bug, not a user error
        except OSError as exc:
            raise StoreError(f"{self.setting}: cannot write store: {first_line(exc)}") from exc


def _check_folder(path: Path, read_only: bool) -> None:
    """Refuse a file, a folder holding something else, or (read-only) a store that does not exist."""
    if path.exists() and not path.is_dir():
        raise ConfigError(f"{path}: not a store (it is a file; give a folder)")
    is_store = (path / "CURRENT").is_file()
    if path.is_dir() and not is_store and any(path.iterdir()):
        raise ConfigError(f"{path}: not a timeline-kg store (the folder holds other files); "
                          "give a new or empty folder")
    if read_only and not is_store:
        raise ConfigError(f"{path}: no store there; run `timeline-kg build` first")


class _WriterLock:
    """The exclusive lock on ``.NAME.lock`` beside a store, waited for up to ``$TIMELINE_KG_STORE_WAIT`` s."""

    def __init__(self, store: Path) -> None:
        self.path = _beside(store, "lock")
        self._fd: int | None = None
        if fcntl is None:
            return
        if self.path in _LOCKED:
            raise StoreError(f"{store}: in use by another timeline-kg process")
        wait = _wait_seconds()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # Read-only is enough for flock, so a lock file made by another user still serves.
            self._fd = os.open(self.path, os.O_RDONLY | os.O_CREAT, 0o644)
        except OSError as exc:
            raise _open_error(store, exc) from exc
        deadline, said = time.monotonic() + wait, False
        while not self._try_lock():
            if time.monotonic() >= deadline:
                self.release()
                waited = f"; waited {wait:g} s (set {ENV_WAIT} to wait longer)" if wait else ""
                raise StoreError(f"{store}: in use by another timeline-kg process{waited}")
            if not said:
                _log.info("%s: in use by another process; waiting up to %g s", store, wait)
                said = True
            time.sleep(0.1)
        _LOCKED.add(self.path)

    def _try_lock(self) -> bool:
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def release(self) -> None:
        if self._fd is not None:
            _LOCKED.discard(self.path)
            os.close(self._fd)  # closing the file releases the lock
            self._fd = None


def _wait_seconds() -> float:
    text = os.environ.get(ENV_WAIT, "").strip()
    if not text:
        return DEFAULT_WAIT_SECONDS
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:
        raise ConfigError(f"{ENV_WAIT}={text!r}: give a number of seconds (0 to refuse at once)")
    return seconds


def _beside(store: Path, role: str) -> Path:
    """``.NAME.ROLE`` in the folder holding the store ``NAME`` (same file system, so renames work)."""
    full = store.resolve()  # a symlinked store: the real folder is the one swapped and locked
    return full.parent / f".{full.name}.{role}"


def _remove_abandoned_builds(store: Path) -> None:
    """Delete the half-built stores of builds killed before their swap (we hold the writer lock)."""
    full = store.resolve()
    for folder in full.parent.glob(f".{full.name}.building-*"):
        shutil.rmtree(folder, ignore_errors=True)


def _exchange(fresh: Path, target: Path) -> None:
    """Swap two folders: one atomic ``renameat2(RENAME_EXCHANGE)`` where the system has it."""
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is not None:
        at_cwd, exchange = -100, 2  # AT_FDCWD, RENAME_EXCHANGE (linux/fcntl.h, linux/fs.h)
        if renameat2(at_cwd, os.fsencode(fresh), at_cwd, os.fsencode(target), exchange) == 0:
            return
        code = ctypes.get_errno()
        if code not in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
            raise OSError(code, os.strerror(code), str(target))
    # No atomic exchange (not Linux, or a file system without it): the old store is set aside under
    # a fixed name that the next writer puts back should we die before the second rename.
    aside = _beside(target, "old")
    shutil.rmtree(aside, ignore_errors=True)
    os.rename(target, aside)
    os.rename(fresh, target)
    os.rename(aside, fresh)


def _restore_set_aside(store: Path) -> None:
    """Put back a store a build set aside and did not replace (killed between two renames)."""
    aside = _beside(store, "old")
    if aside.is_dir() and not store.exists():
        os.rename(aside, store)


def _open_error(path: Path, exc: OSError) -> StoreError:
    text = str(exc)
    if isinstance(exc, PermissionError) or "Permission denied" in text or "Read-only" in text:
        return StoreError(f"{path}: cannot write the store folder (permission denied); "
                          "use --store with a writable folder")
    return StoreError(f"{path}: cannot open store: {first_line(exc)}")


def _open(path: Path, read_only: bool) -> ox.Store:
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        text = str(exc)
        if "lock" in text.lower() and ("unavailable" in text or "hold" in text or "No locks" in text):
            raise StoreError(f"{path}: in use by another timeline-kg process") from exc
        raise _open_error(path, exc) from exc


def _restored(quads: Iterable, keep_graph: bool = False) -> Iterator:
    """Triples (or quads) with the integer subtypes of ``NARROWED`` properties put back."""
    for quad in quads:
        wanted = _NARROWED.get(quad.predicate)
        if wanted is not None and isinstance(quad.object, ox.Literal) and quad.object.datatype == XSD_INTEGER:
            term = ox.Literal(quad.object.value, datatype=wanted)
            yield (ox.Quad(quad.subject, quad.predicate, term, quad.graph_name) if keep_graph
                   else ox.Triple(quad.subject, quad.predicate, term))
        else:
            yield (quad if keep_graph or isinstance(quad, ox.Triple)
                   else ox.Triple(quad.subject, quad.predicate, quad.object))


def _ntriples(triples: Iterable[tuple[Node, Node, Node]]) -> str:
    """Triples in N-Triples syntax, which is also SPARQL's INSERT DATA syntax (terms escaped by rdflib)."""
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples)


def read_graph(path: Path, fmt: str = "nq") -> Graph:
    """The triples of an RDF file, whatever graphs they are in, as one rdflib graph: parsed by
    Oxigraph, some 2.5 times faster than rdflib's own N-Quads parser."""
    graph = Graph()
    bind_prefixes(graph)
    convert = _Converter()
    try:
        graph += ((convert(q.subject), convert(q.predicate), convert(q.object))
                  for q in ox.parse(path=str(path), format=RDF_FORMATS[fmt]))
    except SyntaxError as exc:
        raise StoreError(f"{path}: cannot read: {first_line(exc)}") from exc
    return graph


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term for an rdflib term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot store {term!r} (not an IRI, blank node or literal)")


def from_ox(term: object) -> Node | None:
    """The rdflib term for a pyoxigraph term (plain strings stay plain, as rdflib parses them)."""
    kind = type(term)
    if kind is ox.Literal:  # the store keeps lexical forms as written; rdflib need not rewrite them
        if term.language:
            return Literal(term.value, lang=term.language, normalize=False)
        datatype = term.datatype.value
        if datatype == XSD_STRING:
            return Literal(term.value, normalize=False)
        return Literal(term.value, datatype=_datatype(datatype), normalize=False)
    if kind is ox.NamedNode:
        return URIRef(term.value)
    if kind is ox.BlankNode:
        return BNode(term.value)
    if term is None:
        return None
    raise TypeError(f"unexpected term {term!r}")


@lru_cache(maxsize=64)
def _datatype(iri: str) -> URIRef:
    return URIRef(iri)


class _Converter:
    """``from_ox`` with a memo: a big result repeats the same IRIs and literals many times."""

    def __init__(self) -> None:
        self._seen: dict[object, Node | None] = {}

    def __call__(self, term: object) -> Node | None:
        if term is None:
            return None
        try:
            return self._seen[term]
        except KeyError:
            self._seen[term] = converted = from_ox(term)
            return converted


def _result(answer: object) -> Result:
    if isinstance(answer, ox.QueryBoolean):
        result = Result("ASK")
        result.askAnswer = bool(answer)
        return result
    if isinstance(answer, ox.QueryTriples):
        convert = _Converter()
        result = Result("CONSTRUCT")
        graph = Graph()
        bind_prefixes(graph)
        graph += ((convert(t.subject), convert(t.predicate), convert(t.object)) for t in _restored(answer))
        result.graph = graph
        return result
    return _SelectResult(answer)


class _SelectResult(Result):
    """An rdflib SELECT result whose rows are built straight from Oxigraph's solutions.

    rdflib's own path makes a dict per row and a ResultRow (with its own label dict) from it; at
    tens of thousands of rows that was a fifth of a query's time. Here rows are tuples sharing one
    label map, and the dicts that ``bindings`` promises are made only when someone asks for them.
    """

    def __init__(self, answer: ox.QuerySolutions) -> None:
        super().__init__("SELECT")
        self.vars = [Variable(v.value) for v in answer.variables]
        self._labels = {str(name): index for index, name in enumerate(self.vars)}
        self._pending: Iterator | None = iter(answer)
        self._tuples: list[tuple] = []
        self._convert = _Converter()

    def _rows(self) -> Iterator[tuple]:
        yield from self._tuples
        if self._pending is None:
            return
        convert, keep = self._convert, self._tuples.append
        for solution in self._pending:
            values = tuple(map(convert, solution))
            if values.count(None) < len(values):  # rdflib skips a row with nothing bound
                keep(values)
                yield values
        self._pending = None

    def __iter__(self) -> Iterator[ResultRow]:
        labels, make = self._labels, tuple.__new__
        for values in self._rows():
            row = make(ResultRow, values)
            row.labels = labels
            yield row

    @property
    def bindings(self) -> list[dict[Variable, Node]]:
        names = self.vars
        return [{name: value for name, value in zip(names, values) if value is not None}
                for values in self._rows()]

