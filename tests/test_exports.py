"""Exports: TimelineJS JSON, GraphML, GEXF and JSON-LD of the seed graph read back by other tools' parsers."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.errors import TimelineKGError
from graph.views import project, sample_graph, timeline
from graph.views.exports import (
    EXPORT_FORMATS,
    export,
    to_gexf,
    to_graphml,
    to_jsonld,
    to_timelinejs,
)


@pytest.fixture(scope="module")
def nx_graph(seed_graph):
    return project(seed_graph)


def test_timelinejs_has_one_slide_per_dated_event_in_order(nx_graph):
    data = to_timelinejs(nx_graph, title="Seed <b>")
    rows = timeline(nx_graph)
    assert data["title"]["text"]["headline"] == "Seed &lt;b&gt;"
    assert len(data["events"]) == len(rows)
    assert len({e["unique_id"] for e in data["events"]}) == len(rows)
    json.dumps(data)  # serializable as is


@pytest.mark.parametrize(("begin", "end", "start", "end_date"), [
    ("2017-11-01", "2017-11-30", {"year": 2017, "month": 11}, None),          # "November"
    ("2017-01-01", "2017-12-31", {"year": 2017}, None),                       # "2017"
    ("2017-11-22", "2017-11-22", {"year": 2017, "month": 11, "day": 22}, None),
    ("2017-12-21", "2017-12-22", {"year": 2017, "month": 12, "day": 21}, {"year": 2017, "month": 12, "day": 22}),
])
def test_timelinejs_dates_keep_their_precision(begin, end, start, end_date):
    g = nx.MultiDiGraph()
    g.add_node("ex:e", kind="event", label="x", event_type="meet", earliest=begin, latest=end, sentence="s.")
    event = to_timelinejs(g)["events"][0]
    assert event["start_date"] == start and event.get("end_date") == end_date


def test_timelinejs_escapes_sentences():
    g = nx.MultiDiGraph()
    g.add_node("ex:e", kind="event", label="x", event_type="meet", earliest="2017-01-02", latest="2017-01-02",
               sentence="<script>alert(1)</script>", article_title="A & B")
    text = to_timelinejs(g)["events"][0]["text"]["text"]
    assert "<script>" not in text and "&lt;script&gt;" in text and "A &amp; B" in text


def test_graphml_round_trip_keeps_nodes_edges_and_attributes(nx_graph):
    back = nx.read_graphml(io.StringIO(to_graphml(nx_graph)), force_multigraph=True)
    assert back.number_of_nodes() == nx_graph.number_of_nodes()
    assert back.number_of_edges() == nx_graph.number_of_edges()
    putin = next(n for n, d in nx_graph.nodes(data=True) if d.get("label") == "Vladimir Putin")
    assert back.nodes[putin]["kind"] == "actor" and back.nodes[putin]["wikidata"].startswith("Q")
    roles = {d["role"] for _, _, d in back.edges(data=True)}
    assert roles <= {"agent", "patient", "participant", "place"} and "place" in roles


def test_gexf_reads_back_with_date_spells(nx_graph):
    text = to_gexf(nx_graph)
    back = nx.read_gexf(io.StringIO(text))
    assert back.number_of_nodes() == nx_graph.number_of_nodes()
    dated = [d for _, d in back.nodes(data=True) if d.get("kind") == "event" and d.get("earliest")]
    assert dated and 'mode="dynamic"' in text and 'timeformat="date"' in text


def test_jsonld_is_the_same_rdf_graph(seed_graph):
    back = Graph().parse(data=to_jsonld(seed_graph), format="json-ld")
    assert isomorphic(back, seed_graph)
    assert '"sem": "http://semanticweb.cs.vu.nl/2009/11/sem/"' in to_jsonld(Graph())


def test_export_writes_each_format(seed_graph, tmp_path):
    for fmt, suffix in EXPORT_FORMATS.items():
        path = tmp_path / f"out{suffix}"
        text = export(seed_graph, fmt, path)
        assert path.read_text(encoding="utf-8") == text and text


def test_unknown_export_format_names_the_choices():
    with pytest.raises(TimelineKGError, match="unknown export format 'svg'; choose one of timelinejs, graphml"):
        export(Graph(), "svg")


def test_exports_of_a_graph_without_lists_or_dates_work():
    g = sample_graph()
    g.nodes["ex:e1"]["earliest"] = None
    assert "ex:e1" in to_graphml(g) and "ex:e1" in to_gexf(g)


def test_the_timelinejs_export_is_titled_as_the_views_are(built_dir, capsys):
    import re

    from graph.cli import main

    assert main(["export", "--format", "timelinejs", "--store", str(built_dir / "store")]) == 0
    headline = json.loads(capsys.readouterr().out)["title"]["text"]["headline"]
    page_title = re.search(r"<title>(.*?)</title>", (built_dir / "graph.html").read_text(encoding="utf-8")).group(1)
    assert headline == page_title and "Putin" in headline  # the bundled article's own headline
