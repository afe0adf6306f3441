"""``timeline-kg build --scheduler``: extraction and each article's graph on the workers of a
dask.distributed cluster give the very store and Turtle file of a one-process build; an unreachable
scheduler or a missing dask is one line and leaves the store as it was; the Oxigraph store loads a
build's N-Quads files all or nothing."""

from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from graph.cli import main
from graph.rdf.nquads import to_nquads
from graph.store import StoreError, open_store
from tests.conftest import SEED

# Three short TimeBank articles, one of which tells events another tells too (linked across articles).
TIMEML = ["ABC19980108.1830.0711.tml", "ABC19980114.1830.0611.tml", "APW19980213.1310.tml"]


def nquads(store: Path) -> list[str]:
    """The store's article graphs as sorted N-Quads lines, as `timeline-kg export --format nq` writes them."""
    with open_store(store, read_only=True) as opened:
        text = opened_dump(opened)
    return sorted(text.splitlines())


def opened_dump(store) -> str:
    import io

    buffer = io.BytesIO()
    store.dump(buffer, "nq")
    return buffer.getvalue().decode("utf-8")


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("timeline-kg: error:")]


@pytest.fixture
def articles(tmp_path, timeml_dir) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(SEED, folder)
    shutil.copy(SEED.with_suffix(".json"), folder)
    for name in TIMEML:
        shutil.copy(timeml_dir / "train" / "TimeBank" / name, folder)
    return folder


def test_a_build_on_a_dask_cluster_writes_the_store_and_turtle_of_a_one_process_build(articles, tmp_path):
    from distributed import LocalCluster

    assert main(["build", str(articles), "--out", str(tmp_path / "local"), "--quiet", "--jobs", "1"]) == 0
    shared = tmp_path / "shared"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        assert main(["build", str(articles), "--out", str(tmp_path / "cluster"), "--quiet",
                     "--scheduler", cluster.scheduler_address, "--shared-folder", str(shared)]) == 0
        ran = set(cluster.scheduler.task_prefixes)
    assert {"extract_one", "write_article"} <= ran  # the articles went through the cluster's workers
    local, distributed = nquads(tmp_path / "local" / "store"), nquads(tmp_path / "cluster" / "store")
    graphs = {line.rsplit(" ", 2)[1] for line in local}
    assert len(graphs) == 1 + len(TIMEML) and len(local) > 1000
    assert distributed == local
    assert (tmp_path / "cluster" / "timeline.ttl").read_bytes() == (tmp_path / "local" / "timeline.ttl").read_bytes()
    assert list(shared.iterdir()) == []  # the build's N-Quads files are gone once loaded


def one_triple(text: str) -> Graph:
    graph = Graph()
    graph.add((URIRef("urn:x:event"), URIRef("urn:x:label"), Literal(text)))
    return graph


def free_port() -> int:
    """A port of this machine nothing listens on (bound, read, released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_an_unreachable_scheduler_is_one_line_naming_it_and_the_store_is_untouched(tmp_path, capsys, monkeypatch):
    import graph.pipeline.stages as stages

    monkeypatch.setattr(stages, "CONNECT_SECONDS", 2)  # nothing answers: no need to wait 10 s to know
    store = tmp_path / "store"
    with open_store(store) as opened:
        opened.put_articles({"old": one_triple("kept")})
    before = nquads(store)
    address = f"tcp://127.0.0.1:{free_port()}"
    argv = ["build", str(SEED), "--store", str(store), "--out", str(tmp_path / "out"), "--scheduler", address]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and error_lines(err)
    assert f"{address}: cannot reach the dask scheduler" in err
    assert nquads(store) == before
    assert not (tmp_path / "out" / "timeline.ttl").exists()


def test_without_dask_a_scheduler_is_one_line_saying_what_to_install(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as when it is not installed: import fails
    argv = ["build", str(SEED), "--out", str(tmp_path / "out"), "--scheduler", "tcp://127.0.0.1:8786"]
    assert main(argv) == 1
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith("timeline-kg: error:") and "pip install 'timeline-kg[cluster]'" in line


def test_the_oxigraph_store_loads_article_files_all_or_nothing(tmp_path):
    files = {}
    for doc_id, text in (("a", "one"), ("b", "two")):
        files[doc_id] = tmp_path / f"{doc_id}.nq"
        files[doc_id].write_text(to_nquads(one_triple(text), doc_id), encoding="utf-8")
    with open_store(tmp_path / "store") as store:
        store.put_articles({"old": one_triple("old")})
        store.replace_all_from_files(files)
        assert store.article_ids() == {"a", "b"}
        assert {str(row[0]) for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")} == {"one", "two"}
        (tmp_path / "b.nq").write_text("<urn:x:broken", encoding="utf-8")
        with pytest.raises(StoreError, match=r"b\.nq: cannot load"):
            store.replace_all_from_files({"c": files["a"], "b": files["b"]})
        assert store.article_ids() == {"a", "b"}
        assert {str(row[0]) for row in store.query("SELECT ?o WHERE { ?s ?p ?o }")} == {"one", "two"}


def test_an_article_whose_graph_cannot_be_made_is_its_one_line_error_and_the_others_are_built(
        tmp_path, capsys, monkeypatch):
    import graph.pipeline.stages as stages

    real = stages.article_triples

    def broken_for_b(part):
        if part.document.doc_id == "b_daily":
            raise RuntimeError("a bug\nover two lines")
        return real(part)

    monkeypatch.setattr(stages, "article_triples", broken_for_b)  # three articles: made in this process
    story = Path(__file__).parent / "data" / "story"
    assert main(["build", str(story), "--store", str(tmp_path / "store"), "--out", str(tmp_path / "out"),
                 "--quiet"]) == 1
    [line] = error_lines(capsys.readouterr().err)
    assert line.startswith(f"timeline-kg: error: {story / 'b_daily.txt'}: its events fail the RDF contract "
                           "(RuntimeError: a bug over two lines)")
    with open_store(tmp_path / "store", read_only=True) as store:
        assert store.article_ids() == {"a_wire", "c_weekly"}
