"""The HTML view in a real headless chromium: offline, fully drawn, escaped, with a legend."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
import pytest

from graph.views.graph_page import KIND_STYLES, write_graph_html
from tests.browser import open_offline

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

PAYLOAD = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
EX = "http://example.org/kg/"


# --------------------------------------------------------------------------- graphs


def _event(g: nx.MultiDiGraph, n: int, **extra: Any) -> str:
    iri = f"{EX}event/{n}"
    attrs = {
        "kind": "event",
        "label": f"meet {n}",
        "event_type": "meet",
        "earliest": "2017-12-11",
        "latest": "2017-12-11",
        "date": "2017-12-11",
        "sentence": f"Sentence number {n}.",
        "article_title": "An article",
        "article_url": "",
        "trigger": "met",
    }
    attrs.update(extra)
    g.add_node(iri, **attrs)
    return iri


def _entity(g: nx.MultiDiGraph, kind: str, name: str, category: str) -> str:
    iri = f"{EX}{kind}/{name}"
    g.add_node(iri, kind=kind, label=name, category=category, wikidata="", aliases=[])
    return iri


def small_graph() -> nx.MultiDiGraph:
    """Two events, two actors, a place; one event carries the XSS payload."""
    g = nx.MultiDiGraph()
    evil = _event(g, 1, sentence=PAYLOAD, label="evil <b>event</b>",
                  article_url="https://news.example.com/a?x=1&y=2", article_title="A <i>title</i>")
    calm = _event(g, 2, article_url="javascript:window.__pwned=1")
    merkel = _entity(g, "actor", "Merkel", "person")
    macron = _entity(g, "actor", "Macron", "person")
    paris = _entity(g, "place", "Paris", "city")
    g.add_edge(evil, merkel, role="agent")
    g.add_edge(evil, macron, role="patient")
    g.add_edge(evil, paris, role="place")
    g.add_edge(calm, merkel, role="participant")
    g.add_edge(calm, merkel, role="agent")  # parallel edge: drawn once, both roles listed
    return g


def big_graph(n_events: int = 300, n_actors: int = 150, n_places: int = 50) -> nx.MultiDiGraph:
    """A 500-node synthetic graph; each event links two actors and a place, deterministically."""
    g = nx.MultiDiGraph()
    actors = [_entity(g, "actor", f"A{i}", "person") for i in range(n_actors)]
    places = [_entity(g, "place", f"P{i}", "city") for i in range(n_places)]
    for i in range(n_events):
        e = _event(g, i)
        g.add_edge(e, actors[i % n_actors], role="agent")
        g.add_edge(e, actors[(i * 7 + 3) % n_actors], role="patient")
        g.add_edge(e, places[(i * 3) % n_places], role="place")
    return g


# --------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def small_page_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_graph_html(small_graph(), tmp_path_factory.mktemp("view") / "small.html", title="Small")


def _wait_drawn(page: "Page") -> None:
    """Wait for vis' first afterDrawing (the page flags it on <body>)."""
    page.wait_for_function("document.body.dataset.drawn === 'true'")


def _centre(page: "Page", node_id: str) -> tuple[float, float]:
    """A node's centre in page coordinates (vis gives canvas coordinates)."""
    x, y = page.evaluate(
        """(id) => {
            const p = network.canvasToDOM(network.getPositions([id])[id]);
            const box = document.getElementById('mynetwork').getBoundingClientRect();
            return [box.left + p.x, box.top + p.y];
        }""",
        node_id,
    )
    return x, y


def _hover(page: "Page", node_id: str) -> None:
    """Move the mouse onto a node from a little way off, so vis sees a hover start."""
    x, y = _centre(page, node_id)
    page.mouse.move(x + 40, y + 40)
    page.mouse.move(x, y, steps=5)


# --------------------------------------------------------------------------- tests


def test_page_loads_offline_and_draws_every_node(browser: "Browser", small_page_path: Path) -> None:
    g = small_graph()
    with open_offline(browser, small_page_path) as opened:
        page = opened.page
        _wait_drawn(page)
        assert page.evaluate("network.body.data.nodes.length") == g.number_of_nodes()
        assert page.evaluate("window.network === network")
        positioned = page.evaluate("Object.keys(network.getPositions()).sort()")
        assert positioned == sorted(g.nodes)
        assert page.get_attribute("body", "data-node-count") == str(g.number_of_nodes())
        # The canvas has ink on it, not just an allocated blank buffer.
        inked = page.evaluate(
            """() => {
                const c = document.querySelector('#mynetwork canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++;
                return n;
            }"""
        )
        assert inked > 100
        assert opened.blocked == [], f"page tried to fetch {opened.blocked}"


def test_tooltip_renders_payload_as_text(browser: "Browser", small_page_path: Path) -> None:
    evil = f"{EX}event/1"
    with open_offline(browser, small_page_path) as opened:
        page = opened.page
        _wait_drawn(page)
        _hover(page, evil)
        tooltip = page.locator(".vis-tooltip")
        tooltip.wait_for(state="visible")
        assert PAYLOAD in tooltip.inner_text()
        page.mouse.click(*_centre(page, evil))  # the details panel gets a copy too
        assert PAYLOAD in page.locator("#details").inner_text()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator(".kg-tip img, .kg-tip script").count() == 0
        assert html.escape(PAYLOAD, quote=False) in page.content()
        assert opened.blocked == []
    source = small_page_path.read_text(encoding="utf-8")
    assert PAYLOAD not in source
    assert "<img src=x" not in source
    assert "window.__pwned=1</script>" not in source


def test_article_link_only_for_http_urls(browser: "Browser", small_page_path: Path) -> None:
    with open_offline(browser, small_page_path) as opened:
        page = opened.page
        _wait_drawn(page)
        hrefs = page.evaluate(
            """() => Object.fromEntries(nodes.get().map(
                n => [n.id, Array.from(n.title.querySelectorAll('a'), a => a.getAttribute('href'))]))"""
        )
        texts = page.evaluate("Object.fromEntries(nodes.get().map(n => [n.id, n.title.textContent]))")
    assert hrefs[f"{EX}event/1"] == ["https://news.example.com/a?x=1&y=2"]
    assert hrefs[f"{EX}event/2"] == []  # javascript: URL is not linked
    assert "A <i>title</i>" in texts[f"{EX}event/1"]
    assert "Merkel (agent)" in texts[f"{EX}event/1"] and "Paris" in texts[f"{EX}event/1"]
    assert "Merkel (agent), Merkel (participant)" in texts[f"{EX}event/2"]


def test_legend_lists_the_three_classes(browser: "Browser", small_page_path: Path) -> None:
    with open_offline(browser, small_page_path) as opened:
        items = opened.page.locator("#legend li")
        kinds = items.evaluate_all("els => els.map(e => e.dataset.kind)")
        labels = items.all_inner_texts()
    assert kinds == ["event", "actor", "place"]
    assert [s.strip() for s in labels] == ["Event", "Actor", "Place"]


def test_file_references_no_remote_resource(small_page_path: Path) -> None:
    source = small_page_path.read_text(encoding="utf-8")
    assert not re.search(r"""\bsrc\s*=\s*["']?\s*(?:https?:)?//""", source, re.IGNORECASE)
    assert not re.search(r"""<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//""", source, re.IGNORECASE)
    assert not re.search(r"@import|<script\s[^>]*src=", source, re.IGNORECASE)
    assert "bootstrap" not in source.lower()


def test_500_node_graph_draws_every_node(browser: "Browser", tmp_path: Path) -> None:
    g = big_graph()
    assert g.number_of_nodes() == 500
    path = write_graph_html(g, tmp_path / "big.html")
    with open_offline(browser, path) as opened:
        page = opened.page
        _wait_drawn(page)
        assert page.evaluate("network.body.data.nodes.length") == 500
        assert page.evaluate("Object.keys(network.getPositions()).length") == 500
        assert page.evaluate("network.physics.options.enabled") is False
        assert opened.blocked == []


def test_empty_graph_says_nothing_to_show(browser: "Browser", tmp_path: Path) -> None:
    path = write_graph_html(nx.MultiDiGraph(), tmp_path / "empty.html")
    with open_offline(browser, path) as opened:
        page = opened.page
        assert "Nothing to show" in page.locator("#empty").inner_text()
        assert page.get_attribute("body", "data-node-count") == "0"
        assert opened.blocked == []


def test_same_graph_gives_same_bytes_whatever_the_insertion_order(tmp_path: Path) -> None:
    g = small_graph()
    shuffled = nx.MultiDiGraph()
    shuffled.add_nodes_from(reversed(list(g.nodes(data=True))))
    shuffled.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    first = write_graph_html(g, tmp_path / "a.html").read_bytes()
    assert write_graph_html(g, tmp_path / "b.html").read_bytes() == first
    assert write_graph_html(shuffled, tmp_path / "c.html").read_bytes() == first


def test_unknown_kind_is_drawn_grey_and_added_to_legend(tmp_path: Path) -> None:
    g = nx.MultiDiGraph()
    g.add_node(f"{EX}x", label="mystery")
    source = write_graph_html(g, tmp_path / "x.html").read_text(encoding="utf-8")
    assert 'data-kind="other"' in source
    assert KIND_STYLES["other"]["color"] in source


def test_title_is_escaped(tmp_path: Path) -> None:
    source = write_graph_html(nx.MultiDiGraph(), tmp_path / "t.html", title="<b>x</b>").read_text()
    assert "<b>x</b>" not in source and "&lt;b&gt;x&lt;/b&gt;" in source


def test_built_graph_page_draws_every_node_of_the_projection(browser: "Browser", built_dir: Path) -> None:
    """The page `timeline-kg build` writes for the seed draws exactly the projection's nodes."""
    from rdflib import Graph

    from graph.views import project

    projection = project(Graph().parse(built_dir / "timeline.ttl", format="turtle"))
    assert projection.number_of_nodes() > 20
    with open_offline(browser, built_dir / "graph.html") as opened:
        page = opened.page
        _wait_drawn(page)
        assert page.evaluate("network.body.data.nodes.length") == projection.number_of_nodes()
        assert sorted(page.evaluate("Object.keys(network.getPositions())")) == sorted(projection.nodes)
        assert opened.blocked == [], f"page tried to fetch {opened.blocked}"


# --------------------------------------------------------------------------- controls and scale


def _visible(page: "Page") -> int:
    return int(page.get_attribute("body", "data-visible"))


def test_filters_change_the_visible_count(browser: "Browser", small_page_path: Path) -> None:
    with open_offline(browser, small_page_path) as opened:
        page = opened.page
        _wait_drawn(page)
        assert _visible(page) == 5
        page.select_option("#actor-filter", f"{EX}actor/Macron")  # the evil event, its 3 entities
        assert _visible(page) == page.evaluate("network.body.data.nodes.length") == 4
        assert page.locator("#visible-count").inner_text() == "4 of 5 nodes shown"
        page.select_option("#actor-filter", "")
        page.fill("#date-from", "2018-01-01")
        page.dispatch_event("#date-from", "change")
        assert _visible(page) == 0
        page.click("#show-all")
        assert _visible(page) == 5 and page.input_value("#date-from") == ""
        page.select_option("#type-filter", "meet")
        assert _visible(page) == 5
        assert opened.blocked == []


def test_time_axis_layout_puts_events_left_to_right_by_date(browser: "Browser", tmp_path: Path) -> None:
    from graph.views import sample_graph

    path = write_graph_html(sample_graph(), tmp_path / "t.html")
    with open_offline(browser, path) as opened:
        page = opened.page
        _wait_drawn(page)
        page.select_option("#layout-mode", "t")
        xs = page.evaluate("(() => { const p = network.getPositions(); "
                           "return ['ex:e1', 'ex:e3', 'ex:e4'].map(id => p[id].x); })()")
        assert xs[0] < xs[1] == xs[2]  # 22 November before 11 December; same day, same x
        lanes = page.evaluate("(() => { const p = network.getPositions(); return [p['ex:e3'].y, p['ex:e4'].y]; })()")
        assert lanes[0] != lanes[1]  # a visit and a meeting: different lanes


def test_10000_event_graph_opens_windowed_and_interactive(browser: "Browser", tmp_path: Path) -> None:
    """Above the threshold the page opens on recent events with a note; search reaches any node."""
    from graph.views import synthetic_graph

    g = synthetic_graph(10_000)
    path = write_graph_html(g, tmp_path / "big.html")
    with open_offline(browser, path) as opened:
        page = opened.page
        page.wait_for_function("document.body.dataset.drawn === 'true'", timeout=30_000)
        assert page.get_attribute("body", "data-windowed") == "true"
        assert "This graph has 10," in page.locator("#note").inner_text()
        shown = _visible(page)
        assert 0 < shown <= 2_000 + 200 and page.evaluate("network.body.data.nodes.length") == shown
        assert page.evaluate("network.physics.options.enabled") is False
        # An event outside the window is reachable by search: it gets shown, selected and detailed.
        old = "https://example.org/event/1"
        assert page.evaluate(f"network.body.data.nodes.get('{old}')") is None
        page.fill("#search", "withdraw 1")
        page.press("#search", "Enter")
        page.wait_for_function(f"document.body.dataset.found === '{old}'")
        assert page.evaluate("network.getSelectedNodes()") == [old]
        assert "withdraw 1" in page.locator("#details").inner_text()
        assert opened.blocked == []
