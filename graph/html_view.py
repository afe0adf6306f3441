"""Render the NetworkX projection of the timeline graph as one self-contained, offline HTML page.

The page inlines vis-network (the copy bundled with pyvis), draws nodes at positions computed
here (physics off: pyvis' default physics needs ~20 s to settle 500 nodes in a browser), and
shows an HTML-escaped tooltip per node. Nothing is fetched when the page loads: pyvis' own
template links Bootstrap and vis from CDNs even with ``cdn_resources="in_line"``, so we use
pyvis only to assemble the node/edge records and render our own template.

Node attributes read (all optional except the id): ``kind``, ``label``; events ``event_type``,
``date``, ``sentence``, ``article_title``, ``article_url``, ``trigger``; actors and places
``category``, ``wikidata``, ``aliases``. Edge attribute read: ``role``.
"""

from __future__ import annotations

import html
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import networkx as nx
from pyvis.network import Network

__all__ = ["KIND_STYLES", "render_graph_html", "write_graph_html"]

#: Colour, vis shape and legend text per node class; unknown kinds fall back to ``"other"``.
KIND_STYLES: dict[str, dict[str, str]] = {
    "event": {"color": "#e4572e", "shape": "diamond", "legend": "Event"},
    "actor": {"color": "#4c78a8", "shape": "dot", "legend": "Actor"},
    "place": {"color": "#54a24b", "shape": "square", "legend": "Place"},
    "other": {"color": "#9e9e9e", "shape": "dot", "legend": "Other"},
}

# Fixed seed: the same graph must give the same bytes (diffable outputs, stable tests).
_LAYOUT_SEED = 20170101
_ACTOR_ROLES = ("agent", "patient", "participant")
_MAX_CANVAS_LABEL = 32
_MAX_SENTENCE = 600
_MAX_LISTED = 8

_VIS_DIR = files("pyvis") / "templates" / "lib" / "vis-9.1.2"

_ARROWS: dict[str, Any] = {"to": {"enabled": True, "scaleFactor": 0.5}}

_VIS_OPTIONS: dict[str, Any] = {
    "physics": {"enabled": False},
    # improvedLayout runs a JS Kamada-Kawai pass; our positions are already given.
    "layout": {"improvedLayout": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
    "nodes": {"borderWidth": 1, "font": {"size": 12, "face": "sans-serif"}},
    "edges": {
        # Straight edges: "dynamic" smoothing adds a hidden support node per edge.
        "smooth": False,
        "color": {"color": "#b0b4ba", "highlight": "#333333", "hover": "#555555"},
        "width": 1,
    },
}

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ title }}</title>
{% if nodes_json %}<style>{{ vis_css|safe }}</style>{% endif %}
<style>
  body { font-family: sans-serif; margin: 0; color: #222; }
  header { padding: 8px 16px; border-bottom: 1px solid #ddd; display: flex;
           align-items: center; gap: 24px; flex-wrap: wrap; }
  header h1 { font-size: 1.2em; margin: 0; }
  #legend { list-style: none; display: flex; gap: 16px; margin: 0; padding: 0; }
  #legend li { display: flex; align-items: center; gap: 6px; }
  .swatch { display: inline-block; width: 12px; height: 12px; }
  .swatch.dot { border-radius: 50%; }
  .swatch.diamond { transform: rotate(45deg) scale(0.85); }
  #layout { display: flex; height: calc(100vh - 50px); }
  #mynetwork { flex: 1; min-width: 0; border-right: 1px solid #ddd; }
  #details { width: 320px; overflow: auto; padding: 8px 12px; font-size: 13px; }
  .vis-tooltip { max-width: 420px; white-space: normal !important; font: 13px sans-serif !important; }
  .kg-tip-title { font-weight: bold; font-size: 1.1em; }
  .kg-tip-kind { color: #666; margin-bottom: 4px; }
  .kg-tip dl { margin: 4px 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; }
  .kg-tip dt { font-weight: bold; }
  .kg-tip dd { margin: 0; }
  .kg-tip blockquote { margin: 4px 0; padding-left: 8px; border-left: 3px solid #ccc; }
  #empty { padding: 32px 16px; font-size: 1.1em; }
</style>
</head>
<body data-node-count="{{ node_count }}" data-edge-count="{{ edge_count }}">
<header>
  <h1>{{ title }}</h1>
  <ul id="legend">
  {%- for kind, style in legend %}
    <li data-kind="{{ kind }}"><span class="swatch {{ style.shape }}" \
style="background: {{ style.color }}"></span>{{ style.legend }}</li>
  {%- endfor %}
  </ul>
</header>
{% if nodes_json %}
<div id="layout">
  <div id="mynetwork"></div>
  <aside id="details">Click a node to see its details here.</aside>
</div>
<script>{{ vis_js|safe }}</script>
<script>
  // Globals on purpose: tests and users reach the drawing through window.network.
  var nodes, edges, network;
  (function () {
    // Titles are HTML already escaped in Python; vis shows plain strings as text, so we
    // hand it parsed elements to get formatting and the article link.
    function toElement(html) {
      var tpl = document.createElement("template");
      tpl.innerHTML = html;
      var div = document.createElement("div");
      div.appendChild(tpl.content);
      return div;
    }
    var rawNodes = {{ nodes_json|safe }};
    rawNodes.forEach(function (n) { n.title = toElement(n.title); });
    nodes = new vis.DataSet(rawNodes);
    edges = new vis.DataSet({{ edges_json|safe }});
    var container = document.getElementById("mynetwork");
    network = new vis.Network(container, {nodes: nodes, edges: edges}, {{ options_json|safe }});
    window.network = network;
    network.once("afterDrawing", function () { document.body.dataset.drawn = "true"; });
    // A sticky copy of the tooltip, so the article link can be clicked.
    var details = document.getElementById("details");
    network.on("selectNode", function (params) {
      var node = nodes.get(params.nodes[0]);
      details.replaceChildren(node.title.cloneNode(true));
    });
  })();
</script>
{% else %}
<p id="empty">Nothing to show: the graph has no nodes.</p>
{% endif %}
</body>
</html>
"""


def write_graph_html(graph: nx.MultiDiGraph, path: Path, *, title: str = "timeline-kg") -> Path:
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
    path.write_text(render_graph_html(graph, title=title), encoding="utf-8")
    return path


def render_graph_html(graph: nx.MultiDiGraph, *, title: str = "timeline-kg") -> str:
    """Return the page :func:`write_graph_html` writes, as a string.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        The projection (see :func:`write_graph_html`).
    title : str, optional
        Text of the page ``<title>`` and heading; HTML-escaped.

    Returns
    -------
    str
        A complete HTML document with vis-network inlined; the same graph gives the same text.
    """
    net = _to_pyvis(graph)
    has_nodes = bool(net.nodes)
    env = jinja2.Environment(autoescape=True, keep_trailing_newline=True)
    return env.from_string(_PAGE).render(
        title=title,
        legend=[(k, KIND_STYLES[k]) for k in _legend_kinds(graph)],
        node_count=len(net.nodes),
        edge_count=len(net.edges),
        nodes_json=_script_json(net.nodes) if has_nodes else "",
        edges_json=_script_json(net.edges),
        options_json=_script_json(net.options),
        vis_js=_vis_asset("vis-network.min.js") if has_nodes else "",
        vis_css=_vis_asset("vis-network.css") if has_nodes else "",
    )


def _to_pyvis(graph: nx.MultiDiGraph) -> Network:
    """Build the pyvis network: positioned, styled, sorted nodes and role-merged edges."""
    net = Network(directed=True, cdn_resources="in_line")
    net.options = _VIS_OPTIONS
    order = sorted(graph.nodes, key=str)
    positions = _layout(graph, order)
    roles = _merged_roles(graph)
    for node in order:
        attrs = graph.nodes[node]
        style = KIND_STYLES[_kind(attrs)]
        x, y = positions[node]
        net.add_node(
            str(node),
            label=_short(_label(node, attrs), _MAX_CANVAS_LABEL),
            shape=style["shape"],
            color=style["color"],
            size=_size(graph.degree(node)),
            title=_tooltip(graph, node, attrs),
            x=x,
            y=y,
            physics=False,
        )
    for (u, v), role_list in sorted(roles.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1]))):
        # pyvis sets arrows="to" per edge unless given, which would drop our arrow scale.
        net.add_edge(str(u), str(v), title=", ".join(role_list), arrows=_ARROWS)
    return net


def _layout(graph: nx.MultiDiGraph, order: list[Any]) -> dict[Any, tuple[int, int]]:
    """Pixel positions from a seeded spring layout, independent of node insertion order."""
    if not order:
        return {}
    simple = nx.Graph()
    simple.add_nodes_from(order)
    pairs = {(u, v) for u, v in graph.edges() if u != v}
    simple.add_edges_from(sorted(pairs, key=lambda e: (str(e[0]), str(e[1]))))
    # Scale grows with sqrt(n) so node density stays readable from 5 to 500+ nodes.
    scale = 150 + 35 * math.sqrt(len(order))
    # A spread three times the default keeps labelled hubs (a leader in many events) legible.
    spread = 3.0 / math.sqrt(len(order))
    raw = nx.spring_layout(simple, seed=_LAYOUT_SEED, scale=scale, k=spread, iterations=100)
    return {n: (int(round(float(p[0]))), int(round(float(p[1])))) for n, p in raw.items()}


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
    if any(_kind(attrs) == "other" for _, attrs in graph.nodes(data=True)):
        kinds.append("other")
    return kinds


def _kind(attrs: Mapping[str, Any]) -> str:
    kind = str(attrs.get("kind", ""))
    return kind if kind in KIND_STYLES else "other"


def _label(node: Any, attrs: Mapping[str, Any]) -> str:
    """The node's label, else the last segment of its IRI."""
    label = str(attrs.get("label") or "").strip()
    if label:
        return label
    text = str(node)
    return text.rstrip("/#").rsplit("#", 1)[-1].rsplit("/", 1)[-1] or text


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _size(degree: int) -> float:
    """Node radius in pixels: grows with sqrt(degree) so hubs stand out without swamping."""
    return round(min(10.0 + 4.0 * math.sqrt(degree), 40.0), 2)


def _tooltip(graph: nx.MultiDiGraph, node: Any, attrs: Mapping[str, Any]) -> str:
    """HTML for the node's tooltip; every value is escaped, links only for http(s) URLs."""
    kind = _kind(attrs)
    esc = html.escape
    kind_line = kind
    if kind == "event" and attrs.get("event_type"):
        kind_line += f" \u00b7 {attrs['event_type']}"
    elif attrs.get("category"):
        kind_line += f" \u00b7 {attrs['category']}"
    parts = [
        '<div class="kg-tip">',
        f'<div class="kg-tip-title">{esc(_label(node, attrs))}</div>',
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
        events = sorted({_label(e, graph.nodes[e]) for e in nx.all_neighbors(graph, node)})
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
        found[str(data.get("role", ""))].add(_label(other, graph.nodes[other]))
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
    if _is_web_url(url):
        text = html.escape(article or url)
        href = html.escape(url, quote=True)
        link = f'<a href="{href}" target="_blank" rel="noopener noreferrer">{text}</a>'
        return f"<div>Source: {link}</div>"
    if article:
        return f"<div>Source: {html.escape(article)}</div>"
    return ""


def _is_web_url(url: str) -> bool:
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


def _script_json(value: Any) -> str:
    """JSON safe to inline in a <script>: no '</script>', no '<!--', no HTML entities decoded."""
    text = json.dumps(value, ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _vis_asset(name: str) -> str:
    """A bundled vis-network file, without its sourceMappingURL (the map is not shipped)."""
    text = (_VIS_DIR / name).read_text(encoding="utf-8")
    # split("\n"), not splitlines(): the minified code holds U+2028 etc. inside string literals.
    lines = [line for line in text.split("\n") if not line.startswith("//# sourceMappingURL=")]
    return "\n".join(lines)
