"""Faults: a build or an add killed mid-write, a remote store whose client or server dies, a full
disk, a store the user may not write, and two writers at once. Each leaves the store as it was (or
wholly written) and says what happened in one line with a non-zero exit.

Everything is real: ``timeline-kg`` subprocesses killed with SIGKILL, Debian's Virtuoso killed
mid-request, a small tmpfs filled to the brim (or, where this process may not mount one, a file
size limit that makes the kernel refuse the same writes), a store folder whose permissions forbid
writing (root's power to override them dropped in the child).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import resource
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graph.cli import main
from graph.pipeline import add_articles
from graph.store import open_store
from tests.test_store import one_error_line, story  # noqa: F401 - story is a fixture (the story articles built)
from tests.test_store_add import STORY, killed_while_writing, snapshot, variants
from tests.test_store_virtuoso import remote_store, virtuoso  # noqa: F401 - virtuoso is a fixture
from tests.virtuoso import DBA_PASSWORD, Virtuoso, start_virtuoso

# linux/capability.h and linux/prctl.h
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER, PR_CAPBSET_DROP = 1, 2, 3, 24
WAIT = "TIMELINE_KG_STORE_WAIT"


def timeline_kg(argv: list, *, env: dict[str, str] | None = None,
                preexec: Callable[[], None] | None = None) -> subprocess.CompletedProcess:
    """``timeline-kg ARGV`` run as a user runs it, in a process of its own."""
    return subprocess.run([sys.executable, "-m", "graph", *map(str, argv)], capture_output=True, text=True,
                          env=dict(os.environ, **(env or {})), preexec_fn=preexec, timeout=300)


def held(store) -> tuple:
    """What a store holds: its article graphs, its union, and how many triples queries count."""
    return snapshot(store), len(store)


# -- a build killed while it writes -------------------------------------------------------------

def test_killing_build_while_it_writes_leaves_the_store_as_it_was(tmp_path, story):  # noqa: F811
    folder = tmp_path / "store"
    with open_store(folder) as store:
        store.put_articles(story.article_graphs)
        before = held(store)
    files = variants(tmp_path / "more", 7)  # a write of ~7k quads (7 articles: extracted in one process)
    build = ["build", str(tmp_path / "more"), "--store", str(folder), "--out", str(tmp_path / "out"), "--quiet"]
    for delay in (0.1, 0.0):  # into the write (which a build used to split into a removal and a put)
        log = killed_while_writing(build, delay)
        with open_store(folder) as store:  # the next writer removes the abandoned half-built store
            assert not list(tmp_path.glob(".store.building-*"))
            if not any("new store in place" in line for line in log):
                assert held(store) == before
                break
            # Killed after the swap: then the build is all there, never a part of it.
            assert store.article_ids() == {f.stem for f in files}
            store.replace_all(story.article_graphs)
    else:
        pytest.fail("every kill came after the new store was in place: make the build write longer")
    # and the store still takes a build
    assert main(["build", str(STORY / "a_wire.txt"), "--store", str(folder), "--out", str(tmp_path / "out"),
                 "--quiet"]) == 0
    with open_store(folder, read_only=True) as store:
        assert store.article_ids() == {"a_wire"}


def test_a_store_set_aside_by_a_build_killed_between_two_renames_is_put_back(tmp_path):
    # Without an atomic folder exchange (not Linux), a build swaps its new store in with two
    # renames, keeping the old one as .NAME.old between them; a kill there must not lose it.
    folder = tmp_path / "store"
    with open_store(folder) as store:
        store.put_articles({"note": one_triple("kept")})
        before = held(store)
    folder.rename(tmp_path / ".store.old")
    with open_store(folder) as store:
        assert held(store) == before
    assert not (tmp_path / ".store.old").exists()


def one_triple(text: str) -> Graph:
    graph = Graph()
    graph.add((URIRef("http://example.org/note"), URIRef("http://example.org/says"), Literal(text)))
    return graph


# -- the remote store: the client killed, the server killed -----------------------------------

REMOTE_CREDENTIALS = {"TIMELINE_KG_SPARQL_USER": "dba", "TIMELINE_KG_SPARQL_PASSWORD": DBA_PASSWORD}


def remote_setting(server: Virtuoso) -> str:
    return f"{server.sparql_url}?update={server.sparql_auth_url}"


def reset_to(store, graphs) -> tuple:
    store.replace_all(graphs)
    return held(store)


@pytest.mark.parametrize("command", ["add", "build"])
def test_killing_a_client_while_it_writes_leaves_the_remote_store_as_it_was(virtuoso, story, tmp_path,  # noqa: F811
                                                                           command):
    store = remote_store(virtuoso)
    before = reset_to(store, story.article_graphs)
    files = variants(tmp_path / "more", 7)
    argv = [command, *map(str, files), "--store", remote_setting(virtuoso), "--out", str(tmp_path / "out")]
    argv += ["--quiet"] if command == "build" else ["--no-views"]
    whole = {f.stem for f in files} | ({"a_wire", "b_daily", "c_weekly"} if command == "add" else set())
    for delay in (0.05, 0.0):
        log = killed_while_writing(argv, delay, marker="write begins: staging", env=REMOTE_CREDENTIALS)
        if not any("swapping the staged graphs in" in line for line in log):
            assert held(store) == before  # the staged graphs are invisible
            break
        # Killed once the swap request was sent: the server applies it whole.
        assert store.article_ids() == whole
        before = reset_to(store, story.article_graphs)
    else:
        pytest.fail("every kill came after the swap request: make the write longer")
    assert add_articles(store, files[:1]).added == [files[0].stem]  # and the store still takes writes


def test_the_sparql_server_dying_mid_write_is_a_one_line_error_and_loses_nothing(tmp_path, story):  # noqa: F811
    server = start_virtuoso(tmp_path / "virtuoso")  # a server of its own: this test kills it
    try:
        store = remote_store(server)
        store.put_articles(story.article_graphs)
        before = held(store)
        files = variants(tmp_path / "more", 7)
        add = subprocess.Popen([sys.executable, "-m", "graph", "add", *map(str, files), "--store",
                                remote_setting(server), "--no-views", "--out", str(tmp_path / "out")],
                               stderr=subprocess.PIPE, text=True,
                               env=dict(os.environ, **REMOTE_CREDENTIALS, TIMELINE_KG_LOG="info"))
        log = []
        for line in add.stderr:
            log.append(line)
            if "write begins: staging" in line:
                server.process.kill()  # SIGKILL: the server dies between or inside requests
                server.process.wait()
                break
        log += add.stderr.read().splitlines()
        assert add.wait() == 1, "".join(log)
        errors = "\n".join(line for line in log if ": INFO: " not in line)
        line = one_error_line(errors)
        assert line.startswith(f"timeline-kg: error: {server.sparql_url}"), errors  # or -auth
        assert ": cannot reach the SPARQL server (" in line, line
        # Restarted on the same database, the server holds what it held (the lock file of the dead
        # server goes first, as an administrator would remove it).
        (server.folder / "virtuoso.lck").unlink(missing_ok=True)
        server = start_virtuoso(server.folder)
        store = remote_store(server)
        assert held(store) == before
    finally:
        server.stop()


# -- a full disk ----------------------------------------------------------------------------------

@dataclass
class SmallDisk:
    """A folder where writes fail for want of room.

    ``tmpfs``: a small tmpfs mounted there, filled to ``leave`` bytes by ``fill`` (writes fail with
    ENOSPC, a real full disk). ``file-size-limit``: a plain folder, and the child process may not
    grow a file past ``leave`` bytes (RLIMIT_FSIZE: writes fail with EFBIG), for machines where
    this process may not mount.
    """

    folder: Path
    kind: str
    leave: int

    def fill(self) -> None:
        if self.kind == "tmpfs":
            stats = os.statvfs(self.folder)
            room = stats.f_bavail * stats.f_frsize - self.leave
            with open(self.folder / "filler", "wb") as filler:
                while room > 0:
                    room -= filler.write(b"\0" * min(room, 1 << 20))

    def empty(self) -> None:
        (self.folder / "filler").unlink(missing_ok=True)

    @property
    def refusal(self) -> str:
        """How the system refuses the writes: a full disk (ENOSPC), or a file past the limit (EFBIG)."""
        return os.strerror(errno.ENOSPC if self.kind == "tmpfs" else errno.EFBIG)

    def preexec(self) -> Callable[[], None] | None:
        if self.kind == "tmpfs":
            return None
        limit = self.leave

        def limited() -> None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, not kills
        return limited


@contextlib.contextmanager
def small_disk(folder: Path, kind: str, leave: int) -> Iterator[SmallDisk]:
    folder.mkdir()
    if kind == "tmpfs":
        mounted = os.geteuid() == 0 and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(folder)], capture_output=True).returncode == 0
        if not mounted:
            pytest.skip("this process may not mount a tmpfs (not root, or a restricted container); "
                        "the file-size-limit case makes the same writes fail")
        try:
            yield SmallDisk(folder, kind, leave)
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=True)
    else:
        yield SmallDisk(folder, kind, leave)


DISKS = ["tmpfs", "file-size-limit"]


@pytest.mark.parametrize("kind", DISKS)
@pytest.mark.parametrize("command", ["add", "build"])
def test_a_full_disk_while_writing_the_store_is_a_one_line_error_and_the_store_stays_as_it_was(
        tmp_path, story, command, kind):  # noqa: F811
    # An add writes some 2 MB for 7 articles (a transaction's log); a build's bulk load writes
    # compressed tables, about 8 times smaller: both far past the room left.
    files = variants(tmp_path / "more", 7 if command == "add" else 60)
    with small_disk(tmp_path / "disk", kind, leave=256 << 10) as disk:
        folder = disk.folder / "store"
        with open_store(folder) as store:
            store.put_articles(story.article_graphs)
            before = held(store)
        disk.fill()
        done = timeline_kg([command, *files, "--store", folder, "--out", tmp_path / "out",
                            "--no-views" if command == "add" else "--quiet"], preexec=disk.preexec())
        assert done.returncode == 1, done.stderr
        line = one_error_line(done.stderr)
        assert line.startswith(f"timeline-kg: error: {folder}: cannot write store: ")
        assert disk.refusal in line, line  # the system's own words for why the write failed
        assert not list(disk.folder.glob(".store.building-*"))  # a build's half-written store is gone
        disk.empty()
        with open_store(folder) as store:
            assert held(store) == before
            assert add_articles(store, files[:1]).added == [files[0].stem]  # and it still takes writes


@pytest.mark.parametrize("kind", DISKS)
def test_a_full_disk_while_writing_the_views_is_a_one_line_error_and_the_old_ones_stay_whole(tmp_path, kind):
    with small_disk(tmp_path / "disk", kind, leave=16 << 10) as disk:
        out = disk.folder / "out"
        out.mkdir()
        old = {name: f"the last build's {name}\n" for name in ("timeline.ttl", "graph.html", "timeline.html")}
        for name, text in old.items():
            (out / name).write_text(text, encoding="utf-8")
        disk.fill()
        done = timeline_kg(["build", STORY / "a_wire.txt", "--store", "memory:", "--out", out, "--quiet"],
                           preexec=disk.preexec())
        assert done.returncode == 1, done.stderr
        line = one_error_line(done.stderr)
        assert line.startswith(f"timeline-kg: error: {out}/") and ": cannot write: " in line, line
        disk.empty()
        assert {p.name: p.read_text(encoding="utf-8") for p in out.iterdir()} == old  # whole, no leftovers


# -- a store the user may not write --------------------------------------------------------------

def without_permission_override() -> None:
    """Drop root's power to write through file permissions (CAP_DAC_OVERRIDE and kin) in the child.

    The bounding set is what a root process gets at exec, so the program then runs as root that
    obeys permissions. (Dropping to ``nobody`` would do too where the interpreter is not under
    root's home, as it is on this machine.)
    """
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_a_store_the_user_may_not_write_is_a_one_line_error_naming_it(tmp_path):
    folder = tmp_path / "store"  # the user may write beside the store (where its lock file goes), not in it
    with open_store(folder) as store:
        store.put_articles({"note": one_triple("kept")})
        before = held(store)
    for path in (folder, *folder.iterdir()):
        path.chmod(0o555 if path.is_dir() else 0o444)
    listing = sorted(p.name for p in folder.iterdir())
    try:
        done = timeline_kg(["add", STORY / "a_wire.txt", "--store", folder, "--no-views", "--out", tmp_path / "out"],
                           preexec=without_permission_override if os.geteuid() == 0 else None)
        assert done.returncode == 1, done.stderr
        assert one_error_line(done.stderr) == (f"timeline-kg: error: {folder}: cannot write the store folder "
                                               "(permission denied); use --store with a writable folder")
        assert sorted(p.name for p in folder.iterdir()) == listing
    finally:
        folder.chmod(0o755)
    with open_store(folder, read_only=True) as store:
        assert held(store) == before


# -- two writers at once -------------------------------------------------------------------------

def test_two_adds_at_once_are_serialized_never_interleaved(tmp_path):
    names = ("a_wire", "b_daily")  # they tell one meeting: the later add joins the earlier one's node
    outcomes = []
    for order in (names, names[::-1]):
        with open_store(tmp_path / "-".join(order)) as store:
            for name in order:
                add_articles(store, [STORY / f"{name}.txt"])
            outcomes.append(held(store))
    assert outcomes[0] != outcomes[1]  # so the order each add saw is visible in the store

    folder = tmp_path / "store"
    holder = open_store(folder)  # holds the writer lock until both adds are waiting for it
    adds = [subprocess.Popen([sys.executable, "-m", "graph", "add", str(STORY / f"{name}.txt"), "--store",
                              str(folder), "--no-views", "--out", str(tmp_path / "out")],
                             stderr=subprocess.PIPE, text=True, env=dict(os.environ, TIMELINE_KG_LOG="info"))
            for name in names]
    try:
        for add in adds:
            assert waits_for_the_store(add), add.stderr.read()
    finally:
        holder.close()
    results = [(add.wait(timeout=120), add.stderr.read()) for add in adds]
    assert [code for code, _ in results] == [0, 0], results
    with open_store(folder) as store:
        assert held(store) in outcomes  # as if one ran after the other


def waits_for_the_store(process: subprocess.Popen) -> bool:
    """Read the process's log until it says it waits for the store; False if it never does."""
    return any("in use by another process; waiting" in line for line in process.stderr)


def test_a_writer_that_waited_too_long_gives_up_in_one_line(tmp_path):
    folder = tmp_path / "store"
    with open_store(folder) as holder:
        holder.put_articles({"note": one_triple("kept")})
        before = held(holder)
        done = timeline_kg(["add", STORY / "a_wire.txt", "--store", folder, "--no-views", "--out", tmp_path / "out"],
                           env={WAIT: "1"})
        assert done.returncode == 1
        assert one_error_line(done.stderr) == (f"timeline-kg: error: {folder}: in use by another timeline-kg "
                                               f"process; waited 1 s (set {WAIT} to wait longer)")
        assert held(holder) == before
