"""Hostile input meets our outputs: HTML views, SPARQL built from user values, IRIs minted from names.

1. An article whose sentences, names and metadata carry HTML/JS payloads goes through the real
   ``timeline-kg build``; both pages it writes are opened in chromium and clicked through, and the
   query page of ``timeline-kg serve`` shows the payload literals; no payload may run, and each
   shows as the text it is.
2. Values given on the command line (``query --param``, ``show`` names and dates) are values:
   SPARQL syntax inside them matches nothing, adds no rows and changes nothing stored.
3. IRIs minted from names (any Unicode, ``/../``, ``#``, ``>``, control characters...) stay in their
   namespace and are valid for rdflib and Oxigraph alike.

The property tests run 300 examples each; a longer campaign raises it through the environment::

    INJECTION_FUZZ_EXAMPLES=3000 python -m pytest -q tests/test_injection.py -k "iris or slugs or exactly_that"
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

from graph.model import Entity, Event, Span
from graph.rdf.iris import (
    article_iri,
    claim_iri,
    entity_iri,
    event_iri,
    event_type_iri,
    graph_doc_id,
    graph_iri,
    publisher_iri,
    slug,
    span_iri,
)
from graph.rdf.namespaces import ET, GZ, ID
from graph.views import project

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

FUZZ = settings(max_examples=int(os.environ.get("INJECTION_FUZZ_EXAMPLES", "300")), deadline=None)


# ---------------------------------------------------------------- 1. payloads in both HTML views

# Every payload tries to run: it calls alert() (a dialog we catch), sets window.__pwned, loads an
# image or moves the page elsewhere. The article is ordinary news otherwise, so the real pipeline
# turns the payloads into sentences, actor names (spaCy takes "Tom_<script>" for a person) and
# event labels. U+2028/U+2029 end JavaScript lines in older engines: the reader takes them for line
# breaks, and the inline JSON must hold none raw either way.
ARTICLE = "\n\n".join([
    "Leaders meet in Geneva <script>alert('heading')</script>",
    "Vladimir Putin met Angela Merkel in Geneva on Monday <img src=x onerror=\"alert('img')\">.",
    "Senator Tom_<script>window.__pwned='name'</script> met Emmanuel Macron in Paris on Tuesday.",
    "Senator Ann_</script><script>window.__pwned='json'</script> met Boris Johnson in London on Wednesday.",
    "Senator Ann_<!--x met Justin Trudeau in Ottawa on Thursday <!-- <script>alert('comment')</script> -->.",
    "Peter Onerror met Xi Jinping in Beijing on Friday <svg onload=\"alert('svg')\"></svg>\u2029.",
    "Sergei Lavrov visited Tokyo on Saturday <a href=\"javascript:alert('link')\">more</a> "
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert('meta')\">.",
    "Mr. O'Brien signed an agreement with Joe Biden in Washington on Sunday, ending the &lt;script&gt; affair.",
]) + "\n"
METADATA = {"title": "<script>alert('title')</script></title><img src=x onerror=alert('t')>",
            "publisher": "<img src=x onerror=alert('publisher')>", "url": "javascript:alert('url')",
            "published": "2017-12-11", "language": "en"}
# Names the article gives its actors; the pipeline must keep them (else this test proves little).
PAYLOAD_NAMES = ("Tom_<script>", "Ann_</script><script", "Ann_<!--x")
# Markup a view may hold only as text: any of these in the DOM came from the data.
FOREIGN = "img, iframe, object, embed, meta[http-equiv], a[href^='javascript' i], [onerror], [onload], [onclick]"


@dataclass
class Watched:
    """A page with everything a payload could do recorded: dialogs, navigations, requests off the page."""

    page: "Page"
    dialogs: list[str] = field(default_factory=list)
    navigations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_inert(self, scripts: int) -> None:
        """No payload ran: no dialog, no flag, no navigation, no request but the page, no element
        from the data, and the page's own scripts only."""
        page = self.page
        assert self.dialogs == [], f"a payload opened dialogs: {self.dialogs}"
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert self.navigations == [], f"the page navigated to {self.navigations}"
        assert self.requests == [], f"the page requested {self.requests}"
        assert page.locator(FOREIGN).count() == 0
        assert page.locator("script").count() == scripts
        assert self.errors == [], f"script errors: {self.errors}"


@contextmanager
def watched(browser: "Browser", url: str) -> Iterator[Watched]:
    """``url`` opened with listeners in place before it loads; requests other than ``url`` are aborted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    seen = Watched(page)
    page.on("dialog", lambda dialog: (seen.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen.errors.append(str(error)))

    def guard(route) -> None:
        request = route.request
        if request.url == url or (request.url.startswith(url.rsplit("/", 1)[0] + "/sparql")
                                  and request.resource_type == "fetch"):
            route.continue_()
        elif request.url.startswith(("data:", "blob:", "about:")):
            route.continue_()
        else:
            seen.requests.append(request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(url, wait_until="load")
    page.on("framenavigated", lambda frame: frame == page.main_frame and seen.navigations.append(frame.url))
    try:
        yield seen
    finally:
        context.close()


@pytest.fixture(scope="module")
def evil_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``timeline-kg build`` of the payload article, as a user runs it: the output folder."""
    from graph.cli import main

    sources = tmp_path_factory.mktemp("evil-sources")
    (sources / "evil.txt").write_text(ARTICLE, encoding="utf-8")
    (sources / "evil.json").write_text(json.dumps(METADATA), encoding="utf-8")
    out = tmp_path_factory.mktemp("evil-build")
    assert main(["build", str(sources), "--out", str(out), "--quiet"]) == 0
    return out


@pytest.fixture(scope="module")
def evil_projection(evil_build: Path):
    projection = project(Graph().parse(evil_build / "timeline.ttl", format="turtle"))
    actors = {d["label"] for _, d in projection.nodes(data=True) if d["kind"] == "actor"}
    missing = [name for name in PAYLOAD_NAMES if name not in actors]
    assert not missing, f"the pipeline no longer keeps these actor names, so the views never see them: {missing}"
    return projection


def _events(projection) -> dict[str, dict]:
    return {n: d for n, d in projection.nodes(data=True) if d["kind"] == "event"}


def _text(page: "Page", selector: str) -> str:
    """textContent, not innerText: exactly the characters shown, U+2028 included."""
    return page.locator(selector).first.evaluate("e => e.textContent")


def _click_node(page: "Page", node: str) -> None:
    """Bring a node to the middle of the canvas, zoomed in, and click it as a user would."""
    x, y = page.evaluate(
        """(id) => {
            network.moveTo({position: network.getPositions([id])[id], scale: 2.5, animation: false});
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""", node)
    page.mouse.move(x + 30, y + 30)
    page.mouse.move(x, y, steps=4)  # a hover: vis draws its tooltip from the node's title
    page.mouse.click(x, y)
    assert page.evaluate("network.getSelectedNodes()") == [node]


def test_graph_view_of_a_hostile_article_runs_no_payload(browser, evil_build, evil_projection) -> None:
    with watched(browser, (evil_build / "graph.html").resolve().as_uri()) as seen:
        page = seen.page
        page.wait_for_function("document.body.dataset.drawn === 'true'")
        assert page.title() == METADATA["title"]
        assert _text(page, "h1") == METADATA["title"]
        options = page.locator("#actor-filter option").evaluate_all("els => els.map(e => e.textContent)")
        assert set(PAYLOAD_NAMES) <= set(options)
        for node, attrs in evil_projection.nodes(data=True):
            _click_node(page, node)
            assert _text(page, "#details .kg-tip-title") == attrs["label"]
            if attrs["kind"] == "event":
                assert _text(page, "#details blockquote") == attrs["sentence"]
                assert _text(page, "#details .kg-tip").count(METADATA["title"]) == 1  # the source, as text
                assert page.locator("#details a").count() == 0  # javascript: is never a link
        page.locator(".vis-tooltip").wait_for(state="visible")
        seen.assert_inert(scripts=2)


def test_timeline_view_of_a_hostile_article_runs_no_payload(browser, evil_build, evil_projection) -> None:
    with watched(browser, (evil_build / "timeline.html").resolve().as_uri()) as seen:
        page = seen.page
        page.wait_for_function("document.body.dataset.drawn === 'true'")
        assert page.title() == METADATA["title"] == _text(page, "h1")
        page.select_option("#group-by", "actor")
        page.click("#fit-all")
        lanes = page.locator(".vis-labelset .vis-label").evaluate_all("els => els.map(e => e.textContent)")
        assert set(PAYLOAD_NAMES) <= set(lanes)
        for node, attrs in _events(evil_projection).items():
            # Selected as vis reports a click (test_timeline_view clicks for real): on this article's
            # crowded days a real click at an item's centre was at times taken by a lane element.
            page.evaluate("node => timeline.emit('select', {items: timeline.itemsData.getIds("
                          "{filter: i => i.event === node})})", node)
            assert page.get_attribute("body", "data-selected") == node
            assert _text(page, "#details h3") == attrs["label"]
            assert _text(page, "#details .sentence") == attrs["sentence"]
            assert _text(page, "#details .source") == f"Source: {METADATA['title']}"
            assert page.locator("#details a").count() == 0
        page.fill("#search", "onerror")  # the search box matches payload text as words
        assert int(page.get_attribute("body", "data-visible")) > 0
        seen.assert_inert(scripts=2)


def test_hostile_text_is_never_raw_markup_in_the_written_pages(evil_build) -> None:
    """The pages hold each payload only escaped; a break-out of the inline JSON would show here first."""
    for name, scripts in (("graph.html", 2), ("timeline.html", 2)):
        page = (evil_build / name).read_text(encoding="utf-8")
        for raw in ("<img src=x", "<svg onload", "</script><script>window", "<!-- <script>", "<meta http-equiv",
                    '<a href="javascript'):
            assert raw not in page, f"{name} holds {raw!r} unescaped"
        blocks = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)
        assert len(blocks) == scripts, f"{name}: {len(blocks)} script blocks, the template has {scripts}"
        data = blocks[-1]  # ours, with the inlined JSON (the first is vis-network or vis-timeline)
        for raw in ("<!--", "<script", "</", "\u2028", "\u2029"):
            assert raw not in data, f"{name}: the inline script holds {raw!r}"


@pytest.mark.parametrize("name, static", [("graph.html", "graph.js"), ("timeline.html", "timeline.js")])
def test_the_json_inlined_in_the_views_holds_no_raw_less_than_sign(evil_build, name, static) -> None:
    """Not only the known break-outs: no "<" at all, so no sequence an HTML parser acts on."""
    page = (evil_build / name).read_text(encoding="utf-8")
    script = re.findall(r"<script\b[^>]*>(.*?)</script>", page, re.S)[-1]
    inlined = {key: text for key, text in _filled_in(script, VIEWS_STATIC / static).items() if key.endswith("_json")}
    assert inlined, f"{static} fills in no JSON"
    for key, text in inlined.items():
        assert "<" not in text, f"{name}: {key} holds a raw '<' at {text.index('<')}"
    decoded = json.dumps([json.loads(text) for text in inlined.values()], ensure_ascii=False)
    assert all(payload in decoded for payload in PAYLOAD_NAMES)  # the data does hold them, escaped


def test_the_json_inlined_in_the_query_page_holds_no_raw_less_than_sign(evil_endpoint) -> None:
    import urllib.request

    with urllib.request.urlopen(evil_endpoint.url, timeout=60) as response:
        page = response.read().decode("utf-8")
    [text] = re.findall(r'<script id="queries" type="application/json">(.*?)</script>', page, re.S)
    assert "<" not in text
    assert any("PREFIX sem:    <http://" in query for query in json.loads(text).values())  # escaped, not absent


VIEWS_STATIC = Path(__file__).resolve().parent.parent / "graph" / "views" / "static"
_PLACEHOLDER = re.compile(r"/\*\{\{\*/\s*(\w+)\s*/\*\}\}\*/")


def _filled_in(script: str, static: Path) -> dict[str, str]:
    """The text each placeholder of the static file ``static`` (``/*{{*/ name /*}}*/``) was
    filled with in ``script``, the page's rendering of that file (indented: any whitespace matches)."""
    parts = _PLACEHOLDER.split(static.read_text(encoding="utf-8"))  # text, name, text, name, ..., text
    pattern = "".join(r"\s*" + r"\s*".join(map(re.escape, part.split())) + r"\s*" if index % 2 == 0 else "(.*?)"
                      for index, part in enumerate(parts))
    match = re.search(pattern, script, re.S)
    assert match, f"the page's script is not {static.name} filled in"
    return dict(zip(parts[1::2], match.groups()))


# Result rows that hold the payloads: the article's own texts, plus literals and an IRI made up in
# the query itself (the page must not care where a value comes from).
HOSTILE_ROWS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?thing ?text WHERE {
  { ?thing rdfs:label ?text } UNION { ?thing schema:headline ?text } UNION { ?thing schema:url ?text }
  UNION { ?thing schema:name ?text } UNION { ?thing nif:isString ?text }
  UNION { VALUES (?thing ?text) { (<http://example.org/%3Cscript%3E> "<img src=x onerror=alert('row')>")
                                  (<http://example.org/x> "</table><script>alert('cell')</script>") } }
  FILTER (CONTAINS(STR(?text), "<") || CONTAINS(STR(?text), "javascript:"))
}"""


@pytest.fixture(scope="module")
def evil_endpoint(evil_build: Path):
    from graph.serve import ServerConfig, running

    with running(ServerConfig(store=str(evil_build / "store"), port=0, views=None, workers=1, log=False)) as server:
        yield server


def _run_on_query_page(page: "Page", query: str) -> None:
    page.fill("#query", query)
    page.click("#run")
    page.wait_for_function("!document.getElementById('status').textContent.startsWith('running')")


def test_query_page_shows_payload_rows_as_text(browser, evil_build, evil_endpoint) -> None:
    from graph.store import open_store

    with open_store(evil_build / "store", read_only=True) as store:
        expected = sorted((str(row.thing), str(row.text)) for row in store.query(HOSTILE_ROWS))
    assert any("onerror" in text for _, text in expected) and any("javascript:" in text for _, text in expected)
    with watched(browser, evil_endpoint.url) as seen:
        page = seen.page
        _run_on_query_page(page, HOSTILE_ROWS)
        cells = page.locator("#results tbody tr").evaluate_all(
            "rows => rows.map(r => Array.from(r.cells, c => c.textContent))")
        assert sorted(map(tuple, cells)) == expected
        # A CONSTRUCT answer (N-Triples in a <pre>) and an error message echoing the query stay text too.
        construct = HOSTILE_ROWS.replace("SELECT ?thing ?text WHERE", "CONSTRUCT { ?thing ?thing ?text } WHERE")
        _run_on_query_page(page, construct)
        assert "onerror=alert('row')" in _text(page, "#results pre")
        _run_on_query_page(page, "SELECT <img src=x onerror=alert('error')> WHERE { }")
        assert page.locator("#status.error").count() == 1
        seen.assert_inert(scripts=2)


# An XHTML <script> is live in any document a browser renders as XML, and an rdf:XMLLiteral is
# written into RDF/XML as markup: a link to the endpoint must never open as such a page.
XHTML_SCRIPT = '<script xmlns="http://www.w3.org/1999/xhtml">alert("xml")</script><img src="x" onerror="alert(1)"/>'
_XML_LITERAL = f"STRDT('{XHTML_SCRIPT}', <http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral>)"


@pytest.mark.parametrize("query, fmt", [
    *[(f"SELECT ?x WHERE {{ BIND({_XML_LITERAL} AS ?x) }}", fmt) for fmt in ("xml", "json", "csv", "tsv")],
    *[(f"CONSTRUCT {{ <http://e/s> <http://e/p> ?x }} WHERE {{ BIND({_XML_LITERAL} AS ?x) }}", fmt)
      for fmt in ("rdfxml", "turtle", "jsonld", "nt")],
    (f"SELECT {XHTML_SCRIPT}", "xml"),  # a 400 whose message quotes the query
])
def test_endpoint_answers_opened_in_a_browser_run_nothing(browser, evil_endpoint, query, fmt) -> None:
    from urllib.parse import urlencode

    url = f"{evil_endpoint.url}sparql?{urlencode({'query': query, 'format': fmt})}"
    try:
        with watched(browser, url) as seen:
            seen.assert_inert(scripts=0)
    except Exception as error:  # chromium saves what it does not show: nothing runs either
        assert "Download is starting" in str(error), error


# ---------------------------------------------------------------- 2. SPARQL from user values

# Each would change the query if pasted into it: close the string or the IRI, add patterns, a
# UNION matching everything, an update, a comment, a codepoint escape of a quote (SPARQL decodes
# those before parsing), or a line break. Bound as values they match nothing in the graph.
HOSTILE_VALUES = [
    'x" } ; DROP ALL ; #',
    "> . ?s ?p ?o . <",
    'Emmanuel Macron" || true || "',
    "x') } UNION { ?actor ?p ?o } #",
    'x""" } } SELECT * WHERE { ?s ?p ?o } #',
    "\\u0022 ) } UNION { ?actor ?p ?o } #",
    "\\\\u0022 ) } UNION { ?actor ?p ?o } #",
    "Emmanuel Macron\n} UNION { ?actor ?p ?o }",
    "x\\",
    "?name",
    "http://x> . ?actor ?p ?o . <http://y",  # looks like an IRI, is not one: a literal
    "http://example.org/a b\n#",
]


def _query_json(capsys, *args: str) -> tuple[int, list[dict], str]:
    from graph.cli import main

    code = main(["query", *args, "--format", "json"])
    out, err = capsys.readouterr()
    return code, (json.loads(out) if code == 0 else []), err


def _store_state(store_dir: Path) -> tuple[set[str], int, bytes]:
    """What a query must never change: the articles held, the triple count, every quad."""
    import io

    from graph.store import open_store

    with open_store(store_dir, read_only=True) as store:
        dump = io.BytesIO()
        store.dump(dump, "nq")
        return store.article_ids(), len(store), b"\n".join(sorted(dump.getvalue().splitlines()))


@pytest.fixture(scope="module")
def sources_of_the_graph(evil_build: Path) -> dict[str, list[str]]:
    return {"store": ["--store", str(evil_build / "store")], "turtle": ["--graph", str(evil_build / "timeline.ttl")]}


@pytest.mark.parametrize("source", ["store", "turtle"])
@pytest.mark.parametrize("query", ["actor-events", "place-events"])
def test_hostile_param_values_are_values_not_syntax(capsys, evil_build, sources_of_the_graph, source, query) -> None:
    before = _store_state(evil_build / "store")
    for value in HOSTILE_VALUES:
        code, rows, err = _query_json(capsys, query, "--param", f"name={value}", *sources_of_the_graph[source])
        assert (code, rows, err) == (0, [], ""), f"--param name={value!r}"
    assert _store_state(evil_build / "store") == before


# What a --param value is bound as: True for an IRI, False for a literal of the text given.
PARAM_TERMS = [
    ("https://w3id.org/timeline-kg/id/article/a", True),
    ("http://example.org/a?b=c&d=e#f", True),
    ("http://[::1]:8800/sparql", True),
    ("https://example.org/caf\u00e9/\u5317\u4eac", True),  # an IRI may hold any Unicode letter
    ("urn:x:a", False),  # well-formed IRIs of other schemes are text
    ("ftp://example.org/a", False),
    ("mailto:someone@example.org", False),
    ("javascript:alert(1)", False),
    ("http:/example.org/a", False),
    ("example.org/a", False),
    ("http://example.org/a b", False),  # characters no IRI may hold
    ("http://x> . ?s ?p ?o . <http://y", False),
    ('http://example.org/a"b', False),
    ("http://example.org/{a}", False),
    ("http://example.org/a|b", False),
    ("http://example.org/a^b", False),
    ("http://example.org/a`b", False),
    ("http://example.org/a\\b", False),
    ("http://example.org/a\tb", False),
]


@pytest.mark.parametrize("source", ["store", "turtle"])
def test_a_param_is_an_iri_only_when_it_is_a_well_formed_http_iri(capsys, sources_of_the_graph, source) -> None:
    query = "SELECT (isIRI(?value) AS ?iri) (STR(?value) AS ?text) WHERE { }"
    for value, iri in PARAM_TERMS:
        code, rows, err = _query_json(capsys, query, "--param", f"value={value}", *sources_of_the_graph[source])
        assert (code, rows, err) == (0, [{"iri": str(iri).lower(), "text": value}], ""), value


@pytest.mark.parametrize("source", ["store", "turtle"])
def test_an_iri_param_finds_the_event_it_names(capsys, sources_of_the_graph, source) -> None:
    code, rows, _ = _query_json(capsys, "provenance", *sources_of_the_graph[source])
    event = rows[0]["event"]
    told = [row for row in rows if row["event"] == event]
    assert code == 0 and event.startswith("https://") and 0 < len(told) < len(rows)
    assert _query_json(capsys, "provenance", "--param", f"event={event}", *sources_of_the_graph[source]) == (
        0, told, "")
    for broken in (event + " ", f"<{event}>", event.replace("https://", "https:/")):  # text: matches no event
        assert _query_json(capsys, "provenance", "--param", f"event={broken}", *sources_of_the_graph[source]) == (
            0, [], ""), broken


@pytest.mark.parametrize("source", ["store", "turtle"])
def test_names_full_of_markup_and_quotes_match_as_written(capsys, evil_projection, sources_of_the_graph, source):
    for name in (*PAYLOAD_NAMES, "O'Brien"):
        code, rows, _ = _query_json(capsys, "actor-events", "--param", f"name={name}", *sources_of_the_graph[source])
        events = {event for event, entity in evil_projection.edges()
                  if evil_projection.nodes[entity]["label"] == name}
        assert code == 0 and {r["actorLabel"] for r in rows} == {name}, name
        assert {r["event"] for r in rows} == events


@pytest.mark.parametrize("args", [
    ["ego", 'x" } ; DROP ALL ; #'],
    ["paths", "> . ?s ?p ?o . <", "Emmanuel Macron"],
    ["timeline", "--actor", "x') } UNION { ?s ?p ?o } #"],
    ["timeline", "--place", "Paris\n} UNION {"],
])
def test_show_names_no_node_for_a_hostile_name_in_one_line(capsys, evil_build, args) -> None:
    from graph.cli import main

    before = _store_state(evil_build / "store")
    assert main(["show", *args, "--store", str(evil_build / "store")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("timeline-kg: error: no ") and err.count("\n") == 1, err
    assert _store_state(evil_build / "store") == before


@pytest.mark.parametrize("option", ["--from", "--to"])
def test_show_refuses_a_date_that_is_not_one(capsys, evil_build, option) -> None:
    from graph.cli import main

    with pytest.raises(SystemExit) as exited:
        main(["show", "timeline", option, '2017-12-01" } ; DROP ALL ; #', "--store", str(evil_build / "store")])
    assert exited.value.code == 1 and "is not a date; write YYYY-MM-DD" in capsys.readouterr().err


def test_show_finds_an_actor_named_with_markup(capsys, evil_build, evil_projection) -> None:
    from graph.cli import main

    name = "Ann_</script><script"
    assert main(["show", "timeline", "--actor", name, "--store", str(evil_build / "store"), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows and all(name in r["actors"] for r in rows)


@pytest.fixture(scope="module")
def scratch_store(tmp_path_factory: pytest.TempPathFactory):
    from graph.store import open_store

    with open_store(tmp_path_factory.mktemp("values") / "store") as store:
        yield store


@FUZZ
@given(st.text(min_size=1))
def test_any_text_bound_as_a_value_matches_exactly_that_literal(scratch_store, value: str) -> None:
    """Oxigraph gets bindings as a VALUES row written by rdflib: whatever the text, the row finds the
    one triple holding it and no other (a neighbour differing by a character is the decoy)."""
    target, decoy, label = URIRef("http://e/target"), URIRef("http://e/decoy"), URIRef("http://e/label")
    graph = Graph()
    graph.add((target, label, Literal(value)))
    graph.add((decoy, label, Literal(value + "\"")))
    scratch_store.put_articles({"values": graph})
    rows = list(scratch_store.query("SELECT ?thing WHERE { ?thing ?p ?name }", {"name": Literal(value)}))
    assert rows == [(target,)]


def test_an_update_ending_in_a_comment_is_run_whole(tmp_path) -> None:
    """The store appends its own steps to a user's update: a trailing "# comment" must not eat the
    separator (it did on Oxigraph: "expected one of ';', EOF")."""
    from graph.rdf.iris import graph_iri
    from graph.store import open_store

    with open_store(tmp_path / "store") as store:
        triple = "<http://e/a> <http://e/b> <http://e/c>"
        store.update(f"INSERT DATA {{ GRAPH <{graph_iri('edited')}> {{ {triple} }} }} # ;")
        assert store.article_ids() == {"edited"}
        assert store.query(f"ASK {{ {triple} }}").askAnswer


# ---------------------------------------------------------------- 3. IRIs minted from names

# Pieces that break IRIs, paths or parsers when pasted raw, mixed with arbitrary text below.
_HOSTILE = ["/", "/../", "..", ".", "\\", "#", "?", "%", "%2F", "<", ">", '"', "{", "}", "|", "^", "`", " ",
            "\t", "\n", "\r", "\x00", "\x7f", "\u2028", "\u202e", "\ufeff", "\udcff", "Ü", "ø", "ß", "Путин",
            "習近平", "محمد", "e\u0301", "ﬁ", "🙂", ":", "@", "&", "=", "+", "'", "~", "_", "-"]
_UNRESERVED = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~%")

# Never empty: doc ids are file stems or a TimeML DOCID that is not blank, and names are mentions.
names = st.one_of(
    st.lists(st.one_of(st.sampled_from(_HOSTILE), st.text(max_size=6)), min_size=1, max_size=12).map("".join),
    st.text(st.characters(exclude_categories=()), min_size=1),  # every code point, lone surrogates included
    st.sampled_from(_HOSTILE).map(lambda piece: piece * 2000),  # very long
).filter(bool)


def _segment(iri: URIRef, namespace: str) -> str:
    """The part of ``iri`` after ``namespace``, which it must start with."""
    text = str(iri)
    assert text.startswith(namespace), f"{text!r} left its namespace {namespace!r}"
    return text[len(namespace):]


def _assert_one_safe_segment(segment: str) -> None:
    """One percent-encoded path segment: no step up, no sub-folder, no query, no fragment."""
    assert segment, "an empty segment names the folder itself"
    assert set(segment) <= _UNRESERVED, f"{segment!r} holds characters outside the unreserved set"
    assert segment not in (".", ".."), f"{segment!r} is a path step"


def _assert_round_trips(iris: list[URIRef]) -> None:
    """rdflib writes the IRIs as N-Triples, and Oxigraph's strict parser reads the same IRIs back."""
    graph = Graph()
    for iri in iris:
        graph.add((iri, RDFS.label, Literal("x")))
    text = graph.serialize(format="nt", encoding="utf-8")
    parsed = {quad.subject.value for quad in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)}
    assert parsed == {str(iri) for iri in iris}


def _event(doc_id: str) -> Event:
    trigger = Span(doc_id, 10, 14)
    return Event(doc_id=doc_id, triggers=[trigger], trigger_texts=["met"], sentences=[Span(doc_id, 0, 20)],
                 event_type="meet", label="met")


@FUZZ
@given(names)
def test_iris_minted_from_any_name_stay_in_their_namespace(name: str) -> None:
    article = article_iri(name)
    _assert_one_safe_segment(_segment(article, str(ID["article/"])))
    _assert_one_safe_segment(_segment(graph_iri(name), str(ID["graph/"])))
    _assert_one_safe_segment(_segment(publisher_iri(name), str(ID["publisher/"])))
    _assert_one_safe_segment(_segment(event_type_iri(name), str(ET)))
    _assert_one_safe_segment(_segment(entity_iri(Entity(slug(name), name, "actor")), str(ID["entity/"])))
    _assert_one_safe_segment(_segment(entity_iri(Entity(name, name, "actor", in_gazetteer=True)), str(GZ)))
    event = event_iri(_event(name))
    doc_folder, offsets = _segment(event, str(ID["event/"])).split("/")
    _assert_one_safe_segment(doc_folder)
    assert offsets == "10-14"
    _assert_one_safe_segment(_segment(claim_iri(event, name), f"{event}/claim/"))
    assert _segment(span_iri(Span(name, 3, 7)), str(article)) == "#char=3,7"


@FUZZ
@given(st.lists(names, min_size=1, max_size=4))
def test_iris_minted_from_any_name_are_valid_for_rdflib_and_oxigraph(batch: list[str]) -> None:
    iris = []
    for name in batch:
        event = event_iri(_event(name))
        iris += [article_iri(name), graph_iri(name), publisher_iri(name), event_type_iri(name), event,
                 claim_iri(event, name), span_iri(Span(name, 0, 1)),
                 entity_iri(Entity(slug(name), name, "actor")),
                 entity_iri(Entity(name, name, "actor", in_gazetteer=True))]
    _assert_round_trips(iris)


@FUZZ
@given(names, names)
def test_each_article_keeps_its_own_iris(one: str, other: str) -> None:
    """Doc ids are file stems (undecodable bytes arrive as surrogate escapes) or a TimeML DOCID: two
    files are two articles, whatever their names hold."""
    # Surrogates other than the escapes of bytes 0x80-0xFF are in no file name nor XML text.
    assume(not any(0xD800 <= ord(c) <= 0xDFFF and not 0xDC80 <= ord(c) <= 0xDCFF for c in one + other))
    assert graph_doc_id(graph_iri(one)) == one
    assert unquote(_segment(article_iri(one), str(ID["article/"])), errors="surrogateescape") == one
    assume(one != other)
    assert article_iri(one) != article_iri(other)
    assert graph_iri(one) != graph_iri(other)
    assert event_iri(_event(one)) != event_iri(_event(other))


def _letters(name: str) -> str:
    """What a name is made of once case, accents and compatibility forms are set aside."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if unicodedata.category(c)[0] in "LN")


@FUZZ
@given(st.text(st.characters(categories=("Lu", "Ll", "Lo", "Nd")), min_size=1, max_size=12),
       st.text(st.characters(categories=("Lu", "Ll", "Lo", "Nd")), min_size=1, max_size=12))
def test_names_made_of_different_letters_get_different_slugs(one: str, other: str) -> None:
    """Two names in Cyrillic are two actors: the slug once dropped every letter without an ASCII form,
    so "Путин" and "Медведев" were both "x"."""
    assume(_letters(one) != _letters(other))
    assert slug(one) != slug(other)


@pytest.mark.parametrize("variants", [
    ("Abdel Fattah el-Sisi", "ABDEL FATTAH EL SISI", "Abdel  Fattah el–Sisi"),
    ("François Hollande", "Francois Hollande", "FRANÇOIS  hollande"),
    ("Jürgen Müller", "Jurgen Muller"),
    ("Strauß", "Strauss"),
    ("O'Brien", "O\u2019Brien", "O BRIEN"),
])
def test_case_accents_and_punctuation_fold_to_one_slug(variants: tuple[str, ...]) -> None:
    assert len({slug(v) for v in variants}) == 1, {v: slug(v) for v in variants}


def test_slugs_of_ascii_names_are_unchanged() -> None:
    """The keys of names already stored (ASCII after folding accents) are what they were."""
    assert slug("Abdel Fattah el-Sisi") == "abdel_fattah_el_sisi"
    assert slug("Mr. O'Brien") == "mr_o_brien"
    assert slug("Jürgen Müller") == "jurgen_muller"
    assert slug("<script>") == "script"
    assert slug("") == slug("...") == "x"


def test_dot_named_articles_do_not_climb_out_of_the_article_folder() -> None:
    """``...txt`` has the stem ``..``: its IRIs must not resolve to the folder above."""
    assert str(article_iri("..")) == f"{ID['article/']}%2E%2E"
    assert str(graph_iri(".")) == f"{ID['graph/']}%2E"
    assert graph_doc_id(graph_iri("..")) == ".."
    assert str(article_iri("a..b")) == f"{ID['article/']}a..b"
