"""The HTML view in a real headless chromium: offline, fully drawn, escaped, with a legend."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterator
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
                n => [n.id, Array.from(tooltipOf(n.id).querySelectorAll('a'), a => a.getAttribute('href'))]))"""
        )
        texts = page.evaluate("Object.fromEntries(nodes.get().map(n => [n.id, tooltipOf(n.id).textContent]))")
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


# --------------------------------------------------------------------------- legibility
# Judged at the laptop window of tests/browser.py (1400x900), after load and after each control a
# user reaches for: labels never overlap, every node shown is on screen, no node hides another.

# What is on screen, in one call: vis' view of the nodes shown (the DataView) and the labels the
# page drew (window.drawnLabels, CSS pixels relative to the canvas container).
_SCREEN = """() => {
    const box = document.getElementById('mynetwork').getBoundingClientRect();
    const data = network.body.data.nodes, ids = data.getIds(), positions = network.getPositions(ids);
    const scale = network.getScale();
    const shown = ids.map(id => {
        const p = positions[id], dom = network.canvasToDOM(p);
        return {id: id, x: p.x, y: p.y, size: data.get(id).size, dx: dom.x, dy: dom.y};
    });
    return {width: box.width, height: box.height, scale: scale, nodes: shown,
            labels: window.drawnLabels, count: Number(document.body.dataset.labels)};
}"""


def _screen(page: "Page") -> dict[str, Any]:
    return page.evaluate(_SCREEN)


def _overlapping_labels(labels: list[dict]) -> list[tuple[str, str]]:
    return [(a["id"], b["id"]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"]
            and b["y"] < a["y"] + a["h"]]


def _off_screen(screen: dict[str, Any]) -> list[str]:
    """Nodes whose disc is not wholly inside the canvas container."""
    return [n["id"] for n in screen["nodes"]
            if not (n["size"] * screen["scale"] <= n["dx"] <= screen["width"] - n["size"] * screen["scale"]
                    and n["size"] * screen["scale"] <= n["dy"] <= screen["height"] - n["size"] * screen["scale"])]


def _fitted(screen: dict[str, Any]) -> bool:
    """The nodes shown are centred and fill the canvas' width or height (but at the page's zoom
    limit for a fit, 1.5: a few nodes are not blown up)."""
    r = screen["scale"]
    left, right = min(n["dx"] - n["size"] * r for n in screen["nodes"]), max(n["dx"] + n["size"] * r for n in screen["nodes"])
    top, bottom = min(n["dy"] - n["size"] * r for n in screen["nodes"]), max(n["dy"] + n["size"] * r for n in screen["nodes"])
    centred = abs((left + right) - screen["width"]) < 4 and abs((top + bottom) - screen["height"]) < 4
    filled = right - left > 0.75 * screen["width"] or bottom - top > 0.75 * screen["height"]
    return centred and (filled or r > 1.499)


def _hidden_under_another(nodes: list[dict]) -> list[tuple[str, str]]:
    """Pairs of nodes closer than the sum of their radii (canvas pixels), by a sweep along x."""
    ordered = sorted(nodes, key=lambda n: n["x"])
    widest = max((n["size"] for n in nodes), default=0)
    found = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b["x"] - a["x"] >= a["size"] + widest:
                break
            if math.dist((a["x"], a["y"]), (b["x"], b["y"])) < a["size"] + b["size"]:
                found.append((a["id"], b["id"]))
    return found


def _assert_legible(page: "Page", step: str) -> dict[str, Any]:
    screen = _screen(page)
    assert screen["nodes"], f"{step}: nothing shown, so nothing was checked"
    assert screen["count"] == len(screen["labels"]) > 0, f"{step}: no label drawn"
    assert not _overlapping_labels(screen["labels"]), f"{step}: labels overlap: {_overlapping_labels(screen['labels'])[:5]}"
    outside = [b["id"] for b in screen["labels"]
               if b["x"] < 0 or b["y"] < 0 or b["x"] + b["w"] > screen["width"] or b["y"] + b["h"] > screen["height"]]
    assert not outside, f"{step}: labels cut by the canvas' edge: {outside[:5]}"
    assert not _off_screen(screen), f"{step}: nodes outside the view: {_off_screen(screen)[:5]}"
    assert _fitted(screen), f"{step}: the view is not fitted to the nodes shown"
    assert not _hidden_under_another(screen["nodes"]), \
        f"{step}: nodes on top of each other: {_hidden_under_another(screen['nodes'])[:5]}"
    return screen


def _date_range(graph: nx.MultiDiGraph) -> tuple[str, str]:
    """From the median event's first day to the last day: a range that leaves some events out."""
    days = sorted(str(d["earliest"]) for _, d in graph.nodes(data=True) if d.get("kind") == "event" and d.get("earliest"))
    return days[len(days) // 2], max(str(d.get("latest") or d["earliest"]) for _, d in graph.nodes(data=True)
                                      if d.get("kind") == "event" and d.get("earliest"))


def _each_control(page: "Page", graph: nx.MultiDiGraph) -> Iterator[str]:
    """Work the controls one after the other, yielding a name for the state reached after each."""
    yield "load"
    first_actor = page.locator("#actor-filter option").nth(1).get_attribute("value")
    page.select_option("#actor-filter", first_actor)
    yield f"actor {first_actor}"
    page.select_option("#actor-filter", "")
    first_type = page.locator("#type-filter option").nth(1).get_attribute("value")
    page.select_option("#type-filter", first_type)
    yield f"type {first_type}"
    page.select_option("#type-filter", "")
    start, end = _date_range(graph)
    for field, value in (("#date-from", start), ("#date-to", end)):
        page.fill(field, value)
        page.dispatch_event(field, "change")
    yield f"dates {start} to {end}"
    page.click("#show-all")
    yield "show all"
    layout = page.input_value("#layout-mode")
    other = "t" if layout == "g" else "g"
    page.select_option("#layout-mode", other)
    yield f"layout {other}"
    page.select_option("#layout-mode", layout)
    yield f"layout {layout} again"


def _top_by_degree(graph: nx.MultiDiGraph, count: int) -> list[str]:
    """The busiest nodes as the page ranks them: distinct neighbours, then id."""
    return sorted(map(str, graph), key=lambda n: (-len(set(nx.all_neighbors(graph, n))), n))[:count]


@pytest.fixture(scope="module")
def seed_projection(built_dir: Path) -> nx.MultiDiGraph:
    from rdflib import Graph

    from graph.views import project

    return project(Graph().parse(built_dir / "timeline.ttl", format="turtle"))


@pytest.fixture(scope="module")
def synthetic_2000(tmp_path_factory: pytest.TempPathFactory) -> tuple[nx.MultiDiGraph, Path]:
    from graph.views import synthetic_graph

    graph = synthetic_graph(2000)
    return graph, write_graph_html(graph, tmp_path_factory.mktemp("legible") / "g2000.html")


def test_seed_graph_stays_legible_through_every_control(browser: "Browser", built_dir: Path,
                                                        seed_projection: nx.MultiDiGraph) -> None:
    with open_offline(browser, built_dir / "graph.html") as opened:
        page = opened.page
        _wait_drawn(page)
        visited = []
        for step in _each_control(page, seed_projection):
            _assert_legible(page, step)
            visited.append(step)
        assert len(visited) == 7
        assert opened.blocked == []


def test_2000_event_graph_stays_legible_through_every_control(
        browser: "Browser", synthetic_2000: tuple[nx.MultiDiGraph, Path]) -> None:
    graph, path = synthetic_2000
    with open_offline(browser, path) as opened:
        page = opened.page
        page.wait_for_function("document.body.dataset.drawn === 'true'", timeout=30_000)
        shown = []
        for step in _each_control(page, graph):
            shown.append(len(_assert_legible(page, step)["nodes"]))
        assert shown[-2] == graph.number_of_nodes()  # "show all", then the other layout: every node checked
        assert opened.blocked == []


@pytest.mark.parametrize(("layout", "zoom"), [("g", 1.0), ("t", 1.0), ("t", 0.25)])
def test_seed_hubs_are_named_first(browser: "Browser", built_dir: Path, seed_projection: nx.MultiDiGraph,
                                   layout: str, zoom: float) -> None:
    """Fitted to the window the five busiest nodes carry their names, and most others do too;
    zoomed out to a quarter, where names compete for room, the busiest still win it."""
    with open_offline(browser, built_dir / "graph.html") as opened:
        page = opened.page
        _wait_drawn(page)
        if page.input_value("#layout-mode") != layout:
            page.select_option("#layout-mode", layout)
        page.evaluate(f"network.moveTo({{scale: network.getScale() * {zoom}, animation: false}}); network.redraw()")
        labelled = {b["id"] for b in _screen(page)["labels"]}
        assert set(_top_by_degree(seed_projection, 5)) <= labelled
        assert len(labelled) >= (0.6 if zoom == 1 else 0.3) * seed_projection.number_of_nodes()


def test_labels_keep_a_constant_size_whatever_the_zoom(browser: "Browser", built_dir: Path) -> None:
    with open_offline(browser, built_dir / "graph.html") as opened:
        page = opened.page
        _wait_drawn(page)
        page.select_option("#layout-mode", "t")
        heights = set()
        for scale in (0.2, 1.0, 3.0):
            page.evaluate(f"network.moveTo({{scale: {scale}, animation: false}}); network.redraw()")
            labels = _screen(page)["labels"]
            assert labels, f"no label at zoom {scale}"
            heights |= {b["h"] for b in labels}
        assert heights == {15}


def test_hovering_an_unlabelled_node_shows_its_name(browser: "Browser",
                                                    synthetic_2000: tuple[nx.MultiDiGraph, Path]) -> None:
    graph, path = synthetic_2000
    with open_offline(browser, path) as opened:
        page = opened.page
        page.wait_for_function("document.body.dataset.drawn === 'true'", timeout=30_000)
        screen = _screen(page)
        labelled = {b["id"] for b in screen["labels"]}
        middle = min((n for n in screen["nodes"] if n["id"] not in labelled),
                     key=lambda n: math.dist((n["dx"], n["dy"]), (screen["width"] / 2, screen["height"] / 2)))
        name = graph.nodes[middle["id"]]["label"]
        _hover(page, middle["id"])
        tooltip = page.locator(".vis-tooltip")
        tooltip.wait_for(state="visible")
        assert name in tooltip.inner_text()
        page.wait_for_function("id => window.drawnLabels.some(b => b.id === id)", arg=middle["id"])
        assert not _overlapping_labels(_screen(page)["labels"])


def test_search_fits_the_view_to_the_found_node_and_its_neighbours(
        browser: "Browser", synthetic_2000: tuple[nx.MultiDiGraph, Path]) -> None:
    graph, path = synthetic_2000
    found = "https://example.org/event/1072"
    near = {found} | {str(m) for m in nx.all_neighbors(graph, found)}
    with open_offline(browser, path) as opened:
        page = opened.page
        page.wait_for_function("document.body.dataset.drawn === 'true'", timeout=30_000)
        # Look somewhere else first, zoomed in: the search has to bring its finds into view.
        page.evaluate("network.moveTo({position: {x: -5000, y: -5000}, scale: 3, animation: false}); 0")
        page.fill("#search", graph.nodes[found]["label"])
        page.press("#search", "Enter")
        page.wait_for_function(f"document.body.dataset.found === '{found}'")
        screen = _screen(page)
        assert near <= {n["id"] for n in screen["nodes"]} - set(_off_screen(screen))
        # Fitted to them: they span most of the canvas' width or height.
        xs = [n["dx"] for n in screen["nodes"] if n["id"] in near]
        ys = [n["dy"] for n in screen["nodes"] if n["id"] in near]
        assert max(xs) - min(xs) > 0.75 * screen["width"] or max(ys) - min(ys) > 0.75 * screen["height"]
        assert found in {b["id"] for b in screen["labels"]}  # selected: named first
