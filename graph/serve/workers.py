"""The worker processes of ``timeline-kg serve``: each holds the store open and runs one job at a time.

Oxigraph's query loop runs in Rust and cannot be interrupted from Python (pyoxigraph has no
timeout or cancellation), so a query past its deadline is stopped by killing the process running
it; :class:`WorkerPool` then starts a fresh one in the background while the others go on answering.
Jobs and replies travel as pickles over two pipes per worker.
"""

from __future__ import annotations

import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from http import HTTPStatus
from multiprocessing.connection import Connection
from pathlib import Path
from typing import NamedTuple

from graph.errors import ConfigError, QueryError, QueryRefused, TimelineKGError
from graph.sparql.formats import GRAPH_TYPES, RESULT_TYPES, negotiate, render_result
from graph.sparql.guard import DATA_UPDATES, checked_query, checked_update

from .sandbox import cut_network

__all__ = ["REFRESH_SECONDS", "Reply", "WorkerPool", "message"]

#: How long a new worker may take to open the store.
WORKER_START_SECONDS = 120.0
#: A read-only worker reopens the store when it is older than this, to see articles added since.
REFRESH_SECONDS = 5.0
#: Pause between attempts to restart a worker whose store cannot be opened.
RESTART_PAUSE_SECONDS = 2.0
#: How often a worker checks that the server process is still there.
WATCHDOG_SECONDS = 1.0

_log = logging.getLogger(__name__)


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


def _worker_main() -> None:
    """A worker process: open the store, then answer jobs until the server closes the pipe.

    Started as ``python -c`` with its settings as JSON in ``sys.argv[1]`` and two inherited pipe
    descriptors, not through ``multiprocessing``: its spawn mode re-runs the user's main script in
    each child (fatal in a script without a ``__main__`` guard), and fork copies a threaded server.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us; Ctrl-C in a terminal is its business
    settings = json.loads(sys.argv[1])
    # Before any thread starts (a new user namespace needs a single-threaded process), and only
    # when the store is local: a remote store is reached over the network.
    offline = cut_network() if settings["offline"] else "the store is a SPARQL server"
    threading.Thread(target=_exit_with_server, args=(settings["server"],), daemon=True,
                     name="timeline-kg-worker-watchdog").start()
    jobs = Connection(settings["jobs"], writable=False)
    answers = Connection(settings["answers"], readable=False)
    holder = _StoreHolder(settings["store"], settings["writable"], settings["refresh"])
    failure = holder.open()
    answers.send(("failed", failure) if failure else ("ready", offline or ""))
    while not failure:
        try:
            job = jobs.recv()
        except (EOFError, OSError):  # the server has gone
            break
        answers.send(holder.answer(job, settings["max_rows"]))
    holder.close()


def _exit_with_server(server_pid: int) -> None:
    """End this worker once the server process is gone.

    A worker between jobs sees the server go (its job pipe closes), but one running a query does
    not: Oxigraph's loop would go on in an orphan, maybe forever, when the server is killed without
    a chance to stop its workers (SIGKILL, a crash). pyoxigraph releases the GIL while it queries,
    so this thread runs meanwhile. The worker is in a session of its own (no terminal signals), so
    its parent changing is the sign; the server's pid comes from the server, not from getppid() at
    start, in case the server died before we got here.
    """
    while os.getppid() == server_pid:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


class _StoreHolder:
    """A worker's store, reopened now and then when read-only so that it sees later writes.

    An Oxigraph store opened read-only reads the database as it was when opened; ``add`` or
    ``build`` in another process is seen once the worker reopens it (``refresh`` seconds after
    opening, and after any read failure).
    """

    def __init__(self, setting: str | None, writable: bool, refresh: float) -> None:
        self.setting = setting
        self.writable = writable
        self.refresh = refresh
        self.store = None
        self.opened = 0.0

    def open(self) -> str | None:
        """Open the store; the reason in one line when it cannot be."""
        from graph.store import open_store

        self.close()
        try:
            self.store = open_store(self.setting, read_only=not self.writable)
        except TimelineKGError as error:
            return str(error)
        except Exception as error:  # noqa: BLE001 - whatever a backend raises, the server reports one line
            return f"{self.setting or 'store'}: cannot open: {error}"
        self.opened = time.monotonic()
        return None

    def close(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    def answer(self, job: tuple, max_rows: int) -> Reply:
        """Run one job: ("query", text, accept, fmt), ("update", text) or ("view", name)."""
        from graph.store.base import StoreError

        stale = not self.writable and time.monotonic() - self.opened >= self.refresh
        failure = self.open() if stale or self.store is None else None
        if failure:
            return message(503, failure)
        try:
            # Checked here for every backend (a SPARQL server store would follow SERVICE itself);
            # the local stores check again, from the cache.
            prefixes = self.store.undeclared_prefixes()
            if job[0] == "query":
                checked_query(job[1], prefixes=prefixes)
                return _query_reply(self.store, job[1], job[2], job[3], max_rows)
            if job[0] == "update":
                checked_update(job[1], allowed=DATA_UPDATES, prefixes=prefixes)
                self.store.update(job[1])
                return message(200, "update done")
            return Reply(200, "text/html; charset=utf-8", _draw_view(self.store, job[1]).encode("utf-8"))
        except QueryRefused as error:
            return message(403, str(error))
        except (QueryError, SyntaxError, ValueError) as error:
            return message(400, str(error).splitlines()[0] if str(error) else type(error).__name__)
        except StoreError as error:  # cannot read (or write) the store: reopen before the next job
            self.close()
            return message(503, str(error))
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
    from graph.views.graph_page import render_graph_html
    from graph.views.projection import project
    from graph.views.timeline_page import render_timeline_html

    projection = project(store)
    render = render_graph_html if name == "graph.html" else render_timeline_html
    return render(projection, title="timeline-kg")


def _names_a_server(store: str | None) -> bool:
    """Whether the store setting (or, when None, the one its default comes from) is a SPARQL server's URL."""
    from graph.store.base import ENV_STORE

    setting = store if store is not None else os.environ.get(ENV_STORE, "")
    return str(setting).strip().startswith(("http://", "https://"))


class _Worker:
    """One worker process and the server's ends of its two pipes."""

    def __init__(self, settings: dict) -> None:
        self.online_because = ""
        jobs_read, jobs_write = os.pipe()
        answers_read, answers_write = os.pipe()
        settings = {**settings,
                    "jobs": jobs_read, "answers": answers_write, "server": os.getpid()}
        package_root = str(Path(__file__).resolve().parent.parent)  # the worker imports this very package
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-c", "from graph.serve.workers import _worker_main; _worker_main()", json.dumps(settings)],
                pass_fds=(jobs_read, answers_write), stdin=subprocess.DEVNULL, env=env, start_new_session=True)
        finally:
            os.close(jobs_read)
            os.close(answers_write)
        self.jobs = Connection(jobs_write, readable=False)
        self.answers = Connection(answers_read, writable=False)
        # The pool's close() and a restart thread may both kill one worker at the same moment.
        self._kill_lock = threading.Lock()
        self._killed = False

    def wait_ready(self, seconds: float) -> None:
        """Block until the store is open; ConfigError with the worker's reason when it is not."""
        try:
            if not self.answers.poll(seconds):
                self.kill()
                raise ConfigError(f"the store took over {seconds:g} s to open")
            state, reason = self.answers.recv()
        except (EOFError, OSError):
            state, reason = "failed", "the worker process died while opening the store"
        if state != "ready":
            self.kill()
            raise ConfigError(reason)
        self.online_because = reason

    def kill(self) -> None:
        with self._kill_lock:
            if self._killed:
                return
            self._killed = True
            self.process.kill()
            self.process.wait(5)
            self.jobs.close()
            self.answers.close()


class WorkerPool:
    """Worker processes that run store jobs under a deadline, replacing any that overrun or die.

    Parameters
    ----------
    store
        The store setting each worker opens with :func:`graph.store.open_store`.
    writable
        Open it for writing (then one worker only: one process alone may hold an Oxigraph
        store open for writing) and accept updates.
    size
        Workers, i.e. jobs run at once.
    timeout
        Seconds a job may wait for a worker, then run, before a 503.
    max_rows
        Rows or triples a reply holds at most.
    refresh
        Seconds after which a read-only worker reopens the store before its next job.
    """

    def __init__(self, store: str | None, *, writable: bool = False, size: int = 2, timeout: float = 30.0,
                 max_rows: int = 10_000, refresh: float = REFRESH_SECONDS) -> None:
        self.settings = {"store": store, "writable": writable, "max_rows": max_rows, "refresh": refresh,
                         "offline": not _names_a_server(store)}
        #: Why the workers can reach the network ('' when they cannot), once started.
        self.online_because = ""
        self.size = 1 if writable else size
        self.timeout = timeout
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
        self.online_because = workers[0].online_because

    def run(self, job: tuple) -> Reply:
        """Run ``job`` on an idle worker within the timeout; 503 when none is free or it overruns."""
        timeout = self.timeout
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
        worker = _Worker(self.settings)
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
                    with self._lock:
                        self._all.discard(successor)
                    if self._closed:
                        return
                    _log.warning("timeline-kg serve: cannot restart a worker: %s", error)
                    time.sleep(RESTART_PAUSE_SECONDS)
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
