/* E-paper hotspot editor: select, move, resize, add, delete, merge and split hotspots, edit the
   article fields, then save the page's whole article list as JSON. Coordinates are PDF points
   (the SVG viewBox is the page size). Vanilla JS, no dependencies. Its words come translated
   from the page (json_script "ep-editor-strings"). */
(function () {
  "use strict";
  var root = document.getElementById("ep-editor");
  if (!root) return;
  var NS = "http://www.w3.org/2000/svg";
  var data = JSON.parse(document.getElementById("ep-editor-data").textContent);
  var S = JSON.parse(document.getElementById("ep-editor-strings").textContent);
  var svg = document.getElementById("ep-svg");
  var list = document.getElementById("ep-list");
  var fields = document.getElementById("ep-fields");
  var status = document.getElementById("ep-status");
  var FIELDS = ["kicker", "title", "subtitle", "byline", "body"];
  var sel = data.articles.length ? 0 : -1, shape = 0, mergeMode = false, drag = null, dirty = false;

  function say(text) { status.textContent = text; }
  function fill(template, name, value) {
    return template.replace("%(" + name + ")s", function () { return value; });
  }
  function touch() { dirty = true; say(S.unsaved); }
  function current() { return data.articles[sel]; }
  function el(name, attrs) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }
  function point(evt) {
    var p = svg.createSVGPoint();
    p.x = evt.clientX; p.y = evt.clientY;
    var q = p.matrixTransform(svg.getScreenCTM().inverse());
    return [Math.max(0, Math.min(data.width, q.x)), Math.max(0, Math.min(data.height, q.y))];
  }
  function rect(x0, y0, x1, y1) { return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]; }
  function isRect(poly) {
    return poly.length === 4 && poly[0][1] === poly[1][1] && poly[1][0] === poly[2][0] &&
      poly[2][1] === poly[3][1] && poly[3][0] === poly[0][0];
  }
  function bbox(polys) {
    var xs = [], ys = [];
    polys.forEach(function (p) { p.forEach(function (pt) { xs.push(pt[0]); ys.push(pt[1]); }); });
    return [Math.min.apply(null, xs), Math.min.apply(null, ys), Math.max.apply(null, xs), Math.max.apply(null, ys)];
  }
  function round(v) { return Math.round(v * 10) / 10; }

  function draw() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    data.articles.forEach(function (a, i) {
      a.hotspots.forEach(function (poly, k) {
        var cls = i === sel ? "is-selected" + (k === shape ? " is-active" : "") : "";
        var node = el("polygon", { points: poly.map(function (p) { return p.join(","); }).join(" "), "class": cls });
        node.dataset.article = i; node.dataset.shape = k;
        svg.appendChild(node);
      });
      if (a.hotspots.length) {
        var b = bbox(a.hotspots);
        var label = el("text", { x: b[0] + 6, y: b[1] + 20 });
        label.textContent = i + 1;
        svg.appendChild(label);
      }
    });
    var a = current();
    if (a && a.hotspots[shape]) {
      a.hotspots[shape].forEach(function (p, v) {
        var handle = el("circle", { cx: p[0], cy: p[1], r: 7 });
        handle.dataset.vertex = v;
        svg.appendChild(handle);
      });
    }
    list.innerHTML = "";
    data.articles.forEach(function (a, i) {
      var li = document.createElement("li");
      li.textContent = (a.title || S.untitled) + (a.hotspots.length ? "" : " · " + S.noHotspots);
      li.setAttribute("aria-selected", i === sel ? "true" : "false");
      li.tabIndex = 0;
      li.addEventListener("click", function () { pick(i, 0); });
      li.addEventListener("keydown", function (e) { if (e.key === "Enter") pick(i, 0); });
      list.appendChild(li);
    });
    fields.disabled = !a;
    FIELDS.forEach(function (name) { fields.elements[name].value = a ? a[name] : ""; });
    document.getElementById("ep-web").textContent = a && a.web ? fill(S.web, "title", a.web) : "";
  }

  function pick(i, k) {
    if (mergeMode && sel >= 0 && i !== sel) { merge(i); return; }
    sel = i; shape = k || 0; draw();
  }

  function merge(other) {
    var a = current(), b = data.articles[other];
    a.hotspots = a.hotspots.concat(b.hotspots);
    a.body = [a.body, b.body].filter(Boolean).join("\n");
    if (!a.title) a.title = b.title;
    data.articles.splice(other, 1);
    if (other < sel) sel -= 1;
    mergeMode = false; touch(); draw(); say(S.merged);
  }

  function blank(hotspots) {
    return { id: null, kicker: "", title: "", subtitle: "", byline: "", body: "", hotspots: hotspots, web: "" };
  }

  var actions = {
    "add-article": function () {
      var w = data.width / 4, h = data.height / 8;
      data.articles.push(blank([rect(round(w * 1.5), round(h * 3.5), round(w * 2.5), round(h * 4.5))]));
      sel = data.articles.length - 1; shape = 0; touch(); draw();
      fields.elements.title.focus();
    },
    "add-rect": function () {
      var a = current(); if (!a) return;
      var w = data.width / 6, h = data.height / 10;
      a.hotspots.push(rect(round(w * 2.5), round(h * 4.5), round(w * 3.5), round(h * 5.5)));
      shape = a.hotspots.length - 1; touch(); draw();
    },
    "delete-shape": function () {
      var a = current(); if (!a || !a.hotspots.length) return;
      a.hotspots.splice(shape, 1); shape = 0; touch(); draw();
    },
    "delete-article": function () {
      if (!current() || !window.confirm(S.confirmDelete)) return;
      data.articles.splice(sel, 1); sel = Math.min(sel, data.articles.length - 1); shape = 0; touch(); draw();
    },
    "merge": function () {
      if (!current()) return;
      mergeMode = !mergeMode; say(mergeMode ? S.pickMerge : "");
    },
    "split": function () {
      var a = current(); if (!a || !a.hotspots.length) return;
      var part;
      if (a.hotspots.length > 1) {
        part = a.hotspots.splice(shape, 1);
      } else {
        var b = bbox(a.hotspots), mid = round((b[1] + b[3]) / 2);
        a.hotspots = [rect(b[0], b[1], b[2], mid)];
        part = [rect(b[0], mid, b[2], b[3])];
      }
      data.articles.splice(sel + 1, 0, blank(part));
      sel += 1; shape = 0; touch(); draw(); say(S.split);
    },
    "save": save
  };
  Array.prototype.forEach.call(root.querySelectorAll("[data-act]"), function (btn) {
    btn.addEventListener("click", function () { actions[btn.dataset.act](); });
  });
  document.getElementById("ep-reviewed").addEventListener("change", touch);
  FIELDS.forEach(function (name) {
    fields.elements[name].addEventListener("input", function (e) {
      var a = current(); if (!a) return;
      a[name] = e.target.value; touch();
      if (name === "title") list.children[sel].textContent = a.title || S.untitled;
    });
  });

  svg.addEventListener("pointerdown", function (e) {
    var t = e.target, a;
    if (t.dataset.vertex !== undefined) {
      a = current();
      drag = { kind: "vertex", v: Number(t.dataset.vertex), poly: a.hotspots[shape] };
    } else if (t.dataset.article !== undefined) {
      var i = Number(t.dataset.article), k = Number(t.dataset.shape);
      if (mergeMode) { pick(i, k); return; }
      if (i !== sel || k !== shape) pick(i, k);
      a = current(); if (!a) return;
      drag = { kind: "move", start: point(e), orig: a.hotspots[shape].map(function (p) { return p.slice(); }) };
    } else { return; }
    svg.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  svg.addEventListener("pointermove", function (e) {
    if (!drag) return;
    var p = point(e), a = current();
    if (drag.kind === "move") {
      var dx = p[0] - drag.start[0], dy = p[1] - drag.start[1];
      a.hotspots[shape] = drag.orig.map(function (q) { return [round(q[0] + dx), round(q[1] + dy)]; });
    } else if (isRect(drag.poly)) {
      var opp = drag.poly[(drag.v + 2) % 4], r = rect(round(Math.min(p[0], opp[0])), round(Math.min(p[1], opp[1])), round(Math.max(p[0], opp[0])), round(Math.max(p[1], opp[1])));
      a.hotspots[shape] = r; drag.poly = r;
      drag.v = r.findIndex(function (q) { return q[0] === round(p[0]) || q[1] === round(p[1]); });
      if (drag.v < 0) drag.v = 2;
    } else {
      drag.poly[drag.v] = [round(p[0]), round(p[1])];
    }
    dirty = true; draw();
  });
  function endDrag() { if (drag) { drag = null; touch(); } }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  svg.addEventListener("dblclick", function (e) {
    var a = current(); if (!a || !a.hotspots[shape]) return;
    var p = point(e), poly = a.hotspots[shape], best = 0, bestD = Infinity;
    poly.forEach(function (q, i) {
      var r = poly[(i + 1) % poly.length], mx = (q[0] + r[0]) / 2, my = (q[1] + r[1]) / 2;
      var d = Math.hypot(mx - p[0], my - p[1]);
      if (d < bestD) { bestD = d; best = i; }
    });
    poly.splice(best + 1, 0, [round(p[0]), round(p[1])]);
    touch(); draw();
  });

  function csrf() {
    var m = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return m ? decodeURIComponent(m[1]) : (input ? input.value : "");
  }
  function save() {
    say(S.saving);
    var payload = {
      reviewed: document.getElementById("ep-reviewed").checked,
      articles: data.articles.map(function (a) {
        var out = { id: a.id, hotspots: a.hotspots };
        FIELDS.forEach(function (name) { out[name] = a[name]; });
        return out;
      })
    };
    return fetch(root.dataset.saveUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() },
      body: JSON.stringify(payload)
    }).then(function (r) {
      if (!r.ok) return r.text().then(function (t) { throw new Error(t); });
      return r.json();
    }).then(function (fresh) {
      data = fresh; dirty = false;
      sel = Math.min(sel, data.articles.length - 1); shape = 0; draw(); say(S.saved);
    }).catch(function (err) { say(fill(S.saveFailed, "error", err.message)); });
  }
  window.addEventListener("beforeunload", function (e) { if (dirty) { e.preventDefault(); e.returnValue = ""; } });
  draw();
})();
