"""What ``timeline-kg serve`` was asked for: one frozen settings object, and the defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .workers import REFRESH_SECONDS

__all__ = ["DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "ServerConfig"]

DEFAULT_PORT = 8800
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000


@dataclass(frozen=True)
class ServerConfig:
    """What ``timeline-kg serve`` was asked for.

    Parameters
    ----------
    store
        The store setting given to :func:`graph.store.open_store` (None: its default).
    host, port
        Where to listen (``::1`` for IPv6 loopback); port 0 lets the system pick a free port.
    timeout
        Seconds a query, update or view may run before its worker is killed (503).
    max_rows
        Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) sent at most.
    workers
        Worker processes, i.e. requests answered at once; always 1 when ``writable``, as one
        process alone may hold an Oxigraph store open for writing.
    writable
        Accept SPARQL updates (each with the update token, from this server's own origin).
    update_token
        The token updates must carry (``Authorization: Bearer TOKEN``); None: a random one is made
        at start-up (:attr:`graph.serve.Endpoint.token`).
    views
        Folder holding ``graph.html`` and ``timeline.html``; a view missing there (or all of them
        when None, or when :data:`graph.views.freshness.MARKER` says they are older than the
        store) is drawn from the store on each request. An update marks them so.
    refresh
        Seconds after which a read-only worker reopens the store before its next job, so that
        articles added meanwhile by another process are seen (0: before every job).
    log
        Write one line per request on stderr.
    """

    store: str | None = None
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    workers: int = 2
    writable: bool = False
    update_token: str | None = None
    views: Path | None = Path("out")
    refresh: float = REFRESH_SECONDS
    log: bool = True
