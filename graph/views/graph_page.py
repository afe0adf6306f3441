"""Render the NetworkX projection of the timeline graph as one self-contained, offline HTML page.

The page inlines vis-network (the copy bundled with pyvis) and draws nodes at positions computed
here, with physics off (pyvis' default physics needs ~20 s to settle 500 nodes and never settles
10,000). Nothing is fetched when the page loads: pyvis' own template links Bootstrap and vis from
CDNs even with ``cdn_resources="in_line"``, so we take only pyvis' copy of vis-network and build
the node and edge records ourselves (pyvis' ``add_edge`` is quadratic in the number of edges).

The page has a legend, HTML-escaped tooltips (date, type, actors, sentence, a link to the
article), a details panel, a search box, filters by actor, event type and date range, a count of
the nodes shown, and two layouts (:mod:`.layouts`, :mod:`.time_axis`; no two nodes overlap in
either): "graph" (a seeded spring layout up to :data:`SPRING_LAYOUT_MAX` nodes, a cheap hub layout
above) and "time axis" (events left to right by date, one lane per event type, actors above,
places below). Above ``max_initial_nodes`` nodes the page opens on a window of the latest events,
with a note saying so; the date range, filters, search and a "Show all" button reach every node.

Node names are not drawn by vis, whose labels grow and shrink with the zoom and pile up around a
busy node: the page draws them itself at a constant 12 px, only where one touches no other label
and no other node, busiest nodes first; the tooltip names every node (see ``static/graph.js``).
Every filter, layout switch and search ends by fitting the view to the nodes left.

Node attributes read (all optional except the id): ``kind``, ``label``; events ``event_type``,
``earliest``, ``latest``, ``date``, ``sentence``, ``article_title``, ``article_url``, ``trigger``;
actors and places ``category``, ``wikidata``, ``aliases``. Edge attribute read: ``role``.

In: a projection (:func:`graph.views.project`). Out: the page's text, ``templates/graph.html.j2``
with ``static/graph.css`` and ``static/graph.js`` (node and edge records, layouts) inlined.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx

from .html import (
    KIND_STYLES,
    inline,
    is_web_url,
    node_kind,
    node_label,
    page_templates,
    script_json,
    static_files,
)
from .layouts import extent, hub_layout, node_size, spring_layout
from .time_axis import TimeLayout, time_layout

__all__ = ["KIND_STYLES", "MAX_INITIAL_NODES", "SPRING_LAYOUT_MAX", "render_graph_html", "write_graph_html"]

#: Above this many nodes the page opens on a window of the latest events (with a note).
MAX_INITIAL_NODES = 2000
#: Up to this many nodes the "graph" layout is a spring layout; above, a linear-time hub layout.
SPRING_LAYOUT_MAX = 500

_ACTOR_ROLES = ("agent", "patient", "participant")
_MAX_CANVAS_LABEL = 32
_MAX_SENTENCE = 600
_MAX_LISTED = 8

# The vis-network copy inside pyvis; looked up when a page is drawn, since importing pyvis imports
# IPython, which every command would otherwise pay for at start-up.
_VIS_NETWORK = ("templates", "lib", "vis-9.1.2")
_TEMPLATES = page_templates("graph.views")
_STATIC = static_files("graph.views")

_ARROWS: dict[str, Any] = {"to": {"enabled": True, "scaleFactor": 0.5}}

_VIS_OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    # improvedLayout runs a JS Kamada-Kawai pass; our positions are already given.
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
    "nodes": {"borderWidth": 1},
    "edges": {
        # Straight edges: "dynamic" smoothing adds a hidden support node per edge.
        "smooth": False,
        "color": {"color": "#b0b4ba", "highlight": "#333333", "hover": "#555555"},
        "width": 1,
    },
}


def write_graph_html(graph: nx.MultiDiGraph, path: Path, *, title: str = "timeline-kg",
                     max_initial_nodes: int = MAX_INITIAL_NODES) -> Path:
    """Write ``graph`` as a self-contained interactive HTML page.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The projection: nodes keyed by IRI with ``kind`` in {"event", "actor", "place"} and a
        ``label``; edges carry a ``role``. Parallel edges between the same two nodes are drawn
        as one edge listing every role.
    path : pathlib.Path
        Where to write the page; parent folders are created.
    title : str, optional
        Text of the page ``<title>`` and heading.
    max_initial_nodes : int, optional
        Above this many nodes the page opens on the latest events only, saying so.

    Returns
    -------
    pathlib.Path
        ``path``, for chaining.

    Examples
    --------
    >>> import tempfile
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("ex:e1", kind="event", label="meet", sentence="<b>hi</b>")
    >>> g.add_node("ex:a1", kind="actor", label="Merkel")
    >>> g.add_edge("ex:e1", "ex:a1", role="agent")
    0
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     page = write_graph_html(g, Path(folder) / "g.html").read_text(encoding="utf-8")
    >>> 'data-node-count="2"' in page, "<b>hi</b>" in page
    (True, False)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_graph_html(graph, title=title, max_initial_nodes=max_initial_nodes), encoding="utf-8")
    return path


def render_graph_html(graph: nx.MultiDiGraph, *, title: str = "timeline-kg",
                      max_initial_nodes: int = MAX_INITIAL_NODES) -> str:
    """Return the page :func:`write_graph_html` writes, as a string.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The projection (see :func:`write_graph_html`).
    title : str, optional
        Text of the page ``<title>`` and heading; HTML-escaped.
    max_initial_nodes : int, optional
        Above this many nodes the page opens on a window of the latest events (see the module).

    Returns
    -------
    str
        A complete HTML document with vis-network inlined; the same graph gives the same text.

    Examples
    --------
    >>> from graph.views import sample_graph
    >>> page = render_graph_html(sample_graph(), max_initial_nodes=5)
    >>> 'data-windowed="true"' in page, 'id="type-filter"' in page
    (True, True)
    """
    order = sorted(graph.nodes, key=str)
    radius = {n: extent(node_kind(graph.nodes[n]), node_size(graph.degree(n))) for n in order}
    spread = spring_layout if len(order) <= SPRING_LAYOUT_MAX else hub_layout
    timed = time_layout(graph, order, radius)
    nodes, edges = _records(graph, order, spread(graph, order, radius), timed)
    window = _initial_window(graph, max_initial_nodes)
    days = sorted(d for _, d in _event_days(graph))
    return _TEMPLATES.get_template("graph.html.j2").render(
        title=title,
        legend=[(k, KIND_STYLES[k]) for k in _legend_kinds(graph)],
        node_count=len(nodes),
        edge_count=len(edges),
        windowed="true" if window else "false",
        note=_window_note(graph, window) if window else "",
        window_from=window[0] if window else "",
        window_to=window[1] if window else "",
        first_day=days[0][0] if days else "",
        last_day=max(d[1] for d in days) if days else "",
        actors=sorted(((str(n), node_label(n, d)) for n, d in graph.nodes(data=True) if node_kind(d) == "actor"),
                      key=lambda pair: (pair[1].casefold(), pair[0])),
        types=sorted(Counter(str(d.get("event_type") or "") for _, d in graph.nodes(data=True)
                             if node_kind(d) == "event" and d.get("event_type")).items()),
        layout="g" if len(order) <= SPRING_LAYOUT_MAX else "t",
        style=inline(_STATIC, "graph.css"),
        script=inline(_STATIC, "graph.js", nodes_json=script_json(nodes), edges_json=script_json(edges),
                      axis_json=script_json(_axis(timed)), options_json=script_json(_VIS_OPTIONS)),
        vis_js=_vis_asset("vis-network.min.js") if nodes else "",
        vis_css=_vis_asset("vis-network.css") if nodes else "",
    )


def _records(graph: nx.MultiDiGraph, order: list[Any], spread: dict[Any, tuple[int, int]],
             timed: TimeLayout) -> tuple[list[dict], list[dict]]:
    """vis node records (styled, with both layouts' positions) and role-merged edge records.

    A node has no vis ``label`` (the page draws ``caption`` itself, see the module) and carries its
    ``extent``, the radius the page keeps other nodes' labels out of.
    """
    first = "g" if len(order) <= SPRING_LAYOUT_MAX else "t"
    nodes = []
    for node in order:
        attrs = graph.nodes[node]
        style = KIND_STYLES[node_kind(attrs)]
        (gx, gy), (tx, ty) = spread[node], timed.positions[node]
        size = node_size(graph.degree(node))
        nodes.append({
            "id": str(node), "caption": _short(node_label(node, attrs), _MAX_CANVAS_LABEL),
            "name": node_label(node, attrs), "shape": style["shape"], "color": style["color"], "size": size,
            "extent": extent(node_kind(attrs), size),
            "title": _tooltip(graph, node, attrs), "kind": node_kind(attrs),
            "etype": str(attrs.get("event_type") or ""), "b": attrs.get("earliest") or "",
            "e": attrs.get("latest") or attrs.get("earliest") or "",
            "gx": gx, "gy": gy, "tx": tx, "ty": ty, "x": gx if first == "g" else tx, "y": gy if first == "g" else ty,
            "physics": False,
        })
    roles = _merged_roles(graph)
    edges = [{"from": str(u), "to": str(v), "title": ", ".join(found), "arrows": _ARROWS}
             for (u, v), found in sorted(roles.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1])))]
    return nodes, edges


def _axis(timed: TimeLayout) -> dict[str, Any]:
    """What the page draws behind the time axis layout: ticks, cuts and lanes."""
    return {"ticks": timed.ticks, "cuts": timed.cuts, "lanes": timed.lanes}


def _event_days(graph: nx.MultiDiGraph) -> list[tuple[Any, tuple[str, str]]]:
    """(node, (earliest, latest)) of the dated events, latest defaulting to earliest."""
    return [(n, (str(d["earliest"]), str(d.get("latest") or d["earliest"])))
            for n, d in graph.nodes(data=True) if node_kind(d) == "event" and d.get("earliest")]


def _initial_window(graph: nx.MultiDiGraph, limit: int) -> tuple[str, str] | None:
    """For a graph above ``limit`` nodes: the latest date range whose events and entities fit."""
    if graph.number_of_nodes() <= limit:
        return None
    dated = sorted(_event_days(graph), key=lambda item: (item[1][1], str(item[0])), reverse=True)
    if not dated:
        return None
    seen: set[Any] = set()
    start = dated[0][1][0]
    for node, (begin, _end) in dated:
        seen.add(node)
        seen.update(nx.all_neighbors(graph, node))
        if len(seen) > limit:
            break
        start = min(start, begin)
    return start, dated[0][1][1]


def _window_note(graph: nx.MultiDiGraph, window: tuple[str, str]) -> str:
    return (f"This graph has {graph.number_of_nodes():,} nodes: to stay responsive the page opens on the "
            f"events from {window[0]} to {window[1]} and their actors and places. Change the dates or "
            f"filters, search a name, or press \u201cShow all\u201d to reach every node.")


def _merged_roles(graph: nx.MultiDiGraph) -> dict[tuple[Any, Any], list[str]]:
    """Collect the roles of parallel edges so that each node pair is drawn once."""
    roles: dict[tuple[Any, Any], list[str]] = defaultdict(list)
    for u, v, data in graph.edges(data=True):
        role = str(data.get("role", "") or "related")
        if role not in roles[(u, v)]:
            roles[(u, v)].append(role)
    return {pair: sorted(found) for pair, found in roles.items()}


def _legend_kinds(graph: nx.MultiDiGraph) -> list[str]:
    """The three contract classes always, plus "other" only when such nodes exist."""
    kinds = ["event", "actor", "place"]
    if any(node_kind(attrs) == "other" for _, attrs in graph.nodes(data=True)):
        kinds.append("other")
    return kinds


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _tooltip(graph: nx.MultiDiGraph, node: Any, attrs: Mapping[str, Any]) -> str:
    """HTML for the node's tooltip; every value is escaped, links only for http(s) URLs."""
    kind = node_kind(attrs)
    esc = html.escape
    kind_line = kind
    if kind == "event" and attrs.get("event_type"):
        kind_line += f" \u00b7 {attrs['event_type']}"
    elif attrs.get("category"):
        kind_line += f" \u00b7 {attrs['category']}"
    parts = [
        '<div class="kg-tip">',
        f'<div class="kg-tip-title">{esc(node_label(node, attrs))}</div>',
        f'<div class="kg-tip-kind">{esc(kind_line)}</div>',
        _definition_list(_facts(graph, node, attrs, kind)),
    ]
    sentence = str(attrs.get("sentence") or "")
    if sentence:
        parts.append(f"<blockquote>{esc(_short(sentence, _MAX_SENTENCE))}</blockquote>")
    parts.append(_source_line(attrs))
    parts.append(f'<div class="kg-tip-iri">{esc(str(node))}</div></div>')
    return "".join(parts)


def _facts(
    graph: nx.MultiDiGraph, node: Any, attrs: Mapping[str, Any], kind: str
) -> list[tuple[str, str]]:
    """(name, value) rows of the tooltip, unescaped; empty values are dropped."""
    if kind == "event":
        by_role = _neighbours_by_role(graph, node)
        actors = [f"{name} ({role})" for role in _ACTOR_ROLES for name in by_role.get(role, [])]
        rows = [
            ("Date", str(attrs.get("date") or "")),
            ("Trigger", str(attrs.get("trigger") or "")),
            ("Actors", _listing(actors)),
            ("Place", _listing(by_role.get("place", []))),
        ]
    else:
        events = sorted({node_label(e, graph.nodes[e]) for e in nx.all_neighbors(graph, node)})
        aliases = attrs.get("aliases") or []
        rows = [
            ("Wikidata", str(attrs.get("wikidata") or "")),
            ("Aliases", _listing(str(a) for a in aliases) if not isinstance(aliases, str) else aliases),
            ("Events", _listing(events)),
        ]
    return [(name, value) for name, value in rows if value]


def _neighbours_by_role(graph: nx.MultiDiGraph, node: Any) -> dict[str, list[str]]:
    """Labels of the nodes linked to ``node`` (either direction), grouped by edge role."""
    found: dict[str, set[str]] = defaultdict(set)
    for u, v, data in list(graph.out_edges(node, data=True)) + list(graph.in_edges(node, data=True)):
        other = v if u == node else u
        found[str(data.get("role", ""))].add(node_label(other, graph.nodes[other]))
    return {role: sorted(names) for role, names in found.items()}


def _listing(items: Iterable[str]) -> str:
    items = list(items)
    if len(items) > _MAX_LISTED:
        return ", ".join(items[:_MAX_LISTED]) + f" (+{len(items) - _MAX_LISTED} more)"
    return ", ".join(items)


def _definition_list(rows: list[tuple[str, str]]) -> str:
    if not rows:
        return ""
    body = "".join(f"<dt>{html.escape(k)}</dt><dd>{html.escape(v)}</dd>" for k, v in rows)
    return f"<dl>{body}</dl>"


def _source_line(attrs: Mapping[str, Any]) -> str:
    """The article title, as a link only when its URL is http(s) (no javascript: etc.)."""
    article = str(attrs.get("article_title") or "")
    url = str(attrs.get("article_url") or "").strip()
    if is_web_url(url):
        text = html.escape(article or url)
        href = html.escape(url, quote=True)
        link = f'<a href="{href}" target="_blank" rel="noopener noreferrer">{text}</a>'
        return f"<div>Source: {link}</div>"
    if article:
        return f"<div>Source: {html.escape(article)}</div>"
    return ""


def _vis_asset(name: str) -> str:
    """A bundled vis-network file, without its sourceMappingURL (the map is not shipped)."""
    text = files("pyvis").joinpath(*_VIS_NETWORK, name).read_text(encoding="utf-8")
    # split("\n"), not splitlines(): the minified code holds U+2028 etc. inside string literals.
    lines = [line for line in text.split("\n") if not line.startswith("//# sourceMappingURL=")]
    return "\n".join(lines)
