"""``timeline-kg serve`` under load: a bounded run of ``benchmarks/endpoint_load.py`` in the suite.

The server is the real command (``python -m graph serve``) in a process of its own, over a small
synthetic store; four client threads send a mix of every shipped query (GET and POST, four result
formats, bound and unbound), malformed and refused requests, and queries that must be stopped at
the timeout. The benchmark's own functions plan, send and check; nothing about speed is asserted.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

import endpoint_load as load  # noqa: E402

from graph.store import open_store  # noqa: E402

EVENTS = 300
CLIENTS = 4
REQUESTS = 200
TIMEOUT = 3.0  # the server's --timeout: long beside a query on 300 events, short for the expensive ones
CLIENT_TIMEOUT = 2 * TIMEOUT + 60


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return load.build_store(tmp_path_factory.mktemp("load"), EVENTS)


@pytest.fixture(scope="module")
def cases(store: Path) -> list[load.Case]:
    return load.cases(store, max_rows=10_000)


@pytest.fixture(scope="module")
def server(store: Path, tmp_path_factory: pytest.TempPathFactory):
    with load.serving(store, tmp_path_factory.mktemp("serve"), TIMEOUT, workers=2) as started:
        yield started


@pytest.fixture(scope="module")
def mixed_load(server, cases):
    """The outcomes of the bounded mixed load, run once for the tests that read them."""
    requests = load.plan(cases, REQUESTS, expensive=2, seed=0)
    outcomes, seconds = load.run_load(server.url, requests, CLIENTS, CLIENT_TIMEOUT)
    return requests, outcomes, load.summarize(outcomes, seconds)


def test_store_gives_every_shipped_query_rows(cases) -> None:
    """The row checks below would pass on an empty store; this one would not."""
    assert {case.kind for case in cases} >= {"timeline", "actor-events(name)", "place-events(name)",
                                             "provenance(event)", "conflicts"}
    assert all(case.rows > 0 for case in cases), [(case.kind, case.rows) for case in cases]


def test_mixed_load_gets_no_server_error_and_every_answer_as_expected(mixed_load, cases) -> None:
    requests, outcomes, summary = mixed_load
    assert len(outcomes) == REQUESTS
    assert summary.server_errors == [] and summary.wrong == []
    assert summary.timeouts == 2
    # and the mix held every kind of request, method and format (else the above proves little)
    every_kind = {case.kind for case in cases} | set(load.WEIGHTS) - {"shipped"} | {"timeout"}
    assert set(summary.requests) == every_kind
    shipped = [r for r in requests if r.answer]
    assert {r.answer for r in shipped} == set(load.FORMATS)
    assert {(r.method, dict(r.headers).get("Content-Type")) for r in shipped} == {
        ("GET", None), ("POST", "application/x-www-form-urlencoded"), ("POST", "application/sparql-query")}


def test_queries_are_answered_while_an_expensive_one_runs_to_its_timeout(mixed_load) -> None:
    _, outcomes, _ = mixed_load
    first = min((o for o in outcomes if o.kind == "timeout"), key=lambda o: o.started)
    meanwhile = [o for o in outcomes if o.status == 200 and not o.problem and
                 first.started < o.started and o.started + o.seconds < first.started + first.seconds]
    assert len(meanwhile) >= 10, "other clients were not answered while an expensive query ran"


def test_after_the_load_every_shipped_query_answers_right_and_workers_are_replaced(mixed_load, server, cases) -> None:
    assert load.check_after(server, cases, workers=2, timeout=CLIENT_TIMEOUT) == []


def test_updates_under_concurrent_load_are_refused_and_write_nothing(server, cases, store) -> None:
    with open_store(store, read_only=True) as opened:
        before = len(opened)
    requests = load.plan(cases, 80, expensive=0, seed=1, weights={"refused update": 1, "shipped": 1})
    outcomes, _ = load.run_load(server.url, requests, CLIENTS, CLIENT_TIMEOUT)
    updates = [o for o in outcomes if o.kind == "refused update"]
    assert len(updates) > 20 and all(o.status == 403 and not o.problem for o in updates), \
        [o.problem for o in updates if o.problem]
    assert all(not o.problem for o in outcomes), [o.problem for o in outcomes if o.problem]
    with open_store(store, read_only=True) as opened:
        assert len(opened) == before
        assert opened.query(load.INSERTED).askAnswer is False


def test_deeply_nested_queries_are_refused_without_killing_a_worker(server, cases) -> None:
    """Oxigraph's parser overflows its stack on these (the worker process died: 503)."""
    workers = server.current_workers()
    for text in load.TOO_DEEP:
        for method in ("GET", "POST", "POST direct"):
            request = load.sparql_request("too deep", method, text, {}, 400, says=b"nested")
            outcome = load.send(server.url, request, CLIENT_TIMEOUT)
            assert not outcome.problem, outcome.problem
    assert server.current_workers() == workers


def test_server_stops_with_every_worker_on_sigterm_during_a_timeout(store, cases, tmp_path) -> None:
    with load.serving(store, tmp_path, TIMEOUT, workers=2) as server:
        stopping = threading.Thread(target=load.send, args=(server.url, load.timeout_request(), 30))
        stopping.start()
        _wait_busy(server)
        assert len(server.workers) == 2
    stopping.join()
    assert load.check_stopped(server) == []


def test_workers_exit_when_the_server_is_killed_mid_query(store, cases, tmp_path) -> None:
    """SIGKILL gives the server no chance to stop its workers; a busy one must not run on as an orphan."""
    with load.serving(store, tmp_path, timeout=60, workers=2) as server:
        client = threading.Thread(target=load.send, args=(server.url, load.timeout_request(), 30))
        client.start()
        workers = _wait_busy(server)
        server.process.kill()
        server.process.wait()
    deadline = time.monotonic() + 15
    while any(load.alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [pid for pid in workers if load.alive(pid)]
    for pid in left:  # ours: do not leave them spinning after a failure
        os.kill(pid, signal.SIGKILL)
    client.join()
    assert left == []


def _wait_busy(server: load.Server) -> set[int]:
    """The server's workers, once one of them has spent 0.3 s of CPU on the expensive query."""
    workers = server.current_workers()
    idle = {pid: _cpu_ticks(pid) for pid in workers}
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(_cpu_ticks(pid) - ticks >= 0.3 * os.sysconf("SC_CLK_TCK") for pid, ticks in idle.items()):
            return workers
        time.sleep(0.1)
    raise AssertionError("no worker started the expensive query")


def _cpu_ticks(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])  # utime + stime, in clock ticks
