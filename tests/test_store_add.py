"""Adding articles to a store (graph/pipeline/add.py, ``timeline-kg add``): a re-add writes nothing, a
retold event joins the stored node with the disagreement recorded, and a killed add leaves the
store exactly as it was."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal

from graph.cli import main
from graph.pipeline import add_articles, build
from graph.queries import load_query
from graph.rdf.namespaces import SDO, sparql_prefixes
from graph.store import open_store

STORY = Path(__file__).parent / "data" / "story"
SHARED_EVENT = "https://w3id.org/timeline-kg/id/event/a_wire/19-23"


def snapshot(store) -> tuple[list[bytes], list[bytes]]:
    """Every article graph (N-Quads) and the union (N-Triples), line-sorted."""
    quads, union = io.BytesIO(), io.BytesIO()
    store.dump(quads, "nq")
    store.dump(union, "nt")
    return sorted(quads.getvalue().splitlines()), sorted(union.getvalue().splitlines())


@pytest.fixture(params=["memory", "oxigraph"])
def store(request, tmp_path):
    with open_store("memory:" if request.param == "memory" else tmp_path / "store") as opened:
        yield opened


def test_adding_the_same_article_again_writes_nothing(store):
    first = add_articles(store, [STORY / "a_wire.txt"])
    assert first.added == ["a_wire"] and first.unchanged == []
    before, size = snapshot(store), len(store)
    again = add_articles(store, [STORY / "a_wire.txt"])
    assert again.added == [] and again.unchanged == ["a_wire"] and again.extractions == []
    assert len(store) == size and snapshot(store) == before


def test_the_same_text_under_another_name_is_a_duplicate(store, tmp_path):
    add_articles(store, [STORY / "a_wire.txt"])
    for suffix in (".txt", ".json"):
        shutil.copy(STORY / f"a_wire{suffix}", tmp_path / f"copy{suffix}")
    result = add_articles(store, [tmp_path / "copy.txt"])
    assert result.added == [] and result.duplicates == [(tmp_path / "copy.txt", "a_wire")]
    assert store.article_ids() == {"a_wire"}


def conflicts(store) -> set[tuple[str, str, str]]:
    return {(str(r.event), str(r.source), f"{r.claimBegin}..{r.claimEnd}") for r in store.query(load_query("conflicts"))}


def test_a_retold_event_joins_the_stored_node_and_a_date_disagreement_is_recorded(store):
    add_articles(store, [STORY / "a_wire.txt", STORY / "b_daily.txt"])
    assert conflicts(store) == set()
    result = add_articles(store, [STORY / "c_weekly.txt"])
    assert result.added == ["c_weekly"] and result.joined >= 1 and result.conflicts == 1
    # c_weekly's meeting is the stored node (no node of its own), which keeps its date, Friday 21 January
    meetings = store.query(sparql_prefixes() + "SELECT ?e ?begin WHERE { ?e sem:eventType et:meet ; "
                           "prov:wasDerivedFrom/schema:identifier ?id . "
                           "OPTIONAL { ?e sem:hasEarliestBeginTimeStamp ?begin } }", {"id": Literal("c_weekly")})
    assert {(str(r.e), str(r.begin)) for r in meetings} == {(SHARED_EVENT, "2022-01-21")}
    # c_weekly says Thursday 20 January: every side's claim is recorded
    assert conflicts(store) == {(SHARED_EVENT, "c_weekly", "2022-01-20..2022-01-20"),
                                (SHARED_EVENT, "a_wire", "2022-01-21..2022-01-21"),
                                (SHARED_EVENT, "b_daily", "2022-01-21..2022-01-21")}
    # what the add wrote lives in c_weekly's graph: removing it takes the claims back
    store.remove_articles(["c_weekly"])
    assert conflicts(store) == set()


def test_adding_one_by_one_ends_close_to_the_batch_build(store):
    for name in ("a_wire", "b_daily", "c_weekly"):
        add_articles(store, [STORY / f"{name}.txt"])
    batch = build([STORY]).graph
    events = "SELECT DISTINCT ?e WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }"
    assert {str(r.e) for r in store.query(events)} == {str(r.e) for r in batch.query(events)}


def test_cli_add_of_text_articles_reports_each_and_rewrites_the_views(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["add", str(STORY / "a_wire.txt"), str(STORY / "b_daily.txt"), "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert [line.split(":")[0] for line in stdout.splitlines()] == ["added", "added"]
    assert "a_wire.txt | 2022-01-21 |" in stdout and "event(s)" in stdout
    assert {p.name for p in out.iterdir()} >= {"store", "timeline.ttl", "graph.html", "timeline.html"}
    ids = {str(o) for o in Graph().parse(out / "timeline.ttl").objects(predicate=SDO.identifier)}
    assert ids == {"a_wire", "b_daily"}
    assert main(["add", str(STORY / "a_wire.txt"), "--out", str(out)]) == 0
    assert capsys.readouterr().out.startswith("already present: ")
    assert main(["query", "timeline", "--store", str(out / "store"), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)


def variants(folder: Path, count: int) -> list[Path]:
    """``count`` different articles made from the story articles (each with its own closing line)."""
    folder.mkdir()
    paths = []
    for i in range(count):
        source = sorted(STORY.glob("*.txt"))[i % 3]
        path = folder / f"v{i:03d}_{source.stem}.txt"
        path.write_text(source.read_text(encoding="utf-8") + f"\nDesk note {i}.\n", encoding="utf-8")
        shutil.copy(source.with_suffix(".json"), path.with_suffix(".json"))
        paths.append(path)
    return paths


def killed_add(files: list[Path], folder: Path, out: Path, delay: float) -> list[str]:
    """Run ``timeline-kg add FILES`` and SIGKILL it ``delay`` seconds into its write transaction."""
    return killed_while_writing(["add", *map(str, files), "--store", str(folder), "--out", str(out)], delay)


def killed_while_writing(argv: list[str], delay: float, marker: str = "write transaction begins",
                         env: dict[str, str] | None = None) -> list[str]:
    """Run ``timeline-kg ARGV`` and SIGKILL it ``delay`` seconds after it logs ``marker``; its log lines."""
    env = dict(os.environ, **(env or {}), TIMELINE_KG_LOG="info")  # stores log their writes at info
    process = subprocess.Popen([sys.executable, "-m", "graph", *argv], stderr=subprocess.PIPE, text=True, env=env)
    log = []
    for line in process.stderr:
        log.append(line)
        if marker in line:
            time.sleep(delay)
            process.send_signal(signal.SIGKILL)
            break
    log += process.stderr.read().splitlines()
    assert process.wait() == -signal.SIGKILL, "".join(log)
    assert any(marker in line for line in log), "".join(log)
    return log


def test_killing_add_while_it_writes_leaves_the_store_as_it_was(tmp_path):
    folder = tmp_path / "store"
    with open_store(folder) as store:
        add_articles(store, [STORY])
        before = snapshot(store)
    files = variants(tmp_path / "more", 45)  # one write transaction of ~45k quads: about half a second here
    for attempt, delay in enumerate((0.1, 0.02, 0.0)):
        log = killed_add(files, folder, tmp_path / "out", delay)
        with open_store(folder) as store:
            held = store.article_ids()
            if held == {"a_wire", "b_daily", "c_weekly"}:  # killed inside the transaction: nothing of it stays
                assert not any("committed" in line for line in log)
                assert snapshot(store) == before
                assert add_articles(store, files[:1]).added == [files[0].stem]  # and the store still takes writes
                return
            # Otherwise the kill came after the commit: then all of it must be there, never a part.
            assert held == {"a_wire", "b_daily", "c_weekly"} | {f.stem for f in files}, sorted(held)
            store.remove_articles([f.stem for f in files])
            assert snapshot(store) == before
    pytest.fail("every kill came after the write had committed: make the write longer")
