"""The timeline page in a real headless chromium at 1,400x900: offline, labelled, zoomable, filterable, escaped."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx
import pytest
from rdflib import Graph

from graph.views import project, sample_graph, synthetic_graph, timeline
from graph.views.timeline_page import (
    MIN_WINDOW_DAYS,
    initial_window,
    render_timeline_html,
    short_label,
    write_timeline_html,
)
from tests.browser import open_offline

if TYPE_CHECKING:
    from playwright.sync_api import Page

# An event's item on the axis (vis draws a point's dot as a second item element).
ITEM = ".vis-item.ev:not(.vis-dot)"
PAYLOAD = '<img src=x onerror="window.__pwned=1">'

# What a reader sees: the events whose dates overlap the window, and the label boxes that are on
# screen (inside the drawing panel, not clipped by their bar), with their events.
LEGIBILITY = """() => {
  const DAY = 86400000, w = timeline.getWindow(), start = w.start.getTime(), end = w.end.getTime();
  const day = s => Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10));
  const inWindow = timelineEvents.filter(ev => ev.b && day(ev.b) < end && day(ev.e) + DAY > start).map(ev => ev.id);
  const panel = document.querySelector('.vis-panel.vis-center').getBoundingClientRect();
  const labels = [];
  document.querySelectorAll('.vis-item.ev:not(.vis-dot)').forEach(item => {
    const content = item.querySelector('.vis-item-content');
    const r = content.getBoundingClientRect();
    const frame = item.querySelector('.vis-item-overflow');
    const f = frame ? frame.getBoundingClientRect() : r;
    const clipped = frame && getComputedStyle(frame).overflow === 'hidden' && (r.left < f.left - 0.5 || r.right > f.right + 0.5);
    const onScreen = r.width > 0 && r.left >= panel.left - 0.5 && r.right <= panel.right + 0.5
                     && r.top >= panel.top - 0.5 && r.bottom <= panel.bottom + 0.5;
    if (onScreen && !clipped && content.textContent.trim())
      labels.push({event: item.dataset.event, text: content.textContent, l: r.left, t: r.top, r: r.right, b: r.bottom});
  });
  return {inWindow, labels, start: w.start.toISOString().slice(0, 10), end: w.end.toISOString().slice(0, 10)};
}"""


@pytest.fixture(scope="module")
def seed_projection(built_dir: Path) -> nx.MultiDiGraph:
    return project(Graph().parse(built_dir / "timeline.ttl", format="turtle"))


@pytest.fixture(scope="module")
def seed_page(built_dir: Path) -> Path:
    """The page ``timeline-kg build`` wrote for the bundled article."""
    return built_dir / "timeline.html"


@pytest.fixture(scope="module")
def big_page(tmp_path_factory) -> Path:
    return write_timeline_html(synthetic_graph(2000), tmp_path_factory.mktemp("tl") / "timeline.html")


def _drawn(page: "Page") -> None:
    page.wait_for_function("document.body.dataset.drawn === 'true'")


def _next_frames(page: "Page") -> None:
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")


def _visible(page: "Page") -> int:
    return int(page.get_attribute("body", "data-visible"))


def _window(page: "Page") -> tuple[float, float]:
    return tuple(page.evaluate("() => { const w = timeline.getWindow(); return [w.start.getTime(), w.end.getTime()]; }"))


def _overlapping(labels: list[dict]) -> list[tuple[str, str]]:
    return [(a["text"], b["text"]) for i, a in enumerate(labels) for b in labels[i + 1:]
            if min(a["r"], b["r"]) - max(a["l"], b["l"]) > 0.5 and min(a["b"], b["b"]) - max(a["t"], b["t"]) > 0.5]


@pytest.mark.parametrize("which", ["seed_page", "big_page"])
def test_events_of_the_opening_window_show_labels_that_do_not_overlap(browser, which, request):
    with open_offline(browser, request.getfixturevalue(which)) as opened:
        page = opened.page
        _drawn(page)
        seen = page.evaluate(LEGIBILITY)
        labelled = {label["event"] for label in seen["labels"]}
        in_window = seen["inWindow"]
        assert in_window, "the opening window holds no event"
        shown = sum(1 for event in in_window if event in labelled)
        assert shown >= 0.9 * len(in_window), f"{shown} of {len(in_window)} events in the window are labelled"
        assert _overlapping(seen["labels"]) == []
        assert opened.blocked == [], f"page tried to fetch {opened.blocked}"


def test_seed_page_opens_on_the_weeks_of_the_news_not_on_two_years(browser, seed_page, seed_projection):
    rows = timeline(seed_projection)
    assert min(r["earliest"] for r in rows) < "2016-01-01"  # the 2015 intervention is in the graph
    with open_offline(browser, seed_page) as opened:
        page = opened.page
        _drawn(page)
        seen = page.evaluate(LEGIBILITY)
        assert seen["start"] > "2017-10-01" and seen["end"] < "2018-01-15", seen
        texts = {label["text"] for label in seen["labels"]}
        sochi = next(r for r in timeline(seed_projection, place="Sochi"))
        assert sochi["earliest"] == "2017-11-22" and sochi["event"] in {label["event"] for label in seen["labels"]}
        assert any(t.startswith("Vladimir Putin orders") for t in texts), texts
        page.click("#fit-all")
        _drawn(page)
        everything = page.evaluate(LEGIBILITY)
        assert everything["start"] <= "2015-09-01" and set(everything["inWindow"]) == {r["event"] for r in rows}


def _tick_labels(page: "Page") -> list[str]:
    return page.locator(".vis-time-axis .vis-text.vis-minor:not(.vis-measure)").evaluate_all("els => els.map(e => e.textContent)")


def test_ticks_go_from_years_to_days_as_you_zoom_by_buttons_wheel_and_drag(browser, seed_page):
    with open_offline(browser, seed_page) as opened:
        page = opened.page
        _drawn(page)
        page.click("#fit-all")
        _drawn(page)
        wide = _tick_labels(page)
        assert not any(label.isdigit() and int(label) < 32 for label in wide), wide  # months or years, no days
        first, last = _window(page)
        page.click("#zoom-in")
        narrower = _window(page)
        assert narrower[1] - narrower[0] < 0.75 * (last - first)
        chart = page.locator(".vis-panel.vis-center").bounding_box()
        page.mouse.move(chart["x"] + chart["width"] / 2, chart["y"] + 100)
        for _ in range(40):
            page.mouse.wheel(0, -120)
        # The wheel zooms as the events arrive, and vis redraws the ticks on a later frame.
        page.wait_for_function(f"() => {{ const w = timeline.getWindow(); return w.end - w.start < {MIN_WINDOW_DAYS * 1.05} * 86400000; }}")
        _next_frames(page)
        start, end = _window(page)
        assert end - start == pytest.approx(MIN_WINDOW_DAYS * 86_400_000, rel=0.05)  # zoomed in as far as it goes
        days = [label for label in _tick_labels(page) if re.fullmatch(r"(\w{3} )?\d{1,2}", label)]  # "22", "Sat 22"
        assert len(days) >= MIN_WINDOW_DAYS - 1, _tick_labels(page)  # a tick per day
        page.mouse.move(chart["x"] + chart["width"] / 2, chart["y"] + 100)
        page.mouse.down()
        page.mouse.move(chart["x"] + chart["width"] / 2 + 300, chart["y"] + 100, steps=8)
        page.mouse.up()
        moved = _window(page)
        assert moved[0] < start and moved[1] - moved[0] == pytest.approx(end - start, rel=0.01)  # dragged back in time
        page.click("#opening")
        assert _window(page)[0] > moved[0]


def test_lanes_by_type_actor_place_or_one(browser, seed_page, seed_projection):
    two_actors = next(r for r in timeline(seed_projection, "2017-11-20", "2017-12-20") if len(r["actors"]) >= 2)
    with open_offline(browser, seed_page) as opened:
        page = opened.page
        _drawn(page)
        lanes = lambda: page.locator(".vis-labelset .vis-label").evaluate_all(  # noqa: E731
            "els => els.map(e => e.textContent)")
        assert "meet" in lanes()
        page.select_option("#group-by", "actor")
        assert {"Vladimir Putin", "Bashar al-Assad"} <= set(lanes())
        copies = page.locator(f'{ITEM}[data-event="{two_actors["event"]}"]').count()
        assert copies == len(two_actors["actors"])  # one in each actor's lane
        page.select_option("#group-by", "place")
        assert "Sochi" in lanes() and "Vladimir Putin" not in lanes() and "(no place)" in lanes()
        page.select_option("#group-by", "none")
        assert [lane for lane in lanes() if lane.strip()] == []


def test_uncertain_dates_are_bars_known_days_are_points(browser, seed_page, seed_projection):
    month_long = next(r for r in timeline(seed_projection) if r["earliest"] == "2017-11-01" and r["latest"] == "2017-11-30")
    one_day = next(r for r in timeline(seed_projection) if r["earliest"] == r["latest"])
    with open_offline(browser, seed_page) as opened:
        page = opened.page
        _drawn(page)
        page.click("#fit-all")
        kinds = lambda iri: set(page.locator(f'{ITEM}[data-event="{iri}"]').evaluate_all(  # noqa: E731
            "els => els.map(e => e.classList.contains('vis-range') ? 'bar' : e.classList.contains('vis-point') ? 'point' : '?')"))
        assert kinds(month_long["event"]) == {"bar"}
        assert kinds(one_day["event"]) == {"point"}
        page.click("#opening")
        _drawn(page)
        bar = page.locator(f'{ITEM}[data-event="{month_long["event"]}"]').first.bounding_box()
        assert bar["width"] > 100  # a month is a month wide, not a sliver
        two_days = next(r for r in timeline(seed_projection, "2017-12-01")
                        if (date.fromisoformat(r["latest"]) - date.fromisoformat(r["earliest"])).days == 1)
        labelled = {label["event"]: label["text"] for label in page.evaluate(LEGIBILITY)["labels"]}
        assert labelled.get(two_days["event"]) == short_label(two_days["label"])  # whole, though wider than its bar


def test_crowded_day_shows_a_count(browser, tmp_path):
    g = nx.MultiDiGraph()
    for i in range(30):
        g.add_node(f"ex:e{i}", kind="event", label=f"meeting number {i}", event_type="meet",
                   earliest="2020-05-05", latest="2020-05-05", date="2020-05-05", sentence="s.")
    g.add_node("ex:far", kind="event", label="far away", event_type="meet", earliest="2021-05-05",
               latest="2021-05-05", date="2021-05-05", sentence="s.")
    with open_offline(browser, write_timeline_html(g, tmp_path / "t.html")) as opened:
        page = opened.page
        _drawn(page)
        page.click("#fit-all")
        _drawn(page)
        counts = page.locator(".vis-item.vis-cluster").evaluate_all("els => els.map(e => +e.textContent)")
        singles = page.locator(ITEM).evaluate_all(
            "els => els.map(e => e.dataset.event)")
        assert counts and all(c > 1 for c in counts)
        assert sum(counts) + len(singles) == 31


def test_a_long_label_is_short_until_hovered(browser, seed_page, seed_projection):
    long_one = next(r for r in timeline(seed_projection) if short_label(r["label"]) != r["label"]
                    and "2017-11-20" <= r["earliest"] <= "2017-12-20")
    with open_offline(browser, seed_page) as opened:
        page = opened.page
        _drawn(page)
        item = page.locator(f'{ITEM}[data-event="{long_one["event"]}"]').first
        content = item.locator(".vis-item-content")
        assert content.inner_text() == short_label(long_one["label"])
        item.hover()
        assert content.inner_text() == long_one["label"]


def test_click_on_an_event_shows_its_sentence_and_source(browser, seed_page, seed_projection):
    row = next(r for r in timeline(seed_projection, place="Sochi"))
    with open_offline(browser, seed_page) as opened:
        page = opened.page
        _drawn(page)
        page.locator(f'{ITEM}[data-event="{row["event"]}"]').first.click()
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
        assert everything == sum(1 for _, d in seed_projection.nodes(data=True) if d["kind"] == "event")
        page.select_option("#type-filter", "meet")
        assert _visible(page) == len(timeline(seed_projection, event_type="meet")) < everything
        assert page.locator("#visible-count").inner_text().startswith(f"{_visible(page)} of {everything}")
        page.click("#fit-all")
        drawn = set(page.locator(ITEM).evaluate_all("els => els.map(e => e.dataset.event)"))
        assert drawn == {r["event"] for r in timeline(seed_projection, event_type="meet")}
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


def test_payload_in_a_label_a_lane_or_a_sentence_stays_text(browser, tmp_path):
    g = sample_graph()
    g.nodes["ex:e1"]["sentence"] = PAYLOAD
    g.nodes["ex:e1"]["label"] = PAYLOAD
    g.nodes["ex:e1"]["event_type"] = PAYLOAD
    g.nodes["ex:e1"]["article_url"] = "javascript:window.__pwned=1"
    path = write_timeline_html(g, tmp_path / "x.html", title="<b>t</b>")
    source = path.read_text(encoding="utf-8")
    assert PAYLOAD not in source and "<b>t</b>" not in source and "javascript:" not in source
    with open_offline(browser, path) as opened:
        page = opened.page
        _drawn(page)
        item = page.locator(f'{ITEM}[data-event="ex:e1"]').first
        assert PAYLOAD.startswith(item.inner_text().rstrip("\u2026"))
        assert PAYLOAD in page.locator(".vis-labelset .vis-label").all_inner_texts()
        item.click()
        assert page.locator("#details .sentence").inner_text() == PAYLOAD
        assert page.locator("#details a").count() == 0
        item.hover()
        page.wait_for_timeout(300)
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.locator("img").count() == 0


@pytest.mark.parametrize(("spans", "expected"), [
    # an outlier years before the news is left out; the weeks of the news are in
    ([("2015-09-01", "2015-09-30")] + [(f"2017-12-{d:02}", f"2017-12-{d:02}") for d in range(1, 21)],
     ("2017-12-03", "2017-12-22")),
    # one event: a week around it
    ([("2020-01-01", "2020-01-01")], ("2019-12-29", "2020-01-04")),
    # at the ends of the calendar, a week still
    ([("0001-01-01", "0001-01-01")], ("0001-01-01", "0001-01-07")),
    ([("9999-12-31", "9999-12-31")], ("9999-12-25", "9999-12-31")),
    # two equally dense stretches: the later one
    ([("2020-01-01", "2020-01-01")] * 40 + [("2020-06-01", "2020-06-01")] * 40, ("2020-05-29", "2020-06-04")),
])
def test_initial_window(spans, expected):
    assert initial_window(spans) == expected


def test_initial_window_holds_about_a_screenful_of_a_big_collection():
    spans = [((date(2020, 1, 1) + timedelta(days=i % 365)).isoformat(),) * 2 for i in range(3650)]
    first, last = (date.fromisoformat(d) for d in initial_window(spans))
    assert (last - first).days + 1 == MIN_WINDOW_DAYS  # ten a day: forty fit in four days, padded to a week
    assert initial_window([]) is None


def test_empty_graph_says_nothing_to_show():
    page = render_timeline_html(nx.MultiDiGraph())
    assert "Nothing to show" in page and "@version" not in page  # no library without a timeline


def test_same_graph_same_bytes():
    assert render_timeline_html(sample_graph()) == render_timeline_html(sample_graph())


def test_page_inlines_its_library_and_references_nothing_remote(tmp_path):
    page = render_timeline_html(sample_graph())
    assert "@version 8.5.4" in page  # vis-timeline, inlined
    for remote in ('src="http', "src='http", 'href="http', "@import", "sourceMappingURL"):
        assert remote not in page
