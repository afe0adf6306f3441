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
  var axis = /*{{*/ axis_json /*}}*/;
  var total = rawNodes.length, byId = {}, adj = {};
  // Tooltips are parsed when first wanted (hover, select): parsing 10,000 at load costs a third
  // of a second before the first draw.
  rawNodes.forEach(function (n) { n.tip = n.title; delete n.title; byId[n.id] = n; adj[n.id] = []; });
  function tooltipOf(id) {
    var n = byId[id];
    if (!n.tipElement) n.tipElement = toElement(n.tip);
    return n.tipElement;
  }
  window.tooltipOf = tooltipOf;
  rawEdges.forEach(function (e) { adj[e.from].push(e.to); adj[e.to].push(e.from); });
  var shown = null, pinned = new Set();  // shown: null means every node
  nodes = new vis.DataSet(rawNodes);
  edges = new vis.DataSet(rawEdges);
  var nodeView = new vis.DataView(nodes, {filter: function (n) { return shown === null || shown.has(n.id); }});
  var edgeView = new vis.DataView(edges, {filter: function (e) {
    return shown === null || (shown.has(e.from) && shown.has(e.to)); }});
  var $ = function (id) { return document.getElementById(id); };
  var layoutMode = $("layout-mode").value;
  var container = $("mynetwork");

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

  // Fitting is immediate (no animation) and redraws at once, so the view, and the labels drawn
  // with it, are final when a control's handler returns. ids: nodes shown; none means all of them.
  // A few nodes left by a filter may be drawn half as large again as at zoom 1, not more.
  var MAX_FIT_ZOOM = 1.5;
  function fitTo(ids) {
    if (nodeView.length > 0) network.fit({nodes: ids || [], animation: false, maxZoomLevel: MAX_FIT_ZOOM});
    network.redraw();
  }
  function fitShown() { fitTo(); }
  function setLayout(mode) {
    layoutMode = mode;
    nodes.update(rawNodes.map(function (n) { return {id: n.id, x: n[mode + "x"], y: n[mode + "y"]}; }));
    fitShown();
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
    fitTo([node.id].concat(adj[node.id]));
    $("details").replaceChildren(tooltipOf(node.id).cloneNode(true));
    document.body.dataset.found = node.id;
  }

  // ----------------------------------------------------------------- screen geometry
  // Labels and the time axis are drawn in CSS pixels of the canvas, whatever the zoom.
  function viewport() {
    var scale = network.getScale(), centre = network.getViewPosition();
    var w = container.clientWidth, h = container.clientHeight;
    return {scale: scale, w: w, h: h,
            x: function (x) { return (x - centre.x) * scale + w / 2; },
            y: function (y) { return (y - centre.y) * scale + h / 2; }};
  }
  function inScreenPixels(ctx, draw) {
    var ratio = ctx.canvas.width / (ctx.canvas.clientWidth || 1);
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    draw();
    ctx.restore();
  }

  // A spatial hash of screen boxes and discs: a label is compared only with what lies in the cells
  // it covers, which keeps placing labels among 10,000 nodes linear.
  var CELL = 64;
  function Grid(w, h) {
    this.cols = Math.max(1, Math.ceil(w / CELL));
    this.rows = Math.max(1, Math.ceil(h / CELL));
    this.cells = new Array(this.cols * this.rows);
  }
  Grid.prototype.visit = function (x0, y0, x1, y1, fn) {
    var c0 = Math.max(0, Math.floor(x0 / CELL)), c1 = Math.min(this.cols - 1, Math.floor(x1 / CELL));
    var r0 = Math.max(0, Math.floor(y0 / CELL)), r1 = Math.min(this.rows - 1, Math.floor(y1 / CELL));
    for (var r = r0; r <= r1; r++) {
      for (var c = c0; c <= c1; c++) {
        if (fn(r * this.cols + c)) return true;
      }
    }
    return false;
  };
  Grid.prototype.addBox = function (b) {
    var cells = this.cells;
    this.visit(b.x, b.y, b.x + b.w, b.y + b.h, function (i) { (cells[i] = cells[i] || []).push(b); });
  };
  Grid.prototype.addDisc = function (d) {
    var cells = this.cells;
    this.visit(d.x - d.r, d.y - d.r, d.x + d.r, d.y + d.r, function (i) { (cells[i] = cells[i] || []).push(d); });
  };
  Grid.prototype.any = function (b, hit) {
    var cells = this.cells;
    return this.visit(b.x, b.y, b.x + b.w, b.y + b.h, function (i) {
      var items = cells[i];
      if (!items) return false;
      for (var k = 0; k < items.length; k++) if (hit(items[k])) return true;
      return false;
    });
  };
  function boxesMeet(a, b) {
    return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
  }
  function discMeetsBox(d, b) {
    var dx = d.x - Math.max(b.x, Math.min(d.x, b.x + b.w));
    var dy = d.y - Math.max(b.y, Math.min(d.y, b.y + b.h));
    return dx * dx + dy * dy < d.r * d.r;
  }

  // ----------------------------------------------------------------- time axis
  // Lane bands and tick lines are drawn under the graph, their text over it (on a white ground),
  // so that no edge or node hides a date or a lane's name. Node labels keep clear of that text.
  var AXIS_FONT = "11px sans-serif", TICK_SPACING = 80;
  var BANDS = {actors: "rgba(76, 120, 168, 0.08)", places: "rgba(84, 162, 75, 0.08)"};
  var marks = [], reserved = [];  // this frame's ticks drawn; screen boxes of the axis' text
  function drawAxisUnder(ctx) {
    marks = [];
    if (layoutMode !== "t") return;
    var view = viewport();
    marks = chooseTicks(view);
    inScreenPixels(ctx, function () {
      axis.lanes.forEach(function (lane, i) {
        var top = view.y(lane[0]), bottom = view.y(lane[1]);
        ctx.fillStyle = BANDS[lane[2]] || (i % 2 ? "rgba(0, 0, 0, 0)" : "rgba(0, 0, 0, 0.035)");
        if (bottom > 0 && top < view.h) ctx.fillRect(0, top, view.w, bottom - top);
      });
      ctx.lineWidth = 1;
      marks.forEach(function (m) {
        ctx.strokeStyle = m.colour; ctx.setLineDash(m.dash);
        ctx.beginPath(); ctx.moveTo(m.x, 0); ctx.lineTo(m.x, view.h); ctx.stroke();
      });
    });
  }
  function chooseTicks(view) {
    // Cuts first, then years, months, days: each kept only TICK_SPACING from those already kept.
    var chosen = [];
    function free(x) { return chosen.every(function (m) { return Math.abs(m.x - x) >= TICK_SPACING; }); }
    axis.cuts.forEach(function (cut) {
      var x = view.x(cut[0]);
      if (x < -TICK_SPACING || x > view.w) return;
      chosen.push({x: x - 3, text: "", colour: "#bbb", dash: [4, 4]});
      chosen.push({x: x + 3, text: "\u2248 " + cut[1], colour: "#bbb", dash: [4, 4]});
    });
    for (var i = 0; i < axis.ticks.length && chosen.length < 60; i++) {
      var t = axis.ticks[i], x = view.x(t[0]);
      if (x >= 0 && x <= view.w - 20 && free(x)) {
        chosen.push({x: x, text: t[1], colour: t[2] === 0 ? "#cfcfcf" : "#e6e6e6", dash: []});
      }
    }
    return chosen;
  }
  function drawAxisOver(ctx) {
    reserved = [];
    if (layoutMode !== "t") return;
    var view = viewport();
    inScreenPixels(ctx, function () {
      ctx.textBaseline = "middle";
      ctx.font = AXIS_FONT;
      marks.forEach(function (m) { if (m.text) writeOnWhite(ctx, m.text, m.x + 1, 2, "#555"); });
      ctx.font = "bold " + AXIS_FONT;
      axis.lanes.forEach(function (lane) {
        var top = view.y(lane[0]), bottom = view.y(lane[1]);
        if (bottom < 0 || top > view.h) return;
        // A lane's name stays at the left edge, in the middle of what is seen of the lane.
        var y = (Math.max(top, 0) + Math.min(bottom, view.h)) / 2 - 8;
        writeOnWhite(ctx, lane[2], 2, y, "#555");
      });
    });
  }
  function writeOnWhite(ctx, text, x, y, colour) {
    var box = {x: x, y: y, w: ctx.measureText(text).width + 8, h: 16};
    if (reserved.some(function (b) { return boxesMeet(b, box); })) return;
    ctx.fillStyle = "rgba(255, 255, 255, 0.9)";
    ctx.fillRect(box.x, box.y, box.w, box.h);
    ctx.fillStyle = colour;
    ctx.fillText(text, x + 4, y + box.h / 2);
    reserved.push(box);
  }

  // ----------------------------------------------------------------- node labels
  // vis would draw every label, scaled with the zoom, piled up around busy nodes. We draw one
  // at 12 px only where it meets no other label, no other node and no axis text: the hovered and
  // selected nodes first, then the busiest; the tooltip names the others.
  var LABEL_FONT = "12px sans-serif", LABEL_H = 15;
  var byRank = rawNodes.slice().sort(function (a, b) {
    return adj[b.id].length - adj[a.id].length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
  var widths = {}, hovered = null;
  window.drawnLabels = [];
  function discsInView(view) {
    var positions = network.getPositions(), found = [];
    for (var i = 0; i < byRank.length; i++) {
      var n = byRank[i], p = positions[n.id];
      if (!p) continue;  // filtered out
      var d = {id: n.id, node: n, x: view.x(p.x), y: view.y(p.y), r: Math.max(n.extent * view.scale, 1)};
      if (d.x + d.r < 0 || d.x - d.r > view.w || d.y + d.r < 0 || d.y - d.r > view.h) continue;
      found.push(d);
    }
    return found;
  }
  function spotsBeside(d, w) {  // right, left, below, above the node, then at its four corners
    var gap = 3, h = LABEL_H, c = d.r * 0.7 + 1;
    return [{x: d.x + d.r + gap, y: d.y - h / 2}, {x: d.x - d.r - gap - w, y: d.y - h / 2},
            {x: d.x - w / 2, y: d.y + d.r + 1}, {x: d.x - w / 2, y: d.y - d.r - 1 - h},
            {x: d.x + c, y: d.y + c}, {x: d.x + c, y: d.y - c - h},
            {x: d.x - c - w, y: d.y + c}, {x: d.x - c - w, y: d.y - c - h}];
  }
  function placeLabels(ctx) {
    var view = viewport(), discs = new Grid(view.w, view.h), boxes = new Grid(view.w, view.h);
    var found = discsInView(view), placed = [];
    found.forEach(function (d) { discs.addDisc(d); });
    reserved.forEach(function (b) { boxes.addBox(b); });
    var first = new Set(network.getSelectedNodes());
    if (hovered !== null) first.add(hovered);
    var order = found.filter(function (d) { return first.has(d.id); })
      .concat(found.filter(function (d) { return !first.has(d.id); }));
    ctx.font = LABEL_FONT;
    order.forEach(function (d) {
      var text = d.node.caption;
      if (!(d.id in widths)) widths[d.id] = ctx.measureText(text).width + 4;
      var spots = spotsBeside(d, widths[d.id]);
      for (var k = 0; k < spots.length; k++) {
        var b = {id: d.id, text: text, x: spots[k].x, y: spots[k].y, w: widths[d.id], h: LABEL_H};
        if (b.x < 0 || b.y < 0 || b.x + b.w > view.w || b.y + b.h > view.h) continue;
        if (boxes.any(b, function (o) { return boxesMeet(o, b); })) continue;
        if (!first.has(d.id) && discs.any(b, function (o) { return o.id !== d.id && discMeetsBox(o, b); })) continue;
        boxes.addBox(b);
        placed.push(b);
        return;
      }
    });
    inScreenPixels(ctx, function () { drawLabels(ctx, placed); });
    window.drawnLabels = placed.map(function (b) { return {id: b.id, x: b.x, y: b.y, w: b.w, h: b.h}; });
    document.body.dataset.labels = String(placed.length);
  }
  function drawLabels(ctx, placed) {
    ctx.font = LABEL_FONT;
    ctx.textBaseline = "middle";
    ctx.lineJoin = "round";
    ctx.lineWidth = 3;
    ctx.strokeStyle = "rgba(255, 255, 255, 0.9)";  // a halo keeps text legible over edges
    ctx.fillStyle = "#222";
    placed.forEach(function (b) {
      ctx.strokeText(b.text, b.x + 2, b.y + b.h / 2);
      ctx.fillText(b.text, b.x + 2, b.y + b.h / 2);
    });
  }

  // ----------------------------------------------------------------- the network
  applyFilters();
  network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, /*{{*/ options_json /*}}*/);
  window.network = network;
  network.on("beforeDrawing", drawAxisUnder);
  network.on("afterDrawing", function (ctx) { drawAxisOver(ctx); placeLabels(ctx); });
  network.once("afterDrawing", function () { document.body.dataset.drawn = "true"; });
  network.on("hoverNode", function (params) {
    hovered = params.node;
    // Before vis's tooltip delay runs out, so the tooltip it shows is this one.
    if (!byId[hovered].tipElement) nodes.update({id: hovered, title: tooltipOf(hovered)});
  });
  network.on("blurNode", function () { hovered = null; });
  // A sticky copy of the tooltip, so the article link can be clicked.
  var details = $("details");
  network.on("selectNode", function (params) {
    details.replaceChildren(tooltipOf(params.nodes[0]).cloneNode(true));
  });
  ["actor-filter", "type-filter", "date-from", "date-to"].forEach(function (id) {
    $(id).addEventListener("change", function () { applyFilters(); fitShown(); });
  });
  $("layout-mode").addEventListener("change", function (e) { setLayout(e.target.value); });
  $("show-all").addEventListener("click", function () {
    ["actor-filter", "type-filter", "date-from", "date-to"].forEach(function (id) { $(id).value = ""; });
    $("note").hidden = true; applyFilters(); fitShown();
  });
  $("search").addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    var hit = find(e.target.value);
    e.target.setCustomValidity(hit ? "" : "nothing found");
    if (hit) reveal(hit);
  });
  fitShown();
})();
