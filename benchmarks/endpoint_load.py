"""The endpoint under load: concurrent clients against a real ``timeline-kg serve`` process.

    python benchmarks/endpoint_load.py [--events 10000 | --store PATH] [--clients 4] [--requests 2000]
                                       [--expensive 4] [--timeout 10] [--workers 2] [--seed 0]

Builds a synthetic store (``benchmarks/synthetic_graph.py``, loaded with ``bulk_load``) or opens
``--store``, starts ``python -m graph serve --port 0`` on 127.0.0.1 in a process of its own (the
load generator never shares the server's interpreter), and sends ``--requests`` requests from
``--clients`` threads, each request on its own connection:

- every shipped query (``graph/queries``), by GET, POST form and POST ``application/sparql-query``,
  as JSON, XML, CSV or TSV (by ``Accept`` or ``format=``), with its parameter bound where it takes
  one (a VALUES row written by ``graph.store.with_values``, as ``timeline-kg query --param`` does)
  and without; each answer must carry exactly the rows the store gives (cut at ``--max-rows``);
- malformed queries (400); valid queries nested deeper than Oxigraph's parser can recurse (400:
  they used to kill the worker process); requests the server must refuse: an update while
  read-only (403, ``LOAD`` included), ``SERVICE`` at any token boundary (403), a foreign ``Host``
  (403), an unknown path (404), a body over 1 MB (413), a query over a size limit (400);
- ``--expensive`` queries no engine finishes (a four-way cross join), which must be stopped at the
  server's ``--timeout`` (503). At most one runs at a time, so a worker is always left for the
  others: what is measured is that a stopped query does not stop the server, not load shedding
  when every worker is held (then the server answers 503 "busy", by design). The server's
  ``--timeout`` is 10 s here (its default is 30) to keep the run short.

Afterwards every shipped query must still answer right, the refused updates must have written
nothing, the server must have its ``--workers`` worker processes (stopped ones replaced, none
left over) and print no traceback, and on SIGTERM it must stop with every worker it ever had.

It prints requests, status counts and p50/p90/p99/max latency per kind and overall, throughput,
the timeouts, the server errors (a 5xx other than an expected timeout, or no answer) and the
wrong answers (status, media type, row count or message not as expected). Exit code 1 when there
is any server error, wrong answer or failed check after the load, else 0.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import io
import json
import random
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic_graph  # noqa: E402
from rdflib import Literal, URIRef  # noqa: E402

from graph.errors import TimelineKGError  # noqa: E402
from graph.queries import shipped_queries  # noqa: E402
from graph.sparql.bindings import with_values  # noqa: E402
from graph.store import open_store

__all__ = ["Case", "Outcome", "Planned", "Server", "Summary", "alive", "build_store", "cases", "check_after",
           "check_stopped", "count_rows", "main", "plan", "report", "run_load", "send", "serving", "sparql_request",
           "summarize", "timeout_request"]

# Four copies of every triple joined: 10^20 rows on a 10k-event store; no engine finishes it.
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
# What the refused updates would write; afterwards the store must not hold it.
INSERT = "INSERT DATA { <urn:x:load:merkel> <urn:x:load:met> <urn:x:load:macron> }"
INSERTED = "ASK { <urn:x:load:merkel> <urn:x:load:met> <urn:x:load:macron> }"
UPDATES = (INSERT, "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "DROP ALL")
MALFORMED = ("SELEC ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE { ?s ?p ", "", "\x00\xff",
             "SELECT * WHERE { ?s <bad iri> ?o }", "SELECT * WHERE { ?s nope:p ?o }",
             "SELECT ?s WHERE { ?s ?p ?o } GROUP BY", "ASK { FILTER(1 +) }",
             "SELECT * WHERE { ?s ?p ?o " + "}" * 50)
# Valid SPARQL nested deeper than Oxigraph's parser can recurse (its stack overflows a few hundred
# to a few thousand levels down, killing the process): the server must refuse it, not die on it.
TOO_DEEP = ("SELECT * WHERE { ?s ?p " + "(" * 400 + "1" + ")" * 400 + " }",
            "SELECT * WHERE " + "{" * 3000 + "}" * 3000,
            "SELECT * WHERE { " + "FILTER EXISTS { " * 1000 + "}" * 1000 + " }",
            "ASK { FILTER(" + "!" * 10000 + "true) }")
# SERVICE at token boundaries a text match missed (issue 18): each must be refused, not followed.
SERVICE_QUERIES = ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
                   "SELECT * { BIND(1 AS ?z) .SERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } }",
                   "SELECT * { #x\rSERVICE <http://127.0.0.1:9/sparql> { ?a ?b ?c } \n ?s ?p ?o }",
                   "SELECT * { ?s ?p ?o OPTIONAL { service <\\u0068ttp://127.0.0.1:9/sparql> { ?a ?b ?c } } }")
# Long flat chains that crashed Oxigraph (a segmentation fault in the worker): refused before it.
TOO_LARGE = ("SELECT * { " + "FILTER(true) " * 10_000 + "}", "SELECT (" + "+".join(["1"] * 50_000) + " AS ?x) {}",
             "SELECT * { " + "MINUS{} " * 3_000 + "}")
# The parameter each shipped query takes, and which value of the store binds it.
PARAMETERS = {"actor-events": ("name", "actor"), "place-events": ("name", "place"), "provenance": ("event", "event")}
FORMATS = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
           "csv": "text/csv", "tsv": "text/tab-separated-values"}
MAX_BODY = 1 << 20
# How often each kind of request is drawn (the expensive ones are placed apart, not drawn).
WEIGHTS = {"shipped": 70, "malformed": 12, "refused update": 6, "refused SERVICE/LOAD": 3,
           "refused host": 3, "unknown path": 3, "oversize body": 3, "too deep": 2, "too large": 2}
PREFIXES = """PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX tkg: <https://w3id.org/timeline-kg/ontology#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


# ---------------------------------------------------------------- the store and what it answers

def build_store(folder: Path, events: int, seed: int = 0) -> Path:
    """A synthetic store of ``events`` events in ``folder/store`` (its N-Quads beside it)."""
    data = folder / "graph.nq"
    synthetic_graph.write_nquads(data, events, seed)
    with open_store(folder / "store") as store:
        store.bulk_load(data)
    data.unlink()
    return folder / "store"


@dataclass(frozen=True)
class Case:
    """A query sent under load: its kind, SPARQL text and the rows the store gives for it."""

    kind: str
    text: str
    rows: int


def cases(store_path: Path, max_rows: int) -> list[Case]:
    """Every shipped query, unbound and (when it takes one) bound to a popular value of the store.

    The rows are counted on the store opened directly, before the server starts.
    """
    found: list[Case] = []
    with open_store(store_path, read_only=True) as store:
        values = _parameter_values(store)
        for name, path in shipped_queries().items():
            text = path.read_text(encoding="utf-8")
            variants = [(name, text)]
            if name in PARAMETERS and values.get(PARAMETERS[name][1]) is not None:
                variable, source = PARAMETERS[name]
                variants.append((f"{name}({variable})", with_values(text, {variable: values[source]})))
            for kind, sparql in variants:
                found.append(Case(kind, sparql, min(_count(store.query(sparql)), max_rows)))
    return found


def _parameter_values(store) -> dict[str, Literal | URIRef | None]:
    """The most frequent actor and place names and one event with a mention, as query parameters."""
    def first(sparql: str):
        # read to the end: an Oxigraph result left half-read is dropped later by a client thread,
        # which pyoxigraph reports as a traceback ("unsendable")
        rows = list(store.query(PREFIXES + sparql))
        return rows[0][0] if rows else None

    return {
        "actor": first("SELECT ?name (COUNT(*) AS ?n) WHERE { ?e sem:hasActor/rdfs:label ?name } "
                       "GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1"),
        "place": first("SELECT ?name (COUNT(*) AS ?n) WHERE { ?e sem:hasPlace/rdfs:label ?name } "
                       "GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1"),
        "event": first("SELECT ?e WHERE { ?e a tkg:WholeEvent ; gaf:denotedBy ?m } ORDER BY ?e LIMIT 1"),
    }


def _count(result) -> int:
    return sum(1 for _ in result)


# ---------------------------------------------------------------- the requests

@dataclass(frozen=True)
class Planned:
    """One request and the answer it must get.

    ``answer`` is the result format of a 200 (whose ``rows`` are then checked); ``says`` is a
    text the body of any other answer must hold (e.g. why a query was stopped).
    """

    kind: str
    method: str
    path: str
    status: int
    body: bytes | None = None
    headers: tuple[tuple[str, str], ...] = ()
    answer: str | None = None
    rows: int | None = None
    says: bytes = b""


def plan(query_cases: list[Case], count: int, expensive: int = 4, seed: int = 0,
         weights: dict[str, int] | None = None) -> list[Planned]:
    """``count`` requests: ``expensive`` timeouts spread evenly, the rest drawn by ``weights``
    (kind -> how often; default :data:`WEIGHTS`)."""
    rng = random.Random(seed)
    kinds, weights = zip(*(weights or WEIGHTS).items())
    drawn = [_request(rng.choices(kinds, weights)[0], rng, query_cases) for _ in range(count - expensive)]
    for index in range(expensive):
        drawn.insert((index + 1) * count // (expensive + 1), timeout_request(("GET", "POST")[index % 2]))
    return drawn


def timeout_request(method: str = "GET") -> Planned:
    """A query no engine finishes, which the server must stop at its timeout."""
    return sparql_request("timeout", method, EXPENSIVE, {}, 503, says=b"stopped after")


def _request(kind: str, rng: random.Random, query_cases: list[Case]) -> Planned:
    if kind == "shipped":
        case = rng.choice(query_cases)
        answer = rng.choice(list(FORMATS))
        by_accept = rng.random() < 0.5
        headers = {"Accept": FORMATS[answer]} if by_accept else {}
        extra = {} if by_accept else {"format": answer}
        return sparql_request(case.kind, rng.choice(("GET", "POST", "POST direct")), case.text, extra, 200,
                              headers, answer=answer, rows=case.rows)
    if kind == "malformed":
        return sparql_request(kind, rng.choice(("GET", "POST", "POST direct")), rng.choice(MALFORMED), {}, 400)
    if kind == "too deep":
        text = rng.choice(TOO_DEEP)
        return sparql_request(kind, rng.choice(("GET", "POST", "POST direct")), text, {}, 400,
                              says=b"nested too deep" if "!!" in text else b"nested over")
    if kind == "refused update":
        update = rng.choice(UPDATES)
        if rng.random() < 0.5:
            return Planned(kind, "POST", "/sparql", 403, urlencode({"update": update}).encode(),
                           (("Content-Type", "application/x-www-form-urlencoded"),), says=b"read-only")
        return Planned(kind, "POST", "/sparql", 403, update.encode(),
                       (("Content-Type", "application/sparql-update"),), says=b"read-only")
    if kind == "refused SERVICE/LOAD":  # both would make the server contact another host
        if rng.random() < 0.75:
            text = rng.choice(SERVICE_QUERIES)
            return sparql_request(kind, rng.choice(("GET", "POST", "POST direct")), text, {}, 403,
                                  says=b"SERVICE refused")
        # a read-only server refuses every update before reading it
        return Planned(kind, "POST", "/sparql", 403, rng.choice((b"LOAD <http://127.0.0.1:9/x.ttl>",
                                                                  b"#x\rLOAD <http://127.0.0.1:9/x.ttl>")),
                       (("Content-Type", "application/sparql-update"),), says=b"read-only")
    if kind == "too large":
        return sparql_request(kind, rng.choice(("POST", "POST direct")), rng.choice(TOO_LARGE), {}, 400,
                              says=b"query too large")
    if kind == "refused host":
        return sparql_request(kind, "GET", "ASK {}", {}, 403, {"Host": "attacker.example"}, says=b"refused")
    if kind == "unknown path":
        return Planned(kind, "GET", f"/{rng.choice(('admin', 'sparql/x', '..%2f..%2fetc%2fpasswd'))}", 404)
    if kind == "oversize body":
        return Planned(kind, "POST", "/sparql", 413, b"#" * (MAX_BODY + 1),
                       (("Content-Type", "application/sparql-query"),))
    raise ValueError(f"unknown kind of request {kind!r}")


def sparql_request(kind: str, method: str, text: str, params: dict[str, str], status: int,
                   headers: dict[str, str] | None = None, **expected) -> Planned:
    """A query to /sparql by GET, POST form or POST application/sparql-query ("POST direct")."""
    headers = dict(headers or {})
    if method == "GET":
        return Planned(kind, "GET", "/sparql?" + urlencode({"query": text, **params}, quote_via=quote), status,
                       None, tuple(headers.items()), **expected)
    if method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return Planned(kind, "POST", "/sparql", status, urlencode({"query": text, **params}).encode(),
                       tuple(headers.items()), **expected)
    headers["Content-Type"] = "application/sparql-query"
    path = "/sparql" + ("?" + urlencode(params) if params else "")
    return Planned(kind, "POST", path, status, text.encode("utf-8"), tuple(headers.items()), **expected)


# ---------------------------------------------------------------- sending

@dataclass(frozen=True)
class Outcome:
    """What one request got: status (0: no answer), when it started, how long, what was wrong ('')."""

    kind: str
    status: int
    started: float
    seconds: float
    problem: str = ""
    expected: int = 200

    @property
    def server_error(self) -> bool:
        """A 5xx other than an expected one, or no answer at all."""
        return self.status == 0 or (self.status >= 500 and self.status != self.expected)


def send(url: str, request: Planned, timeout: float) -> Outcome:
    """Send ``request`` to the server at ``url`` on a new connection and check its answer."""
    address = urlsplit(url)
    started = time.perf_counter()
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        connection.request(request.method, request.path, body=request.body, headers=dict(request.headers))
        response = connection.getresponse()
        body = response.read()
    except (OSError, http.client.HTTPException) as error:
        return Outcome(request.kind, 0, started, time.perf_counter() - started,
                       f"no answer: {type(error).__name__}: {error}", request.status)
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    problem = _problem(request, response.status, response.getheader("Content-Type") or "", body)
    return Outcome(request.kind, response.status, started, seconds, problem, request.status)


def _problem(request: Planned, status: int, media: str, body: bytes) -> str:
    """Why the answer is not the one expected ('' when it is)."""
    if status != request.status:
        return f"status {status}, expected {request.status}: {body[:160].decode('utf-8', 'replace').strip()}"
    if request.answer is None:
        if request.says not in body:
            return f"{status} without {request.says.decode()!r}: {body[:160].decode('utf-8', 'replace').strip()}"
        return ""
    if not media.startswith(FORMATS[request.answer]):
        return f"Content-Type {media!r}, expected {FORMATS[request.answer]}"
    try:
        rows = count_rows(request.answer, body)
    except (ValueError, KeyError, TypeError) as error:  # not JSON, or JSON without results.bindings
        return f"unreadable {request.answer} answer: {type(error).__name__}: {error}"
    return "" if rows == request.rows else f"{rows} rows, expected {request.rows}"


def count_rows(fmt: str, body: bytes) -> int:
    """Result rows in a SPARQL SELECT answer in ``fmt`` (json, xml, csv, tsv)."""
    text = body.decode("utf-8")
    if fmt == "json":
        return len(json.loads(text)["results"]["bindings"])
    if fmt == "xml":
        if "</sparql>" not in text:
            raise ValueError("no closing </sparql>")
        return len(re.findall(r"<result[\s>]", text))
    if fmt == "csv":
        return len(list(csv.reader(io.StringIO(text, newline="")))) - 1
    return text.count("\n") - 1  # a header line, then one line per row (TSV escapes newlines)


def run_load(url: str, requests: list[Planned], clients: int, timeout: float) -> tuple[list[Outcome], float]:
    """Send the requests in order from ``clients`` threads; the outcomes and the wall-clock seconds.

    At most one expensive ("timeout") request is in flight: see the module's docstring.
    """
    pending = iter(requests)
    taking, one_expensive = threading.Lock(), threading.Lock()
    outcomes: list[Outcome] = []

    def client() -> None:
        while True:
            with taking:
                request = next(pending, None)
            if request is None:
                return
            if request.kind == "timeout":
                with one_expensive:
                    outcomes.append(send(url, request, timeout))
            else:
                outcomes.append(send(url, request, timeout))

    threads = [threading.Thread(target=client, name=f"load-client-{i}") for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, time.perf_counter() - started


# ---------------------------------------------------------------- the server process

@dataclass
class Server:
    """A ``timeline-kg serve`` process: its URL, and every worker process seen under it."""

    process: subprocess.Popen
    url: str
    stderr: Path
    workers: set[int] = field(default_factory=set)

    def current_workers(self) -> set[int]:
        """The live worker processes (children of the server), remembered for the check at exit."""
        found = _children(self.process.pid)
        self.workers |= found
        return found


@contextmanager
def serving(store: Path, folder: Path, timeout: float, workers: int, max_rows: int = 10_000) -> Iterator[Server]:
    """``python -m graph serve`` on a free port of 127.0.0.1, stopped by SIGTERM at the end."""
    log = folder / "serve-stderr.txt"
    command = [sys.executable, "-m", "graph", "serve", "--store", str(store), "--port", "0", "--quiet",
               "--timeout", f"{timeout:g}", "--workers", str(workers), "--max-rows", str(max_rows)]
    with open(log, "wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, stdin=subprocess.DEVNULL)
    try:
        url = _announced_url(process, log, deadline=time.monotonic() + 180)
        server = Server(process, url, log)
        server.current_workers()
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        process.stdout.close()


def _announced_url(process: subprocess.Popen, log: Path, deadline: float) -> str:
    """The URL the server prints once listening ('serving read-only SPARQL at URL ...')."""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 1.0)
        if ready:
            line = process.stdout.readline().decode("utf-8", "replace")
            found = re.search(r"(http://\S+/)sparql", line)
            if found:
                return found.group(1)
            if not line:
                break
    process.kill()
    process.wait()
    raise RuntimeError(f"the server did not start: {log.read_text(encoding='utf-8', errors='replace').strip()}")


def _children(pid: int) -> set[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rindex(")") + 2:].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def check_after(server: Server, query_cases: list[Case], workers: int, timeout: float) -> list[str]:
    """Problems with the server after the load: wrong answers, writes, missing or extra workers."""
    problems = []
    for case in query_cases:
        request = sparql_request(case.kind, "GET", case.text, {}, 200, {"Accept": FORMATS["json"]},
                                  answer="json", rows=case.rows)
        outcome = send(server.url, request, timeout)
        if outcome.problem:
            problems.append(f"after the load, {case.kind}: {outcome.problem}")
    if _ask(server.url, INSERTED, timeout) is not False:
        problems.append("after the load, the refused update's triple is in the store")
    deadline = time.monotonic() + 60  # a stopped worker is replaced in the background
    while len(server.current_workers()) != workers and time.monotonic() < deadline:
        time.sleep(0.5)
    if len(server.current_workers()) != workers:
        problems.append(f"after the load, {len(server.current_workers())} worker processes, expected {workers}")
    return problems


def _ask(url: str, text: str, timeout: float) -> bool | None:
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        connection.request("GET", "/sparql?" + urlencode({"query": text}), headers={"Accept": FORMATS["json"]})
        return json.loads(connection.getresponse().read()).get("boolean")
    except (OSError, http.client.HTTPException, ValueError):
        return None
    finally:
        connection.close()


def check_stopped(server: Server) -> list[str]:
    """Problems once the server has been stopped: its exit code, workers left, tracebacks logged."""
    problems = []
    if server.process.returncode != 0:
        problems.append(f"the server exited with code {server.process.returncode} on SIGTERM")
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in server.workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = sorted(pid for pid in server.workers if alive(pid))
    if left:
        problems.append(f"worker processes left after the server stopped: {left}")
    log = server.stderr.read_text(encoding="utf-8", errors="replace")
    if "Traceback" in log:
        problems.append(f"the server logged a traceback: {log[log.index('Traceback'):][:600]}")
    return problems


# ---------------------------------------------------------------- figures

@dataclass
class Summary:
    """Counts and latencies (seconds) by kind of request, and what went wrong."""

    requests: Counter
    statuses: dict[str, Counter]
    latencies: dict[str, list[float]]
    seconds: float
    server_errors: list[Outcome]
    wrong: list[Outcome]
    timeouts: int

    @property
    def failed(self) -> bool:
        return bool(self.server_errors or self.wrong)


def summarize(outcomes: list[Outcome], seconds: float) -> Summary:
    latencies: dict[str, list[float]] = {}
    statuses: dict[str, Counter] = {}
    for outcome in outcomes:
        latencies.setdefault(outcome.kind, []).append(outcome.seconds)
        statuses.setdefault(outcome.kind, Counter())[outcome.status] += 1
    return Summary(Counter(o.kind for o in outcomes), statuses, latencies, seconds,
                   [o for o in outcomes if o.server_error], [o for o in outcomes if o.problem],
                   sum(1 for o in outcomes if o.kind == "timeout" and o.status == 503 and not o.problem))


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (``share`` in 0..1) of ``values``."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def report(summary: Summary, out=sys.stdout) -> None:
    """Print the figures: a table by kind, then the totals and what went wrong."""
    rows = [(kind, summary.requests[kind], summary.statuses[kind], summary.latencies[kind])
            for kind in sorted(summary.requests)]
    every = [s for values in summary.latencies.values() for s in values]
    rows.append(("all", sum(summary.requests.values()), sum(summary.statuses.values(), Counter()), every))
    print(f"{'kind':<22} {'requests':>8}  {'statuses':<36} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8}",
          file=out)
    for kind, count, statuses, values in rows:
        shown = " ".join(f"{status}x{n}" for status, n in sorted(statuses.items()))
        figures = " ".join(f"{percentile(values, share) * 1000:8.1f}" for share in (0.5, 0.9, 0.99, 1.0))
        print(f"{kind:<22} {count:>8}  {shown:<36} {figures}", file=out)
    total = sum(summary.requests.values())
    print(f"\n{total} requests in {summary.seconds:.1f} s: {total / summary.seconds:.1f} requests/s", file=out)
    print(f"timeouts (503 as expected): {summary.timeouts}", file=out)
    print(f"server errors (5xx other than the expected timeouts, or no answer): {len(summary.server_errors)}",
          file=out)
    print(f"wrong answers: {len(summary.wrong)}", file=out)
    for outcome in summary.wrong[:20]:
        print(f"  {outcome.kind}: {outcome.problem}", file=out)


# ---------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--events", type=int, default=10_000, help="synthetic store size in events (default 10000)")
    source.add_argument("--store", type=Path, help="serve this store folder instead of a synthetic one")
    parser.add_argument("--seed", type=int, default=0, help="synthetic graph and request mix (default 0)")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients (default 4)")
    parser.add_argument("--requests", type=int, default=2_000, help="requests in all (default 2000)")
    parser.add_argument("--expensive", type=int, default=4, help="of which queries that must time out (default 4)")
    parser.add_argument("--timeout", type=float, default=10.0,
                        help="the server's --timeout in seconds (default 10: its own default, 30, would make "
                             "each expensive query hold a worker for 30 s)")
    parser.add_argument("--workers", type=int, default=2, help="the server's --workers (default 2)")
    parser.add_argument("--max-rows", type=int, default=10_000, help="the server's --max-rows (default 10000)")
    parser.add_argument("--keep", type=Path, help="build the synthetic store in this folder and keep it")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.workers < 1 or not 0 <= args.expensive <= args.requests or args.timeout <= 0:
        parser.error("--clients and --workers must be 1 or more, --expensive at most --requests, --timeout above 0")
    try:
        return _run(args)
    except (TimelineKGError, RuntimeError) as error:  # no store, or a server that would not start
        print(f"endpoint_load: {error}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    folder = args.keep or Path(tempfile.mkdtemp(prefix="endpoint-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if args.store is None:
            started = time.perf_counter()
            store = build_store(folder, args.events, args.seed)
            print(f"synthetic store: {args.events} events in {time.perf_counter() - started:.1f} s ({store})")
        else:
            store = args.store
        query_cases = cases(store, args.max_rows)
        requests = plan(query_cases, args.requests, args.expensive, args.seed)
        client_timeout = 2 * args.timeout + 60  # waiting for a worker, then running, then slack
        with serving(store, folder, args.timeout, args.workers, args.max_rows) as server:
            print(f"server: {server.url} (pid {server.process.pid}, {args.workers} workers, "
                  f"--timeout {args.timeout:g}); {args.clients} clients, {len(requests)} requests")
            outcomes, seconds = run_load(server.url, requests, args.clients, client_timeout)
            problems = check_after(server, query_cases, args.workers, client_timeout)
        if len(outcomes) != len(requests):
            problems.append(f"{len(requests) - len(outcomes)} requests lost by the load generator")
        problems += check_stopped(server)
        summary = summarize(outcomes, seconds)
        report(summary)
        print(f"checks after the load: {'; '.join(problems) if problems else 'all passed'}")
        return 1 if summary.failed or problems else 0
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
