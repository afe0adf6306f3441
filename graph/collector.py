"""Python's cyclic garbage collector, kept from work that finds nothing.

A build makes millions of objects that live to its end (the spaCy pipeline, the gazetteer, the
extractions) and no reference cycles: extraction makes none, and an article's RDF graph binds no
prefixes (a namespace manager and its graph are a cycle). Yet each full collection scans every
live object again, so that the time of a build's collections grew faster than its articles. The
stages that make many objects run with the collector paused (:func:`paused`); what a build keeps
to its end is set aside (:func:`set_aside`) while it loads the store, so that the collection a
store needs to swap in a new database (``graph.store.oxigraph``) scans only what is new.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused", "resumed", "set_aside"]

_USUAL = gc.get_threshold()  # as the process began


@contextmanager
def paused() -> Iterator[None]:
    """No automatic collection inside the block; the collector as it was after it."""
    # A zero threshold rather than gc.disable(): libraries turn the collector back on (srsly's
    # msgpack reader does, as spaCy loads a model), but leave its thresholds alone.
    thresholds = gc.get_threshold()
    gc.set_threshold(0)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def resumed() -> None:
    """The collector on, as a process begins: for a process forked inside :func:`paused`."""
    gc.set_threshold(*_USUAL)
    gc.enable()


@contextmanager
def set_aside() -> Iterator[None]:
    """Inside the block, the objects alive at its start (after collecting what is garbage then) are
    out of every collection (``gc.freeze``); back in after it. Enter it where no query answer of a
    store is alive, and leave it before a store closes for good: a store closes once its answers
    are collected, and a cycle through an object set aside would keep one alive."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
