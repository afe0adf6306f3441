// Globals on purpose: tests and users reach the drawing through window.network.
var nodes, edges, network, applyFilters;
(function () {
  // Titles are HTML already escaped in Python; vis shows plain strings as text, so we
  // hand it parsed elements to get formatting and the article link.
  var tpl = document.createElement("template");
  function toElement(html) {
    tpl.innerHTML = html;
    var div = document.createElement("div");
    div.appendChild(tpl.content);
    return div;
  }
  var rawNodes = /*{{*/ nodes_json /*}}*/;
  var rawEdges = /*{{*/ edges_json /*}}*/;
  var ticks = /*{{*/ ticks_json /*}}*/;
  var total = rawNodes.length, byId = {}, adj = {};
  rawNodes.forEach(function (n) { n.title = toElement(n.title); byId[n.id] = n; adj[n.id] = []; });
  rawEdges.forEach(function (e) { adj[e.from].push(e.to); adj[e.to].push(e.from); });
  var shown = null, pinned = new Set();  // shown: null means every node
  nodes = new vis.DataSet(rawNodes);
  edges = new vis.DataSet(rawEdges);
  var nodeView = new vis.DataView(nodes, {filter: function (n) { return shown === null || shown.has(n.id); }});
  var edgeView = new vis.DataView(edges, {filter: function (e) {
    return shown === null || (shown.has(e.from) && shown.has(e.to)); }});
  var $ = function (id) { return document.getElementById(id); };
  var layoutMode = $("layout-mode").value;

  function eventPasses(n, f) {
    if (f.type && n.etype !== f.type) return false;
    if ((f.from || f.to) && !n.b) return false;
    if (f.from && (n.e || n.b) < f.from) return false;
    if (f.to && n.b > f.to) return false;
    if (f.actor && adj[n.id].indexOf(f.actor) < 0) return false;
    return true;
  }
  applyFilters = function () {
    var f = {actor: $("actor-filter").value, type: $("type-filter").value,
             from: $("date-from").value, to: $("date-to").value};
    if (!f.actor && !f.type && !f.from && !f.to) {
      shown = null;
    } else {
      shown = new Set();
      rawNodes.forEach(function (n) {
        if (n.kind === "event" && eventPasses(n, f)) {
          shown.add(n.id);
          adj[n.id].forEach(function (m) { shown.add(m); });
        }
      });
      if (f.actor) shown.add(f.actor);
    }
    if (shown !== null) pinned.forEach(function (id) {
      shown.add(id); adj[id].forEach(function (m) { shown.add(m); }); });
    nodeView.refresh(); edgeView.refresh();
    var count = shown === null ? total : shown.size;
    $("visible-count").textContent = count + " of " + total + " nodes shown";
    document.body.dataset.visible = String(count);
  };
  function setLayout(mode) {
    layoutMode = mode;
    nodes.update(rawNodes.map(function (n) { return {id: n.id, x: n[mode + "x"], y: n[mode + "y"]}; }));
    network.fit();
  }
  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var best = null;
    for (var i = 0; i < rawNodes.length; i++) {
      var name = rawNodes[i].name.toLowerCase();
      if (name === q) return rawNodes[i];
      if (best === null && name.indexOf(q) >= 0) best = rawNodes[i];
    }
    return best;
  }
  function reveal(node) {
    pinned.add(node.id);
    applyFilters();
    network.selectNodes([node.id]);
    network.focus(node.id, {scale: 1.0});
    $("details").replaceChildren(node.title.cloneNode(true));
    document.body.dataset.found = node.id;
  }
  applyFilters();
  var container = $("mynetwork");
  network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, /*{{*/ options_json /*}}*/);
  window.network = network;
  network.once("afterDrawing", function () { document.body.dataset.drawn = "true"; });
  network.on("beforeDrawing", function (ctx) {
    if (layoutMode !== "t") return;
    var box = network.getViewPosition(), scale = network.getScale();
    var top = box.y - container.clientHeight / scale / 2;
    ctx.save(); ctx.strokeStyle = "#e3e3e3"; ctx.fillStyle = "#777";
    ctx.font = (11 / scale) + "px sans-serif"; ctx.lineWidth = 1 / scale;
    var last = -Infinity;
    ticks.forEach(function (t) {
      if ((t[0] - last) * scale < 70) return;  // keep labels apart when zoomed out
      last = t[0];
      ctx.beginPath(); ctx.moveTo(t[0], top); ctx.lineTo(t[0], top + container.clientHeight / scale); ctx.stroke();
      ctx.fillText(t[1], t[0] + 3 / scale, top + 12 / scale);
    });
    ctx.restore();
  });
  // A sticky copy of the tooltip, so the article link can be clicked.
  var details = $("details");
  network.on("selectNode", function (params) {
    details.replaceChildren(nodes.get(params.nodes[0]).title.cloneNode(true));
  });
  ["actor-filter", "type-filter", "date-from", "date-to"].forEach(function (id) {
    $(id).addEventListener("change", function () { applyFilters(); network.fit(); });
  });
  $("layout-mode").addEventListener("change", function (e) { setLayout(e.target.value); });
  $("show-all").addEventListener("click", function () {
    ["actor-filter", "type-filter", "date-from", "date-to"].forEach(function (id) { $(id).value = ""; });
    $("note").hidden = true; applyFilters(); network.fit();
  });
  $("search").addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    var hit = find(e.target.value);
    e.target.setCustomValidity(hit ? "" : "nothing found");
    if (hit) reveal(hit);
  });
})();
