"""A SPARQL 1.1 Protocol endpoint over the store, with the two HTML views and a query page.

``GET /sparql?query=...`` and ``POST /sparql`` (a form with ``query=``, or an
``application/sparql-query`` / ``application/sparql-update`` body) answer as the SPARQL 1.1
Protocol says. SELECT and ASK results come as JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE graphs
as Turtle, JSON-LD, N-Triples or RDF/XML, chosen by the ``Accept`` header or a ``format`` (or
``output``) parameter; nothing acceptable gives 406. A query may carry ``bind=NAME=VALUE``
parameters (repeatable), bound as a VALUES row opening its WHERE group, as the CLI's ``--param``
does. ``/`` is an offline query page,
``/graph.html`` and ``/timeline.html`` the views (from the views folder, else drawn from the store).

Limits, each with its own status and a one-line ``text/plain`` message:

- a malformed query or update: 400; a request body above :data:`MAX_BODY` bytes: 413;
- a query or update over a size limit of :func:`graph.sparql.text.size_problem` (characters,
  terms, patterns and operators, brackets nested deeper than :data:`MAX_NESTING`): 400 naming the
  limit, checked here before a worker sees it. Oxigraph recurses once per nesting level and once per
  item of a flat chain (FILTERs, BINDs, '+'...) and overflows its stack a few thousand down, which
  kills the worker process;
- ``SERVICE`` anywhere in a query, or an update the server does not accept: 403, decided in the
  worker from the parsed query (:mod:`graph.sparql.guard`); text that does not parse: 400. The
  workers of a local store also run in a network namespace of their own where Linux allows it
  (:mod:`.sandbox`), so a query that got past the check could still reach no server;
- an update while the server is read-only (the default): 403. On ``--writable``, an update must be
  an ``application/sparql-update`` body (a form: 415, as any web page can post one), carry an
  ``Origin`` naming this very server (none, ``null`` or another: 403) and the token printed at
  start-up as ``Authorization: Bearer TOKEN`` (401). It may be INSERT DATA, DELETE DATA, DELETE
  WHERE or DELETE/INSERT ... WHERE; LOAD, CLEAR, DROP, CREATE, ADD, MOVE and COPY get 403;
- a query still running after ``timeout`` seconds: 503. Oxigraph's query loop runs in Rust and
  cannot be interrupted from Python (pyoxigraph has no timeout or cancellation), so every query
  runs in a worker *process*; the server kills a worker past its deadline and starts a fresh one,
  and the other workers go on answering meanwhile;
- more than ``max_rows`` rows (or triples): the result is cut to ``max_rows`` and the response
  carries ``X-SPARQL-MaxRows: N`` (Virtuoso's header for the same thing). Cutting rather than
  refusing keeps exploratory ``SELECT *`` useful; clients that need everything page with LIMIT/OFFSET.

The server binds 127.0.0.1 (or ``::1``) unless told otherwise and then only answers requests whose
``Host`` names a loopback address, so a web page cannot reach it through DNS rebinding. No CORS
headers are sent, so another site's page can neither read an answer nor send the token.

Formats are chosen and written by :mod:`graph.sparql.formats`; the worker processes live in
:mod:`graph.serve.workers`.

Why the standard library's :class:`http.server.ThreadingHTTPServer`: the protocol is a few routes
and two content types, the heavy work happens in worker processes, and a thread per connection is
plenty for a local tool; a web framework would add a dependency and its own process model, which
the query timeout (worker processes we kill) would have to work around.

"""

from __future__ import annotations

import hmac
import secrets
import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from graph.errors import ConfigError, QueryError, TimelineKGError
from graph.sparql.bindings import bind_text
from graph.sparql.text import MAX_NESTING, size_problem
from graph.store.base import DEFAULT_STORE
from graph.views.freshness import mark_out_of_date, out_of_date_because

from .config import DEFAULT_MAX_ROWS, DEFAULT_PORT, DEFAULT_TIMEOUT, ServerConfig
from .workers import Reply, WorkerPool, message

__all__ = [
    "DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "MAX_BODY", "MAX_NESTING", "Endpoint", "ServerConfig",
    "is_loopback", "running", "serve",
]

#: Largest request body read (a query or update text, or a form holding one).
MAX_BODY = 1 << 20
#: The pages served from the views folder, or drawn from the store.
VIEWS = ("graph.html", "timeline.html")
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})


# ---------------------------------------------------------------- HTTP

class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hung client never keeps the process alive at exit

    def __init__(self, config: ServerConfig, pool: WorkerPool, token: str) -> None:
        self.config = config
        self.pool = pool
        self.token = token
        self.loopback_only = is_loopback(config.host)
        host = config.host.strip("[]")
        # socketserver makes an IPv4 socket unless told otherwise; "::1" needs an IPv6 one
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, config.port), _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "timeline-kg"
    timeout = 60  # seconds a client may take to send its request

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._dispatch("GET")

    def do_POST(self) -> None:  # noqa: N802
        self._dispatch("POST")

    def _not_allowed(self) -> None:
        self._send(message(405, f"{self.command} is not supported; use GET or POST"), ("Allow", "GET, POST"))

    do_HEAD = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
        if self.server.config.log:
            super().log_message(format, *args)

    def _dispatch(self, method: str) -> None:
        try:
            reply = self._route(method)
        except Exception as error:  # noqa: BLE001 - a bug of ours: answer 500 in one line, keep serving
            reply = message(500, f"internal error: {type(error).__name__}: {error}")
        try:
            self._send(reply)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client left; nobody to answer

    def _route(self, method: str) -> Reply:
        refusal = self._refuse_host()
        if refusal:
            return refusal
        url = urlsplit(self.path)
        if url.path == "/sparql":
            return self._sparql(method, parse_qs(url.query, keep_blank_values=True))
        if method != "GET":
            return message(405, f"{method} {url.path}: only GET is supported here")
        if url.path in ("/", "/index.html", "/query"):
            from .page import render_query_page

            return Reply(200, "text/html; charset=utf-8", render_query_page(self.server.config).encode("utf-8"))
        if url.path.lstrip("/") in VIEWS:
            return self._view(url.path.lstrip("/"))
        return message(404, f"{url.path}: not found; try / (query page), /sparql, /graph.html or /timeline.html")

    def _refuse_host(self) -> Reply | None:
        """403 for a Host header that is not ours while bound to loopback (DNS rebinding)."""
        if not self.server.loopback_only:
            return None
        host = (self.headers.get("Host") or "").strip().lower()
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        if name and name not in _LOOPBACK_NAMES and name != self.server.config.host:
            return message(403, f"Host {host!r} refused: this server answers loopback addresses only")
        return None

    def _sparql(self, method: str, params: dict[str, list[str]]) -> Reply:
        media = None
        if method == "POST":
            body = self._body()
            if isinstance(body, Reply):
                return body
            kind, text, form, media = body
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        else:
            kind, text = _operation(params)
            if kind == "update":
                return message(400, "updates must be POSTed, as an application/sparql-update body")
        if isinstance(text, Reply):
            return text
        if kind is None:
            return message(400, "missing 'query' parameter; the query page is at /")
        if params.get("default-graph-uri") or params.get("named-graph-uri") or \
                params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            return message(400, "default-graph-uri/named-graph-uri are not supported; "
                                "use FROM, FROM NAMED or GRAPH in the query")
        if kind == "query" and params.get("bind"):
            # "name=Angela Merkel", as the query page's Bind field sends it: bound as a VALUES row
            # (a literal, or an IRI), before the checks below read the text
            try:
                text = bind_text(text, params["bind"])
            except QueryError as error:
                return message(400, str(error))
        if kind == "update":
            refusal = self._refuse_update(media)
            if refusal:
                return refusal
        too_large = size_problem(text)  # before a parser sees it: a huge chain crashes Oxigraph's
        if too_large:
            return message(400, too_large)
        if kind == "update":
            reply = self.server.pool.run(("update", text))
            if reply.status == 200:
                self._views_now_older()
            return reply
        fmt = (params.get("format") or params.get("output") or [None])[0]
        return self.server.pool.run(("query", text, self.headers.get("Accept"), fmt))

    def _refuse_update(self, media: str | None) -> Reply | None:
        """Why this request may not update the store, or None: read-only, a form, a foreign or
        missing Origin, no token. What the update may do is the worker's to check."""
        if not self.server.config.writable:
            return message(403, "this server is read-only; start it with --writable to accept updates")
        if media != "application/sparql-update":
            return message(415, "an update must come as an application/sparql-update body "
                                "(update= forms are refused: any web page can post a form)")
        own = "http://" + (self.headers.get("Host") or "")
        origin = self.headers.get("Origin")
        if origin is None or _origin_key(origin) is None or _origin_key(origin) != _origin_key(own):
            shown = "no Origin header" if origin is None else f"Origin {origin!r}"
            return message(403, f"update refused: {shown}, not this server's ({own}); send 'Origin: {own}'")
        scheme, _, given = (self.headers.get("Authorization") or "").strip().partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), self.server.token.encode()):
            reply = message(401, "update refused: no valid token; send 'Authorization: Bearer TOKEN' with the "
                                 "token printed when the server started")
            return reply._replace(headers=(("WWW-Authenticate", 'Bearer realm="timeline-kg"'),))
        return None

    def _body(self) -> tuple[str | None, str | Reply, dict[str, list[str]], str] | Reply:
        """The operation a POST carries: (kind, text, form fields, media type), or an error reply."""
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            return message(411, "a POST needs a Content-Length")
        if int(length) > MAX_BODY:
            self._drain(int(length))
            return message(413, f"request body over {MAX_BODY} bytes")
        raw = self.rfile.read(int(length))
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        try:
            data = raw.decode("utf-8")
        except UnicodeDecodeError:
            return message(400, "the request body is not UTF-8")
        if media == "application/sparql-query":
            return "query", data, {}, media
        if media == "application/sparql-update":
            return "update", data, {}, media
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(data, keep_blank_values=True)
            kind, text = _operation(form)
            return kind, text, form, media
        return message(415, f"unsupported Content-Type {media or '(none)'!r}; use application/x-www-form-"
                            "urlencoded, application/sparql-query or application/sparql-update")

    def _drain(self, length: int) -> None:
        """Read and drop a refused body, so the client reads our answer instead of a reset connection."""
        self.close_connection = True
        if length <= 16 * MAX_BODY:
            while length > 0:
                chunk = self.rfile.read(min(length, 1 << 16))
                if not chunk:
                    return
                length -= len(chunk)

    def _view(self, name: str) -> Reply:
        folder = self.server.config.views
        if folder is not None and (folder / name).is_file() and out_of_date_because(folder) is None:
            return Reply(200, "text/html; charset=utf-8", (folder / name).read_bytes())
        return self.server.pool.run(("view", name))  # drawn from the store: never older than it

    def _views_now_older(self) -> None:
        """After an update: the views folder's pages no longer show the store; say so there."""
        folder = self.server.config.views
        if folder is None or not any((folder / name).is_file() for name in VIEWS):
            return
        try:
            mark_out_of_date(folder, self.server.config.store or DEFAULT_STORE,
                             "an update through `timeline-kg serve --writable` changed the store")
        except TimelineKGError as error:  # the update is stored; the views are drawn from the store anyway
            self.log_message("%s", f"cannot mark the views out of date: {error}")

    def _send(self, reply: Reply, *extra: tuple[str, str]) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (*reply.headers, *extra):
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)


def _operation(params: dict[str, list[str]]) -> tuple[str | None, str | Reply | None]:
    """("query"|"update", text) from query/update parameters; a 400 reply when ambiguous."""
    queries, updates = params.get("query", []), params.get("update", [])
    if len(queries) + len(updates) > 1:
        return "query", message(400, "give exactly one query or update parameter")
    if queries:
        return "query", queries[0]
    if updates:
        return "update", updates[0]
    return None, None


def is_loopback(host: str) -> bool:
    """Whether ``host`` names this machine only (127.0.0.0/8, ::1, localhost)."""
    return host in _LOOPBACK_NAMES or host.startswith("127.")


def _origin_key(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an origin or ``http://HOST:PORT``; None when it is none ("null")."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port or (443 if parts.scheme == "https" else 80)


# ---------------------------------------------------------------- running

class Endpoint:
    """A started server: ``url`` (ending in ``/``), the update ``token`` (when writable), and
    :meth:`close` to stop it and its workers."""

    def __init__(self, config: ServerConfig) -> None:
        self.pool = WorkerPool(config.store, writable=config.writable, size=config.workers,
                               timeout=config.timeout, max_rows=config.max_rows, refresh=config.refresh)
        #: What an update must carry as ``Authorization: Bearer TOKEN``; None when read-only.
        self.token = (config.update_token or secrets.token_urlsafe(24)) if config.writable else None
        self.pool.start()
        try:
            self.server = _Server(config, self.pool, self.token or "")
        except OSError as error:
            self.pool.close()
            raise ConfigError(f"cannot listen on {config.host}:{config.port}: {error.strerror or error}") from error
        host, port = self.server.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        self.url = f"http://{shown}:{port}/"

    def serve_forever(self) -> None:
        self.server.serve_forever()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.pool.close()


@contextmanager
def running(config: ServerConfig) -> Iterator[Endpoint]:
    """A server answering in a background thread for the duration of the block.

    Examples
    --------
    >>> from urllib.request import urlopen
    >>> with running(ServerConfig(store="memory:", port=0, log=False)) as endpoint:  # doctest: +SKIP
    ...     urlopen(endpoint.url + "sparql?query=ASK%7B%7D").read()
    b'{"head":{},"boolean":true}'
    """
    endpoint = Endpoint(config)
    thread = threading.Thread(target=endpoint.serve_forever, daemon=True, name="timeline-kg-serve")
    thread.start()
    try:
        yield endpoint
    finally:
        endpoint.close()
        thread.join(10)


def serve(config: ServerConfig, ready: Callable[[Endpoint], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); ``ready(endpoint)`` is called once listening.

    Raises
    ------
    ConfigError
        When the store cannot be opened or the address cannot be listened on.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as cleanly as on Ctrl-C
    with running(config) as endpoint:
        if ready is not None:
            ready(endpoint)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
