"""Oxigraph's bulk loader fed with article files: each article's lines in its named graph and in the
union, in one pass of the loader (one load per file cost twice as much)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from graph.rdf.nquads import as_triples

from .base import StoreError, first_line

__all__ = ["ByteStream", "articles_and_union", "unloadable"]


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
