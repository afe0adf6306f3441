"""The timeline page in a real headless chromium: offline, clickable, filterable, escaped."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pytest
from rdflib import Graph

from graph.views import project, sample_graph, timeline
from graph.views.timeline_page import render_timeline_html, write_timeline_html
from tests.browser import open_offline

if TYPE_CHECKING:
    from playwright.sync_api import Page

PAYLOAD = '<img src=x onerror="window.__pwned=1">'


@pytest.fixture(scope="module")
def seed_projection(built_dir: Path) -> nx.MultiDiGraph:
    return project(Graph().parse(built_dir / "timeline.ttl", format="turtle"))


@pytest.fixture(scope="module")
def seed_page(seed_projection, tmp_path_factory) -> Path:
    return write_timeline_html(seed_projection, tmp_path_factory.mktemp("tl") / "timeline.html", title="Seed")


def _drawn(page: "Page") -> None:
    page.wait_for_function("document.body.dataset.drawn === 'true'")


def _visible(page: "Page") -> int:
    return int(page.get_attribute("body", "data-visible"))


def test_seed_timeline_renders_offline_with_every_event(browser, seed_page, seed_projection):
    events = [n for n, d in seed_projection.nodes(data=True) if d["kind"] == "event"]
    dated = timeline(seed_projection)
    with open_offline(browser, seed_page) as opened:
        page = opened.page
        _drawn(page)
        assert _visible(page) == len(events)
        drawn = set(page.locator("#axis .ev").evaluate_all("els => els.map(e => e.dataset.event)"))
        assert drawn == {r["event"] for r in dated}
        lanes = page.locator("#labels .lane-label").evaluate_all("els => els.map(e => e.textContent)")
        assert "Vladimir Putin" in lanes and "(no actor)" in lanes
        assert opened.blocked == [], f"page tried to fetch {opened.blocked}"


def test_uncertain_dates_are_ranges_known_days_are_dots(browser, seed_page, seed_projection):
    month_long = next(r for r in timeline(seed_projection) if r["earliest"] == "2017-11-01" and r["latest"] == "2017-11-30")
    one_day = next(r for r in timeline(seed_projection) if r["earliest"] == r["latest"])
    with open_offline(browser, seed_page) as opened:
        page = opened.page
        _drawn(page)
        tags = lambda iri: set(page.locator(f'#axis .ev[data-event="{iri}"]').evaluate_all(  # noqa: E731
            "els => els.map(e => e.tagName + ':' + e.getAttribute('class'))"))
        assert tags(month_long["event"]) == {"rect:ev range"}
        assert tags(one_day["event"]) == {"circle:ev point"}
        widths = page.locator(f'#axis rect.ev[data-event="{month_long["event"]}"]').evaluate_all(
            "els => els.map(e => e.getBBox().width)")
        assert min(widths) > 10


def test_click_on_an_event_shows_its_sentence_and_source(browser, seed_page, seed_projection):
    row = next(r for r in timeline(seed_projection, place="Sochi"))
    with open_offline(browser, seed_page) as opened:
        page = opened.page
        _drawn(page)
        page.locator(f'#axis .ev[data-event="{row["event"]}"]').first.click()
        details = page.locator("#details")
        assert details.locator(".sentence").inner_text() == row["sentence"]
        assert "Putin orders beginning of withdrawal from Syria" in details.locator(".source").inner_text()
        assert page.get_attribute("body", "data-selected") == row["event"]
        assert opened.blocked == []


def test_filters_change_the_visible_count(browser, seed_page, seed_projection):
    with open_offline(browser, seed_page) as opened:
        page = opened.page
        _drawn(page)
        everything = _visible(page)
        page.select_option("#type-filter", "meet")
        assert _visible(page) == len(timeline(seed_projection, event_type="meet")) < everything
        assert page.locator("#visible-count").inner_text().startswith(f"{_visible(page)} of {everything}")
        page.select_option("#type-filter", "")
        page.fill("#date-from", "2017-12-01")
        page.dispatch_event("#date-from", "change")
        assert _visible(page) == len(timeline(seed_projection, "2017-12-01"))
        page.fill("#search", "Putin")
        expected = [r for r in timeline(seed_projection, "2017-12-01")
                    if "putin" in (r["label"] + " " + r["sentence"]).lower()]
        assert _visible(page) == len(expected) > 0
        page.fill("#search", "")
        page.fill("#date-from", "")
        page.dispatch_event("#date-from", "change")
        assert _visible(page) == everything
        page.select_option("#group-by", "place")
        lanes = page.locator("#labels .lane-label").evaluate_all("els => els.map(e => e.textContent)")
        assert "Sochi" in lanes and "Vladimir Putin" not in lanes and "(no place)" in lanes


def test_undated_events_are_listed_and_clickable(browser, tmp_path):
    g = sample_graph()
    g.nodes["ex:e3"]["earliest"] = g.nodes["ex:e3"]["latest"] = None
    path = write_timeline_html(g, tmp_path / "t.html")
    with open_offline(browser, path) as opened:
        page = opened.page
        _drawn(page)
        item = page.locator('#undated li[data-event="ex:e3"]')
        assert item.inner_text() == "Merkel visited Ukraine"
        item.click()
        assert page.locator("#details .sentence").inner_text() == "Merkel visited Ukraine."


def test_payload_in_a_sentence_stays_text(browser, tmp_path):
    g = sample_graph()
    g.nodes["ex:e1"]["sentence"] = PAYLOAD
    g.nodes["ex:e1"]["article_url"] = "javascript:window.__pwned=1"
    path = write_timeline_html(g, tmp_path / "x.html", title="<b>t</b>")
    source = path.read_text(encoding="utf-8")
    assert PAYLOAD not in source and "<b>t</b>" not in source and "javascript:" not in source
    with open_offline(browser, path) as opened:
        page = opened.page
        _drawn(page)
        page.locator('#axis .ev[data-event="ex:e1"]').first.click()
        assert page.locator("#details .sentence").inner_text() == PAYLOAD
        assert page.locator("#details a").count() == 0
        assert page.evaluate("typeof window.__pwned") == "undefined"


def test_empty_graph_says_nothing_to_show():
    assert "Nothing to show" in render_timeline_html(nx.MultiDiGraph())


def test_same_graph_same_bytes():
    assert render_timeline_html(sample_graph()) == render_timeline_html(sample_graph())
