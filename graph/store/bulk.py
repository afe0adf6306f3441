"""Oxigraph's bulk loader fed with article files: each article's lines in its named graph and in the
union, many files per pass of the loader (one pass per file took twice as long), and a bounded
number of bytes per pass (the loader holds a pass in memory: 1 GB for 250 articles in one).

A build hands its files over as it writes them (:class:`LoadAsWritten`): a thread of their own loads
them into the new store while the next articles are made, as the loader runs outside Python's
global lock. Loaded after the last article instead, they took a tenth of a 256-article build.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from graph.rdf.nquads import as_triples

from .base import Replacement, StoreError, first_line

__all__ = ["BYTES_PER_LOAD", "LoadAsWritten", "articles_and_union", "unloadable"]

_log = logging.getLogger(__name__)

#: N-Quads bytes of article files per call of the bulk loader (each line is loaded twice). Loads of
#: 1, 4 and 16 MB took the same time over 86 MB; the last load, after the last article, is short.
BYTES_PER_LOAD = 4 * 2**20


def articles_and_union(files: Iterable[Path]) -> Iterator[bytes]:
    """Each article file's N-Quads, then the same lines without their graph: one stream that puts an
    article's triples in its named graph and in the union (the default graph)."""
    for path in files:
        try:
            text = path.read_bytes()
        except OSError as exc:
            raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        try:
            triples = as_triples(text)
        except ValueError as exc:
            raise StoreError(f"{path}: cannot load: {exc}") from None
        yield text if text.endswith(b"\n") or not text else text + b"\n"
        yield triples


def unloadable(files: Iterable[Path], error: SyntaxError) -> str:
    """The error of a load of several files: the first file Oxigraph cannot parse, and why."""
    for path in files:
        try:
            for _ in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
                pass
        except SyntaxError as exc:
            return f"{path}: cannot load: {first_line(exc)}"
    return f"cannot load the article files: {first_line(error)}"


class LoadAsWritten(Replacement):
    """The Oxigraph store's replacement: a new store beside the old one (``store.fresh()``), filled
    from the files as they are added, ``BYTES_PER_LOAD`` of files per pass, by a thread of its own,
    and swapped in at ``commit``. A file that cannot be loaded fails ``commit`` with its name, and the
    old store stays."""

    def __init__(self, store) -> None:
        super().__init__(store)
        self._begin()

    def _begin(self) -> None:
        self._fresh = self.store.fresh()
        self._files: queue.SimpleQueue[Path | None] = queue.SimpleQueue()  # None: no more files
        self._failure: StoreError | None = None
        self._abandoned = False
        self._loaded = 0  # files
        self._loader = threading.Thread(target=self._load, name="timeline-kg store load", daemon=True)
        self._loader.start()

    def add(self, doc_id: str, path: Path) -> None:
        super().add(doc_id, path)
        self._files.put(path)

    def clear(self) -> None:
        self._abandon()
        super().clear()
        self._begin()

    def commit(self) -> None:
        self._files.put(None)
        self._loader.join()
        if self._failure is not None:
            raise self._failure
        fresh, self._fresh = self._fresh, None
        _log.info("%s: write transaction committed (%d article files loaded)", self.store.setting, self._loaded)
        self.store.swap_in(fresh)

    def close(self) -> None:
        if self._fresh is not None:
            self._abandon()

    def _abandon(self) -> None:
        self._abandoned = True  # the files not loaded yet stay so
        self._files.put(None)
        self._loader.join()
        fresh, self._fresh = self._fresh, None
        fresh.discard()

    def _load(self) -> None:
        group: list[Path] = []
        size = 0
        while True:
            path = self._files.get()
            if path is not None:
                group.append(path)
                try:
                    size += path.stat().st_size
                except OSError as exc:
                    self._failed(StoreError(f"{path}: cannot read: {exc.strerror or exc}"))
            if group and (path is None or size >= BYTES_PER_LOAD):
                if self._failure is None and not self._abandoned:
                    self._load_group(group)
                group, size = [], 0
            if path is None:
                return

    def _load_group(self, group: list[Path]) -> None:
        try:
            # bytes, not a file object: the loader then never waits for Python's lock to read
            data = b"".join(articles_and_union(group))
            if not self._loaded:
                _log.info("%s: write transaction begins (bulk load of article files into the new store)",
                          self.store.setting)
            self._fresh.load_nquads(data)
            self._loaded += len(group)
        except SyntaxError as exc:
            self._failed(StoreError(unloadable(group, exc)))
        except StoreError as exc:
            self._failed(exc)
        except Exception as exc:  # noqa: BLE001 - raised by commit: a store missing files must not be swapped in
            self._failed(StoreError(f"{self.store.setting}: cannot load the article files "
                                    f"({type(exc).__name__}: {first_line(exc)})"))

    def _failed(self, failure: StoreError) -> None:
        if self._failure is None:
            self._failure = failure
