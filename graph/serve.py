"""A SPARQL 1.1 Protocol endpoint over the store, with the two HTML views and a query page.

``GET /sparql?query=...`` and ``POST /sparql`` (a form with ``query=`` or ``update=``, or an
``application/sparql-query`` / ``application/sparql-update`` body) answer as the SPARQL 1.1
Protocol says. SELECT and ASK results come as JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE graphs
as Turtle, JSON-LD, N-Triples or RDF/XML, chosen by the ``Accept`` header or a ``format`` (or
``output``) parameter; nothing acceptable gives 406. ``/`` is an offline query page,
``/graph.html`` and ``/timeline.html`` the views (from the views folder, else drawn from the store).

Limits, each with its own status and a one-line ``text/plain`` message:

- a malformed query or update: 400; a request body above :data:`MAX_BODY` bytes: 413;
- an update while the server is read-only (the default): 403;
- a query still running after ``timeout`` seconds: 503. Oxigraph's query loop runs in Rust and
  cannot be interrupted from Python (pyoxigraph has no timeout or cancellation), so every query
  runs in a worker *process*; the server kills a worker past its deadline and starts a fresh one,
  and the other workers go on answering meanwhile;
- more than ``max_rows`` rows (or triples): the result is cut to ``max_rows`` and the response
  carries ``X-SPARQL-MaxRows: N`` (Virtuoso's header for the same thing). Cutting rather than
  refusing keeps exploratory ``SELECT *`` useful; clients that need everything page with LIMIT/OFFSET.

The server binds 127.0.0.1 unless told otherwise and then only answers requests whose ``Host``
names a loopback address, so a web page cannot reach it through DNS rebinding; cross-origin
updates (an ``Origin`` header naming another site) are refused, so a page cannot post an
``update=`` form to a writable server. No CORS headers are sent.

Why the standard library's :class:`http.server.ThreadingHTTPServer`: the protocol is a few routes
and two content types, the heavy work happens in worker processes, and a thread per connection is
plenty for a local tool; a web framework would add a dependency and its own process model, which
the query timeout (worker processes we kill) would have to work around.

Examples
--------
>>> negotiate("SELECT", "text/csv, application/json;q=0.5")
('csv', 'text/csv; charset=utf-8')
>>> negotiate("CONSTRUCT", "", "json-ld")
('jsonld', 'application/ld+json')
>>> negotiate("SELECT", "text/turtle") is None
True
"""

from __future__ import annotations

import itertools
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.query import Result

from .errors import ConfigError, QueryError, TimelineKGError

__all__ = [
    "DEFAULT_MAX_ROWS", "DEFAULT_PORT", "DEFAULT_TIMEOUT", "MAX_BODY", "Endpoint", "Reply", "ServerConfig",
    "negotiate", "remote_keyword", "render_result", "running", "serve",
]

DEFAULT_PORT = 8800
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000
#: Largest request body read (a query or update text, or a form holding one).
MAX_BODY = 1 << 20
#: How long a new worker may take to open the store.
WORKER_START_SECONDS = 120.0

# Format name -> media type sent, for SELECT/ASK results and for CONSTRUCT/DESCRIBE graphs.
RESULT_TYPES = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8"}
GRAPH_TYPES = {"turtle": "text/turtle; charset=utf-8", "jsonld": "application/ld+json",
               "nt": "application/n-triples", "rdfxml": "application/rdf+xml"}
# Media types and format= names clients send -> our format name.
_RESULT_ALIASES = {
    "application/sparql-results+json": "json", "application/json": "json", "json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml", "xml": "xml",
    "text/csv": "csv", "csv": "csv", "text/tab-separated-values": "tsv", "tsv": "tsv",
}
_GRAPH_ALIASES = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "turtle": "turtle", "ttl": "turtle",
    "application/ld+json": "jsonld", "application/json": "jsonld", "json-ld": "jsonld", "jsonld": "jsonld",
    "json": "jsonld", "application/n-triples": "nt", "text/plain": "nt", "nt": "nt", "ntriples": "nt",
    "n-triples": "nt", "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
    "rdfxml": "rdfxml", "rdf+xml": "rdfxml", "xml": "rdfxml",
}
_RDFLIB_GRAPH_FORMATS = {"turtle": "turtle", "jsonld": "json-ld", "nt": "nt", "rdfxml": "xml"}
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
# Strings, IRIs and comments: where SERVICE or LOAD may appear without being keywords.
_NOT_KEYWORDS = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\'|"(?:[^"\\\n]|\\.)*"'''
                           r"""|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*""")
_REMOTE_KEYWORD = re.compile(r"(?<![\w:?$.\-])(SERVICE|LOAD)(?![\w:.\-])", re.IGNORECASE)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class ServerConfig:
    """What ``timeline-kg serve`` was asked for.

    Parameters
    ----------
    store
        The store setting given to :func:`graph.store.open_store` (None: its default).
    host, port
        Where to listen; port 0 lets the system pick a free port.
    timeout
        Seconds a query, update or view may run before its worker is killed (503).
    max_rows
        Rows (SELECT) or triples (CONSTRUCT/DESCRIBE) sent at most.
    workers
        Worker processes, i.e. requests answered at once; always 1 when ``writable``, as one
        process alone may hold an Oxigraph store open for writing.
    writable
        Accept SPARQL updates.
    views
        Folder holding ``graph.html`` and ``timeline.html``; a view missing there (or all of them
        when None) is drawn from the store on each request.
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
    views: Path | None = Path("build")
    log: bool = True


class Reply(NamedTuple):
    """An HTTP answer: status, media type, body and extra headers."""

    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


def message(status: int, text: str) -> Reply:
    """A one-line plain-text answer (errors, update acknowledgements)."""
    line = " ".join(text.split()) or HTTPStatus(status).phrase
    return Reply(status, "text/plain; charset=utf-8", (line + "\n").encode("utf-8"))


# ---------------------------------------------------------------- content negotiation

def negotiate(kind: str, accept: str | None, fmt: str | None = None) -> tuple[str, str] | None:
    """Pick a format for a result of ``kind`` (SELECT, ASK, CONSTRUCT, DESCRIBE).

    Parameters
    ----------
    kind
        The query form, as ``rdflib.query.Result.type`` names it.
    accept
        The request's ``Accept`` header (q-values honoured; ``*/*`` and none give the default:
        JSON for results, Turtle for graphs).
    fmt
        A ``format``/``output`` parameter (a name such as ``csv``, ``json-ld``, or a media type);
        it wins over ``accept``.

    Returns
    -------
    tuple or None
        ``(format name, media type)``, or None when nothing asked for fits this kind of result.
    """
    graph = kind in ("CONSTRUCT", "DESCRIBE")
    aliases, types = (_GRAPH_ALIASES, GRAPH_TYPES) if graph else (_RESULT_ALIASES, RESULT_TYPES)
    default = "turtle" if graph else "json"
    if fmt:
        name = aliases.get(fmt.strip().lower())
        return (name, types[name]) if name else None
    for media in _accepted(accept or "*/*"):
        if media in ("*/*", "application/*", "text/*"):
            if media == "text/*" and not graph:
                return "csv", types["csv"]
            return default, types[default]
        if media in aliases:
            return aliases[media], types[aliases[media]]
    return None


def _accepted(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped, ties in header order)."""
    ranked = []
    for index, item in enumerate(accept.split(",")):
        media, *params = (part.strip() for part in item.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, index, media.lower()))
    return [media for _, _, media in sorted(ranked)]


# ---------------------------------------------------------------- result rendering

def render_result(result: Result, fmt: str, max_rows: int) -> tuple[bytes, bool]:
    """Serialize a query result in format ``fmt`` (see :func:`negotiate`), cut to ``max_rows``.

    Returns
    -------
    tuple
        The body, and whether rows (or triples) were left out.
    """
    if result.type == "ASK":
        answer = bool(result.askAnswer)
        if fmt in ("csv", "tsv"):  # the CSV/TSV formats cover SELECT only; this is what Jena sends
            return f"_askResult\n{str(answer).lower()}\n".encode(), False
        return result.serialize(format=fmt), False
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        graph, cut = _cut_graph(result.graph, max_rows)
        return graph.serialize(format=_RDFLIB_GRAPH_FORMATS[fmt], encoding="utf-8"), cut
    names = [Variable(str(v)) for v in result.vars or ()]
    rows = list(itertools.islice(iter(result), max_rows + 1))
    cut = len(rows) > max_rows
    bindings = [{Variable(k): v for k, v in row.asdict().items() if v is not None} for row in rows[:max_rows]]
    if fmt == "tsv":
        return _tsv(names, bindings), cut
    table = Result("SELECT")
    table.vars = names
    table.bindings = bindings
    return table.serialize(format=fmt), cut


def _cut_graph(graph: Graph, max_rows: int) -> tuple[Graph, bool]:
    if len(graph) <= max_rows:
        return graph, False
    cut = Graph()
    for prefix, namespace in graph.namespaces():
        cut.bind(prefix, namespace, override=True)
    cut += itertools.islice(graph, max_rows)
    return cut, True


def _tsv(names: list[Variable], bindings: list[dict[Variable, Any]]) -> bytes:
    """SPARQL 1.1 TSV: ``?var`` headers, terms in Turtle syntax, tabs and newlines escaped."""
    lines = ["\t".join(f"?{name}" for name in names)]
    lines += ["\t".join(_tsv_term(row.get(name)) for name in names) for row in bindings]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_term(term: Any) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        text = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
                .replace("\n", "\\n").replace("\r", "\\r"))
        if term.language:
            return f'"{text}"@{term.language}'
        if term.datatype and str(term.datatype) != "http://www.w3.org/2001/XMLSchema#string":
            return f'"{text}"^^<{term.datatype}>'
        return f'"{text}"'
    return str(term)


# ---------------------------------------------------------------- worker processes

def _worker_main() -> None:
    """A worker process: open the store, then answer jobs until the server closes the pipe.

    Started as ``python -c`` with its settings as JSON in ``sys.argv[1]`` and two inherited pipe
    descriptors, not through ``multiprocessing``: its spawn mode re-runs the user's main script in
    each child (fatal in a script without a ``__main__`` guard), and fork copies a threaded server.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us; Ctrl-C in a terminal is its business
    settings = json.loads(sys.argv[1])
    jobs = Connection(settings["jobs"], writable=False)
    answers = Connection(settings["answers"], readable=False)
    from .store import open_store

    try:
        store = open_store(settings["store"], read_only=not settings["writable"])
    except TimelineKGError as error:
        answers.send(("failed", str(error)))
        return
    except Exception as error:  # noqa: BLE001 - whatever a backend raises, the server reports one line
        answers.send(("failed", f"{settings['store'] or 'store'}: cannot open: {error}"))
        return
    answers.send(("ready", ""))
    with store:
        while True:
            try:
                job = jobs.recv()
            except (EOFError, OSError):  # the server has gone
                return
            answers.send(_answer(store, job, settings["max_rows"]))


def _answer(store, job: tuple, max_rows: int) -> Reply:
    """Run one job in a worker: ("query", text, accept, fmt), ("update", text) or ("view", name)."""
    from .store import StoreError

    try:
        if job[0] == "query":
            return _query_reply(store, job[1], job[2], job[3], max_rows)
        if job[0] == "update":
            store.update(job[1])
            return message(200, "update done")
        return Reply(200, "text/html; charset=utf-8", _draw_view(store, job[1]).encode("utf-8"))
    except (QueryError, SyntaxError, ValueError) as error:
        return message(400, str(error).splitlines()[0] if str(error) else type(error).__name__)
    except StoreError as error:
        return message(403, str(error))
    except Exception as error:  # noqa: BLE001 - the server must answer, with the cause on one line
        return message(500, f"{type(error).__name__}: {error}")


def _query_reply(store, text: str, accept: str | None, fmt: str | None, max_rows: int) -> Reply:
    result = store.query(text)
    chosen = negotiate(result.type, accept, fmt)
    if chosen is None:
        asked = fmt or accept
        names = ", ".join(GRAPH_TYPES if result.type in ("CONSTRUCT", "DESCRIBE") else RESULT_TYPES)
        return message(406, f"cannot send a {result.type} result as {asked!r}; formats: {names}")
    body, cut = render_result(result, chosen[0], max_rows)
    headers = (("X-SPARQL-MaxRows", str(max_rows)),) if cut else ()
    return Reply(200, chosen[1], body, headers)


def _draw_view(store, name: str) -> str:
    from .html_view import render_graph_html
    from .timeline_view import render_timeline_html
    from .views import project

    projection = project(store.to_graph())
    render = render_graph_html if name == "graph.html" else render_timeline_html
    return render(projection, title="timeline-kg")


class _Worker:
    """One worker process and the server's ends of its two pipes."""

    def __init__(self, config: ServerConfig) -> None:
        jobs_read, jobs_write = os.pipe()
        answers_read, answers_write = os.pipe()
        settings = {"store": config.store, "writable": config.writable, "max_rows": config.max_rows,
                    "jobs": jobs_read, "answers": answers_write}
        package_root = str(Path(__file__).resolve().parent.parent)  # the worker imports this very package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from graph.serve import _worker_main; _worker_main()", json.dumps(settings)],
                pass_fds=(jobs_read, answers_write), stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        finally:
            os.close(jobs_read)
            os.close(answers_write)
        self.jobs = Connection(jobs_write, readable=False)
        self.answers = Connection(answers_read, writable=False)

    def wait_ready(self, seconds: float) -> None:
        """Block until the store is open; ConfigError with the worker's reason when it is not."""
        if not self.answers.poll(seconds):
            self.kill()
            raise ConfigError(f"the store took over {seconds:g} s to open")
        try:
            state, reason = self.answers.recv()
        except EOFError:
            state, reason = "failed", "the worker process died while opening the store"
        if state != "ready":
            self.kill()
            raise ConfigError(reason)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(5)
        self.jobs.close()
        self.answers.close()


class WorkerPool:
    """Worker processes that run store jobs under a deadline, replacing any that overrun or die."""

    def __init__(self, config: ServerConfig) -> None:
        self.config = config
        self.size = 1 if config.writable else config.workers
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        """Start every worker and wait until each holds the store open."""
        workers = [self._spawn() for _ in range(self.size)]
        try:
            for worker in workers:
                worker.wait_ready(WORKER_START_SECONDS)
        except ConfigError:
            self.close()
            raise
        for worker in workers:
            self._idle.put(worker)

    def run(self, job: tuple) -> Reply:
        """Run ``job`` on an idle worker within the timeout; 503 when none is free or it overruns."""
        timeout = self.config.timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return message(503, f"all {self.size} query workers stayed busy for {timeout:g} s; try again later")
        try:
            worker.jobs.send(job)
            if worker.answers.poll(timeout):
                reply = worker.answers.recv()
                self._idle.put(worker)
                return reply
            reason = f"stopped after {timeout:g} s (the server's --timeout); narrow the query or add a LIMIT"
        except (EOFError, OSError, BrokenPipeError):
            reason = "the worker process died while answering; try again"
        self._replace(worker)
        return message(503, f"{job[0]} {reason}")

    def _spawn(self) -> _Worker:
        worker = _Worker(self.config)
        with self._lock:
            self._all.add(worker)
        return worker

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and start its successor in the background (the reply need not wait)."""
        with self._lock:
            self._all.discard(worker)
        worker.kill()

        def restart() -> None:
            while not self._closed:
                successor = self._spawn()
                try:
                    successor.wait_ready(WORKER_START_SECONDS)
                except ConfigError as error:
                    print(f"timeline-kg serve: cannot restart a worker: {error}", file=sys.stderr)
                    with self._lock:
                        self._all.discard(successor)
                    continue
                if self._closed:
                    successor.kill()
                else:
                    self._idle.put(successor)
                return

        threading.Thread(target=restart, daemon=True, name="timeline-kg-serve-restart").start()

    def close(self) -> None:
        """Stop every worker."""
        self._closed = True
        with self._lock:
            workers, self._all = list(self._all), set()
        for worker in workers:
            worker.kill()


# ---------------------------------------------------------------- HTTP

class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hung client never keeps the process alive at exit

    def __init__(self, config: ServerConfig, pool: WorkerPool) -> None:
        self.config = config
        self.pool = pool
        self.loopback_only = config.host in _LOOPBACK_NAMES or config.host.startswith("127.")
        super().__init__((config.host, config.port), _Handler)


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
            self._send(self._route(method))
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
            from .query_page import render_query_page

            return Reply(200, "text/html; charset=utf-8", render_query_page(self.server.config).encode("utf-8"))
        if url.path in ("/graph.html", "/timeline.html"):
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
        if method == "POST":
            body = self._body()
            if isinstance(body, Reply):
                return body
            kind, text, form = body
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        else:
            kind, text = _operation(params)
            if kind == "update":
                return message(400, "updates must be POSTed (update= form or application/sparql-update)")
        if isinstance(text, Reply):
            return text
        if kind is None:
            return message(400, "missing 'query' parameter; the query page is at /")
        if params.get("default-graph-uri") or params.get("named-graph-uri") or \
                params.get("using-graph-uri") or params.get("using-named-graph-uri"):
            return message(400, "default-graph-uri/named-graph-uri are not supported; "
                                "use FROM, FROM NAMED or GRAPH in the query")
        keyword = remote_keyword(text)
        if keyword:
            return message(403, f"{keyword} refused: this endpoint makes no requests to other servers")
        if kind == "update":
            return self._update(text)
        fmt = (params.get("format") or params.get("output") or [None])[0]
        return self.server.pool.run(("query", text, self.headers.get("Accept"), fmt))

    def _update(self, text: str) -> Reply:
        if not self.server.config.writable:
            return message(403, "this server is read-only; start it with --writable to accept updates")
        origin = self.headers.get("Origin")
        if origin and origin != "null" and urlsplit(origin).hostname not in _LOOPBACK_NAMES | {self.server.config.host}:
            return message(403, f"update from origin {origin!r} refused")
        return self.server.pool.run(("update", text))

    def _body(self) -> tuple[str | None, str | Reply, dict[str, list[str]]] | Reply:
        """The operation a POST carries: (kind, text, form fields), or an error reply."""
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
            return "query", data, {}
        if media == "application/sparql-update":
            return "update", data, {}
        if media == "application/x-www-form-urlencoded":
            form = parse_qs(data, keep_blank_values=True)
            kind, text = _operation(form)
            return kind, text, form
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
        if folder is not None and (folder / name).is_file():
            return Reply(200, "text/html; charset=utf-8", (folder / name).read_bytes())
        return self.server.pool.run(("view", name))

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


def remote_keyword(sparql: str) -> str | None:
    """``SERVICE`` or ``LOAD`` when the text uses one as a keyword, else None.

    Oxigraph follows both over HTTP, which would let anyone who reaches the endpoint make the
    server send requests elsewhere. Codepoint escapes are decoded first (SPARQL allows them
    anywhere); strings, IRIs and comments are skipped. A false alarm only refuses a query.

    Examples
    --------
    >>> remote_keyword('SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }')
    'SERVICE'
    >>> remote_keyword('SELECT ?service { ?s <http://x/load> "SERVICE" ; ex:service ?service }') is None
    True
    """
    decoded = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    found = _REMOTE_KEYWORD.search(_NOT_KEYWORDS.sub(" ", decoded))
    return found.group(1).upper() if found else None


# ---------------------------------------------------------------- running

class Endpoint:
    """A started server: ``url`` (ending in ``/``), and :meth:`close` to stop it and its workers."""

    def __init__(self, config: ServerConfig) -> None:
        self.pool = WorkerPool(config)
        self.pool.start()
        try:
            self.server = _Server(config, self.pool)
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


def serve(config: ServerConfig, ready: Callable[[str], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C or SIGTERM); ``ready(url)`` is called once listening.

    Raises
    ------
    ConfigError
        When the store cannot be opened or the address cannot be listened on.
    """
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, signal.default_int_handler)  # stop as cleanly as on Ctrl-C
    with running(config) as endpoint:
        if ready is not None:
            ready(endpoint.url)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
