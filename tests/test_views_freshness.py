"""The views and the store they show: a marker says when the views in a folder are older than the
store (a kill between the store's commit and the views' write, ``add --no-views``, an update through
``serve --writable``); ``serve`` then draws the views from the store, and ``build``/``add`` remove it
by rewriting them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from graph.cli import main
from graph.serve import ServerConfig, running
from graph.store import open_store
from graph.views.freshness import MARKER
from tests.test_serve import fetch, update
from tests.test_store_add import STORY, killed_while_writing

ROOT = Path(__file__).resolve().parent.parent


def title(name: str) -> str:
    return json.loads((STORY / f"{name}.json").read_text(encoding="utf-8"))["title"]


def served_views(store: Path, views: Path) -> tuple[str, bytes]:
    """What ``timeline-kg serve --views VIEWS`` says on start-up, and the graph.html it serves."""
    process = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--store", str(store), "--views", str(views),
                                "--port", "0", "--workers", "1", "--quiet"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        url = re.search(r"http://127\.0\.0\.1:\d+/", process.stdout.readline()).group(0)
        status, _, page = fetch(url + "graph.html")
        assert status == 200
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=60)
    return stderr, page


def test_a_build_killed_between_the_store_and_the_views_leaves_a_marker_serve_heeds_and_build_removes(tmp_path):
    store, out = tmp_path / "store", tmp_path / "out"
    build = ["build", "--store", str(store), "--out", str(out), "--quiet"]
    assert main([*build[:1], str(STORY / "a_wire.txt"), *build[1:]]) == 0
    assert not (out / MARKER).exists()
    old_page = (out / "graph.html").read_bytes()

    killed_while_writing([*build[:1], str(STORY), *build[1:]], 0.0, marker="new store in place")
    with open_store(store, read_only=True) as opened:
        assert opened.article_ids() == {"a_wire", "b_daily", "c_weekly"}  # the store has the new build
    assert (out / "graph.html").read_bytes() == old_page  # its views do not
    says = (out / MARKER).read_text(encoding="utf-8")
    assert str(store) in says and "timeline-kg build" in says

    stderr, page = served_views(store, out)
    assert f"the views in {out} are older than the store" in stderr
    assert page != old_page and title("c_weekly").encode() in page  # drawn from the store, not the old file

    assert main([*build[:1], str(STORY), *build[1:]]) == 0
    assert not (out / MARKER).exists()
    assert title("c_weekly") in (out / "graph.html").read_text(encoding="utf-8")
    stderr, page = served_views(store, out)
    assert "older than the store" not in stderr and page == (out / "graph.html").read_bytes()


def test_add_no_views_leaves_the_marker_until_an_add_rewrites_the_views(tmp_path, capsys):
    options = ["--store", str(tmp_path / "store"), "--out", str(tmp_path / "out"), "--sources", str(tmp_path / "src")]
    out = tmp_path / "out"
    assert main(["add", str(STORY / "a_wire.txt"), *options]) == 0
    assert not (out / MARKER).exists()
    capsys.readouterr()

    assert main(["add", str(STORY / "b_daily.txt"), "--no-views", *options]) == 0
    assert "--no-views" in (out / MARKER).read_text(encoding="utf-8")
    assert f"{MARKER} there says so" in capsys.readouterr().err
    assert title("b_daily") not in (out / "graph.html").read_text(encoding="utf-8")

    # Nothing new to add, but the views were out of date: this add rewrites them.
    assert main(["add", str(STORY / "b_daily.txt"), *options]) == 0
    assert not (out / MARKER).exists()
    assert title("b_daily") in (out / "graph.html").read_text(encoding="utf-8")


def test_an_add_that_changes_nothing_leaves_no_marker_and_a_memory_store_never_writes_one(tmp_path):
    options = ["--store", str(tmp_path / "store"), "--out", str(tmp_path / "out"), "--sources", str(tmp_path / "src")]
    assert main(["add", str(STORY / "a_wire.txt"), *options]) == 0
    assert main(["add", str(STORY / "a_wire.txt"), "--no-views", *options]) == 0
    assert not (tmp_path / "out" / MARKER).exists()
    assert main(["build", str(STORY), "--store", "memory:", "--out", str(tmp_path / "mem"), "--quiet"]) == 0
    assert sorted(p.name for p in (tmp_path / "mem").iterdir()) == ["graph.html", "timeline.html", "timeline.ttl"]


def test_a_views_folder_that_cannot_take_the_marker_fails_before_the_store_changes(tmp_path, capsys):
    store = tmp_path / "store"
    assert main(["build", str(STORY / "a_wire.txt"), "--store", str(store), "--out", str(tmp_path / "out"),
                 "--quiet"]) == 0
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("in the way\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["build", str(STORY), "--store", str(store), "--out", str(not_a_folder), "--quiet"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(not_a_folder) in err[0] and "cannot write" in err[0], err
    with open_store(store, read_only=True) as opened:
        assert opened.article_ids() == {"a_wire"}


def test_an_update_through_a_writable_server_marks_its_views_which_are_then_drawn_from_the_store(tmp_path):
    views = tmp_path / "out"
    views.mkdir()
    old = b"<!doctype html><title>the views of an older store</title>"
    (views / "graph.html").write_bytes(old)
    config = ServerConfig(store=str(tmp_path / "store"), port=0, writable=True, views=views, log=False)
    with running(config) as server:
        assert fetch(server.url + "graph.html")[2] == old
        assert update(server, "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }")[0] == 200
        assert "serve --writable" in (views / MARKER).read_text(encoding="utf-8")
        status, _, page = fetch(server.url + "graph.html")
        assert status == 200 and page != old and b"<html" in page.lower()
