// Globals on purpose: tests and users reach the drawing through window.timeline.
var timelineEvents = /*{{*/ events_json /*}}*/;
var openingWindow = /*{{*/ window_json /*}}*/;
var timeline, drawTimeline;
(function () {
  var DAY = 86400000;
  var $ = function (id) { return document.getElementById(id); };
  var byId = {};
  timelineEvents.forEach(function (ev) { byId[ev.id] = ev; });
  var items = new vis.DataSet();
  function day(s) { return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)); }
  function textNode(tag, cls, value) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    node.textContent = value;
    return node;
  }
  // vis shows strings as HTML (through its own sanitizer); lane names and tooltips are text.
  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]; });
  }
  function passes(ev, f) {
    if (f.type && ev.type !== f.type) return false;
    if (f.q && (ev.label + " " + ev.sentence).toLowerCase().indexOf(f.q) < 0) return false;
    if ((f.from || f.to) && !ev.b) return false;
    if (f.from && ev.e < f.from) return false;
    if (f.to && ev.b > f.to) return false;
    return true;
  }
  function lanesOf(ev, group) {
    if (group === "none") return [""];
    var keys = group === "type" ? (ev.type ? [ev.type] : []) : group === "place" ? ev.places : ev.actors;
    return keys.length ? keys : ["(no " + group + ")"];
  }
  function itemOf(ev, lane, group) {
    var ranged = ev.b !== ev.e, who = ev.actors.concat(ev.places).join(", ");
    var item = {id: lane + "\u0001" + ev.id, event: ev.id, content: ev.short, start: new Date(day(ev.b)),
                type: ranged ? "range" : "point", className: "ev " + (ranged ? "range" : "point"),
                title: escapeHtml(ev.date + " \u00b7 " + ev.label + (who ? " \u2014 " + who : ""))};
    if (ranged) item.end = new Date(day(ev.e) + DAY);
    if (group !== "none") item.group = lane;
    return item;
  }
  // An event's short label, swapped for the whole one on hover (CSS); a cluster's count.
  function itemContent(item) {
    if (item.isCluster) return textNode("span", "tl-count", String(item.uiItems.length));
    var ev = byId[item.event], label = document.createElement("span");
    label.appendChild(textNode("span", "tl-short", ev.short));
    if (ev.short !== ev.label) label.appendChild(textNode("span", "tl-full", ev.label));
    return label;
  }
  function show(ev) {
    var box = $("details");
    box.replaceChildren();
    box.appendChild(textNode("h3", "", ev.label));
    var dl = document.createElement("dl");
    [["Date", ev.date || "undated"], ["Type", ev.type], ["Actors", ev.actors.join(", ")],
     ["Places", ev.places.join(", ")]].forEach(function (row) {
      if (!row[1]) return;
      dl.appendChild(textNode("dt", "", row[0])); dl.appendChild(textNode("dd", "", row[1]));
    });
    box.appendChild(dl);
    box.appendChild(textNode("blockquote", "sentence", ev.sentence));
    var src = textNode("div", "source", "Source: ");
    if (ev.url) {
      var a = textNode("a", "", ev.source || ev.url);
      a.href = ev.url; a.target = "_blank"; a.rel = "noopener noreferrer";
      src.appendChild(a);
    } else { src.appendChild(document.createTextNode(ev.source || "unknown")); }
    box.appendChild(src);
    timeline.setSelection(items.getIds({filter: function (it) { return it.event === ev.id; }}));
    document.body.dataset.selected = ev.id;
  }
  function listUndated(undated) {
    var section = $("undated");
    section.replaceChildren();
    if (!undated.length) return;
    var list = document.createElement("ul");
    undated.forEach(function (ev) {
      var li = textNode("li", "undated-event", ev.label);
      li.dataset.event = ev.id;
      list.appendChild(li);
    });
    section.appendChild(textNode("h3", "", "Undated events (" + undated.length + ")"));
    section.appendChild(list);
  }
  drawTimeline = function () {
    var f = {type: $("type-filter").value, q: $("search").value.trim().toLowerCase(),
             from: $("date-from").value, to: $("date-to").value};
    var group = $("group-by").value;
    var shown = timelineEvents.filter(function (ev) { return passes(ev, f); });
    var perLane = {}, list = [];
    shown.forEach(function (ev) {
      if (!ev.b) return;
      lanesOf(ev, group).forEach(function (lane) {
        perLane[lane] = (perLane[lane] || 0) + 1;
        list.push(itemOf(ev, lane, group));
      });
    });
    // Busiest lanes on top, the rest by name.
    var lanes = Object.keys(perLane).sort(function (a, b) {
      return (perLane[b] - perLane[a]) || (a < b ? -1 : a > b ? 1 : 0); });
    document.body.dataset.drawn = "false";
    items.clear();
    timeline.setGroups(group === "none" ? null : new vis.DataSet(lanes.map(function (name, i) {
      return {id: name, content: escapeHtml(name), title: escapeHtml(name + ": " + perLane[name] + " events"), order: i};
    })));
    items.add(list);
    listUndated(shown.filter(function (ev) { return !ev.b; }));
    $("visible-count").textContent = shown.length + " of " + timelineEvents.length + " events shown";
    document.body.dataset.visible = String(shown.length);
    if (ready) timeline.redraw();
  };
  function openingRange() {
    return openingWindow ? [new Date(day(openingWindow[0])), new Date(day(openingWindow[1]) + DAY)] : [null, null];
  }
  var opening = openingRange(), still = {animation: false};
  timeline = new vis.Timeline($("chart"), items, {
    moment: function (d) { return vis.moment(d).utc(); },
    height: "100%", start: opening[0], end: opening[1],
    orientation: {axis: "top", item: "top"}, stack: true, showCurrentTime: false,
    // Week ticks bridge days and months; labelled by their first day, not a week number.
    showWeekScale: true, format: {minorLabels: {week: "D MMM"}, majorLabels: {week: "MMMM YYYY"}},
    zoomMin: /*{{*/ min_days /*}}*/ * DAY, zoomMax: 300 * 365 * DAY, verticalScroll: true,
    margin: {item: {horizontal: 8, vertical: 4}, axis: 4},
    template: itemContent, dataAttributes: ["event"], groupOrder: "order",
    tooltip: {followMouse: false, overflowMethod: "flip", delay: 150},
    cluster: {maxItems: 4, titleTemplate: "{count} events: zoom in to see each", showStipes: true, fitOnDoubleClick: true}
  });
  window.timeline = timeline;
  // A label runs right of its day: widen the window until the labels of the days in it fit.
  function roomForLabels() {
    var panel = document.querySelector(".vis-panel.vis-center").getBoundingClientRect();
    var w = timeline.getWindow(), start = w.start.getTime(), end = w.end.getTime(), width = panel.width;
    var perPx = (end - start) / width, wanted = end;
    document.querySelectorAll(".vis-item.ev .vis-item-content").forEach(function (c) {
      var r = c.getBoundingClientRect(), room = width - r.width - 12;
      if (r.left < panel.left || r.left >= panel.right || r.right <= panel.right || room <= 0) return;
      wanted = Math.max(wanted, start + width * ((r.left - panel.left) * perPx) / room);
    });
    if (wanted <= end) return false;
    timeline.setWindow(w.start, new Date(wanted), still);
    return true;
  }
  var ready = false, settled = false;
  // vis keeps the timeline hidden until its first window is drawn (initialDrawDone).
  timeline.on("changed", function () {
    if (!ready || !timeline.initialDrawDone) return;
    if (!settled) {
      settled = true;
      if (roomForLabels()) return;
    }
    document.body.dataset.drawn = "true";
  });
  timeline.on("select", function (props) {
    var item = props.items.length ? items.get(props.items[0]) : null;
    if (item) show(byId[item.event]);
  });
  document.addEventListener("click", function (e) {
    var target = e.target.closest(".undated-event");
    if (target) show(byId[target.dataset.event]);
  });
  ["group-by", "type-filter", "date-from", "date-to"].forEach(function (id) {
    $(id).addEventListener("change", drawTimeline); });
  $("search").addEventListener("input", drawTimeline);
  // vis redraws on the next frame; redrawing at once means the page is drawn when a click returns,
  // and data-drawn tells scripts when the labels have room again.
  function onClick(id, act) {
    $(id).addEventListener("click", function () {
      document.body.dataset.drawn = "false";
      act();
      timeline.redraw();
    });
  }
  onClick("zoom-in", function () { timeline.zoomIn(0.5, still); });
  onClick("zoom-out", function () { timeline.zoomOut(0.5, still); });
  onClick("fit-all", function () { timeline.fit(still); });
  onClick("opening", function () {
    settled = false;
    timeline.setWindow(opening[0], opening[1], still);
  });
  drawTimeline();
  ready = true;
})();
