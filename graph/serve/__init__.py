"""The SPARQL endpoint: ``timeline-kg serve``, SPARQL 1.1 Protocol over a store, the views and a query page.

In: a :class:`ServerConfig` (store setting, address, limits). Out: an HTTP server on loopback whose
queries run in worker processes (:mod:`.workers`) so a runaway query can be killed, cut off the
network where Linux allows (:mod:`.sandbox`); :mod:`.server` speaks HTTP and enforces the limits,
:mod:`.page` draws the query page.
"""

from .config import DEFAULT_MAX_ROWS, DEFAULT_PORT, DEFAULT_TIMEOUT, ServerConfig
from .server import MAX_BODY, Endpoint, is_loopback, running, serve

__all__ = ["DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "MAX_BODY", "Endpoint", "ServerConfig",
           "is_loopback", "running", "serve"]
