"""The query page ``timeline-kg serve`` shows at ``/``: a textarea, the shipped queries, a results table.

One self-contained HTML document (inline CSS and script, no CDN, no request but to ``sparql`` on
the same server). Results are written with ``textContent``, never as HTML, so a literal holding
markup from an article stays text.
"""

from __future__ import annotations

import jinja2
from markupsafe import Markup

from graph.queries import shipped_queries
from graph.views.graph_page import _script_json

from .config import ServerConfig

__all__ = ["render_query_page"]

_PAGE = jinja2.Environment(autoescape=True).from_string("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>timeline-kg SPARQL</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
  nav a { margin-right: 1em; }
  textarea { width: 100%; height: 16em; font: 13px/1.35 ui-monospace, monospace; box-sizing: border-box; }
  #controls { margin: .5em 0; display: flex; gap: .75em; align-items: center; flex-wrap: wrap; }
  #status { color: #555; }
  #status.error { color: #b00020; }
  table { border-collapse: collapse; margin-top: .5em; }
  th, td { border: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; max-width: 40em; }
  th { background: #f2f2f2; position: sticky; top: 0; }
  td.iri { color: #1a5fb4; }
  pre { background: #f7f7f7; padding: .5em; overflow: auto; }
  .note { color: #555; font-size: 12px; }
</style>
</head>
<body>
<h1>timeline-kg SPARQL</h1>
<nav><a href="graph.html">graph view</a><a href="timeline.html">timeline view</a>
<a href="sparql">endpoint: /sparql</a></nav>
<p class="note">{{ mode }} endpoint; queries stop after {{ timeout }} s; at most {{ max_rows }} rows are sent.</p>
<div id="controls">
  <label>Shipped query
    <select id="shipped">
      <option value="">(your own)</option>
      {% for name in names %}<option value="{{ name }}">{{ name }}</option>{% endfor %}
    </select>
  </label>
  <button id="run" type="button">Run</button>
  <span id="status"></span>
</div>
<textarea id="query" spellcheck="false" aria-label="SPARQL query">SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20</textarea>
<div id="results"></div>
<script id="queries" type="application/json">{{ queries_json }}</script>
<script>
"use strict";
const QUERIES = JSON.parse(document.getElementById("queries").textContent);
const shipped = document.getElementById("shipped");
const textarea = document.getElementById("query");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");

shipped.addEventListener("change", () => {
  if (shipped.value) textarea.value = QUERIES[shipped.value];
});

function say(text, isError) {
  statusLine.textContent = text;
  statusLine.className = isError ? "error" : "";
}

function cell(row, tag, text, className) {
  const element = document.createElement(tag);
  element.textContent = text;
  if (className) element.className = className;
  row.appendChild(element);
}

function showTable(data) {
  const table = document.createElement("table");
  const head = table.createTHead().insertRow();
  for (const name of data.head.vars) cell(head, "th", name);
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const name of data.head.vars) {
      const term = binding[name];
      cell(row, "td", term ? term.value : "", term && term.type === "uri" ? "iri" : "");
    }
  }
  results.replaceChildren(table);
  return data.results.bindings.length;
}

async function run() {
  const started = performance.now();
  say("running\\u2026", false);
  results.replaceChildren();
  let response;
  try {
    response = await fetch("sparql", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
      body: new URLSearchParams({query: textarea.value}),
    });
  } catch (error) {
    say("the server did not answer: " + error, true);
    return;
  }
  const text = await response.text();
  if (!response.ok) {
    say(response.status + ": " + text.trim(), true);
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const cut = response.headers.get("X-SPARQL-MaxRows");
  const note = cut ? " (cut at " + cut + ")" : "";
  if ((response.headers.get("Content-Type") || "").includes("json")) {
    const data = JSON.parse(text);
    if ("boolean" in data) {
      const pre = document.createElement("pre");
      pre.textContent = String(data.boolean);
      results.replaceChildren(pre);
      say("answer in " + seconds + " s", false);
      return;
    }
    const count = showTable(data);
    say(count + " row" + (count === 1 ? "" : "s") + note + " in " + seconds + " s", false);
  } else {
    const pre = document.createElement("pre");
    pre.textContent = text;
    results.replaceChildren(pre);
    const count = text.split("\\n").filter(line => line.trim()).length;
    say(count + " triple" + (count === 1 ? "" : "s") + note + " in " + seconds + " s", false);
  }
}

document.getElementById("run").addEventListener("click", run);
textarea.addEventListener("keydown", event => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
});
</script>
</body>
</html>
""")


def render_query_page(config: ServerConfig) -> str:
    """The query page for a server with these settings (the shipped queries inlined)."""
    queries = {name: path.read_text(encoding="utf-8") for name, path in shipped_queries().items()}
    return _PAGE.render(
        names=list(queries), queries_json=Markup(_script_json(queries)),
        mode="read-write" if config.writable else "read-only",
        timeout=f"{config.timeout:g}", max_rows=config.max_rows)
