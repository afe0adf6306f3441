"""Where the graph lives: the store interface, its backends, and the one place that picks one.

In: article graphs (``{doc_id: rdflib.Graph}``) from the pipeline. Out: SPARQL answers over their
union, dumps in RDF formats. Backends:

- ``memory:`` -- an rdflib ``Dataset`` in this process (:mod:`graph.store.memory`);
- a folder path or ``oxigraph:PATH`` -- a persistent Oxigraph store on disk (:mod:`graph.store.oxigraph`);
- ``http://...`` / ``https://...`` -- a SPARQL 1.1 server (:mod:`graph.store.remote`).

:func:`open_store` is the factory; the interface (:mod:`graph.store.base`) knows none of them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from graph.errors import ConfigError

from .base import (
    DEFAULT_STORE,
    DUMP_FORMATS,
    ENV_STORE,
    NARROWED,
    SETTINGS_HELP,
    Store,
    StoreError,
)
from .memory import MemoryStore

__all__ = [
    "DEFAULT_STORE", "DUMP_FORMATS", "ENV_STORE", "NARROWED", "MemoryStore", "Store", "StoreError", "open_store",
]


def open_store(setting: str | os.PathLike | None = None, *, read_only: bool = False) -> Store:
    """Open the store a setting names.

    Parameters
    ----------
    setting
        ``None`` (``$TIMELINE_KG_STORE`` if set, else ``out/store``), ``memory:``, a folder path,
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
        from .remote import SparqlStore  # only users of a SPARQL server need its client

        return SparqlStore(text, read_only=read_only)
    if text.startswith("oxigraph:"):
        text = text.removeprefix("oxigraph:")
    elif not text or re.match(r"[A-Za-z][A-Za-z0-9+.-]+:", text):  # another scheme (one letter: a drive)
        raise ConfigError(f"{os.fspath(setting) or '(empty)'}: unknown store setting; {SETTINGS_HELP}")
    if not text:
        raise ConfigError(f"{setting}: no folder after oxigraph:; {SETTINGS_HELP}")
    from .oxigraph import OxigraphStore

    return OxigraphStore(Path(text), read_only=read_only)
