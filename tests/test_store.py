"""The store interface (graph/store/): the in-memory and the persistent Oxigraph backends hold the
same per-article graphs and answer every shipped query alike; bad settings are one-line errors."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.cli import main
from graph.errors import ConfigError, QueryError
from graph.pipeline import build
from graph.queries import load_query, rows, shipped_queries
from graph.rdf.iris import graph_iri
from graph.rdf.namespaces import SEM
from graph.store import DUMP_FORMATS, StoreError, open_store

STORY = Path(__file__).parent / "data" / "story"
SHARED_EVENT = "https://w3id.org/timeline-kg/id/event/a_wire/19-23"  # told by all three story articles


@pytest.fixture(scope="module")
def story():
    result = build([STORY])
    assert not result.failures and len(result.article_graphs) == 3
    return result


@pytest.fixture(params=["memory", "oxigraph"])
def store(request, story, tmp_path):
    setting = "memory:" if request.param == "memory" else str(tmp_path / "store")
    with open_store(setting) as opened:
        opened.put_articles(story.article_graphs)
        yield opened


def normalized(result) -> list[list[str]]:
    """Rows sorted, and GROUP_CONCAT cells sorted: SPARQL leaves both orders to the engine on ties."""
    names, data = rows(result)
    return sorted([names], key=str) + sorted(["; ".join(sorted(cell.split("; "))) for cell in row] for row in data)


QUERIES = [(name, {}) for name in shipped_queries()] + [
    ("actor-events", {"name": Literal("Sergei Lavrov")}),
    ("place-events", {"name": Literal("Geneva")}),
    ("provenance", {"event": URIRef(SHARED_EVENT)}),
]


@pytest.mark.parametrize("name, bindings", QUERIES, ids=[f"{n}-{sorted(b)}" for n, b in QUERIES])
def test_memory_and_oxigraph_answer_every_shipped_query_alike(story, tmp_path, name, bindings):
    with open_store("memory:") as memory, open_store(tmp_path / "store") as disk:
        memory.put_articles(story.article_graphs)
        disk.put_articles(story.article_graphs)
        expected = normalized(memory.query(load_query(name), bindings))
        assert len(expected) > 1, f"{name} finds nothing on the story articles"
        assert normalized(disk.query(load_query(name), bindings)) == expected


def test_a_bound_name_restricts_the_answer_on_both_backends(store):
    result = store.query(load_query("actor-events"), {"name": Literal("Sergei Lavrov")})
    names = {row.actorLabel.toPython() for row in result}
    assert names == {"Sergei Lavrov"}


def test_the_union_is_the_batch_graph_with_each_shared_triple_once(store, story):
    assert isomorphic(store.to_graph(), story.graph)
    assert len(store) == len(story.graph)
    counted = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(next(iter(counted))[0]) == len(story.graph)
    holders = store.query("SELECT ?g WHERE { GRAPH ?g { ?s a ?type } }", {"s": URIRef(SHARED_EVENT), "type": SEM.Event})
    assert {str(row.g) for row in holders} == {str(graph_iri(d)) for d in ("a_wire", "b_daily", "c_weekly")}
    typed = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type }", {"s": URIRef(SHARED_EVENT), "type": SEM.Event})
    assert int(next(iter(typed))[0]) == 1


def test_replacing_and_removing_an_article(store, story):
    smaller = Graph()
    smaller += list(story.article_graphs["c_weekly"])[:10]
    store.put_articles({"c_weekly": smaller})
    assert store.article_ids() == {"a_wire", "b_daily", "c_weekly"}
    only_c = set(story.article_graphs["c_weekly"]) - set(story.article_graphs["a_wire"]) \
        - set(story.article_graphs["b_daily"])
    assert not (only_c - set(smaller)) & set(store.to_graph())
    store.remove_articles(["c_weekly", "not-held"])
    assert store.article_ids() == {"a_wire", "b_daily"}
    assert set(store.to_graph()) == set(story.article_graphs["a_wire"]) | set(story.article_graphs["b_daily"])


@pytest.mark.parametrize("fmt", sorted(DUMP_FORMATS))
def test_dumps_read_back_as_the_union_or_the_article_graphs(store, story, fmt):
    buffer = io.BytesIO()
    store.dump(buffer, fmt)
    if fmt in ("trig", "nq"):
        dataset = Dataset()
        dataset.parse(data=buffer.getvalue(), format=DUMP_FORMATS[fmt])
        for doc_id, graph in story.article_graphs.items():
            assert isomorphic(dataset.graph(graph_iri(doc_id)), graph)
    else:
        assert isomorphic(Graph().parse(data=buffer.getvalue(), format=DUMP_FORMATS[fmt]), story.graph)


def test_malformed_sparql_is_a_query_error(store):
    with pytest.raises(QueryError, match="malformed SPARQL"):
        store.query("SELECT ?x WHERE { ?x ?y }")


def test_build_writes_the_batch_graph_into_a_fresh_store(story, tmp_path):
    assert main(["build", str(STORY), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    with open_store(tmp_path / "out" / "store", read_only=True) as store:
        assert store.article_ids() == {"a_wire", "b_daily", "c_weekly"}
        assert isomorphic(store.to_graph(), story.graph)
    assert isomorphic(Graph().parse(tmp_path / "out" / "timeline.ttl"), story.graph)


@pytest.mark.parametrize("setting, message", [
    ("ftp://example.org/store", "ftp://example.org/store: unknown store setting; use a folder path"),
    ("oxigraph:", "no folder after oxigraph:"),
])
def test_unknown_settings_are_config_errors(setting, message):
    with pytest.raises(ConfigError, match=message):
        open_store(setting)


def test_a_folder_holding_other_files_is_not_a_store(tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ConfigError, match="not a timeline-kg store"):
        open_store(tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]  # nothing written into it
    with pytest.raises(ConfigError, match="not a store"):
        open_store(tmp_path / "notes.txt")


def test_a_read_only_store_refuses_writes_and_a_missing_one_is_named(story, tmp_path):
    with pytest.raises(ConfigError, match="no store there; run `timeline-kg build` first"):
        open_store(tmp_path / "none", read_only=True)
    with open_store(tmp_path / "s") as store:
        store.put_articles({"a_wire": story.article_graphs["a_wire"]})
    with open_store(tmp_path / "s", read_only=True) as store:
        with pytest.raises(StoreError, match="store opened read-only"):
            store.put_articles({"b_daily": story.article_graphs["b_daily"]})
        assert store.article_ids() == {"a_wire"}


def one_error_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1 and lines[0].startswith("timeline-kg: error: "), err
    return lines[0]


def test_a_store_in_use_by_another_process_is_refused_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TIMELINE_KG_STORE_WAIT", "0")  # refuse at once rather than wait for the holder
    folder = tmp_path / "store"
    open_store(folder).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from graph.store import open_store; s = open_store(sys.argv[1]); "
                               "print('open', flush=True); sys.stdin.read()", str(folder)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        assert main(["build", str(STORY), "--out", str(tmp_path / "out"), "--store", str(folder), "--quiet"]) == 1
        assert one_error_line(capsys.readouterr().err) == \
            f"timeline-kg: error: {folder}: in use by another timeline-kg process"
    finally:
        holder.communicate("")
    assert holder.returncode == 0
    assert main(["query", "timeline", "--store", str(folder)]) == 0  # free again once the other one exits


@pytest.mark.parametrize("argv, message", [
    (["query", "timeline", "--store", "ftp://x"], "ftp://x: unknown store setting"),
    (["show", "timeline", "--store", "{tmp}/missing"], "missing: no store there; run `timeline-kg build` first"),
    (["export", "--format", "ttl", "--store", "{tmp}"], "not a timeline-kg store (the folder holds other files)"),
])
def test_bad_store_settings_are_one_line_cli_errors(tmp_path, capsys, argv, message):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    assert main([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 1
    assert message in one_error_line(capsys.readouterr().err)
