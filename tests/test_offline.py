"""Nothing reaches the network at run time unless the user asks for it (SECURITY.md).

The commands run in this process, as ``timeline-kg`` runs them, while an audit hook records every
attempt to connect a socket or to resolve a host name; none may be recorded. A control shows the
hook does record a connection made in the same way.
"""

from __future__ import annotations

import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from graph.cli import main
from tests.listener import listening

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "tests" / "data" / "story"
NETWORK_EVENTS = frozenset({"socket.connect", "socket.getaddrinfo", "socket.gethostbyname"})
# A command that starts another process would do its work where this hook cannot see it.
PROCESS_EVENTS = frozenset({"os.fork", "os.forkpty", "os.posix_spawn", "os.exec", "subprocess.Popen"})

# An audit hook cannot be removed: it is installed once per run of the tests and records only while
# a test holds `_recording` (None the rest of the time).
_installed = False
_recording: list[tuple[str, str]] | None = None


def _hook(event: str, args: tuple) -> None:
    if _recording is not None and (event in NETWORK_EVENTS or event in PROCESS_EVENTS):
        _recording.append((event, repr(args)[:200]))


@contextmanager
def recorded() -> Iterator[list[tuple[str, str]]]:
    """The network and process events of this process while the block runs."""
    global _installed, _recording
    if not _installed:
        sys.addaudithook(_hook)
        _installed = True
    _recording = []
    try:
        yield _recording
    finally:
        _recording = None


def test_build_query_show_and_export_reach_no_network(tmp_path, capsys) -> None:
    store, out = tmp_path / "store", tmp_path / "out"
    commands = [
        ["build", str(STORY), "--store", str(store), "--out", str(out), "--quiet"],  # 3 articles: extracted here
        ["query", "timeline", "--store", str(store)],
        ["query", "timeline", "--graph", str(out / "timeline.ttl")],
        ["show", "timeline", "--store", str(store)],
        ["show", "centrality", "--store", str(store)],
        *[["export", "--format", fmt, "--store", str(store), "--out", str(tmp_path / f"export.{fmt}")]
          for fmt in ("jsonld", "timelinejs", "graphml", "gexf")],
    ]
    for argv in commands:
        with recorded() as events:
            code = main(argv)
        assert code == 0, (argv, capsys.readouterr().err)
        assert events == [], f"timeline-kg {argv[0]}: {events}"
    assert "Blinken" in (out / "timeline.ttl").read_text(encoding="utf-8")  # the build did its work
    assert all((tmp_path / f"export.{fmt}").stat().st_size > 0 for fmt in ("jsonld", "timelinejs", "graphml", "gexf"))


def test_control_a_connection_is_recorded() -> None:
    """What the test above would see, were a command to fetch something."""
    with listening() as listener, recorded() as events:
        with urllib.request.urlopen(listener.url, timeout=30) as response:
            response.read()
    assert [event for event, _ in events] == ["socket.getaddrinfo", "socket.connect"]  # even for an address
    assert listener.heard  # it did reach the listener


@pytest.mark.parametrize("name", ["localhost", "example.invalid"])
def test_control_a_name_lookup_is_recorded(name) -> None:
    import socket

    with recorded() as events:
        try:
            socket.getaddrinfo(name, 80)
        except OSError:
            pass  # the lookup was tried: that is what is recorded
    assert [event for event, _ in events] == ["socket.getaddrinfo"]
