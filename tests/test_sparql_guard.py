"""What a query may do is decided from its parsed form: SERVICE, LOAD and FROM never reach a server.

A listener of the test's own on 127.0.0.10 (``tests/listener.py``) stands in for the other server:
every query and update aimed at it goes through the stores and ``timeline-kg query``, and it must
hear nothing. A control shows that the bare engines do contact it, so silence means refusal. The
endpoint's side is in ``tests/test_serve.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, URIRef

from graph.cli import main
from graph.errors import QueryError, QueryRefused, QueryTooLarge
from graph.queries import shipped_queries
from graph.sparql.guard import DATA_UPDATES, checked_query, checked_update
from graph.sparql.text import size_problem
from graph.store import MemoryStore, open_store
from tests.listener import REMOTE_UPDATES, SERVICE_QUERIES, aimed_at, listening

ROOT = Path(__file__).resolve().parent.parent
TRIPLE = (URIRef("urn:x:s"), URIRef("urn:x:p"), URIRef("urn:x:o"))


def _article() -> Graph:
    graph = Graph()
    graph.add(TRIPLE)
    return graph


@pytest.fixture(scope="module")
def listener():
    with listening() as started:
        yield started


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An Oxigraph store holding one triple, so that a pattern matches and SERVICE would be run."""
    folder = tmp_path_factory.mktemp("guard") / "store"
    with open_store(folder) as store:
        store.put_articles({"a": _article()})
    return folder


@pytest.fixture(scope="module")
def oxigraph(store_path: Path):
    with open_store(store_path) as store:
        yield store


@pytest.fixture(scope="module")
def memory():
    store = MemoryStore()
    store.put_articles({"a": _article()})
    return store


# ---------------------------------------------------------------- the decision

@pytest.mark.parametrize("text", [
    *(path.read_text(encoding="utf-8") for path in shipped_queries().values()),
    "SELECT ?service ?load { ?service ?load ?o }",
    "PREFIX ex: <http://example.org/> SELECT * { ?s ex:service ?o ; ex:load ?l . ?s ex:my-service ?x }",
    'SELECT * { ?s ?p "SERVICE <http://example.org/> { }" } # SERVICE <http://example.org/>',
    "SELECT * { ?s <http://example.org/SERVICE> ?o }",
    "SELECT * FROM <urn:x:graph:a> { ?s ?p ?o }",
])
def test_queries_that_contact_nobody_pass(text) -> None:
    assert checked_query(text).algebra.name in {"SelectQuery", "AskQuery", "ConstructQuery", "DescribeQuery"}


@pytest.mark.parametrize("text, allowed", [
    ("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", DATA_UPDATES),
    ("DELETE DATA { <urn:x:a> <urn:x:b> <urn:x:c> }", DATA_UPDATES),
    ("DELETE WHERE { <urn:x:a> ?p ?o }", DATA_UPDATES),
    ("WITH <urn:x:g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", DATA_UPDATES),
    ("CLEAR GRAPH <urn:x:g> ; DROP SILENT GRAPH <urn:x:h>", frozenset({"Clear", "Drop"})),
])
def test_updates_that_stay_here_pass(text, allowed) -> None:
    assert checked_update(text, allowed=allowed).algebra


@pytest.mark.parametrize("text, allowed, refusal", [
    ("LOAD <http://example.org/x.ttl>", frozenset({"Load"}), "LOAD refused"),
    ("CLEAR ALL", DATA_UPDATES, "CLEAR refused: only INSERT DATA, DELETE DATA, DELETE WHERE and DELETE/INSERT"),
    ("DROP GRAPH <urn:x:g>", DATA_UPDATES, "DROP refused"),
    ("CREATE GRAPH <urn:x:g>", DATA_UPDATES, "CREATE refused"),
    ("ADD <urn:x:g> TO <urn:x:h>", DATA_UPDATES, "ADD refused"),
    ("MOVE DEFAULT TO <urn:x:h>", DATA_UPDATES, "MOVE refused"),
    ("COPY <urn:x:g> TO DEFAULT", DATA_UPDATES, "COPY refused"),
    ("INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> } ; DROP ALL", DATA_UPDATES, "DROP refused"),
])
def test_updates_not_allowed_are_refused_at_any_position(text, allowed, refusal) -> None:
    with pytest.raises(QueryRefused, match=refusal):
        checked_update(text, allowed=allowed)


@pytest.mark.parametrize("text, problem", [
    ("SELEC * { ?s ?p ?o }", "malformed SPARQL: the query could not be parsed, so it was not run: Expected"),
    ("SELECT * { ?s ?p ?o } LATERAL { }", "could not be parsed"),  # Oxigraph's extension: rdflib cannot check it
    ("SELECT * { ?s ?p <<( ?a ?b ?c )>> }", "could not be parsed"),
    ("SELECT * { ?s undeclared:p ?o }", "could not be parsed"),
    ("\x00\xff", "could not be parsed"),
])
def test_text_that_does_not_parse_is_refused_not_run(text, problem) -> None:
    with pytest.raises(QueryError, match=problem):
        checked_query(text)


@pytest.mark.parametrize("text, limit", [
    ("SELECT * { " + "FILTER(true) " * 10_000 + "}", "130012 characters, over the 100000 allowed"),
    ("SELECT (" + "+".join(["1"] * 50_000) + " AS ?x) {}", "100017 characters, over the 100000 allowed"),
    ("SELECT * { VALUES ?x { " + "1 " * 25_000 + "} }", "25008 terms, over the 20000 allowed"),
    ("SELECT * { " + "FILTER(true) " * 1_500 + "}", "1502 patterns and operators"),
    ("SELECT (" + "+".join(["1"] * 2_000) + " AS ?x) {}", "2001 patterns and operators"),
    ("SELECT * { " + "MINUS{} " * 600 + "}", "1202 patterns and operators"),
    ("SELECT * { " + "BIND(1 AS ?x) " * 600 + "}", "1202 patterns and operators"),
    ("SELECT " + "(1 AS ?x) " * 1_001 + "{}", "1002 patterns and operators"),
    ("ASK {" + "(" * 100 + "1" + ")" * 100 + "}", "brackets nested over 64 deep"),
    ("ASK { FILTER(" + "\\u0028" * 100 + "1" + ")" * 100 + ") }", "brackets nested over 64 deep"),
])
def test_size_limits_come_before_any_parser_and_name_the_limit(text, limit) -> None:
    with pytest.raises(QueryTooLarge, match=limit.replace("(", r"\(")):
        checked_query(text)


# ---------------------------------------------------------------- nothing reaches the listener

ISSUE_REPRODUCTIONS = ["SELECT * {{ BIND(1 AS ?z) .SERVICE <{url}> {{ ?a ?b ?c }} }}",
                       "SELECT * {{ #x\rSERVICE <{url}> {{ ?a ?b ?c }} }}",
                       "SELECT * {{ SERVICE <{escaped_url}> {{ ?a ?b ?c }} }}"]


@pytest.mark.parametrize("template", ISSUE_REPRODUCTIONS)
def test_control_the_bare_engine_does_contact_the_listener(listener, template) -> None:
    """Without the guard pyoxigraph fetches from the listener: its silence below is a refusal."""
    engine = ox.Store()
    engine.add(ox.Quad(*(ox.NamedNode(str(term)) for term in TRIPLE)))
    before = len(listener.heard)
    list(engine.query(aimed_at((template,), listener.url)[0]))
    assert len(listener.heard) > before
    del listener.heard[before:]


@pytest.mark.parametrize("kind", ["oxigraph", "memory"])
def test_no_service_query_reaches_the_listener_from_a_store(listener, request, kind) -> None:
    store = request.getfixturevalue(kind)
    ran = []
    for text in aimed_at(SERVICE_QUERIES, listener.url):
        try:
            list(store.query(text))
            ran.append(text)
        except QueryError as error:
            assert "SERVICE refused" in str(error) or "could not be parsed" in str(error), text
    assert [text for text in ran if "#x\f" not in text] == []  # a form feed ends no comment: no SERVICE there
    assert listener.heard == []


@pytest.mark.parametrize("kind", ["oxigraph", "memory"])
def test_no_update_reaches_the_listener_from_a_store(listener, request, kind) -> None:
    store = request.getfixturevalue(kind)
    for text in aimed_at(REMOTE_UPDATES, listener.url):
        with pytest.raises(QueryRefused, match="(SERVICE|LOAD) refused"):
            store.update(text)
    assert len(store) == 1 and listener.heard == []


def test_memory_store_refuses_from_and_using_which_rdflib_would_fetch(listener, memory) -> None:
    with pytest.raises(QueryRefused, match="FROM refused"):
        memory.query(f"SELECT * FROM <{listener.url}> {{ ?s ?p ?o }}")
    with pytest.raises(QueryRefused, match="FROM refused"):
        memory.query(f"SELECT * FROM NAMED <{listener.url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    with pytest.raises(QueryRefused, match="USING refused"):
        memory.update(f"DELETE {{ ?s ?p ?o }} USING <{listener.url}> WHERE {{ ?s ?p ?o }}")
    assert len(memory) == 1 and listener.heard == []


def test_memory_store_still_answers_with_its_bound_prefixes(memory) -> None:
    assert memory.query("SELECT ?o { ?s rdf:type ?o }").vars is not None
    assert memory.query("ASK { <urn:x:s> <urn:x:p> <urn:x:o> }").askAnswer is True


@pytest.mark.parametrize("source", ["--store", "--graph"])
def test_cli_query_reaches_no_listener_and_says_why_in_one_line(listener, store_path, tmp_path, capsys,
                                                               source) -> None:
    target = store_path
    if source == "--graph":
        target = tmp_path / "graph.ttl"
        _article().serialize(target, format="turtle")
    for text in aimed_at(SERVICE_QUERIES, listener.url):
        if "#x\f" in text:
            continue  # a comment to the end of the line: no SERVICE there (the stores' test runs it)
        assert main(["query", text, source, str(target)]) == 1, text
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and err[0].startswith("timeline-kg: error:"), err
    # rdflib would fetch a FROM graph: refused; Oxigraph reads it as a graph of the store: it runs
    from_listener = f"SELECT * FROM <{listener.url}> {{ ?s ?p ?o }}"
    assert main(["query", from_listener, source, str(target)]) == (1 if source == "--graph" else 0)
    assert "FROM refused" in capsys.readouterr().err or source == "--store"
    assert listener.heard == []


@pytest.mark.parametrize("source", ["--store", "--graph"])
@pytest.mark.parametrize("text, limit", [
    ("SELECT * { " + "FILTER(true) " * 10_000 + "}", "characters"),
    ("SELECT (" + "+".join(["1"] * 50_000) + " AS ?x) {}", "characters"),
    ("SELECT * { " + "FILTER(true) " * 2_000 + "}", "patterns and operators"),
])
def test_cli_query_too_large_is_one_line_not_a_crash(store_path, tmp_path, source, text, limit) -> None:
    """These segfaulted ``timeline-kg query`` (exit 139, no message); they run in a child process."""
    target = store_path
    if source == "--graph":
        target = tmp_path / "graph.ttl"
        _article().serialize(target, format="turtle")
    result = subprocess.run([sys.executable, "-m", "graph", "query", text, source, str(target)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 1, result.stderr[-500:]
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "query too large" in lines[0] and limit in lines[0], lines


CHAINS = {  # a flat chain of each kind, as long as the limits let through: none may crash the engine
    "MINUS": "SELECT * { " + "MINUS{} " * 499 + "}",
    "BIND": "SELECT * { " + " ".join(f"BIND(1 AS ?b{i})" for i in range(499)) + " }",
    "FILTER": "SELECT * { " + "FILTER(true) " * 998 + "}",
    "sum": "SELECT (" + "+".join(["1"] * 999) + " AS ?x) {}",
    "UNION": "SELECT * { " + "{} UNION " * 497 + "{} }",
    # (a join of 998 triple patterns does not crash either, but Oxigraph takes minutes to plan one
    # of 300: the endpoint's --timeout stops it; SECURITY.md says so)
    "projection": "SELECT " + " ".join(f"(1 AS ?x{i})" for i in range(999)) + " {}",
}


@pytest.mark.parametrize("name", CHAINS)
def test_the_longest_chains_the_limits_let_through_do_not_crash_oxigraph(name) -> None:
    """Run by bare pyoxigraph in a child process (rdflib's check gives up on some of them first)."""
    text = CHAINS[name]
    assert size_problem(text) is None
    run = "import sys, pyoxigraph as ox; r = ox.Store().query(sys.argv[1]); list(r)"
    result = subprocess.run([sys.executable, "-c", run, text], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, (result.returncode, result.stderr[-300:])


# ---------------------------------------------------------------- property

_PATTERNS = ["?s ?p ?o", "BIND(1 AS ?z)", "{ ?s ?p ?o }", "FILTER(true)", "OPTIONAL { ?s ?p ?o }", "VALUES ?v { 1 }",
             '?s ?p "x"', "?s ?p 1", "?s ?p ?o ;", "?s ?p ?o, ?q", "{ BIND(2 AS ?y) }", "# a comment\n"]
_BEFORE = [".", ";", "}", "{", ",", ")", " ", "", "\t", "\n", "\r", "\r\n", "#c\r", "#c\n", "#c\f", "#c\r\n",
           "# SERVICE\r", ". #\r"]
_KEYWORD = ["SERVICE", "service", "Service", "SeRvIcE", "\\u0053ERVICE", "SERVICE SILENT", "SERVICE\r", "SERVICE#c\n"]
_WRAP = ["{}", "OPTIONAL {{ {} }}", "FILTER EXISTS {{ {} }}", "{{ SELECT * {{ {} }} }}", "MINUS {{ {} }}",
         "{{ {} }} UNION {{ ?s ?p ?o }}"]
_FORM = ["SELECT * {{ {} }}", "ASK {{ {} }}", "CONSTRUCT {{ ?a ?b ?c }} WHERE {{ {} }}", "SELECT * WHERE {{ {} }}"]
_UPDATE_FORM = ["INSERT {{ GRAPH <urn:x:g> {{ ?a ?b ?c }} }} WHERE {{ {} }}", "DELETE {{ ?a ?b ?c }} WHERE {{ {} }}"]
_LOAD = ["LOAD <{url}>", "load silent <{url}>", "LOAD <{url}> INTO GRAPH <urn:x:g>"]


@st.composite
def remote_requests(draw, url: str) -> tuple[str, str]:
    """("query" or "update", text): patterns, a separator, a SERVICE clause (or LOAD) aimed at ``url``."""
    escaped = "\\u%04X" % ord(url[0]) + url[1:]
    iri = f"<{draw(st.sampled_from([url, escaped]))}>"
    patterns = " ".join(draw(st.lists(st.sampled_from(_PATTERNS), max_size=3)))
    before = draw(st.sampled_from(_BEFORE))
    after = draw(st.sampled_from(_BEFORE))
    clause = f"{draw(st.sampled_from(_KEYWORD))} {iri} {{ ?a ?b ?c }}"
    group = draw(st.sampled_from(_WRAP)).format(patterns + before + clause + after)
    kind = draw(st.sampled_from(["query", "query", "update", "load"]))
    if kind == "load":
        prefix = draw(st.sampled_from(["", "#x\r", "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> } ;", "\r\n"]))
        return "update", prefix + draw(st.sampled_from(_LOAD)).format(url=iri[1:-1])
    if kind == "update":
        return "update", draw(st.sampled_from(_UPDATE_FORM)).format(group)
    return "query", draw(st.sampled_from(_FORM)).format(group)


@pytest.fixture(scope="module")
def property_listener():
    with listening() as started:
        yield started


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_property_no_generated_query_reaches_the_listener(property_listener, oxigraph, memory, data) -> None:
    kind, text = data.draw(remote_requests(property_listener.url))
    for store in (oxigraph, memory):
        try:
            list(store.query(text)) if kind == "query" else store.update(text)
        except QueryError:
            pass
        assert property_listener.heard == [], text


def test_a_store_closes_in_a_process_where_a_library_turned_pyparsings_cache_on(tmp_path):
    """matplotlib turns pyparsing's packrat cache on when imported (a notebook plotting a timeline);
    the cache kept the exceptions of the guard's parse, their tracebacks our frames, and those a
    store's answers: the store stayed locked after closing, and the next open said "in use"."""
    from pyparsing import ParserElement

    graph = Graph()
    graph.add((URIRef("urn:x:s"), URIRef("urn:x:p"), URIRef("urn:x:o")))
    ParserElement.enable_packrat()
    try:
        with open_store(tmp_path / "store") as store:
            store.put_articles({"a": graph})
            assert len(list(store.query("SELECT ?s WHERE { ?s ?p ?o }"))) == 1
        with open_store(tmp_path / "store") as store:
            assert store.article_ids() == {"a"}
    finally:
        ParserElement.disable_memoization()
