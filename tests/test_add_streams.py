"""``timeline-kg add -`` and ``timeline-kg watch``: many articles in one process, each one's line
printed as soon as it is stored.

Each test runs ``python -m graph`` as a user does, in a process of its own, and reads its output
while it runs; the store is opened from the test only while the process writes nothing.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from rdflib import Literal

from graph.cli import main
from graph.rdf.namespaces import sparql_prefixes
from graph.store import open_store
from graph.views.freshness import MARKER

STORY = Path(__file__).resolve().parent / "data" / "story"
INTERVAL = 0.5  # seconds between two polls of watch: short, so that the tests are
TEXT = sparql_prefixes() + "SELECT ?text WHERE { ?article schema:identifier ?id ; nif:isString ?text }"


class Running:
    """``timeline-kg ARGV`` running in a process of its own, its output lines gathered as they come."""

    def __init__(self, argv: list, *, stdin: bool = False, env: dict[str, str] | None = None) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "graph", *map(str, argv)], text=True, env=dict(os.environ, **(env or {})),
            stdin=subprocess.PIPE if stdin else subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.lines: dict[str, list[str]] = {"out": [], "err": []}
        self._readers = [threading.Thread(target=self._gather, args=(pipe, self.lines[name]), daemon=True)
                         for name, pipe in (("out", self.process.stdout), ("err", self.process.stderr))]
        for reader in self._readers:
            reader.start()

    @staticmethod
    def _gather(pipe, lines: list[str]) -> None:
        for line in pipe:
            lines.append(line.rstrip("\n"))

    def wait_for(self, text: str, stream: str = "out", timeout: float = 60) -> str:
        """The first line of ``stream`` holding ``text``, waited for while the process runs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [line for line in self.lines[stream] if text in line]
            if found:
                return found[0]
            if self.process.poll() is not None and not any(reader.is_alive() for reader in self._readers):
                break
            time.sleep(0.05)
        self.process.kill()
        pytest.fail(f"no line with {text!r} on std{stream}; stdout: {self.lines['out']}, stderr: {self.lines['err']}")

    def write(self, line: str) -> None:
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()

    def finish(self, stop: signal.Signals | None = None, timeout: float = 60) -> int:
        """Its exit code, once it ends (after ``stop`` is sent to it, if given)."""
        if stop is not None:
            self.process.send_signal(stop)
        if self.process.stdin:
            self.process.stdin.close()
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        for reader in self._readers:
            reader.join(10)
        return code


def stored_text(store_folder: Path, doc_id: str) -> list[str]:
    with open_store(store_folder, read_only=True) as store:
        return [str(row.text) for row in store.query(TEXT, {"id": Literal(doc_id)})]


def held(store_folder: Path) -> set[str]:
    with open_store(store_folder, read_only=True) as store:
        return store.article_ids()


def errors(lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith("timeline-kg: error:")]


def copy_article(name: str, folder: Path) -> Path:
    """A story article and its NAME.json into ``folder``, the .json first (as a writer should)."""
    (folder / f"{name}.json").write_bytes((STORY / f"{name}.json").read_bytes())
    (folder / f"{name}.txt").write_bytes((STORY / f"{name}.txt").read_bytes())
    return folder / f"{name}.txt"


# -- add - ------------------------------------------------------------------------------------------

def test_a_list_on_stdin_is_added_article_by_article_and_a_bad_line_is_one_error(tmp_path):
    articles = tmp_path / "articles"
    articles.mkdir()
    first, second, third = (copy_article(name, articles) for name in ("a_wire", "b_daily", "c_weekly"))
    (articles / "undated.txt").write_text("A talk in Geneva\n\nThe ministers met and talked for an hour.\n")
    store, out = tmp_path / "store", tmp_path / "out"
    adding = Running(["add", "-", "--store", store, "--out", out, "--sources", articles], stdin=True)
    adding.write(str(first))
    # Its line comes while stdin is still open: stored before the next line is even read.
    assert adding.wait_for("a_wire.txt").startswith("added: ")
    for line in ["# the rest of the week", "", str(tmp_path / "missing.txt"), str(second),
                 str(articles / "undated.txt"), f"  {third}  "]:
        adding.write(line)
    assert adding.finish() == 1
    assert [line.split(":")[0] for line in adding.lines["out"]] == ["added"] * 3
    assert [Path(line.split(" | ")[0].split(": ", 1)[1]).name for line in adding.lines["out"]] == \
        ["a_wire.txt", "b_daily.txt", "c_weekly.txt"]
    problems = errors(adding.lines["err"])
    assert len(problems) == 2
    assert "missing.txt: no such file" in problems[0] and "undated.txt: no publication date" in problems[1]
    assert "3 article(s) added, 0 already held, 2 failed" in adding.lines["err"][-1]
    assert held(store) == {"a_wire", "b_daily", "c_weekly"}
    assert (out / "timeline.ttl").is_file() and not (out / MARKER).exists()


def test_add_help_says_how_to_give_a_list_on_stdin(capsys):
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    assert "- for more of them from stdin" in " ".join(capsys.readouterr().out.split())


# -- watch -------------------------------------------------------------------------------------------

def test_watch_adds_articles_as_they_appear_whole_and_once_and_stops_on_sigterm(tmp_path, monkeypatch):
    folder, store, out = tmp_path / "incoming", tmp_path / "store", tmp_path / "out"
    folder.mkdir()
    watching = Running(["watch", "--sources", folder, "--store", store, "--out", out, "--interval", INTERVAL])
    watching.wait_for("watching", "err")

    copy_article("a_wire", folder)
    assert watching.wait_for("a_wire.txt").startswith("added: ")
    deadline = time.monotonic() + 30  # the views, rewritten after the poll's articles
    while (out / MARKER).exists() or not (out / "timeline.ttl").exists():
        assert time.monotonic() < deadline, "the views were not rewritten"
        time.sleep(0.05)
    # Idle, it holds no writer lock: another writer gets the store within a second.
    monkeypatch.setenv("TIMELINE_KG_STORE_WAIT", "1")
    with open_store(store) as other:
        assert other.article_ids() == {"a_wire"}

    # Written in two halves, a poll and more apart, its .json last: read once, whole.
    text = (STORY / "b_daily.txt").read_text(encoding="utf-8")
    half = len(text) // 2
    with (folder / "b_daily.txt").open("w", encoding="utf-8") as article:
        article.write(text[:half])
        article.flush()
        time.sleep(2.4 * INTERVAL)
        article.write(text[half:])
    (folder / "b_daily.json").write_bytes((STORY / "b_daily.json").read_bytes())
    assert watching.wait_for("b_daily.txt").startswith("added: ")

    # A bad article is its one line, and watch goes on.
    (folder / "bad.json").write_text('{"published": ')
    (folder / "bad.txt").write_text((STORY / "c_weekly.txt").read_text(encoding="utf-8"))
    assert "bad.json: malformed JSON metadata" in watching.wait_for("bad.json", "err")
    copy_article("c_weekly", folder)
    assert watching.wait_for("c_weekly.txt").startswith("added: ")

    assert watching.finish(signal.SIGTERM) == 0
    assert sum("b_daily.txt" in line for line in watching.lines["out"]) == 1
    assert len(watching.lines["out"]) == 3 and len(errors(watching.lines["err"])) == 1
    assert held(store) == {"a_wire", "b_daily", "c_weekly"}
    assert stored_text(store, "b_daily") == [text]
    assert not (out / MARKER).exists()


def test_watch_once_adds_what_the_store_lacks_and_exits(tmp_path):
    folder, store, out = tmp_path / "incoming", tmp_path / "store", tmp_path / "out"
    folder.mkdir()
    copy_article("a_wire", folder)
    assert main(["add", str(folder / "a_wire.txt"), "--store", str(store), "--out", str(out),
                 "--sources", str(folder), "--no-views"]) == 0
    copy_article("b_daily", folder)
    (folder / "c_weekly.tml").write_text("not TimeML")
    watching = Running(["watch", folder, "--sources", folder, "--store", store, "--out", out,
                        "--interval", INTERVAL, "--once"])
    assert watching.finish(timeout=60) == 1  # by itself, with the bad file's exit code
    assert sorted(line.split(":")[0] for line in watching.lines["out"]) == ["added", "already present"]
    assert len(errors(watching.lines["err"])) == 1 and "c_weekly.tml" in errors(watching.lines["err"])[0]
    assert held(store) == {"a_wire", "b_daily"}
    assert (out / "timeline.ttl").is_file() and not (out / MARKER).exists()  # --no-views' marker gone too


@pytest.mark.parametrize("argv, problem", [
    (["watch", "no-such-folder"], "no-such-folder: no such folder to watch"),
    (["watch", ".", "--store", "memory:"], "memory: ends with each poll's transaction"),
    (["watch", ".", "--interval", "0"], "'0' is not a number of seconds"),
])
def test_watch_refuses_what_it_cannot_watch_in_one_line(argv, problem, capsys):
    try:
        code = main(argv)
    except SystemExit as exit_:  # an option's value is refused by the parser
        code = exit_.code
    assert code == 1
    err = capsys.readouterr().err
    assert problem in err and len(err.strip().splitlines()) == 1
