"""Render the events of the projection on a time axis as one self-contained, offline HTML page.

Events are drawn in lanes, one per actor (or per place), an event appearing in the lane of each of
its actors; a date known to the day is a dot, an uncertain date (a month, a range) a bar from its
earliest to its latest day. Clicking an event shows its date, type, actors, places, sentence and
source (linked only when the URL is http(s)). Controls: group by actor or place, event type,
text search, date range, with a count of the events shown. Undated events are listed below the
axis. The drawing is a few dozen lines of vanilla JavaScript writing SVG: no library, no request.

Node attributes read are those of :func:`graph.views.project` (see :mod:`graph.views.graph_page`).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import jinja2
import networkx as nx

from .graph_page import KIND_STYLES, _is_web_url, _label, _script_json

__all__ = ["GROUPS", "render_timeline_html", "write_timeline_html"]

#: What lanes can be grouped by.
GROUPS = ("actor", "place")

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
<style>
  body { font-family: sans-serif; margin: 0; color: #222; }
  header { padding: 6px 16px; border-bottom: 1px solid #ddd; display: flex; align-items: center;
           gap: 8px 24px; flex-wrap: wrap; }
  header h1 { font-size: 1.2em; margin: 0; }
  #controls { display: flex; flex-wrap: wrap; gap: 6px 12px; align-items: center; font-size: 13px; }
  #controls label { display: flex; gap: 4px; align-items: center; }
  #visible-count { color: #555; }
  #legend { font-size: 12px; color: #555; display: flex; gap: 14px; align-items: center; }
  #legend svg { vertical-align: middle; }
  #main { display: flex; height: calc(100vh - 80px); }
  #chart { flex: 1; min-width: 0; overflow: auto; position: relative; }
  #rows { display: flex; width: max-content; }
  #labels { position: sticky; left: 0; z-index: 1; background: #fff; border-right: 1px solid #ddd; }
  #details { width: 340px; overflow: auto; padding: 8px 12px; font-size: 13px; border-left: 1px solid #ddd; }
  #details blockquote { margin: 6px 0; padding-left: 8px; border-left: 3px solid #ccc; }
  #details dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; margin: 4px 0; }
  #details dt { font-weight: bold; } #details dd { margin: 0; }
  svg text { font: 11px sans-serif; fill: #333; }
  .lane-label { font-weight: bold; }
  .lane-bg { fill: #f6f7f9; } .lane-bg.odd { fill: #ffffff; }
  .tick { stroke: #e2e2e2; } .tick-label { fill: #777; }
  .ev { cursor: pointer; fill: {{ colour }}; stroke: #8a2a10; stroke-width: 0.5; }
  .ev.range { fill-opacity: 0.35; }
  .ev.selected { stroke: #000; stroke-width: 2; fill-opacity: 1; }
  #undated { padding: 4px 16px 16px; font-size: 13px; }
  #undated li { cursor: pointer; color: #1a4f8a; }
  #empty { padding: 32px 16px; font-size: 1.1em; }
</style>
</head>
<body data-event-count="{{ event_count }}" data-dated-count="{{ dated_count }}">
<header>
  <h1>{{ title }}</h1>
  <span id="legend"><svg width="12" height="12"><circle class="ev" cx="6" cy="6" r="5"></circle></svg> known day
    <svg width="30" height="12"><rect class="ev range" x="1" y="2" width="28" height="8" rx="3"></rect></svg>
    uncertain date (earliest .. latest)</span>
{% if event_count %}
  <form id="controls" onsubmit="return false">
    <label>Group by <select id="group-by">{% for g in groups %}<option value="{{ g }}"{% if g == group_by %} selected{% endif %}>{{ g }}</option>{% endfor %}</select></label>
    <label>Event type <select id="type-filter"><option value="">all</option>
    {%- for name, count in types %}<option value="{{ name }}">{{ name }} ({{ count }})</option>{% endfor %}</select></label>
    <label>Search <input id="search" type="search" placeholder="words of the event" size="14"></label>
    <label>Zoom <input id="zoom" type="range" min="1" max="40" value="1"></label>
    <label>From <input id="date-from" type="date"></label>
    <label>to <input id="date-to" type="date"></label>
    <span id="visible-count"></span>
  </form>
{% endif %}
</header>
{% if event_count %}
<div id="main">
  <div id="chart"><div id="rows"><svg id="labels" xmlns="http://www.w3.org/2000/svg"></svg><svg id="axis" xmlns="http://www.w3.org/2000/svg"></svg></div></div>
  <aside id="details">Click an event to see its sentence and source here.</aside>
</div>
<section id="undated"></section>
<script>
  var timelineEvents = {{ events_json|safe }};
  var drawTimeline;
  (function () {
    var NS = "http://www.w3.org/2000/svg", LABEL_W = 180, LEFT = 12, ROW = 16, PAD = 6, AXIS_H = 28, DAY = 86400000;
    var $ = function (id) { return document.getElementById(id); };
    var byId = {};
    timelineEvents.forEach(function (ev) { byId[ev.id] = ev; });
    function el(name, attrs, text) {
      var node = document.createElementNS(NS, name);
      for (var k in attrs) node.setAttribute(k, attrs[k]);
      if (text !== undefined) node.textContent = text;
      return node;
    }
    function day(s) { return Date.parse(s + "T00:00:00Z"); }
    function passes(ev, f) {
      if (f.type && ev.type !== f.type) return false;
      if (f.q && (ev.label + " " + ev.sentence).toLowerCase().indexOf(f.q) < 0) return false;
      if ((f.from || f.to) && !ev.b) return false;
      if (f.from && ev.e < f.from) return false;
      if (f.to && ev.b > f.to) return false;
      return true;
    }
    function show(ev) {
      var box = $("details");
      box.replaceChildren();
      var h = document.createElement("h3"); h.textContent = ev.label; box.appendChild(h);
      var dl = document.createElement("dl");
      [["Date", ev.date || "undated"], ["Type", ev.type], ["Actors", ev.actors.join(", ")],
       ["Places", ev.places.join(", ")]].forEach(function (row) {
        if (!row[1]) return;
        var dt = document.createElement("dt"), dd = document.createElement("dd");
        dt.textContent = row[0]; dd.textContent = row[1]; dl.appendChild(dt); dl.appendChild(dd);
      });
      box.appendChild(dl);
      var q = document.createElement("blockquote"); q.className = "sentence"; q.textContent = ev.sentence;
      box.appendChild(q);
      var src = document.createElement("div"); src.className = "source"; src.textContent = "Source: ";
      if (ev.url) {
        var a = document.createElement("a"); a.href = ev.url; a.target = "_blank"; a.rel = "noopener noreferrer";
        a.textContent = ev.source || ev.url; src.appendChild(a);
      } else { src.appendChild(document.createTextNode(ev.source || "unknown")); }
      box.appendChild(src);
      document.querySelectorAll(".ev.selected").forEach(function (m) { m.classList.remove("selected"); });
      document.querySelectorAll('.ev[data-event="' + CSS.escape(ev.id) + '"]').forEach(function (m) {
        m.classList.add("selected"); });
      document.body.dataset.selected = ev.id;
    }
    drawTimeline = function () {
      var f = {group: $("group-by").value, type: $("type-filter").value, q: $("search").value.trim().toLowerCase(),
               from: $("date-from").value, to: $("date-to").value};
      var shown = timelineEvents.filter(function (ev) { return passes(ev, f); });
      var dated = shown.filter(function (ev) { return ev.b; });
      var lanes = {}, names = [];
      dated.forEach(function (ev) {
        var keys = f.group === "place" ? ev.places : ev.actors;
        (keys.length ? keys : ["(no " + f.group + ")"]).forEach(function (k) {
          if (!lanes[k]) { lanes[k] = []; names.push(k); }
          lanes[k].push(ev);
        });
      });
      names.sort(function (a, b) { return (lanes[b].length - lanes[a].length) || (a < b ? -1 : a > b ? 1 : 0); });
      var svg = $("axis"), labels = $("labels");
      svg.replaceChildren(); labels.replaceChildren();
      var first = Infinity, last = -Infinity;
      dated.forEach(function (ev) { first = Math.min(first, day(ev.b)); last = Math.max(last, day(ev.e)); });
      var fit = Math.max($("chart").clientWidth - LABEL_W - 2 * LEFT - 20, 300);
      var span = Math.max((last - first) / DAY + 1, 1);
      var perDay = fit / span * Number($("zoom").value);
      var x = function (t) { return LEFT + (t - first) / DAY * perDay; };
      var width = 2 * LEFT + span * perDay;
      var y = AXIS_H, marks = document.createDocumentFragment();
      names.forEach(function (name, i) {
        var rows = [];  // right edge in pixels of the last mark of each row
        var placed = lanes[name].map(function (ev) {
          var x0 = x(day(ev.b)), x1 = ev.b === ev.e ? x0 : x(day(ev.e) + DAY);
          var r = 0;
          while (r < rows.length && rows[r] > x0 - 4) r++;
          rows[r] = Math.max(x1, x0 + 10);
          return [ev, x0, x1, r];
        });
        var h = Math.max(rows.length, 1) * ROW + PAD;
        marks.appendChild(el("rect", {"class": "lane-bg" + (i % 2 ? " odd" : ""), x: 0, y: y, width: width, height: h}));
        labels.appendChild(el("rect", {"class": "lane-bg" + (i % 2 ? " odd" : ""), x: 0, y: y, width: LABEL_W, height: h}));
        labels.appendChild(el("text", {"class": "lane-label", x: 6, y: y + 13}, name.length > 26 ? name.slice(0, 25) + "\\u2026" : name));
        placed.forEach(function (p) {
          var ev = p[0], cy = y + PAD / 2 + p[3] * ROW + ROW / 2, mark;
          if (p[2] > p[1]) {
            mark = el("rect", {"class": "ev range", x: p[1], y: cy - 5, width: Math.max(p[2] - p[1], 4), height: 10, rx: 3});
          } else {
            mark = el("circle", {"class": "ev point", cx: p[1], cy: cy, r: 5});
          }
          mark.setAttribute("data-event", ev.id);
          mark.appendChild(el("title", {}, (ev.date || "") + " \\u00b7 " + ev.label));
          marks.appendChild(mark);
        });
        y += h;
      });
      // Ticks: days when short, else month starts, thinned to about one per 70 px.
      var ticks = document.createDocumentFragment(), every = Math.max(1, Math.ceil(70 / perDay));
      if (dated.length) {
        var d = new Date(first), prev = -Infinity;
        while (d.getTime() <= last) {
          var monthly = span > 62, t = d.getTime(), tx = x(t);
          if (!monthly || d.getUTCDate() === 1) {
            if (tx - prev >= 70 || (!monthly && (t - first) / DAY % every === 0 && tx - prev >= 40)) {
              ticks.appendChild(el("line", {"class": "tick", x1: tx, x2: tx, y1: AXIS_H - 6, y2: y}));
              ticks.appendChild(el("text", {"class": "tick-label", x: tx + 2, y: 14},
                d.toISOString().slice(0, monthly ? 7 : 10)));
              prev = tx;
            }
          }
          d.setUTCDate(d.getUTCDate() + 1);
        }
      }
      svg.appendChild(ticks); svg.appendChild(marks);
      svg.setAttribute("width", width); svg.setAttribute("height", y + 10);
      labels.setAttribute("width", LABEL_W); labels.setAttribute("height", y + 10);
      var undated = shown.filter(function (ev) { return !ev.b; });
      var section = $("undated");
      section.replaceChildren();
      if (undated.length) {
        var head = document.createElement("h3"); head.textContent = "Undated events (" + undated.length + ")";
        var list = document.createElement("ul");
        undated.forEach(function (ev) {
          var li = document.createElement("li"); li.textContent = ev.label; li.className = "undated-event";
          li.dataset.event = ev.id; list.appendChild(li);
        });
        section.appendChild(head); section.appendChild(list);
      }
      $("visible-count").textContent = shown.length + " of " + timelineEvents.length + " events shown";
      document.body.dataset.visible = String(shown.length);
      document.body.dataset.drawn = "true";
    };
    document.addEventListener("click", function (e) {
      var target = e.target.closest("[data-event]");
      if (target) show(byId[target.getAttribute("data-event")]);
    });
    ["group-by", "type-filter", "date-from", "date-to"].forEach(function (id) {
      $(id).addEventListener("change", drawTimeline); });
    $("zoom").addEventListener("input", drawTimeline);
    $("search").addEventListener("input", drawTimeline);
    window.addEventListener("resize", drawTimeline);
    drawTimeline();
  })();
</script>
{% else %}
<p id="empty">Nothing to show: the graph has no events.</p>
{% endif %}
</body>
</html>
"""


def write_timeline_html(graph: nx.MultiDiGraph, path: Path, *, title: str = "timeline-kg",
                        group_by: str = "actor") -> Path:
    """Write the events of ``graph`` on a time axis as a self-contained HTML page.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`graph.views.project`).
    path : pathlib.Path
        Where to write the page; parent folders are created.
    title : str, optional
        Text of the page ``<title>`` and heading.
    group_by : {"actor", "place"}, optional
        The lanes the page opens on (the reader can switch).

    Returns
    -------
    pathlib.Path
        ``path``, for chaining.

    Examples
    --------
    >>> import tempfile
    >>> from graph.views import sample_graph
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = write_timeline_html(sample_graph(), Path(folder) / "t.html").read_text(encoding="utf-8")
    >>> 'data-event-count="4"' in page
    True
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_timeline_html(graph, title=title, group_by=group_by), encoding="utf-8")
    return path


def render_timeline_html(graph: nx.MultiDiGraph, *, title: str = "timeline-kg", group_by: str = "actor") -> str:
    """Return the page :func:`write_timeline_html` writes, as a string (same graph, same text).

    Raises
    ------
    ValueError
        When ``group_by`` is not one of :data:`GROUPS`.

    Examples
    --------
    >>> from graph.views import sample_graph
    >>> render_timeline_html(sample_graph(), group_by="year")
    Traceback (most recent call last):
    ...
    ValueError: group_by='year': choose one of actor, place
    """
    if group_by not in GROUPS:
        raise ValueError(f"group_by={group_by!r}: choose one of {', '.join(GROUPS)}")
    events = _event_records(graph)
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    return env.from_string(_PAGE).render(
        title=title, groups=GROUPS, group_by=group_by, colour=KIND_STYLES["event"]["color"],
        event_count=len(events), dated_count=sum(1 for e in events if e["b"]),
        types=sorted(Counter(e["type"] for e in events if e["type"]).items()),
        events_json=_script_json(events),
    )


def _event_records(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One record per event, by date (undated last), then label and IRI."""
    records = []
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") != "event":
            continue
        by_kind: dict[str, set[str]] = {"actor": set(), "place": set()}
        for _, other, data in graph.out_edges(node, data=True):
            kind = "place" if data.get("role") == "place" else "actor"
            by_kind[kind].add(_label(other, graph.nodes[other]))
        url = str(attrs.get("article_url") or "").strip()
        begin = str(attrs.get("earliest") or "")
        records.append({
            "id": str(node), "label": _label(node, attrs), "type": str(attrs.get("event_type") or ""),
            "b": begin, "e": str(attrs.get("latest") or begin), "date": str(attrs.get("date") or begin),
            "sentence": str(attrs.get("sentence") or ""), "source": str(attrs.get("article_title") or ""),
            "url": url if _is_web_url(url) else "",
            "actors": sorted(by_kind["actor"]), "places": sorted(by_kind["place"]),
        })
    return sorted(records, key=lambda r: (r["b"] == "", r["b"], r["e"], r["label"], r["id"]))
