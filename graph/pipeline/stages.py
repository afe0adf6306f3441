"""Where a build's per-article stages run: here, in a pool of local processes, or on the workers of
a dask.distributed cluster, behind one seam (``Executor.map``), so that a build on one machine and
a build on a cluster share every stage.

The stages that run on workers: ``graph.pipeline.batch._extract_one`` (an article's extraction) and
``write_article`` (an article's graph made, checked with SHACL and written as N-Quads into a folder
the client reads, which on a cluster must be a shared file system). Linking stays on the client.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol

from graph import collector
from graph.errors import ConfigError, TimelineKGError
from graph.rdf import ArticlePart, article_context, article_triples
from graph.rdf.nquads import in_graph, ntriples

__all__ = ["ArticleOutput", "DaskExecutor", "Executor", "LocalExecutor", "write_article"]

# Below this many articles a second process costs more (loading spaCy: ~2 s) than it saves.
PARALLEL_FROM = 8
#: Seconds to wait for a dask scheduler to answer before giving up.
CONNECT_SECONDS = 10


class Executor(Protocol):
    """Runs one function over many items, elsewhere maybe; results come back in the items' order."""

    def map(self, fn: Callable, items: Sequence, *args: object) -> Iterator: ...

    def close(self) -> None: ...


class LocalExecutor:
    """This machine: the calls run here, or in ``jobs`` forked processes (default: one per core)
    when there are ``PARALLEL_FROM`` items or more. The pool, made at the first such call, serves
    every later one until ``close``."""

    def __init__(self, jobs: int | None = None) -> None:
        self.jobs = jobs or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn: Callable, items: Sequence, *args: object) -> Iterator:
        columns = [[arg] * len(items) for arg in args]
        if self.jobs > 1 and len(items) >= PARALLEL_FROM:
            if self._pool is None:
                # a fork copies the collector's state: a build pauses it, a worker must not
                self._pool = ProcessPoolExecutor(self.jobs, mp_context=get_context("fork"),
                                                 initializer=collector.resumed)
            return self._pool.map(fn, items, *columns, chunksize=2)
        return map(fn, items, *columns)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self) -> LocalExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class DaskExecutor:
    """The workers of the dask.distributed cluster whose scheduler is at ``address``
    (``tcp://host:8786``). Each worker process loads the spaCy model once, at its first article
    (``graph.extract.nlp`` keeps it)."""

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise ConfigError("--scheduler needs dask.distributed: pip install 'timeline-kg[cluster]'") from None
        self.address = address
        try:
            self._client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
        except (OSError, ValueError, TypeError) as exc:  # refused, timed out, or not an address at all
            detail = " ".join(str(exc).split())[:200] or type(exc).__name__
            raise TimelineKGError(f"{address}: cannot reach the dask scheduler ({detail}); start one with "
                                  "`dask scheduler` or check the address") from None

    def map(self, fn: Callable, items: Sequence, *args: object) -> Iterator:
        columns = [[arg] * len(items) for arg in args]
        # pure=False: the same article given twice is two tasks, never a result dask reuses by key
        futures = self._client.map(fn, items, *columns, pure=False)
        try:
            for future in futures:
                yield future.result()
        finally:
            self._client.cancel(futures)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> DaskExecutor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@dataclass(frozen=True, slots=True)
class ArticleOutput:
    """What a worker made of one article: its N-Quads file, and whether its graph keeps the RDF
    contract (``problem``: the first violation, or why the file could not be written)."""

    doc_id: str
    path: Path
    conforms: bool
    problem: str = ""
    written: bool = True


def write_article(part: ArticlePart, folder: str) -> ArticleOutput:
    """Make one article's graph, check it with SHACL and write it as N-Quads into ``folder``.

    The graph is checked together with ``article_context`` (the facts, in other articles' graphs,
    of the events it tells): alone, an article telling an event first told by another would lack
    the event's label. Each triple two graphs share is the same in both and each event's own facts
    are in one graph, so these checks together find what a check of the batch's union would.
    """
    from graph.rdf.validate import violations

    doc_id = part.document.doc_id
    path = Path(folder) / f"{hashlib.sha256(doc_id.encode('utf-8', 'surrogateescape')).hexdigest()[:32]}.nq"
    try:
        triples = article_triples(part)
        written = ntriples(triples)
        conforms, _, lines = violations(triples, article_context(part), written=written)
    except Exception as exc:  # noqa: BLE001 - a bug in one article's graph must not end the batch
        detail = " ".join(str(exc).split())[:200]
        return ArticleOutput(doc_id, path, False, f"{type(exc).__name__}{': ' + detail if detail else ''}",
                             written=False)
    if not conforms:
        return ArticleOutput(doc_id, path, False, lines[0][:300] if lines else "", written=False)
    try:
        path.write_text(in_graph(written, doc_id), encoding="utf-8")
    except OSError as exc:  # a string crosses back from a worker; our exceptions would not unpickle
        return ArticleOutput(doc_id, path, True, f"{folder}: cannot write: {exc.strerror or exc}", written=False)
    return ArticleOutput(doc_id, path, True)
