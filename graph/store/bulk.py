"""Oxigraph's bulk loader fed with article files: each article's lines in its named graph and in the
union, many files per pass of the loader (one pass per file took twice as long), and a bounded
number of bytes per pass (the loader holds a pass in memory: 1 GB for 250 articles in one)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from graph.rdf.nquads import as_triples

from .base import StoreError, first_line

__all__ = ["BYTES_PER_LOAD", "ByteStream", "articles_and_union", "in_loads", "unloadable"]

#: N-Quads bytes of article files per call of the bulk loader (each line is loaded twice).
BYTES_PER_LOAD = 16 * 2**20


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


def in_loads(files: Iterable[Path], limit: int | None = None) -> Iterator[list[Path]]:
    """``files`` in order, in groups of about ``limit`` bytes (default ``BYTES_PER_LOAD``): a group
    ends with the file that reaches it."""
    limit = limit or BYTES_PER_LOAD
    group: list[Path] = []
    size = 0
    for path in files:
        try:
            size += path.stat().st_size
        except OSError as exc:
            raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from exc
        group.append(path)
        if size >= limit:
            yield group
            group, size = [], 0
    if group:
        yield group


class ByteStream(io.RawIOBase):
    """A readable file over an iterator of byte strings, for a loader that reads a file."""

    def __init__(self, chunks: Iterator[bytes]) -> None:
        super().__init__()
        self._chunks = chunks
        self._left = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._left:
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._left = memoryview(chunk)
        size = min(len(buffer), len(self._left))
        buffer[:size] = self._left[:size]
        self._left = self._left[size:]
        return size


def unloadable(files: Iterable[Path], error: SyntaxError) -> str:
    """The error of a load of several files: the first file Oxigraph cannot parse, and why."""
    for path in files:
        try:
            for _ in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
                pass
        except SyntaxError as exc:
            return f"{path}: cannot load: {first_line(exc)}"
    return f"cannot load the article files: {first_line(error)}"
