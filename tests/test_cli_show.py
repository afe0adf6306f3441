"""`timeline-kg show QUESTION` and `timeline-kg export`, run as a user would on the built sources."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graph.cli import main


@pytest.fixture(scope="module")
def ttl(built_dir: Path) -> str:
    return str(built_dir / "timeline.ttl")


def show(capsys, ttl: str, *args: str) -> str:
    assert main(["show", *args, "--graph", ttl]) == 0
    return capsys.readouterr().out


def show_json(capsys, ttl: str, *args: str) -> list[dict]:
    return json.loads(show(capsys, ttl, *args, "--format", "json"))


def test_show_timeline_in_a_window_for_an_actor(capsys, ttl):
    rows = show_json(capsys, ttl, "timeline", "--from", "2017-12-01", "--to", "2017-12-31", "--actor", "Vladimir Putin")
    assert rows and all("Vladimir Putin" in r["actors"] and r["date"].startswith("2017-12") for r in rows)
    table = show(capsys, ttl, "timeline", "--place", "Sochi")
    assert table.splitlines()[0].split() == ["date", "type", "event", "actors", "places"] and "Sochi" in table


def test_show_timeline_by_event_types(capsys, ttl):
    rows = show_json(capsys, ttl, "timeline", "--type", "meet", "--type", "negotiate")
    assert rows and {r["type"] for r in rows} == {"meet", "negotiate"}
    csv_text = show(capsys, ttl, "timeline", "--type", "meet", "--format", "csv")
    assert csv_text.splitlines()[0] == "date,type,event,actors,places"


def test_show_types_counts_events(capsys, ttl):
    counts = {r["type"]: int(r["events"]) for r in show_json(capsys, ttl, "types")}
    assert counts["meet"] >= 3
    # bare mentions are counted only when asked for: their types, such as states, join the table
    every = {r["type"]: int(r["events"]) for r in show_json(capsys, ttl, "types", "--all")}
    assert "state" in every and "state" not in counts
    assert all(every[kind] >= n for kind, n in counts.items())


def test_show_network_and_relations(capsys, ttl):
    pairs = show_json(capsys, ttl, "network")
    assert {pairs[0]["actor"], pairs[0]["with"]} == {"Bashar al-Assad", "Vladimir Putin"}
    assert int(pairs[0]["shared events"]) >= 2
    november = show_json(capsys, ttl, "relations", "--from", "2017-11-01", "--to", "2017-11-30")
    assert {"contains", "equals"} <= {r["relation"] for r in november}
    assert all(r["date"] >= "2017-11" for r in november)
    assert "before" in {r["relation"] for r in show_json(capsys, ttl, "relations")}


def test_show_ego(capsys, ttl):
    rows = show_json(capsys, ttl, "ego", "Sochi", "--hops", "2")
    assert rows[0] == {"hops": "0", "kind": "place", "label": "Sochi", "date": ""}
    assert {r["label"] for r in rows if r["hops"] == "2" and r["kind"] == "actor"} == {"Bashar al-Assad", "Vladimir Putin"}


def test_show_paths(capsys, ttl):
    rows = show_json(capsys, ttl, "paths", "Bashar al-Assad", "Abdel Fattah el-Sisi", "--limit", "2")
    assert len(rows) == 2 and all(r["steps"] == "4" and " -> Vladimir Putin -> " in r["through"] for r in rows)


def test_show_centrality_and_communities(capsys, ttl):
    ranked = show_json(capsys, ttl, "centrality", "--measure", "betweenness", "--top", "3")
    assert [r["rank"] for r in ranked] == ["1", "2", "3"] and "Vladimir Putin" in {r["entity"] for r in ranked}
    groups = show_json(capsys, ttl, "communities")
    assert any("Vladimir Putin" in g["actors"] and "Bashar al-Assad" in g["actors"] for g in groups)


def test_show_changes(capsys, ttl):
    rows = show_json(capsys, ttl, "changes", "2017-11-30", "2017-12-31")
    assert {"change": "new actor", "subject": "Abdel Fattah el-Sisi", "detail": ""} in rows


@pytest.mark.parametrize(("args", "message"), [
    (["paths", "Bashar al-Assad"], "show paths takes 2 name(s), got 1"),
    (["ego", "Nobody"], "no node named 'Nobody'"),
    (["changes", "2017-12-31", "2017-11-30"], "is not before"),
    (["changes", "December", "2017-11-30"], "'December' is not a date; write YYYY-MM-DD"),
    (["timeline", "--type", "mett"], "no event type 'mett'"),
])
def test_show_errors_are_one_line(capsys, ttl, args, message):
    assert main(["show", *args, "--graph", ttl]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and err.startswith("timeline-kg: error: ")


def test_show_without_a_graph_says_how_to_build_one(capsys, tmp_path):
    assert main(["show", "timeline", "--graph", str(tmp_path / "none.ttl")]) == 1
    assert "run `timeline-kg build` first" in capsys.readouterr().err


def test_export_each_format_to_a_file(capsys, ttl, tmp_path):
    for fmt, suffix in (("graphml", ".graphml"), ("gexf", ".gexf"), ("jsonld", ".jsonld"), ("timelinejs", ".json")):
        out = tmp_path / f"g{suffix}"
        assert main(["export", "--format", fmt, "--graph", ttl, "--out", str(out)]) == 0
        assert out.stat().st_size > 100
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() > 20
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_nodes() > 20
    assert json.loads((tmp_path / "g.json").read_text())["events"]


def test_export_to_stdout(capsys, ttl):
    assert main(["export", "--format", "timelinejs", "--graph", ttl, "--title", "Seed"]) == 0
    assert json.loads(capsys.readouterr().out)["title"]["text"]["headline"] == "Seed"
