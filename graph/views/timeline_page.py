"""Render the events of the projection on a time axis as one self-contained, offline HTML page.

The drawing is vis-timeline (vendored in ``static/vendor``, dual Apache-2.0/MIT licensed; see
``static/vendor/README.md``), inlined into the page so that nothing is fetched. It gives what a
reader of a timeline expects: every event labelled on the axis, stacked so that no two labels
overlap; ticks that adapt from years to days as you zoom; zoom and pan by wheel, drag and buttons;
counts where more events crowd one spot than fit. A date known to the day is a point with its
label; an uncertain date (a month, a range) is a bar from its earliest to its latest day. Labels are
short; hovering one shows the whole label, and a tooltip gives the date and who took part.

The page opens on :func:`initial_window`: the stretch where the events are, not the whole span,
so a dense month is not a sliver of a decade ("Fit all" shows everything). Lanes are per event
type, actor or place, or one lane for all; an event with two actors is in both actors' lanes.
Clicking an event shows its date, type, actors, places, sentence and source (linked only when the
URL is http(s)). Filters: event type, text search, date range, with a count of the events shown.
Undated events are listed below the axis.

Node attributes read are those of :func:`graph.views.project` (see :mod:`graph.views.graph_page`).

In: a projection. Out: the page's text, ``templates/timeline.html.j2`` with vis-timeline,
``static/timeline.css`` and ``static/timeline.js`` (the event records) inlined.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

from .html import (
    KIND_STYLES,
    inline,
    is_web_url,
    node_label,
    page_templates,
    script_json,
    static_files,
)

__all__ = ["GROUPS", "initial_window", "render_timeline_html", "short_label", "write_timeline_html"]

#: What lanes can be grouped by; "none" puts every event in one lane.
GROUPS = ("type", "actor", "place", "none")

#: About how many events one screen shows with every label legible; the page opens on a window
#: holding no more (unless they all share a few days).
SCREEN_CAPACITY = 40
#: Share of the events the opening window holds when they fit on a screen: the far outliers
#: (a war's start years before the news) are left to "Fit all".
_OPENING_SHARE = 0.8
#: The narrowest window, opening or zoomed: a week, so that the ticks are days, never hours.
MIN_WINDOW_DAYS = 7
_MAX_SHORT_LABEL = 34
_LAST_DAY = date.max.toordinal()

_TEMPLATES = page_templates("graph.views")
_STATIC = static_files("graph.views")
_VENDOR = ("static", "vendor")


def write_timeline_html(graph: nx.MultiDiGraph, path: Path, *, title: str = "timeline-kg",
                        group_by: str = "type") -> Path:
    """Write the events of ``graph`` on a time axis as a self-contained HTML page.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A projection (see :func:`graph.views.project`).
    path : pathlib.Path
        Where to write the page; parent folders are created.
    title : str, optional
        Text of the page ``<title>`` and heading.
    group_by : {"type", "actor", "place", "none"}, optional
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


def render_timeline_html(graph: nx.MultiDiGraph, *, title: str = "timeline-kg", group_by: str = "type") -> str:
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
    ValueError: group_by='year': choose one of type, actor, place, none
    """
    if group_by not in GROUPS:
        raise ValueError(f"group_by={group_by!r}: choose one of {', '.join(GROUPS)}")
    events = _event_records(graph)
    spans = [(e["b"], e["e"]) for e in events if e["b"]]
    opening = initial_window(spans)
    return _TEMPLATES.get_template("timeline.html.j2").render(
        title=title, groups=GROUPS, group_by=group_by,
        event_count=len(events), dated_count=len(spans),
        types=sorted(Counter(e["type"] for e in events if e["type"]).items()),
        vendor_css=_vendor("vis-timeline-graph2d.min.css") if events else "",
        vendor_js=_vendor("vis-timeline-graph2d.min.js") if events else "",
        style=inline(_STATIC, "timeline.css", colour=KIND_STYLES["event"]["color"]),
        script=inline(_STATIC, "timeline.js", events_json=script_json(events),
                      window_json=script_json(list(opening) if opening else None),
                      min_days=MIN_WINDOW_DAYS),
    )


def initial_window(spans: list[tuple[str, str]], *, capacity: int = SCREEN_CAPACITY) -> tuple[str, str] | None:
    """The days the timeline opens on: the shortest stretch holding most of the events, padded.

    The stretch holds 80% of the events, or ``capacity`` of them when that is fewer (a screen's
    worth), chosen by each event's middle day; of equally short stretches the latest wins, news
    being read for what is new. It is padded by a tenth on each side and is at least a week (the
    page zooms no closer: dates are days), where crowded days show as counts.

    Parameters
    ----------
    spans : list of (str, str)
        Each dated event's earliest and latest day, ISO ``YYYY-MM-DD``.
    capacity : int, optional
        The most events the opening window aims to hold.

    Returns
    -------
    (str, str) or None
        First and last day of the window (inclusive), or None without dated events.

    Examples
    --------
    >>> spans = [("2015-09-01", "2015-09-30")] + [(f"2017-12-{d:02}", f"2017-12-{d:02}") for d in range(8, 20)]
    >>> initial_window(spans)
    ('2017-12-08', '2017-12-20')
    >>> initial_window([("2020-01-01", "2020-01-01")])
    ('2019-12-29', '2020-01-04')
    """
    if not spans:
        return None
    middles = sorted((date.fromisoformat(b).toordinal() + date.fromisoformat(e).toordinal()) / 2 for b, e in spans)
    held = max(1, min(math.ceil(_OPENING_SHARE * len(middles)), capacity))
    best = min(range(len(middles) - held + 1), key=lambda i: (middles[i + held - 1] - middles[i], -i))
    first, last = math.floor(middles[best]), math.ceil(middles[best + held - 1])
    days = last - first + 1
    extra = max(round(days / 5), MIN_WINDOW_DAYS - days, 0)
    start, end = first - extra // 2, last + extra - extra // 2
    # Slid, not cut, at the ends of the calendar, so the window keeps its width.
    start, end = start + max(0, 1 - start), end + max(0, 1 - start)
    start, end = start - max(0, end - _LAST_DAY), end - max(0, end - _LAST_DAY)
    return date.fromordinal(start).isoformat(), date.fromordinal(end).isoformat()


def short_label(label: str, limit: int = _MAX_SHORT_LABEL) -> str:
    """``label`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut.

    Examples
    --------
    >>> short_label("The finance minister announces a new budget for the coming year", 30)
    'The finance minister…'
    >>> short_label("meet")
    'meet'
    """
    if len(label) <= limit:
        return label
    cut = label[:limit - 1]
    if " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:-") + "\u2026"


def _event_records(graph: nx.MultiDiGraph) -> list[dict[str, Any]]:
    """One record per event, by date (undated last), then label and IRI."""
    records = []
    for node, attrs in graph.nodes(data=True):
        if attrs.get("kind") != "event":
            continue
        by_kind: dict[str, set[str]] = {"actor": set(), "place": set()}
        for _, other, data in graph.out_edges(node, data=True):
            kind = "place" if data.get("role") == "place" else "actor"
            by_kind[kind].add(node_label(other, graph.nodes[other]))
        url = str(attrs.get("article_url") or "").strip()
        begin = str(attrs.get("earliest") or "")
        label = node_label(node, attrs)
        records.append({
            "id": str(node), "label": label, "short": short_label(label), "type": str(attrs.get("event_type") or ""),
            "b": begin, "e": str(attrs.get("latest") or begin), "date": str(attrs.get("date") or begin),
            "sentence": str(attrs.get("sentence") or ""), "source": str(attrs.get("article_title") or ""),
            "url": url if is_web_url(url) else "",
            "actors": sorted(by_kind["actor"]), "places": sorted(by_kind["place"]),
        })
    return sorted(records, key=lambda r: (r["b"] == "", r["b"], r["e"], r["label"], r["id"]))


def _vendor(name: str) -> str:
    """A vendored vis-timeline file, checked to be safe to inline in its tag."""
    text = files("graph.views").joinpath(*_VENDOR, name).read_text(encoding="utf-8")
    if "</script" in text.lower() or "</style" in text.lower():
        raise RuntimeError(f"{name} would end its tag early: it cannot be inlined")
    return text
