"""A server of the test's own on 127.0.0.10 that records every connection made to it.

The SERVICE and LOAD tests point queries at it: whatever the endpoint, the CLI or a store does,
the listener must hear nothing. It answers any request it gets with a one-row SPARQL result, so a
query that did reach it would go on as if federation worked.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["HOST", "Listener", "listening", "running"]

HOST = "127.0.0.10"  # a loopback address no other test listens on
_ANSWER = b'{"head":{"vars":["a","b","c"]},"results":{"bindings":[{"a":{"type":"literal","value":"1"}}]}}'


class Listener(ThreadingHTTPServer):
    """Records the client address of every connection accepted (``heard``) and each request line."""

    daemon_threads = True

    def __init__(self) -> None:
        self.heard: list[str] = []
        super().__init__((HOST, 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/sparql"

    def verify_request(self, request, client_address) -> bool:
        self.heard.append(f"connection from {client_address[0]}")
        return True


class _Handler(BaseHTTPRequestHandler):
    server: Listener

    def _answer(self) -> None:
        self.server.heard.append(self.requestline)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(_ANSWER)))
        self.end_headers()
        self.wfile.write(_ANSWER)

    do_GET = do_POST = do_HEAD = _answer

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's signature
        pass


@contextmanager
def running(server: ThreadingHTTPServer) -> Iterator[ThreadingHTTPServer]:
    """``server`` answering in a background thread for the duration of the block, then closed."""
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="test-server")
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@contextmanager
def listening() -> Iterator[Listener]:
    """A listener answering in a background thread for the duration of the block."""
    with running(Listener()) as listener:
        yield listener


# What comes right before SERVICE: every SPARQL token boundary, comments ended by CR, LF or FF,
# whitespace or none, and other cases. ``{url}`` is the listener's.
SERVICE_QUERIES = (
    "SELECT * {{ BIND(1 AS ?z) .SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ BIND(1 AS ?z).SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ BIND(1 AS ?z)SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ {{BIND(1 AS ?z)}}SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ ?s ?p ?o ;SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ ?s ?p ?o,?x SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ ?s ?p 1SERVICE <{url}> {{ ?a ?b ?c }} }}",
    'SELECT * {{ ?s ?p "x"SERVICE <{url}> {{ ?a ?b ?c }} }}',
    "SELECT * {{ ?s ?p <urn:x:o>SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ ?s ?p ?o FILTER(true)SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ #x\rSERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ #x\rSERVICE <{url}> {{ ?a ?b ?c }} \n ?s ?p ?o }}",
    "SELECT * {{ #x\nSERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ #x\r\nSERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ #x\fSERVICE <{url}> {{ ?a ?b ?c }} \n}}",
    "SELECT * {{\tSERVICE\t<{url}>\t{{ ?a ?b ?c }} }}",
    "SELECT * {{\rSERVICE\r<{url}>\r{{ ?a ?b ?c }} }}",
    "SELECT * {{\nSERVICE\n<{url}>\n{{ ?a ?b ?c }} }}",
    "SELECT*{{SERVICE<{url}>{{?a ?b ?c}}}}",
    "select * {{ service <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ SeRvIcE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ SERVICE SILENT <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ \\u0053ERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ SERVICE <{escaped_url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }}",
    "SELECT * {{ ?s ?p ?o MINUS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }}",
    "SELECT * {{ {{ ?s ?p ?o }} UNION {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }}",
    "SELECT * {{ {{ SELECT * {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }} }}",
    "ASK {{ FILTER EXISTS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }}",
    "SELECT (EXISTS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} AS ?e) {{}}",
    "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "DESCRIBE ?a WHERE {{ SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "SELECT * {{ BIND(<{url}> AS ?u) SERVICE ?u {{ ?a ?b ?c }} }}",
)
# Updates that would fetch from the listener, for a writable server or store.
REMOTE_UPDATES = (
    "LOAD <{url}>",
    "#x\rLOAD <{url}>",
    "load silent <{url}> into graph <urn:x:graph:notes>",
    "LOAD <{escaped_url}>",
    "INSERT DATA {{ <urn:x:a> <urn:x:b> <urn:x:c> }} ;LOAD <{url}>",
    "INSERT {{ GRAPH <urn:x:graph:notes> {{ ?a ?b ?c }} }} WHERE {{ BIND(1 AS ?z) .SERVICE <{url}> {{ ?a ?b ?c }} }}",
    "INSERT {{ GRAPH <urn:x:graph:notes> {{ ?a ?b ?c }} }} WHERE {{ #x\rSERVICE <{url}> {{ ?a ?b ?c }} \n}}",
    "DELETE {{ ?a ?b ?c }} WHERE {{ ?a ?b ?c FILTER EXISTS {{ SERVICE <{url}> {{ ?a ?b ?c }} }} }}",
)


def aimed_at(templates: tuple[str, ...], url: str) -> list[str]:
    """The templates pointed at ``url`` (``escaped_url``: its first letter as a \\u escape)."""
    escaped = "\\u%04X" % ord(url[0]) + url[1:]
    return [template.format(url=url, escaped_url=escaped) for template in templates]
