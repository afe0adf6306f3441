"""``timeline-kg serve``: the SPARQL 1.1 Protocol endpoint spoken to by a real client (SPARQLWrapper).

The store is built from tests/data/story into a real Oxigraph folder; the server runs in a thread
of this process with its query workers in processes of their own, as ``timeline-kg serve`` runs it.
Every answer is compared with the same query run on the store directly.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.queries import shipped_queries
from graph.serve import ServerConfig, running
from graph.store import open_store
from tests.listener import REMOTE_UPDATES, SERVICE_QUERIES, aimed_at, listening

SPARQLWrapper = pytest.importorskip("SPARQLWrapper", reason="pip install 'SPARQLWrapper>=2' (test extra)")
from SPARQLWrapper import CSV, GET, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML  # noqa: E402
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "tests" / "data" / "story"
# Four copies of every triple joined: 10^11 rows or more on the story store; no engine finishes it.
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CONSTRUCT = """PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?e a sem:Event ; rdfs:label ?l ; sem:hasActor ?a } WHERE { ?e a sem:Event ; rdfs:label ?l ; sem:hasActor ?a }"""
SHIPPED = sorted(shipped_queries())


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The story articles built into an Oxigraph store folder."""
    from graph.pipeline import build
    from graph.sources import find_sources

    result = build(find_sources([STORY]))
    assert not result.failures and len(result.graph) > 100
    folder = tmp_path_factory.mktemp("serve") / "store"
    with open_store(folder) as store:
        store.put_articles({"story": result.graph})
    return folder


@pytest.fixture(scope="module")
def store(store_dir: Path):
    """The same store opened read-only in this process, for the expected answers."""
    with open_store(store_dir, read_only=True) as opened:
        yield opened


@pytest.fixture(scope="module")
def endpoint(store_dir: Path):
    """A read-only server over the story store, its views drawn from the store."""
    with running(ServerConfig(store=str(store_dir), port=0, views=None, log=False)) as server:
        yield server


@pytest.fixture(scope="module")
def strict(store_dir: Path):
    """A read-only server with a 2 s timeout and 5 rows at most."""
    with running(ServerConfig(store=str(store_dir), port=0, timeout=2, max_rows=5, views=None, log=False)) as server:
        yield server


def client(endpoint, query: str, method=GET, fmt=JSON):
    sparql = SPARQLWrapper.SPARQLWrapper(endpoint.url + "sparql")
    sparql.setQuery(query)
    sparql.setMethod(method)
    sparql.setReturnFormat(fmt)
    return sparql


def fetch(url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
          method: str | None = None) -> tuple[int, dict, bytes]:
    """Status, headers and body of a request, errors included (urllib raises on 4xx/5xx)."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def expected_rows(store, query: str) -> tuple[list[str], Counter]:
    result = store.query(query)
    names = [str(v) for v in result.vars]
    return names, Counter(tuple("" if row[n] is None else str(row[n]) for n in names) for row in result)


def _tsv_value(term: str) -> str:
    if term.startswith("<"):
        return term[1:-1]
    match = re.fullmatch(r'"(.*)"(?:@[\w-]+|\^\^<[^>]*>)?', term, re.S)
    if match:
        escapes = {"t": "\t", "n": "\n", "r": "\r", '"': '"', "\\": "\\"}
        return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), match.group(1))
    assert term == "" or term.startswith("_:"), f"not a TSV term: {term!r}"
    return term


def rows_of(fmt: str, converted) -> tuple[list[str], Counter]:
    """Variable names and rows (plain strings) of a SPARQLWrapper answer in ``fmt``."""
    if fmt == JSON:
        names = converted["head"]["vars"]
        return names, Counter(tuple(b.get(n, {}).get("value", "") for n in names)
                              for b in converted["results"]["bindings"])
    if fmt == XML:
        names = [v.getAttribute("name") for v in converted.getElementsByTagName("variable")]
        rows = Counter()
        for result in converted.getElementsByTagName("result"):
            values = {b.getAttribute("name"): _xml_text(b) for b in result.getElementsByTagName("binding")}
            rows[tuple(values.get(n, "") for n in names)] += 1
        return names, rows
    text = converted.decode("utf-8") if isinstance(converted, bytes) else converted
    if fmt == CSV:
        table = list(csv.reader(io.StringIO(text)))
        return table[0], Counter(tuple(row) for row in table[1:])
    lines = text.rstrip("\n").split("\n")
    names = [name.lstrip("?") for name in lines[0].split("\t")]
    return names, Counter(tuple(_tsv_value(t) for t in line.split("\t")) for line in lines[1:])


def _xml_text(binding) -> str:
    """The text of the one term element (uri, literal, bnode) inside a <binding>."""
    term = next(node for node in binding.childNodes if node.nodeType == node.ELEMENT_NODE)
    return "".join(node.data for node in term.childNodes if node.nodeType == node.TEXT_NODE)


# ---------------------------------------------------------------- queries

@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("method", [GET, POST])
@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_query_answers_like_the_store(endpoint, store, name, method, fmt) -> None:
    text = shipped_queries()[name].read_text(encoding="utf-8")
    response = client(endpoint, text, method, fmt).query()
    names, rows = rows_of(fmt, response.convert())
    assert (names, rows) == expected_rows(store, text)
    media = {JSON: "application/sparql-results+json", XML: "application/sparql-results+xml",
             CSV: "text/csv", TSV: "text/tab-separated-values"}[fmt]
    assert response.info()["content-type"].startswith(media)


def test_story_store_gives_the_shipped_queries_rows(store) -> None:
    """The comparisons above would pass on an empty store; this one would not."""
    counts = {name: sum(expected_rows(store, path.read_text(encoding="utf-8"))[1].values())
              for name, path in shipped_queries().items()}
    assert counts["timeline"] > 0 and counts["actor-events"] > 0 and counts["provenance"] > 0, counts


def test_query_posted_directly_as_sparql_query(endpoint, store) -> None:
    text = shipped_queries()["timeline"].read_text(encoding="utf-8")
    names, rows = rows_of(JSON, client(endpoint, text, POSTDIRECTLY).query().convert())
    assert (names, rows) == expected_rows(store, text)


def test_ask_answers_true_and_false(endpoint) -> None:
    assert client(endpoint, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True
    assert client(endpoint, "ASK { <urn:x:nothing> ?p ?o }", POST).query().convert()["boolean"] is False


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's JSON-LD parser
@pytest.mark.parametrize("fmt", [TURTLE, JSONLD, XML])
@pytest.mark.parametrize("method", [GET, POST])
def test_construct_as_turtle_jsonld_and_rdfxml(endpoint, store, method, fmt) -> None:
    response = client(endpoint, CONSTRUCT, method, fmt).query()
    data = response.response.read()
    parsed = Graph().parse(data=data, format={TURTLE: "turtle", JSONLD: "json-ld", XML: "xml"}[fmt])
    expected = store.query(CONSTRUCT).graph
    assert len(expected) > 0 and isomorphic(parsed, expected)


def test_construct_as_ntriples_by_accept_header(endpoint, store) -> None:
    url = endpoint.url + "sparql?" + urllib.parse.urlencode({"query": CONSTRUCT})
    status, headers, body = fetch(url, headers={"Accept": "application/n-triples"})
    assert status == 200 and headers["Content-Type"] == "application/n-triples"
    assert isomorphic(Graph().parse(data=body, format="nt"), store.query(CONSTRUCT).graph)


def test_accept_header_picks_the_format_and_q_values_rank(endpoint) -> None:
    url = endpoint.url + "sparql?" + urllib.parse.urlencode({"query": "SELECT ?s { ?s ?p ?o } LIMIT 2"})
    status, headers, body = fetch(url, headers={"Accept": "application/sparql-results+json;q=0.5, text/csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv") and body.startswith(b"s\r\n")
    status, headers, body = fetch(url, headers={"Accept": "text/turtle"})
    assert status == 406 and b"SELECT" in body


# ---------------------------------------------------------------- errors

@pytest.mark.filterwarnings("ignore:.*query type:RuntimeWarning")  # SPARQLWrapper guessing at garbage
@pytest.mark.parametrize("query", ["SELEC ?s WHERE { ?s ?p ?o }", "SELECT ?s WHERE { ?s ?p ", "", "\x00\xff",
                                   "SELECT * WHERE { ?s <bad iri> ?o }"])
def test_malformed_query_is_400_with_one_line_and_the_server_goes_on(endpoint, query) -> None:
    with pytest.raises(QueryBadFormed) as raised:
        client(endpoint, query, POSTDIRECTLY).query()
    text = str(raised.value)
    assert "Response:" in text  # SPARQLWrapper appends our message
    status, _, body = fetch(endpoint.url + "sparql?" + urllib.parse.urlencode({"query": query}))
    assert status == 400 and body.count(b"\n") == 1 and body.strip()
    assert client(endpoint, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True


@pytest.mark.parametrize("request_args, status", [
    ((b"query=ASK%7B%7D", {"Content-Type": "text/plain"}), 415),
    ((b"query=ASK%7B%7D&query=ASK%7B%7D", {"Content-Type": "application/x-www-form-urlencoded"}), 400),
    ((b"nothing=1", {"Content-Type": "application/x-www-form-urlencoded"}), 400),
    ((b"\xff\xfe", {"Content-Type": "application/sparql-query"}), 400),
    ((b"x" * ((1 << 20) + 1), {"Content-Type": "application/sparql-query"}), 413),
])
def test_bad_requests_get_a_4xx_not_a_server_error(endpoint, request_args, status) -> None:
    data, headers = request_args
    got, _, body = fetch(endpoint.url + "sparql", data, headers)
    assert got == status and body.endswith(b"\n") and body.count(b"\n") == 1


def test_unknown_path_and_method_are_4xx(endpoint) -> None:
    assert fetch(endpoint.url + "nothing-here")[0] == 404
    request = urllib.request.Request(endpoint.url + "sparql", method="PUT", data=b"x")
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(request, timeout=30)
    assert raised.value.code == 405


def test_foreign_host_header_is_refused(endpoint) -> None:
    """A page on another site that rebinds its DNS name to 127.0.0.1 cannot read the endpoint."""
    status, _, body = fetch(endpoint.url + "sparql?query=ASK%7B%7D", headers={"Host": "attacker.example:80"})
    assert status == 403 and b"attacker.example" in body


@pytest.mark.parametrize("template", ["SELECT * {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
                                      "SELECT * {{ \\u0053ervice <{url}> {{ ?s ?p ?o }} }}"])
def test_federated_service_is_refused_and_nothing_is_contacted(endpoint, template) -> None:
    import socket

    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listener.setblocking(False)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        status, _, body = fetch(endpoint.url + "sparql?" + urllib.parse.urlencode({"query": template.format(url=url)}))
        assert status == 403 and body.startswith(b"SERVICE refused")
        with pytest.raises(BlockingIOError):
            listener.accept()


# ---------------------------------------------------------------- updates

INSERT = "INSERT DATA { GRAPH <urn:x:graph:notes> { <urn:x:merkel> <urn:x:met> <urn:x:macron> } }"
INSERTED = "ASK { <urn:x:merkel> <urn:x:met> <urn:x:macron> }"


def test_update_is_refused_when_read_only(endpoint) -> None:
    with pytest.raises(urllib.error.HTTPError) as raised:
        client(endpoint, INSERT, POST).query()
    assert raised.value.code == 403 and b"--writable" in raised.value.read()
    status, _, _ = fetch(endpoint.url + "sparql", INSERT.encode(), {"Content-Type": "application/sparql-update"})
    assert status == 403
    assert client(endpoint, INSERTED).query().convert()["boolean"] is False


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory):
    """A writable server over a store of its own (one worker, as writable servers have)."""
    folder = tmp_path_factory.mktemp("writable") / "store"
    with running(ServerConfig(store=str(folder), port=0, writable=True, views=None, log=False)) as server:
        yield server


def update(server, text: str, **headers: str | None) -> tuple[int, dict, bytes]:
    """POST an update as the query page does: its body, this server's Origin and the token;
    ``headers`` override (None: leave the header out)."""
    sent = {"Content-Type": "application/sparql-update", "Origin": server.url.rstrip("/"),
            "Authorization": f"Bearer {server.token}", **headers}
    return fetch(server.url + "sparql", text.encode("utf-8"), {k: v for k, v in sent.items() if v is not None})


def test_update_is_accepted_when_writable_with_the_token_from_its_own_origin(writable) -> None:
    assert client(writable, INSERTED).query().convert()["boolean"] is False
    status, _, body = update(writable, INSERT)
    assert (status, body) == (200, b"update done\n")
    assert client(writable, INSERTED).query().convert()["boolean"] is True
    status, _, body = update(writable, "INSERT DATA { <urn:x:a> }")
    assert status == 400 and body.startswith(b"malformed SPARQL") and body.count(b"\n") == 1


DELETE = "DELETE DATA { GRAPH <urn:x:graph:notes> { <urn:x:merkel> <urn:x:met> <urn:x:macron> } }"


@pytest.mark.parametrize("headers, status, says", [
    ({"Content-Type": "application/x-www-form-urlencoded"}, 415, b"update= forms are refused"),
    ({"Content-Type": "text/plain"}, 415, b"unsupported Content-Type"),
    ({"Origin": None}, 403, b"no Origin header"),
    ({"Origin": "null"}, 403, b"Origin 'null'"),
    ({"Origin": "http://127.0.0.1:1"}, 403, b"not this server's"),
    ({"Origin": "http://localhost"}, 403, b"not this server's"),
    ({"Origin": "https://elsewhere.example"}, 403, b"not this server's"),
    ({"Authorization": None}, 401, b"no valid token"),
    ({"Authorization": "Bearer not-the-token"}, 401, b"no valid token"),
    ({"Authorization": "Basic dXNlcjpwYXNz"}, 401, b"no valid token"),
])
def test_update_without_body_origin_or_token_of_its_own_is_refused(writable, headers, status, says) -> None:
    assert update(writable, INSERT)[0] == 200
    text = DELETE
    if headers.get("Content-Type") == "application/x-www-form-urlencoded":
        text = urllib.parse.urlencode({"update": DELETE})
    got, sent_headers, body = update(writable, text, **headers)
    assert got == status and says in body and body.count(b"\n") == 1, body
    assert status != 401 or sent_headers["WWW-Authenticate"].startswith("Bearer")
    assert client(writable, INSERTED).query().convert()["boolean"] is True  # nothing deleted


@pytest.mark.parametrize("text, refused", [
    ("CLEAR ALL", b"CLEAR refused"), ("DROP ALL", b"DROP refused"), ("DROP GRAPH <urn:x:graph:notes>", b"DROP refused"),
    ("MOVE <urn:x:graph:notes> TO <urn:x:graph:elsewhere>", b"MOVE refused"),
    (INSERT + " ; CLEAR ALL", b"CLEAR refused"),
])
def test_writable_server_accepts_data_updates_only(writable, text, refused) -> None:
    assert update(writable, INSERT)[0] == 200
    status, _, body = update(writable, text)
    assert status == 403 and body.startswith(refused), body
    assert client(writable, INSERTED).query().convert()["boolean"] is True


def test_update_too_large_is_400_naming_the_limit(writable) -> None:
    status, _, body = update(writable, "INSERT DATA { " + "<urn:x:a> <urn:x:b> 1 . " * 5_000 + "}")
    assert status == 400 and b"characters, over the 100000 allowed" in body


def test_update_by_get_is_refused(endpoint) -> None:
    status, _, body = fetch(endpoint.url + "sparql?" + urllib.parse.urlencode({"update": INSERT}))
    assert status == 400 and b"POST" in body


def test_read_only_server_sees_articles_added_by_another_process(tmp_path) -> None:
    from rdflib import URIRef

    def article(name: str) -> Graph:
        graph = Graph()
        graph.add((URIRef(f"urn:x:{name}"), URIRef("urn:x:met"), URIRef("urn:x:macron")))
        return graph

    with open_store(tmp_path / "store") as writer:
        writer.put_articles({"first": article("merkel")})
    config = ServerConfig(store=str(tmp_path / "store"), port=0, refresh=0, workers=1, views=None, log=False)
    with running(config) as server:
        seen = "ASK { <urn:x:scholz> <urn:x:met> <urn:x:macron> }"
        assert client(server, seen).query().convert()["boolean"] is False
        with open_store(tmp_path / "store") as writer:  # as `timeline-kg add` would, while serving
            writer.put_articles({"second": article("scholz")})
        assert client(server, seen).query().convert()["boolean"] is True


# ---------------------------------------------------------------- what answers are, for a browser

# What a browser sends when it opens a link: HTML first, anything else after.
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
SERVICE_QUERY = "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }"
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


def _query_url(server, query: str, **extra: str) -> str:
    return server.url + "sparql?" + urllib.parse.urlencode({"query": query, **extra})


# (what, status, request as fetch's arguments): every kind of answer the endpoint gives.
ENDPOINT_ANSWERS = [
    ("select, browser Accept", 200, lambda s: (_query_url(s, "SELECT * { ?s ?p ?o } LIMIT 2"), None,
                                               {"Accept": BROWSER_ACCEPT})),
    ("select as xml", 200, lambda s: (_query_url(s, "SELECT * { ?s ?p ?o } LIMIT 2", format="xml"),)),
    ("select as csv, posted", 200, lambda s: (s.url + "sparql", urllib.parse.urlencode(
        {"query": "SELECT * { ?s ?p ?o } LIMIT 2"}).encode(), {**FORM, "Accept": "text/csv"})),
    ("ask", 200, lambda s: (_query_url(s, "ASK { ?s ?p ?o }"), None, {"Accept": BROWSER_ACCEPT})),
    ("construct, browser Accept", 200, lambda s: (_query_url(s, CONSTRUCT), None, {"Accept": BROWSER_ACCEPT})),
    ("construct as rdf/xml", 200, lambda s: (_query_url(s, CONSTRUCT, format="rdfxml"),)),
    ("construct as json-ld", 200, lambda s: (_query_url(s, CONSTRUCT), None, {"Accept": "application/ld+json"})),
    ("malformed", 400, lambda s: (_query_url(s, "SELECT <img src=x onerror=alert(1)> WHERE { }"), None,
                                  {"Accept": BROWSER_ACCEPT})),
    ("update by get", 400, lambda s: (s.url + "sparql?" + urllib.parse.urlencode({"update": INSERT}),)),
    ("service", 403, lambda s: (_query_url(s, SERVICE_QUERY), None, {"Accept": BROWSER_ACCEPT})),
    ("update, read-only", 403, lambda s: (s.url + "sparql", INSERT.encode(), {"Content-Type": "application/sparql-update"})),
    ("foreign host", 403, lambda s: (_query_url(s, "ASK {}"), None, {"Host": "attacker.example"})),
    ("unknown path", 404, lambda s: (s.url + "nothing-here", None, {"Accept": BROWSER_ACCEPT})),
    ("put", 405, lambda s: (s.url + "sparql", b"x", {}, "PUT")),
    ("format not offered", 406, lambda s: (_query_url(s, "SELECT * { ?s ?p ?o }"), None, {"Accept": "text/html"})),
    ("body over 1 MB", 413, lambda s: (s.url + "sparql", b"x" * ((1 << 20) + 1),
                                       {"Content-Type": "application/sparql-query"})),
    ("plain text body", 415, lambda s: (s.url + "sparql", b"query=ASK%7B%7D", {"Content-Type": "text/plain"})),
]


@pytest.mark.parametrize("what, status, request_of", ENDPOINT_ANSWERS, ids=[a[0] for a in ENDPOINT_ANSWERS])
def test_no_endpoint_answer_is_html(endpoint, what, status, request_of) -> None:
    """A browser that opens an answer, an error quoting the query included, never renders it as a page."""
    got, headers, body = fetch(*request_of(endpoint))
    assert got == status, body[:200]
    media = headers.get("Content-Type", "").split(";")[0].strip().lower()
    assert media and media not in {"text/html", "application/xhtml+xml"}, (what, media)


def test_an_update_refused_for_its_token_is_not_html_either(writable) -> None:
    status, headers, _ = update(writable, INSERT, Authorization=None)
    assert status == 401 and headers["Content-Type"].startswith("text/plain")


def test_a_query_stopped_by_the_timeout_is_not_html_either(strict) -> None:
    status, headers, _ = fetch(_query_url(strict, EXPENSIVE), headers={"Accept": BROWSER_ACCEPT})
    assert status == 503 and headers["Content-Type"].startswith("text/plain")


ELSEWHERE = {"Origin": "https://elsewhere.example"}


@pytest.mark.parametrize("what, status, request_of", [
    ("get query", 200, lambda s: (_query_url(s, "ASK { ?s ?p ?o }"), None, ELSEWHERE)),
    ("post query", 200, lambda s: (s.url + "sparql", urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"}).encode(),
                                   {**FORM, **ELSEWHERE})),
    ("preflight", 405, lambda s: (s.url + "sparql", None, {**ELSEWHERE, "Access-Control-Request-Method": "POST",
                                                             "Access-Control-Request-Headers": "content-type"}, "OPTIONS")),
    ("error", 400, lambda s: (_query_url(s, "SELEC nothing"), None, ELSEWHERE)),
    ("refusal", 403, lambda s: (_query_url(s, SERVICE_QUERY), None, ELSEWHERE)),
], ids=["get query", "post query", "preflight", "error", "refusal"])
def test_no_cors_header_is_sent_even_to_another_sites_page(endpoint, what, status, request_of) -> None:
    """Without Access-Control-* headers a page of another origin may not read any answer."""
    got, headers, body = fetch(*request_of(endpoint))
    assert got == status, body[:200]
    assert [name for name in headers if name.lower().startswith("access-control-")] == [], what


def test_no_cors_header_on_a_writable_servers_refusal(writable) -> None:
    status, headers, _ = update(writable, INSERT, **ELSEWHERE)
    assert status == 403
    assert [name for name in headers if name.lower().startswith("access-control-")] == []


# ---------------------------------------------------------------- nothing reaches another server

def test_no_service_query_reaches_the_listener_through_the_endpoint(endpoint) -> None:
    with listening() as listener:
        for text in aimed_at(SERVICE_QUERIES, listener.url):
            for method in ("GET", "POST"):
                data = text.encode("utf-8") if method == "POST" else None
                url = endpoint.url + "sparql" + ("" if data else "?" + urllib.parse.urlencode({"query": text}))
                status, _, body = fetch(url, data, {"Content-Type": "application/sparql-query"})
                if "#x\f" in text:  # a form feed ends no comment: a query without SERVICE
                    assert status == 200, body
                    continue
                assert (status, body[:15]) in {(403, b"SERVICE refused"), (400, b"malformed SPARQ")}, (text, body)
        assert listener.heard == []


def test_no_update_reaches_the_listener_on_a_writable_server(writable) -> None:
    with listening() as listener:
        for text in aimed_at(REMOTE_UPDATES, listener.url):
            status, _, body = update(writable, text)
            assert status == 403 and re.match(rb"(SERVICE|LOAD) refused", body), (text, body)
        assert listener.heard == []
    assert client(writable, "ASK { <urn:x:a> <urn:x:b> <urn:x:c> }").query().convert()["boolean"] is False


def test_a_memory_store_server_follows_no_service_either() -> None:
    config = ServerConfig(store="memory:", port=0, writable=True, views=None, log=False)
    with listening() as listener, running(config) as server:
        assert update(server, "INSERT DATA { GRAPH <urn:x:graph:a> { <urn:x:s> <urn:x:p> <urn:x:o> } }")[0] == 200
        for text in aimed_at(SERVICE_QUERIES[:5], listener.url):
            status, _, body = fetch(server.url + "sparql?" + urllib.parse.urlencode({"query": text}))
            assert status == 403 and body.startswith(b"SERVICE refused"), body
        status, _, body = fetch(server.url + "sparql?" + urllib.parse.urlencode(
            {"query": f"SELECT * FROM <{listener.url}> {{ ?s ?p ?o }}"}))
        assert status == 403 and body.startswith(b"FROM refused"), body
        assert listener.heard == []


def test_workers_are_cut_off_the_network_where_linux_allows(endpoint) -> None:
    """The second lock: even a query the check let through could reach no server from a worker."""
    probe = ("import sys; from graph.serve.sandbox import cut_network; why = cut_network()\n"
             "if why: print(why); sys.exit(3)\n"
             "import pyoxigraph as ox\n"
             "try:\n    list(ox.Store().query(sys.argv[1]))\nexcept OSError as error:\n    print(error); sys.exit(0)\n"
             "sys.exit(4)")
    with listening() as listener:
        text = aimed_at((SERVICE_QUERIES[4],), listener.url)[0]
        result = subprocess.run([sys.executable, "-c", probe, text], capture_output=True, text=True, timeout=60,
                                cwd=ROOT)
        if result.returncode == 3:
            assert endpoint.pool.online_because == result.stdout.strip()
            pytest.skip(f"no network namespace here: {result.stdout.strip()}")
        assert result.returncode == 0, result.stdout + result.stderr
        assert listener.heard == []
    assert endpoint.pool.online_because == ""  # the endpoint's workers are cut off too


# ---------------------------------------------------------------- limits and load

@pytest.mark.parametrize("text, limit", [
    ("SELECT * { " + "FILTER(true) " * 10_000 + "}", b"130012 characters, over the 100000 allowed"),
    ("SELECT (" + "+".join(["1"] * 50_000) + " AS ?x) {}", b"100017 characters, over the 100000 allowed"),
    ("SELECT * { " + "FILTER(true) " * 2_000 + "}", b"2002 patterns and operators"),
    ("SELECT * { " + "MINUS{} " * 3_000 + "}", b"6002 patterns and operators"),
])
def test_query_too_large_is_400_naming_the_limit_and_no_worker_dies(endpoint, text, limit) -> None:
    """These killed the worker (503) before: Oxigraph overflows its stack on a long flat chain."""
    status, _, body = fetch(endpoint.url + "sparql", text.encode("utf-8"), {"Content-Type": "application/sparql-query"})
    assert status == 400 and body.startswith(b"query too large") and limit in body, body[:200]
    assert client(endpoint, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True



def test_query_over_the_timeout_is_stopped_and_the_next_succeeds(strict) -> None:
    status, _, body = fetch(strict.url + "sparql", urllib.parse.urlencode({"query": EXPENSIVE}).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 503 and b"2 s" in body
    for _ in range(3):  # more than the workers: the stopped one has been replaced
        assert client(strict, "ASK { ?s ?p ?o }").query().convert()["boolean"] is True


def test_other_clients_are_answered_while_a_query_runs(store_dir) -> None:
    config = ServerConfig(store=str(store_dir), port=0, timeout=8, workers=2, views=None, log=False)
    with running(config) as server:
        outcome: list[int] = []
        slow = threading.Thread(target=lambda: outcome.append(fetch(
            server.url + "sparql?" + urllib.parse.urlencode({"query": EXPENSIVE}))[0]))
        slow.start()
        answers = [client(server, "ASK { ?s ?p ?o }").query().convert()["boolean"] for _ in range(3)]
        running_meanwhile = slow.is_alive()
        slow.join()
    assert answers == [True] * 3 and running_meanwhile and outcome == [503]


def test_rows_past_max_rows_are_cut_and_flagged(strict) -> None:
    response = client(strict, "SELECT * { ?s ?p ?o }").query()
    assert len(response.convert()["results"]["bindings"]) == 5
    assert response.info()["x-sparql-maxrows"] == "5"
    response = client(strict, "CONSTRUCT WHERE { ?s ?p ?o }", fmt=TURTLE).query()
    assert len(Graph().parse(data=response.response.read(), format="turtle")) == 5
    small = client(strict, "SELECT * { ?s ?p ?o } LIMIT 3").query()
    assert small.info().get("x-sparql-maxrows") is None


def test_concurrent_clients_all_get_answers(endpoint, store) -> None:
    text = shipped_queries()["timeline"].read_text(encoding="utf-8")
    expected = expected_rows(store, text)
    answers: list[object] = []

    def ask(index: int) -> None:
        try:
            fmt = (JSON, CSV)[index % 2]
            answers.append(rows_of(fmt, client(endpoint, text, (GET, POST)[index % 2], fmt).query().convert()))
        except Exception as error:  # noqa: BLE001 - recorded and asserted below
            answers.append(error)

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [expected] * 8


# ---------------------------------------------------------------- pages

def test_views_come_from_the_views_folder_when_present(store_dir, tmp_path) -> None:
    (tmp_path / "graph.html").write_text("<!DOCTYPE html><title>built view</title>", encoding="utf-8")
    with running(ServerConfig(store=str(store_dir), port=0, views=tmp_path, workers=1, log=False)) as server:
        assert fetch(server.url + "graph.html")[2] == b"<!DOCTYPE html><title>built view</title>"
        status, headers, body = fetch(server.url + "timeline.html")  # absent there: drawn from the store
        assert status == 200 and headers["Content-Type"].startswith("text/html") and b"<html" in body


def _open(browser, server, path: str = ""):
    """The server's page ``path`` in a context that aborts (and lists) every request off the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    blocked: list[str] = []
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    def guard(route) -> None:
        if route.request.url.startswith((server.url, "data:", "blob:", "about:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(server.url + path, wait_until="load")
    return context, page, blocked, errors


@pytest.mark.parametrize("view", ["graph.html", "timeline.html"])
def test_views_load_offline_in_chromium(endpoint, browser, view) -> None:
    context, page, blocked, errors = _open(browser, endpoint, view)
    try:
        page.wait_for_function("document.body.dataset.drawn === 'true'")
        assert page.locator("body").inner_text().strip()
        assert blocked == [] and errors == []
    finally:
        context.close()


def test_query_page_runs_a_shipped_query_offline_in_chromium(endpoint, browser, store) -> None:
    context, page, blocked, errors = _open(browser, endpoint)
    try:
        page.select_option("#shipped", "timeline")
        assert "tkg:WholeEvent" in page.locator("#query").input_value()
        page.click("#run")
        page.wait_for_function("document.querySelectorAll('#results tbody tr').length > 0")
        names, rows = expected_rows(store, shipped_queries()["timeline"].read_text(encoding="utf-8"))
        headers = page.locator("#results th").all_inner_texts()
        assert headers == names
        assert page.locator("#results tbody tr").count() == sum(rows.values())
        assert page.locator("#status").inner_text().startswith(f"{sum(rows.values())} row")
        page.fill("#query", "SELECT nonsense")
        page.click("#run")
        page.wait_for_function("document.getElementById('status').className === 'error'")
        assert page.locator("#status").inner_text().startswith("400")
        assert blocked == [] and errors == []
    finally:
        context.close()


def test_query_page_binds_a_parameter_of_a_shipped_query_in_chromium(endpoint, browser, store) -> None:
    names, rows = expected_rows(store, shipped_queries()["actor-events"].read_text(encoding="utf-8"))
    column = names.index("actorLabel")
    actor = Counter(row[column] for row in rows.elements()).most_common(1)[0][0]
    wanted = sum(n for row, n in rows.items() if row[column] == actor)
    context, page, blocked, errors = _open(browser, endpoint)
    try:
        page.select_option("#shipped", "actor-events")
        assert page.locator("#bind").input_value() == "name="
        page.fill("#bind", f"name={actor}")
        page.click("#run")
        page.wait_for_function("document.querySelectorAll('#results tbody tr').length > 0")
        labels = page.locator(f"#results tbody tr td:nth-child({column + 1})").all_inner_texts()
        assert labels == [actor] * wanted and wanted < sum(rows.values())
        assert blocked == [] and errors == []
    finally:
        context.close()


@pytest.mark.parametrize("pair, status", [("name", 400), ("1x=y", 400), ("name=Nobody At All", 200),
                                          ('name=x" } ?s ?p ?o . { "', 200), ("name=http://x> . ?s ?p ?o . <http://y", 200)])
def test_a_bound_parameter_is_a_value_never_query_text(endpoint, pair, status) -> None:
    query = shipped_queries()["actor-events"].read_text(encoding="utf-8")
    form = urllib.parse.urlencode({"query": query, "bind": pair}).encode()
    code, _, body = fetch(endpoint.url + "sparql", form, {"Accept": "application/sparql-results+json"})
    assert code == status, body
    if status == 200:
        assert json.loads(body)["results"]["bindings"] == []


ATTACK = """<!DOCTYPE html><html><body>
<iframe name="sink"></iframe><iframe name="plain-sink"></iframe>
<form id="form" method="POST" action="TARGET" target="sink"><input name="update" value="UPDATE"></form>
<form id="plain" method="POST" action="TARGET" target="plain-sink" enctype="text/plain"><input name="update" value="UPDATE"></form>
<iframe sandbox="allow-forms allow-scripts" srcdoc="<form id=f method=POST action='TARGET'>
  <input name=update value='UPDATE'><button>send</button></form>"></iframe>
<script>
document.getElementById("form").submit();
document.getElementById("plain").submit();
fetch("TARGET", {method: "POST", mode: "no-cors", body: "UPDATE",
                 headers: {"Content-Type": "application/sparql-update"}}).catch(() => {});
fetch("TARGET", {method: "POST", body: "UPDATE",
                 headers: {"Content-Type": "application/sparql-update", "Authorization": "Bearer guess"}}).catch(() => {});
</script></body></html>"""
STOLEN = "INSERT DATA { GRAPH <urn:x:graph:notes> { <urn:x:attacker> <urn:x:wrote> <urn:x:this> } }"


def test_a_page_from_another_origin_cannot_update_in_chromium(writable, browser, tmp_path) -> None:
    """Forms (plain, text/plain, in a sandboxed frame: Origin null) and fetches from a page on
    another loopback port: the server answers each, and stores nothing."""
    import functools
    import http.server
    import time

    (tmp_path / "attack.html").write_text(ATTACK.replace("TARGET", writable.url + "sparql").replace("UPDATE", STOLEN),
                                          encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    other = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=other.serve_forever, daemon=True).start()
    context = browser.new_context()
    answered: list[int] = []
    context.on("response", lambda response: answered.append(response.status)
               if response.url.startswith(writable.url) else None)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{other.server_address[1]}/attack.html", wait_until="load")
        # the sandboxed frame's form is sent by a click once its frame is drawn: a script submitting
        # it while the frame loads is sometimes dropped by chromium, and the test would wait in vain
        page.frame_locator("iframe[sandbox]").locator("button").click()
        deadline = time.monotonic() + 30
        while len(answered) < 4 and time.monotonic() < deadline:  # the three forms and the preflight or fetch
            page.wait_for_timeout(200)
        assert len(answered) >= 4 and 200 not in answered, answered
    finally:
        context.close()
        other.shutdown()
        other.server_close()
    assert client(writable, "ASK { <urn:x:attacker> <urn:x:wrote> <urn:x:this> }").query().convert()["boolean"] is False


def test_query_page_runs_an_update_with_the_printed_token_in_chromium(writable, browser) -> None:
    wanted = "ASK { <urn:x:page> <urn:x:wrote> <urn:x:this> }"
    context, page, blocked, errors = _open(browser, writable, f"#token={writable.token}")
    try:
        assert page.locator("#token").input_value() == writable.token
        assert "token" not in page.url  # taken out of the address bar once read
        page.fill("#query", "INSERT DATA { GRAPH <urn:x:graph:notes> { <urn:x:page> <urn:x:wrote> <urn:x:this> } }")
        page.click("#update")
        page.wait_for_function("document.getElementById('status').textContent === 'update done'")
        assert client(writable, wanted).query().convert()["boolean"] is True
        page.fill("#token", "wrong")
        page.fill("#query", "DELETE DATA { GRAPH <urn:x:graph:notes> { <urn:x:page> <urn:x:wrote> <urn:x:this> } }")
        page.click("#update")
        page.wait_for_function("document.getElementById('status').className === 'error'")
        assert page.locator("#status").inner_text().startswith("401")
        assert client(writable, wanted).query().convert()["boolean"] is True
        assert blocked == [] and errors == []
    finally:
        context.close()


# ---------------------------------------------------------------- IPv6

def _ipv6_loopback() -> bool:
    import socket

    if not socket.has_ipv6:
        return False
    try:
        with socket.socket(socket.AF_INET6) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not _ipv6_loopback(), reason="this machine has no IPv6 loopback")
def test_serves_on_ipv6_loopback(store_dir) -> None:
    config = ServerConfig(store=str(store_dir), host="::1", port=0, workers=1, views=None, log=False)
    with running(config) as server:
        assert server.url.startswith("http://[::1]:")
        status, _, body = fetch(server.url + "sparql?query=ASK%7B%7D")
        assert status == 200 and json.loads(body)["boolean"] is True
        assert fetch(server.url + "sparql?query=ASK%7B%7D", headers={"Host": "attacker.example"})[0] == 403


# ---------------------------------------------------------------- command line

def test_cli_prints_the_chosen_port_serves_and_stops_on_sigterm(store_dir) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--store", str(store_dir), "--port", "0", "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", line)
        assert match and int(match.group(1)) > 0, line + process.stderr.read()
        status, _, body = fetch(match.group(0) + "?query=ASK%7B%7D")
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr


def test_cli_prints_the_update_token_that_updates_need(tmp_path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "graph", "serve", "--store", str(tmp_path / "store"), "--port", "0", "--writable"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        first, second = process.stdout.readline(), process.stdout.readline()
        url = re.search(r"(http://127\.0\.0\.1:\d+/)sparql", first).group(1)
        token = re.fullmatch(r"update token: (\S+) \(send 'Authorization: Bearer TOKEN'; the query page with it: "
                             + re.escape(url) + r"#token=\1\)\n", second).group(1)
        headers = {"Content-Type": "application/sparql-update", "Origin": url.rstrip("/")}
        assert fetch(url + "sparql", INSERT.encode(), headers)[0] == 401
        assert fetch(url + "sparql", INSERT.encode(), {**headers, "Authorization": f"Bearer {token}"})[0] == 200
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr


# Run in a user namespace of its own, where it is root: "off" sets its limits of user and network
# namespaces to 0, as a system that switches them off does, so a worker cannot make its own.
NAMESPACES = {"on": 'exec "$@"',
              "off": 'echo 0 > /proc/sys/user/max_user_namespaces && echo 0 > /proc/sys/user/max_net_namespaces && '
                     'exec "$@"'}


def _in_user_namespace(namespaces: str, argv: list[str]) -> list[str]:
    return ["unshare", "--user", "--map-root-user", "sh", "-c", NAMESPACES[namespaces], "sh", *argv]


def _namespaces_can_be_switched_off() -> bool:
    try:
        return subprocess.run(_in_user_namespace("off", ["true"]), capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(not _namespaces_can_be_switched_off(),
                    reason="needs unshare(1) and user namespaces, to switch network namespaces off for one server")
@pytest.mark.parametrize("namespaces", ["off", "on"])
def test_cli_says_at_start_when_workers_cannot_be_cut_off_the_network(store_dir, namespaces) -> None:
    process = subprocess.Popen(
        _in_user_namespace(namespaces, [sys.executable, "-m", "graph", "serve", "--store", str(store_dir),
                                        "--port", "0", "--workers", "1", "--quiet"]),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/sparql", line)
        assert match, line + process.stderr.read()
        status, _, body = fetch(match.group(0) + "?" + urllib.parse.urlencode({"query": SERVICE_QUERY}))
        assert status == 403 and body.startswith(b"SERVICE refused")  # the check holds either way
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    notes = [line for line in stderr.splitlines() if "not cut off the network" in line]
    if namespaces == "on":
        assert notes == []
    else:
        assert notes == ["timeline-kg: note: query workers are not cut off the network (cannot make a network "
                         "namespace: No space left on device); SERVICE and LOAD are still refused before they run"]


def test_cli_names_a_missing_store_in_one_line(tmp_path, capsys) -> None:
    from graph.cli import main

    assert main(["serve", "--store", str(tmp_path / "absent"), "--port", "0"]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and str(tmp_path / "absent") in err, err


def test_cli_refuses_a_bad_timeout(capsys) -> None:
    with pytest.raises(SystemExit):
        from graph.cli import main

        main(["serve", "--timeout", "0"])
    assert "seconds" in capsys.readouterr().err
