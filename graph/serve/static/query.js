"use strict";
const QUERIES = JSON.parse(document.getElementById("queries").textContent);
const shipped = document.getElementById("shipped");
const textarea = document.getElementById("query");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");

const bind = document.getElementById("bind");

shipped.addEventListener("change", () => {
  if (!shipped.value) return;
  textarea.value = QUERIES[shipped.value];
  // a shipped query says in its first line which variable it binds: "(bind ?name: ...)",
  // "(or the one bound to ?event)"
  const declared = /\b(?:bind|bound to) \?(\w+)/.exec(textarea.value.split("\n")[0]);
  bind.value = declared ? declared[1] + "=" : "";
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

function bindings() {
  // "name=" with no value binds nothing: the query answers for every name
  const form = new URLSearchParams({query: textarea.value});
  const pair = bind.value.trim();
  if (pair && !pair.endsWith("=")) form.append("bind", pair);
  return form;
}

async function run() {
  const started = performance.now();
  say("running\u2026", false);
  results.replaceChildren();
  let response;
  try {
    response = await fetch("sparql", {
      method: "POST",
      headers: {"Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
      body: bindings(),
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
    const count = text.split("\n").filter(line => line.trim()).length;
    say(count + " triple" + (count === 1 ? "" : "s") + note + " in " + seconds + " s", false);
  }
}

// A writable server's page: the token comes typed in, or from the "#token=" the server printed at
// start-up (a fragment reaches no server); it is then taken out of the address bar.
const token = document.getElementById("token");

async function update() {
  say("updating\u2026", false);
  results.replaceChildren();
  let response;
  try {
    response = await fetch("sparql", {
      method: "POST",
      headers: {"Content-Type": "application/sparql-update", "Authorization": "Bearer " + token.value.trim()},
      body: textarea.value,
    });
  } catch (error) {
    say("the server did not answer: " + error, true);
    return;
  }
  const text = (await response.text()).trim();
  say(response.ok ? text : response.status + ": " + text, !response.ok);
}

if (token) {
  const given = /(?:^#|&)token=([^&]*)/.exec(location.hash);
  if (given) {
    token.value = decodeURIComponent(given[1]);
    history.replaceState(null, "", location.pathname + location.search);
  }
  document.getElementById("update").addEventListener("click", update);
}

document.getElementById("run").addEventListener("click", run);
textarea.addEventListener("keydown", event => {
  if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) run();
});
