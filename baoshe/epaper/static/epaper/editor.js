/* E-paper hotspot editor: select, move, resize, add, delete, merge and split hotspots, give text
   blocks to a story (click or lasso), draw polygons, edit the article fields, then save the
   page's whole article list as JSON. Coordinates are PDF points (the SVG viewBox is the page
   size). Vanilla JS, no dependencies. Its words come translated from the page (json_script
   "ep-editor-strings").

   Tools (toolbar buttons, data-tool):
   - select: click a hotspot to select its article, drag to move, drag a corner to reshape,
     double-click an edge to add a corner; Shift+click another article marks it for Merge.
   - blocks: the segmenter's text blocks take the clicks; a click (or Enter) adds the block's
     rectangle to the selected article and takes an identical rectangle away from any other.
   - lasso: drag a free-form path; every block whose centre lies inside is added the same way,
     one rectangle per block (each stays a block-sized hotspot: it can be moved or deleted on
     its own, and a later click on the block finds it again). Esc cancels.
   - polygon: click the corners; double-click or Enter closes it into a hotspot of the selected
     article, Backspace removes the last corner, Esc cancels.
   Without a selected article, blocks, lasso and polygon start a new one. */
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
  var help = document.getElementById("ep-help");
  var confidenceBox = document.getElementById("ep-confidence");
  var FIELDS = ["kicker", "title", "subtitle", "byline", "body"];
  var TOOL_HELP = { blocks: "blocksHelp", lasso: "lassoHelp", polygon: "polygonHelp" };
  var defaultHelp = help.textContent;
  var sel = data.articles.length ? 0 : -1, shape = 0, mergeMode = false, drag = null, dirty = false;
  var tool = "select", target = -1, drawing = null, lasso = null;

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
  function pointsAttr(poly) { return poly.map(function (p) { return p.join(","); }).join(" "); }
  function inside(pt, poly) {  // ray casting; poly: [[x, y], …]
    var hit = false;
    for (var i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      var a = poly[i], b = poly[j];
      if ((a[1] > pt[1]) !== (b[1] > pt[1]) &&
          pt[0] < (b[0] - a[0]) * (pt[1] - a[1]) / (b[1] - a[1]) + a[0]) hit = !hit;
    }
    return hit;
  }
  function centre(block) { return [(block.bbox[0] + block.bbox[2]) / 2, (block.bbox[1] + block.bbox[3]) / 2]; }
  function blockRect(block) {
    var b = block.bbox;
    return rect(round(b[0]), round(b[1]), round(b[2]), round(b[3]));
  }
  function samePoly(p, q) {
    return p.length === q.length && p.every(function (pt, i) {
      return Math.abs(pt[0] - q[i][0]) < 0.15 && Math.abs(pt[1] - q[i][1]) < 0.15;
    });
  }
  /* the article whose hotspots contain the block's centre (-1: none); the selected one wins */
  function owner(block) {
    var c = centre(block), found = -1;
    data.articles.forEach(function (a, i) {
      if ((found === -1 || i === sel) && a.hotspots.some(function (p) { return inside(c, p); })) found = i;
    });
    return found;
  }
  function blockLabel(block) {
    return block.kind === "picture" ? S.picture : fill(S.block, "text", block.text.slice(0, 40));
  }

  function draw() {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    data.articles.forEach(function (a, i) {
      a.hotspots.forEach(function (poly, k) {
        var cls = i === sel ? "is-selected" + (k === shape ? " is-active" : "") : (i === target ? "is-target" : "");
        var node = el("polygon", { points: pointsAttr(poly), "class": cls });
        node.dataset.article = i; node.dataset.shape = k;
        svg.appendChild(node);
      });
    });
    (data.blocks || []).forEach(function (block, n) {
      var who = owner(block), b = block.bbox;
      var cls = "ep-block" + (who === -1 ? " is-free" : "") + (who === sel && sel >= 0 ? " is-mine" : "") +
        (block.kind === "picture" ? " is-picture" : "");
      var node = el("rect", { x: b[0], y: b[1], width: b[2] - b[0], height: b[3] - b[1], "class": cls });
      node.dataset.block = n;
      var label = blockLabel(block) + (who === -1 ? " · " + S.freeBlock : "");
      var title = el("title", {}); title.textContent = label; node.appendChild(title);
      if (tool === "blocks") { node.setAttribute("tabindex", "0"); node.setAttribute("role", "button"); node.setAttribute("aria-label", label); }
      svg.appendChild(node);
    });
    data.articles.forEach(function (a, i) {
      if (a.hotspots.length) {
        var b = bbox(a.hotspots);
        var label = el("text", { x: b[0] + 6, y: b[1] + 20 });
        label.textContent = i + 1;
        svg.appendChild(label);
      }
    });
    var a = current();
    if (a && a.hotspots[shape] && tool === "select") {
      a.hotspots[shape].forEach(function (p, v) {
        var handle = el("circle", { cx: p[0], cy: p[1], r: 7 });
        handle.dataset.vertex = v;
        svg.appendChild(handle);
      });
    }
    if (lasso && lasso.length > 1) svg.appendChild(el("polygon", { points: pointsAttr(lasso), "class": "ep-lasso" }));
    if (drawing && drawing.points.length) {
      var pts = drawing.points.concat(drawing.cursor ? [drawing.cursor] : []);
      svg.appendChild(el("polyline", { points: pointsAttr(pts), "class": "ep-drawing" }));
      drawing.points.forEach(function (p) { svg.appendChild(el("circle", { cx: p[0], cy: p[1], r: 5, "class": "ep-corner" })); });
    }
    list.innerHTML = "";
    data.articles.forEach(function (a, i) {
      var li = document.createElement("li");
      var doubtful = typeof a.confidence === "number" && a.confidence < data.low;
      li.textContent = (a.title || S.untitled) + (a.hotspots.length ? "" : " · " + S.noHotspots);
      if (doubtful) {
        var flag = document.createElement("span");
        flag.className = "ep-flag"; flag.textContent = S.doubtful;
        li.appendChild(flag);
      }
      li.setAttribute("aria-selected", i === sel ? "true" : "false");
      if (i === target) li.className = "is-target";
      li.tabIndex = 0;
      li.addEventListener("click", function (e) { if (e.shiftKey) mark(i); else pick(i, 0); });
      li.addEventListener("keydown", function (e) {
        if (e.key === "Enter") { e.preventDefault(); if (e.shiftKey) mark(i); else pick(i, 0); }
      });
      list.appendChild(li);
    });
    fields.disabled = !a;
    FIELDS.forEach(function (name) { fields.elements[name].value = a ? a[name] : ""; });
    document.getElementById("ep-web").textContent = a && a.web ? fill(S.web, "title", a.web) : "";
    drawConfidence(a);
  }

  function drawConfidence(a) {
    confidenceBox.innerHTML = "";
    confidenceBox.className = "ep-editor__confidence";
    if (!a || typeof a.confidence !== "number") return;
    var line = document.createElement("p");
    line.textContent = fill(S.confidence, "value", a.confidence.toFixed(2));
    confidenceBox.appendChild(line);
    if (a.confidence < data.low) confidenceBox.className += " ep-warn";
    if (a.reasons && a.reasons.length) {
      var ul = document.createElement("ul");
      a.reasons.forEach(function (r) { var li = document.createElement("li"); li.textContent = r; ul.appendChild(li); });
      confidenceBox.appendChild(ul);
    }
  }

  function pick(i, k) {
    if (mergeMode && sel >= 0 && i !== sel) { merge(i); return; }
    if (i !== sel) target = -1;
    sel = i; shape = k || 0; draw();
  }

  function mark(i) {  // Shift+click: the article Merge will fold into the selected one
    if (sel < 0 || i === sel) return;
    target = target === i ? -1 : i; draw();
    if (target >= 0) say(fill(S.mergeTarget, "title", data.articles[i].title || S.untitled));
  }

  function merge(other) {
    var a = current(), b = data.articles[other];
    a.hotspots = a.hotspots.concat(b.hotspots);
    a.body = [a.body, b.body].filter(Boolean).join("\n");
    ["title", "kicker", "subtitle", "byline"].forEach(function (name) { if (!a[name]) a[name] = b[name]; });
    a.merged_from = (a.merged_from || []).concat(b.id ? [b.id] : [], b.merged_from || []);
    data.articles.splice(other, 1);
    if (other < sel) sel -= 1;
    mergeMode = false; target = -1; touch(); draw(); say(S.merged);
  }

  function blank(hotspots) {
    return { id: null, kicker: "", title: "", subtitle: "", byline: "", body: "", hotspots: hotspots, web: "" };
  }

  /* the selected article, or a new one when none is selected */
  function receiver() {
    if (!current()) { data.articles.push(blank([])); sel = data.articles.length - 1; shape = 0; }
    return current();
  }

  /* give blocks to the selected article: one rectangle each, taken from any other article */
  function giveBlocks(blocks) {
    var a = receiver(), added = 0;
    blocks.forEach(function (block) {
      var r = blockRect(block);
      data.articles.forEach(function (other) {
        if (other === a) return;
        other.hotspots = other.hotspots.filter(function (p) { return !samePoly(p, r); });
      });
      if (a.hotspots.some(function (p) { return samePoly(p, r); })) return;
      a.hotspots.push(r); added += 1;
    });
    if (added) { shape = a.hotspots.length - 1; touch(); }
    draw();
    return added;
  }

  function setTool(name) {
    cancelGesture();
    tool = name; mergeMode = false;
    root.dataset.activeTool = name;
    Array.prototype.forEach.call(root.querySelectorAll("button[data-tool]"), function (btn) {
      btn.setAttribute("aria-pressed", btn.dataset.tool === name ? "true" : "false");
    });
    help.textContent = TOOL_HELP[name] ? S[TOOL_HELP[name]] : defaultHelp;
    draw();
  }

  function cancelGesture() {
    var busy = !!(lasso || drawing);
    lasso = null; drawing = null; drag = null;
    return busy;
  }

  function closePolygon() {
    if (!drawing) return;
    var pts = drawing.points;
    drawing = null;
    if (pts.length < 3) { draw(); say(S.cancelled); return; }
    var a = receiver();
    a.hotspots.push(pts);
    shape = a.hotspots.length - 1;
    touch(); setTool("select"); say(fill(S.polygonAdded, "count", pts.length));
  }

  var actions = {
    "add-article": function () {
      var w = data.width / 4, h = data.height / 8;
      data.articles.push(blank([rect(round(w * 1.5), round(h * 3.5), round(w * 2.5), round(h * 4.5))]));
      sel = data.articles.length - 1; shape = 0; target = -1; touch(); draw();
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
      data.articles.splice(sel, 1); sel = Math.min(sel, data.articles.length - 1); shape = 0; target = -1;
      touch(); draw();
    },
    "merge": function () {
      if (!current()) return;
      if (target >= 0 && target !== sel) { merge(target); return; }
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
      if (target > sel) target += 1;
      sel += 1; shape = 0; touch(); draw(); say(S.split);
    },
    "save": save
  };
  Array.prototype.forEach.call(root.querySelectorAll("[data-act]"), function (btn) {
    btn.addEventListener("click", function () { actions[btn.dataset.act](); });
  });
  Array.prototype.forEach.call(root.querySelectorAll("button[data-tool]"), function (btn) {
    btn.addEventListener("click", function () { setTool(btn.dataset.tool); });
  });
  document.getElementById("ep-reviewed").addEventListener("change", touch);
  FIELDS.forEach(function (name) {
    fields.elements[name].addEventListener("input", function (e) {
      var a = current(); if (!a) return;
      a[name] = e.target.value; touch();
      if (name === "title") list.children[sel].firstChild.textContent = a.title || S.untitled;
    });
  });

  svg.addEventListener("pointerdown", function (e) {
    var t = e.target, a;
    if (e.button !== 0) return;
    if (tool === "lasso") {
      lasso = [point(e)];
    } else if (tool === "polygon") {
      var p = point(e), pts = (drawing = drawing || { points: [], cursor: null }).points, last = pts[pts.length - 1];
      // the second press of a double-click lands on the corner just made: no new corner
      if (!last || Math.hypot(last[0] - p[0], last[1] - p[1]) > 3) pts.push([round(p[0]), round(p[1])]);
      draw(); e.preventDefault(); return;
    } else if (tool === "blocks") {
      if (t.dataset.block === undefined) return;
      var added = giveBlocks([data.blocks[Number(t.dataset.block)]]);
      say(added ? S.blockAdded : S.blockThere);
      e.preventDefault(); return;
    } else if (t.dataset.vertex !== undefined) {
      a = current();
      drag = { kind: "vertex", v: Number(t.dataset.vertex), poly: a.hotspots[shape] };
    } else if (t.dataset.article !== undefined) {
      var i = Number(t.dataset.article), k = Number(t.dataset.shape);
      if (e.shiftKey && i !== sel) { mark(i); e.preventDefault(); return; }
      if (mergeMode) { pick(i, k); return; }
      if (i !== sel || k !== shape) pick(i, k);
      a = current(); if (!a) return;
      drag = { kind: "move", start: point(e), orig: a.hotspots[shape].map(function (p) { return p.slice(); }) };
    } else { return; }
    svg.setPointerCapture(e.pointerId);
    e.preventDefault();
  });
  svg.addEventListener("pointermove", function (e) {
    if (lasso) {
      var q = point(e), last = lasso[lasso.length - 1];
      if (Math.hypot(q[0] - last[0], q[1] - last[1]) > 2) { lasso.push([round(q[0]), round(q[1])]); draw(); }
      return;
    }
    if (drawing) { drawing.cursor = point(e); draw(); return; }
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
  function endDrag() {
    if (lasso) {
      var path = lasso; lasso = null;
      var hits = path.length > 2 ? (data.blocks || []).filter(function (b) { return inside(centre(b), path); }) : [];
      if (!hits.length) { draw(); say(S.lassoNone); return; }
      giveBlocks(hits);
      say(fill(S.lassoAdded, "count", hits.length));
      return;
    }
    if (drag) { drag = null; touch(); }
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", function () { if (cancelGesture()) draw(); });
  svg.addEventListener("dblclick", function (e) {
    if (tool === "polygon") { e.preventDefault(); closePolygon(); return; }
    if (tool !== "select") return;
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
  svg.addEventListener("keydown", function (e) {  // Enter or Space on a focused text block
    var t = e.target;
    if (tool !== "blocks" || t.dataset.block === undefined || (e.key !== "Enter" && e.key !== " ")) return;
    e.preventDefault();
    var n = Number(t.dataset.block);
    say(giveBlocks([data.blocks[n]]) ? S.blockAdded : S.blockThere);
    var again = svg.querySelector('[data-block="' + n + '"]');
    if (again) again.focus();
  });
  document.addEventListener("keydown", function (e) {
    var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
    if (e.key === "Escape") {
      if (cancelGesture()) { draw(); say(S.cancelled); e.preventDefault(); return; }
      if (mergeMode || target >= 0) { mergeMode = false; target = -1; draw(); say(S.cancelled); return; }
      if (tool !== "select" && !typing) setTool("select");
      return;
    }
    if (!drawing || typing) return;
    if (e.key === "Enter") { e.preventDefault(); closePolygon(); }
    else if (e.key === "Backspace") { e.preventDefault(); drawing.points.pop(); draw(); }
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
        var out = { id: a.id, hotspots: a.hotspots, merged_from: a.merged_from || [] };
        FIELDS.forEach(function (name) { out[name] = a[name]; });
        return out;
      })
    };
    return fetch(root.dataset.saveUrl, {
      method: "POST", credentials: "same-origin",
      // X-Requested-With: Wagtail then answers a refusal (no permission, logged out) with 403
      // instead of a redirect to an HTML page
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf(), "X-Requested-With": "XMLHttpRequest" },
      body: JSON.stringify(payload)
    }).then(function (r) {
      if (r.status === 403 || r.redirected) throw new Error(S.forbidden);
      if (!r.ok) {
        return r.text().then(function (t) {
          var message = t;
          try { message = JSON.parse(t).error || t; } catch (ignore) { /* not JSON */ }
          throw new Error(message || r.statusText);
        });
      }
      return r.json();
    }).then(function (fresh) {
      // the answer is the saved page: ids of new articles, merged ones gone
      data = fresh; dirty = false; target = -1; mergeMode = false;
      sel = Math.min(sel, data.articles.length - 1); shape = 0; draw(); say(S.saved);
    }).catch(function (err) {
      // nothing is lost: the unsaved work stays in the editor
      say(fill(S.saveFailed, "error", err.message));
    });
  }
  window.addEventListener("beforeunload", function (e) { if (dirty) { e.preventDefault(); e.returnValue = ""; } });
  draw();
})();
