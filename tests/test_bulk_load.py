"""A build's article files loaded in one pass of Oxigraph's loader: each article's triples land in
its named graph and in the union; a file that is no article's N-Quads is named in a one-line
error and the store keeps what it held; a large build's timeline.ttl, written from the same
files, holds exactly the store's union."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef

import graph.cli.common as common
from graph.cli import main
from graph.rdf.iris import graph_iri
from graph.rdf.nquads import as_triples, to_nquads
from graph.store import StoreError, bulk, open_store
from graph.store.oxigraph import OxigraphStore
from tests.conftest import SEED

EX = "urn:x:"


def graph_of(*triples: tuple[str, str, object]) -> Graph:
    graph = Graph()
    for s, p, o in triples:
        graph.add((URIRef(EX + s), URIRef(EX + p), o if isinstance(o, Literal) else URIRef(EX + o)))
    return graph


def union_of(store) -> set[tuple]:
    buffer = io.BytesIO()
    store.dump(buffer, "nt")
    return set(Graph().parse(data=buffer.getvalue().decode("utf-8"), format="nt"))


def test_each_article_is_in_its_graph_and_the_union_holds_each_triple_once(tmp_path):
    shared = ("event", "label", Literal('said "yes" <urn:x:g> .\nthen left'))  # a quad-like line inside a literal
    files = {"a": graph_of(shared, ("event", "actor", "putin")), "b": graph_of(shared, ("event", "place", "sochi"))}
    paths = {}
    for doc_id, graph in files.items():
        paths[doc_id] = tmp_path / f"{doc_id}.nq"
        paths[doc_id].write_text(to_nquads(graph, doc_id), encoding="utf-8")
    paths["b"].write_bytes(paths["b"].read_bytes().rstrip(b"\n"))  # a last line without its line break
    with open_store(tmp_path / "store") as store:
        store.replace_all_from_files(paths)
        assert store.article_ids() == {"a", "b"}
        assert len(store) == 3
        assert union_of(store) == set(files["a"]) | set(files["b"])
        in_b = store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{graph_iri('b')}> {{ ?s ?p ?o }} }}")
        assert {tuple(row) for row in in_b} == set(files["b"])


def article_files(folder, count: int) -> dict:
    paths = {}
    for n in range(count):
        paths[f"a{n}"] = folder / f"a{n}.nq"
        paths[f"a{n}"].write_text(to_nquads(graph_of((f"e{n}", "p", "o"), (f"e{n}", "q", Literal(n))), f"a{n}"),
                                  encoding="utf-8")
    return paths


@pytest.fixture
def loads(monkeypatch) -> list[int]:
    """The number of articles in each pass of the loader, recorded as the passes happen."""
    passes: list[int] = []
    original = OxigraphStore.load_nquads

    def counted(self, data: bytes) -> None:
        original(self, data)
        passes.append(len({quad.graph_name for quad in ox.parse(data, format=ox.RdfFormat.N_QUADS)} - {ox.DefaultGraph()}))
    monkeypatch.setattr(OxigraphStore, "load_nquads", counted)
    return passes


def test_files_are_loaded_in_groups_of_bounded_size_and_all_of_them_land(tmp_path, monkeypatch, loads):
    paths = article_files(tmp_path, 5)
    monkeypatch.setattr(bulk, "BYTES_PER_LOAD", 2 * paths["a0"].stat().st_size)
    with open_store(tmp_path / "store") as store:
        store.replace_all_from_files(paths)
        assert loads == [2, 2, 1]
        assert store.article_ids() == set(paths)
        assert len(store) == 10


def test_files_are_loaded_as_they_are_added_before_the_commit(tmp_path, monkeypatch, loads):
    paths = article_files(tmp_path, 4)
    monkeypatch.setattr(bulk, "BYTES_PER_LOAD", 1)  # a pass of the loader per file
    with open_store(tmp_path / "store") as store, store.replacement() as replacement:
        for doc_id, path in paths.items():
            replacement.add(doc_id, path)
        for _ in range(500):  # the loader thread's work, while this one goes on
            if len(loads) == 4:
                break
            time.sleep(0.01)
        assert loads == [1, 1, 1, 1]
        assert store.article_ids() == set()  # nothing is the store's before the commit
        replacement.commit()
        assert store.article_ids() == set(paths)


def test_a_cleared_or_uncommitted_replacement_leaves_no_trace(tmp_path):
    paths = article_files(tmp_path, 3)
    with open_store(tmp_path / "store") as store:
        store.put_articles({"old": graph_of(("old", "p", "o"))})
        with store.replacement() as replacement:
            replacement.add("a0", paths["a0"])
        assert store.article_ids() == {"old"}
        with store.replacement() as replacement:
            replacement.add("a0", paths["a0"])
            replacement.clear()  # a build making its articles again
            replacement.add("a1", paths["a1"])
            replacement.add("a2", paths["a2"])
            replacement.commit()
        assert store.article_ids() == {"a1", "a2"}
    assert sorted(path.name for path in tmp_path.iterdir() if path.name.startswith(".")) == [".store.lock"]


@pytest.mark.parametrize("text, problem", [
    ("<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g1> .\n<urn:x:s> <urn:x:p> <urn:x:q> <urn:x:g2> .\n",
     "not all in one article's graph"),
    ("no statement at all\n", "no N-Quads statement"),
    ("<urn:x:s> <urn:x:p> <urn:x:o> <urn:x:g> .\n<urn:x:broken <urn:x:p> <urn:x:o> <urn:x:g> .\n", "cannot load"),
])
def test_a_file_that_is_no_articles_nquads_is_named_and_the_store_keeps_its_articles(tmp_path, text, problem):
    good, bad = tmp_path / "good.nq", tmp_path / "bad.nq"
    good.write_text(to_nquads(graph_of(("e", "p", "o")), "good"), encoding="utf-8")
    bad.write_text(text, encoding="utf-8")
    with open_store(tmp_path / "store") as store:
        store.put_articles({"old": graph_of(("old", "p", "o"))})
        with pytest.raises(StoreError) as raised:
            store.replace_all_from_files({"good": good, "bad": bad})
        assert str(raised.value).startswith(f"{bad}: ") and problem in str(raised.value)
        assert "\n" not in str(raised.value)
        assert store.article_ids() == {"old"}


def test_as_triples_keeps_lines_whose_literal_ends_like_a_graph():
    quads = b'<urn:s> <urn:p> "x <urn:g> ." <urn:g> .\n<urn:s> <urn:q> "y" <urn:g> .\n'
    assert as_triples(quads) == b'<urn:s> <urn:p> "x <urn:g> ." .\n<urn:s> <urn:q> "y" .\n'


def test_a_large_builds_turtle_holds_exactly_the_stores_union(tmp_path, monkeypatch):
    monkeypatch.setattr(common, "PRETTY_TURTLE_UP_TO", 10)  # the seed's graph counts as a large one
    assert main(["build", str(SEED), "--out", str(tmp_path / "out"), "--quiet"]) == 0
    turtle = (tmp_path / "out" / "timeline.ttl").read_text(encoding="utf-8")
    assert turtle.splitlines() == sorted(set(turtle.splitlines()))  # one line per triple, in a fixed order
    with open_store(tmp_path / "out" / "store", read_only=True) as store:
        union = union_of(store)
    assert len(union) > 1000
    assert set(Graph().parse(data=turtle, format="nt")) == union


def test_a_build_that_makes_its_articles_again_stores_only_their_last_files(tmp_path, monkeypatch):
    """The wire article's graph breaks the contract after the others were loaded: they are made
    again without it, and the store loads those files, not the first ones."""
    from graph.rdf.validate import violations
    from tests.test_hostile_sources import break_dates_of

    break_dates_of("a_wire", monkeypatch)  # three articles: made in this process
    story = Path(__file__).parent / "data" / "story"
    assert main(["build", str(story), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    with open_store(tmp_path / "out" / "store", read_only=True) as store:
        assert store.article_ids() == {"b_daily", "c_weekly"}
        conforms, _, lines = violations(store.to_graph())
    assert conforms, lines[:3]


def test_a_load_that_fails_unexpectedly_fails_the_commit_and_the_store_keeps_its_articles(tmp_path, monkeypatch):
    paths = article_files(tmp_path, 2)

    def broken(self, data: bytes) -> None:
        raise MemoryError("no room")
    monkeypatch.setattr(OxigraphStore, "load_nquads", broken)
    with open_store(tmp_path / "store") as store:
        store.put_articles({"old": graph_of(("old", "p", "o"))})
        with pytest.raises(StoreError, match="cannot load the article files .MemoryError: no room"):
            store.replace_all_from_files(paths)
        assert store.article_ids() == {"old"}
