"""The remote store against a real Virtuoso: the shipped queries answer as on the Oxigraph store,
article graphs are replaced and removed without leaving duplicates, errors are one line.

Virtuoso (Debian's ``virtuoso-opensource``) is started on 127.0.0.1 with a temporary database for
this module. Without ``virtuoso-t`` the module is skipped, except under CI, where it fails.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import XSD

from graph.errors import ConfigError, QueryError
from graph.queries import load_query, shipped_queries
from graph.store import Store, open_store
from graph.store.remote import ENV_PASSWORD, ENV_USER, SparqlStore
from tests.virtuoso import DBA_PASSWORD, Virtuoso, start_virtuoso, virtuoso_binary

STORY = Path(__file__).resolve().parent / "data" / "story"
EX = "http://example.org/"

# Per shipped query: the column its ORDER BY sorts on first (compared in order), and the parameter
# it takes with the result column whose first value is bound to it (None: no parameter).
SHAPES = {
    "timeline": ("begin", None),
    "actor-events": ("actorLabel", ("name", "actorLabel")),
    "actor-network": ("sharedEvents", None),
    "place-events": ("placeLabel", ("name", "placeLabel")),
    "provenance": ("event", ("event", "event")),
    "conflicts": ("event", None),
}


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    if virtuoso_binary() is None:
        if os.environ.get("CI"):
            pytest.fail("virtuoso-t not found: CI must install virtuoso-opensource (see .ci/run)")
        pytest.skip("virtuoso-t not installed (apt-get install virtuoso-opensource)")
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


def remote_store(server: Virtuoso) -> SparqlStore:
    """Queries on /sparql, updates on /sparql-auth as the DBA (HTTP Digest)."""
    return SparqlStore(f"{server.sparql_url}?update={server.sparql_auth_url}", user="dba", password=DBA_PASSWORD)


@pytest.fixture
def scratch(virtuoso: Virtuoso) -> Iterator[SparqlStore]:
    """A remote store for one test; the articles the test put are removed afterwards."""
    store = remote_store(virtuoso)
    before = store.article_ids()
    yield store
    store.remove_articles(store.article_ids() - before)


def article_graphs(result) -> dict[str, Graph]:
    """A build's triples, one graph per article (graph.rdf.to_article_graphs, as a store keeps them)."""
    from graph.link import link
    from graph.rdf import to_article_graphs

    return to_article_graphs(result.extractions, link(result.extractions))


@pytest.fixture(scope="module")
def story() -> dict[str, Graph]:
    from graph.pipeline import build

    result = build([STORY])
    assert not result.failures, result.failures
    parts = article_graphs(result)
    assert len(parts) == 3
    return parts


@pytest.fixture(scope="module")
def stores(story: dict[str, Graph], virtuoso: Virtuoso,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, SparqlStore]]:
    """The story in an Oxigraph store on disk and in Virtuoso."""
    local = open_store(tmp_path_factory.mktemp("oxigraph") / "store")
    remote = remote_store(virtuoso)
    local.put_articles(story)
    remote.put_articles(story)
    yield local, remote
    remote.remove_articles(story)
    local.close()


# Columns made by GROUP_CONCAT, whose order SPARQL leaves to the engine: compared as sorted parts.
CONCATENATED = {"actors", "places"}


def cell(column: str, value: object) -> str:
    """A result cell as text, normalised where engines may differ and mean the same: typed literals
    by their value (the Oxigraph store answers nif:beginIndex as xsd:integer, Virtuoso keeps
    xsd:nonNegativeInteger), GROUP_CONCAT parts sorted; '' for unbound."""
    if value is None:
        return ""
    if column in CONCATENATED:
        return "; ".join(sorted(str(value).split("; ")))
    if isinstance(value, Literal) and value.datatype not in (None, XSD.string) and value.value is not None:
        return str(value) if isinstance(value.value, str) else str(value.value)
    return str(value)


def answer(store: Store, name: str, bindings: dict | None = None) -> list[dict[str, str]]:
    result = store.query(load_query(name), bindings)
    return [{str(var): cell(str(var), row[var]) for var in result.vars} for row in result]


def binding(name: str, rows: list[dict[str, str]]) -> dict:
    parameter = SHAPES[name][1]
    if parameter is None:
        return {}
    variable, column = parameter
    value = rows[0][column]
    return {variable: URIRef(value) if value.startswith("http") else Literal(value)}


def test_every_shipped_query_has_a_known_shape():
    assert shipped_queries(), "no shipped queries found"
    assert set(shipped_queries()) == set(SHAPES)


# actor-events and place-events say SELECT DISTINCT, not GROUP BY over every column: Virtuoso 7.2
# mixes up groups whose keys are unbound when the query also has ORDER BY.
CASES = [pytest.param(name, bound, id=f"{name}{'-bound' if bound else ''}")
         for name in sorted(SHAPES) for bound in (False, True) if not bound or SHAPES[name][1]]


@pytest.mark.parametrize(("name", "bound"), CASES)
def test_shipped_query_answers_as_on_oxigraph(stores, name: str, bound: bool):
    local, remote = stores
    everything = answer(local, name)
    bindings = binding(name, everything) if bound else {}
    expected = answer(local, name, bindings)
    got = answer(remote, name, bindings)
    assert got, f"{name}: no rows from Virtuoso"
    assert Counter(tuple(sorted(r.items())) for r in got) == Counter(tuple(sorted(r.items())) for r in expected)
    key = SHAPES[name][0]
    assert [r[key] for r in got] == [r[key] for r in expected]  # ORDER BY honoured
    if bound:
        assert len(got) < len(everything), f"{name}: binding {bindings} selected nothing"


def test_the_union_holds_each_triple_once(stores, story):
    local, remote = stores
    union = Graph()
    for part in story.values():
        union += part
    assert sum(len(part) for part in story.values()) > len(union)  # some triples are in two graphs
    assert len(remote) == len(local) == len(union)
    assert isomorphic(remote.to_graph(), union)
    assert remote.article_ids() == set(story)


def test_putting_an_article_again_replaces_its_graph(stores, story):
    local, remote = stores
    doc_id = sorted(story)[0]
    others = Graph()
    for other, part in story.items():
        if other != doc_id:
            others += part
    own = [t for t in story[doc_id] if t not in others]
    smaller = Graph()
    for triple in story[doc_id]:
        if triple != own[0]:
            smaller.add(triple)
    try:
        remote.put_articles({doc_id: story[doc_id]})
        assert len(remote) == len(local)
        remote.put_articles({doc_id: smaller})
        assert len(remote) == len(local) - 1
        assert not remote.query("ASK { ?s ?p ?o }", dict(zip("spo", own[0]))).askAnswer
    finally:
        remote.put_articles({doc_id: story[doc_id]})
    assert len(remote) == len(local)


def test_removing_an_article_keeps_what_others_still_hold(stores, story):
    local, remote = stores
    doc_id = sorted(story)[-1]
    try:
        local.remove_articles([doc_id])
        remote.remove_articles([doc_id])
        assert remote.article_ids() == set(story) - {doc_id}
        assert isomorphic(remote.to_graph(), local.to_graph())
    finally:
        local.put_articles({doc_id: story[doc_id]})
        remote.put_articles({doc_id: story[doc_id]})
    assert isomorphic(remote.to_graph(), local.to_graph())


def test_dump_writes_one_graph_per_article(stores, story, tmp_path):
    from rdflib import Dataset

    from graph.rdf.iris import graph_iri

    _, remote = stores
    remote.dump(tmp_path / "story.trig", "trig")
    dataset = Dataset()
    dataset.parse(tmp_path / "story.trig", format="trig")
    for doc_id, part in story.items():
        assert isomorphic(dataset.graph(graph_iri(doc_id)), part)


def test_a_large_article_is_loaded_in_batches_and_read_back_in_pages(scratch):
    label = URIRef(f"{EX}label")
    graph = Graph()
    for i in range(12000):  # several requests, each over Virtuoso's plain INSERT DATA limit
        graph.add((URIRef(f"{EX}event/{i}"), label, Literal(f"Merkel meets Macron, take {i}")))
    # an article's text: longer than the sort keys Virtuoso accepts
    graph.add((URIRef(f"{EX}article"), label, Literal("Merkel met Macron in Geneva. " * 300)))
    scratch.put_articles({"large": graph})
    count = scratch.query("SELECT (COUNT(*) AS ?n) WHERE { ?e ?label ?text }", {"label": label})
    assert int(next(iter(count))[0]) == 12001
    # more rows than the server's 10,000-row cap on one answer
    assert set(scratch.to_graph().triples((None, label, None))) == set(graph)
    held = len(scratch)
    scratch.remove_articles(["large"])
    assert len(scratch) == held - len(graph)


def test_bindings_are_values_not_syntax(scratch):
    tricky = Literal('Geneva" } ; DROP ALL ; SELECT * { "\n\\')
    graph = Graph()
    graph.add((URIRef(f"{EX}place/geneva"), URIRef(f"{EX}label"), tricky))
    scratch.put_articles({"tricky": graph})
    rows = list(scratch.query("SELECT ?place WHERE { ?place ?p ?name }", {"name": tricky}))
    assert rows == [(URIRef(f"{EX}place/geneva"),)]
    with pytest.raises(QueryError, match="binding"):
        scratch.query("SELECT ?place WHERE { ?place ?p ?name }", {"name": URIRef("http://e/> } DROP ALL")})


def test_an_update_into_an_article_graph_shows_in_the_union(scratch):
    from graph.rdf.iris import graph_iri

    scratch.update(f"INSERT DATA {{ GRAPH <{graph_iri('edited')}> {{ <{EX}merkel> <{EX}met> <{EX}macron> }} }} # done")
    assert "edited" in scratch.article_ids()
    assert scratch.query(f"ASK {{ <{EX}merkel> <{EX}met> <{EX}macron> }}").askAnswer


def test_credentials_come_from_the_environment(virtuoso, monkeypatch, scratch):
    monkeypatch.setenv(ENV_USER, "dba")
    monkeypatch.setenv(ENV_PASSWORD, DBA_PASSWORD)
    graph = Graph()
    graph.add((URIRef(f"{EX}merkel"), URIRef(f"{EX}met"), URIRef(f"{EX}macron")))
    store = open_store(f"{virtuoso.sparql_url}?update={virtuoso.sparql_auth_url}")
    store.put_articles({"env": graph})
    assert "env" in store.article_ids()


def test_updates_without_credentials_fail_naming_the_setting(virtuoso, monkeypatch):
    monkeypatch.delenv(ENV_USER, raising=False)
    monkeypatch.delenv(ENV_PASSWORD, raising=False)
    store = open_store(f"{virtuoso.sparql_url}?update={virtuoso.sparql_auth_url}")
    graph = Graph()
    graph.add((URIRef(f"{EX}merkel"), URIRef(f"{EX}met"), URIRef(f"{EX}macron")))
    with pytest.raises(ConfigError, match=f"{virtuoso.sparql_auth_url}.*{ENV_USER}") as error:
        store.put_articles({"refused": graph})
    assert "\n" not in str(error.value)
    assert "refused" not in store.article_ids()


def test_a_malformed_query_is_one_line_query_error(stores):
    _, remote = stores
    with pytest.raises(QueryError, match="sparql.*HTTP 400") as error:
        remote.query("SELECT ?s WHERE { ?s ?p ")
    assert "\n" not in str(error.value)


def test_an_unreachable_server_is_one_line_config_error():
    import socket

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{sock.getsockname()[1]}/sparql"
    with pytest.raises(ConfigError, match=f"{url}: cannot reach") as error:
        open_store(url).query("ASK { }")
    assert "\n" not in str(error.value)
