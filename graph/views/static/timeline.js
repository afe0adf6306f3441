var timelineEvents = /*{{*/ events_json /*}}*/;
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
      labels.appendChild(el("text", {"class": "lane-label", x: 6, y: y + 13}, name.length > 26 ? name.slice(0, 25) + "\u2026" : name));
      placed.forEach(function (p) {
        var ev = p[0], cy = y + PAD / 2 + p[3] * ROW + ROW / 2, mark;
        if (p[2] > p[1]) {
          mark = el("rect", {"class": "ev range", x: p[1], y: cy - 5, width: Math.max(p[2] - p[1], 4), height: 10, rx: 3});
        } else {
          mark = el("circle", {"class": "ev point", cx: p[1], cy: cy, r: 5});
        }
        mark.setAttribute("data-event", ev.id);
        mark.appendChild(el("title", {}, (ev.date || "") + " \u00b7 " + ev.label));
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
