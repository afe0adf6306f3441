"""Render the events of the projection on a time axis as one self-contained, offline HTML page.

Events are drawn in lanes, one per actor (or per place), an event appearing in the lane of each of
its actors; a date known to the day is a dot, an uncertain date (a month, a range) a bar from its
earliest to its latest day. Clicking an event shows its date, type, actors, places, sentence and
source (linked only when the URL is http(s)). Controls: group by actor or place, event type,
text search, date range, with a count of the events shown. Undated events are listed below the
axis. The drawing is a few dozen lines of vanilla JavaScript writing SVG: no library, no request.

Node attributes read are those of :func:`graph.views.project` (see :mod:`graph.views.graph_page`).

In: a projection. Out: the page's text, ``templates/timeline.html.j2`` with ``static/timeline.css``
and ``static/timeline.js`` (the event records) inlined.
"""

from __future__ import annotations

from collections import Counter
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

__all__ = ["GROUPS", "render_timeline_html", "write_timeline_html"]

#: What lanes can be grouped by.
GROUPS = ("actor", "place")

_TEMPLATES = page_templates("graph.views")
_STATIC = static_files("graph.views")

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
    return _TEMPLATES.get_template("timeline.html.j2").render(
        title=title, groups=GROUPS, group_by=group_by,
        event_count=len(events), dated_count=sum(1 for e in events if e["b"]),
        types=sorted(Counter(e["type"] for e in events if e["type"]).items()),
        style=inline(_STATIC, "timeline.css", colour=KIND_STYLES["event"]["color"]),
        script=inline(_STATIC, "timeline.js", events_json=script_json(events)),
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
            by_kind[kind].add(node_label(other, graph.nodes[other]))
        url = str(attrs.get("article_url") or "").strip()
        begin = str(attrs.get("earliest") or "")
        records.append({
            "id": str(node), "label": node_label(node, attrs), "type": str(attrs.get("event_type") or ""),
            "b": begin, "e": str(attrs.get("latest") or begin), "date": str(attrs.get("date") or begin),
            "sentence": str(attrs.get("sentence") or ""), "source": str(attrs.get("article_title") or ""),
            "url": url if is_web_url(url) else "",
            "actors": sorted(by_kind["actor"]), "places": sorted(by_kind["place"]),
        })
    return sorted(records, key=lambda r: (r["b"] == "", r["b"], r["e"], r["label"], r["id"]))
