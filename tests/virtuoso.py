"""A throw-away Virtuoso server for the remote-store tests: Debian's ``virtuoso-opensource``
started on 127.0.0.1 with its database in a temporary folder, stopped at the end.

Nothing here is mocked: ``virtuoso-t`` is the real server a user runs, reached over HTTP.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DBA_PASSWORD", "Virtuoso", "start_virtuoso", "virtuoso_binary"]

#: A new Virtuoso database's DBA account is ``dba``/``dba``; the server only listens on 127.0.0.1.
DBA_PASSWORD = "dba"

INI = """\
[Database]
DatabaseFile = {folder}/virtuoso.db
ErrorLogFile = {folder}/virtuoso.log
LockFile = {folder}/virtuoso.lck
TransactionFile = {folder}/virtuoso.trx
xa_persistent_file = {folder}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {folder}/virtuoso-temp.db
TransactionFile = {folder}/virtuoso-temp.trx
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
MaxClientConnections = 10
CheckpointInterval = 60
CaseMode = 2
DirsAllowed = ., {folder}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
ThreadsPerQuery = 2

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {folder}
MaxClientConnections = 10
ServerThreads = 10
Charset = UTF-8
EnabledGzipContent = 0

[SPARQL]
ResultSetMaxRows = 10000
MaxQueryExecutionTime = 60
"""


def virtuoso_binary() -> str | None:
    """The path of ``virtuoso-t`` on PATH, or None when Virtuoso is not installed."""
    return shutil.which("virtuoso-t")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Virtuoso:
    """A running server: its folder, ports and process."""

    folder: Path
    sql_port: int
    http_port: int
    process: subprocess.Popen
    started_in: float = 0.0

    @property
    def sparql_url(self) -> str:
        """The anonymous SPARQL 1.1 Protocol endpoint."""
        return f"http://127.0.0.1:{self.http_port}/sparql"

    @property
    def sparql_auth_url(self) -> str:
        """The endpoint that asks for HTTP Digest credentials (and allows updates to ``dba``)."""
        return f"http://127.0.0.1:{self.http_port}/sparql-auth"

    def isql(self, statement: str) -> str:
        """Run one SQL statement as DBA through ``isql-vt``; its output (raises when it fails)."""
        done = subprocess.run(
            ["isql-vt", f"127.0.0.1:{self.sql_port}", "dba", DBA_PASSWORD, f"exec={statement}"],
            capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0 or "*** Error" in done.stdout + done.stderr:
            raise RuntimeError(f"isql-vt {statement!r} failed: {(done.stdout + done.stderr).strip()}")
        return done.stdout

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Stop the server (SIGTERM makes Virtuoso checkpoint and exit; SIGKILL after 30 s)."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)


def start_virtuoso(folder: Path, timeout: float = 90.0) -> Virtuoso:
    """Start ``virtuoso-t +foreground`` with a fresh database in ``folder`` on free 127.0.0.1 ports.

    Returns once ``/sparql`` answers a query; raises RuntimeError (with the server's log) otherwise.
    """
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError("virtuoso-t is not installed (apt-get install virtuoso-opensource)")
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = _free_port(), _free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(folder=folder, sql_port=sql_port, http_port=http_port), encoding="utf-8")
    began = time.perf_counter()
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    server = Virtuoso(folder, sql_port, http_port, process)
    probe = f"{server.sparql_url}?query=ASK%7B%7D"
    while time.perf_counter() - began < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"virtuoso-t exited with {process.returncode}:\n{server.log()[-3000:]}")
        try:
            with urllib.request.urlopen(probe, timeout=5) as response:
                if response.status == 200:
                    server.started_in = time.perf_counter() - began
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(f"virtuoso-t did not answer {server.sparql_url} within {timeout:.0f} s:\n"
                       f"{server.log()[-3000:]}")


if __name__ == "__main__":  # python tests/virtuoso.py FOLDER: start one by hand, Ctrl-C stops it
    import sys

    running = start_virtuoso(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/virtuoso-dev").resolve())
    print(f"{running.sparql_url} (isql port {running.sql_port}) up in {running.started_in:.1f} s; "
          f"pid {running.process.pid}", flush=True)
    try:
        running.process.wait()
    except KeyboardInterrupt:
        running.stop()
    os._exit(0)
