/* E-paper reader: text mode, zoom (buttons and pinch), swipe between pages, arrow keys,
   hotspot ↔ title highlighting. Vanilla JS, no dependencies. */
(function () {
  "use strict";
  var root = document.getElementById("ep");
  if (!root) return;
  var viewport = document.getElementById("ep-viewport");
  var box = document.getElementById("ep-zoom");
  var img = box && box.querySelector("img");
  var zoom = 1;

  function go(url) { if (url) window.location.href = url; }

  function setZoom(value) {
    zoom = Math.max(1, Math.min(3, value));
    box.style.width = zoom * 100 + "%";
    // Ask for the zoom image once the page is shown larger than the screen image.
    if (img && zoom > 1.2) img.sizes = Math.round(viewport.clientWidth * zoom) + "px";
  }

  // 文字版 (text version) or 版面图 (page image); the choice is remembered across pages.
  var mode = document.getElementById("ep-mode");
  var imageMode = document.getElementById("ep-mode-image");
  function setText(on, remember) {
    root.classList.toggle("ep--text", on);
    if (mode) mode.setAttribute("aria-pressed", on ? "true" : "false");
    if (imageMode) imageMode.setAttribute("aria-pressed", on ? "false" : "true");
    if (remember) {
      try { localStorage.setItem("ep-text", on ? "1" : ""); } catch (e) { /* private mode */ }
    }
  }
  if (mode) {
    mode.addEventListener("click", function () { setText(!root.classList.contains("ep--text"), true); });
    Array.prototype.forEach.call(root.querySelectorAll('#ep-mode-image, [data-mode="image"]'), function (btn) {
      btn.addEventListener("click", function () {
        setText(false, true);
        if (btn !== imageMode && imageMode) imageMode.focus();
      });
    });
    try { if (localStorage.getItem("ep-text")) setText(true, false); } catch (e) { /* ignore */ }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".ep-zoom-btn"), function (btn) {
    btn.addEventListener("click", function () { setZoom(zoom + 0.5 * Number(btn.dataset.zoom)); });
  });

  // Touch: one finger swipes to the previous/next page (when not zoomed), two fingers zoom.
  var start = null, pinch = null;
  function distance(t) { return Math.hypot(t[0].clientX - t[1].clientX, t[0].clientY - t[1].clientY); }
  if (viewport) {
    viewport.addEventListener("touchstart", function (e) {
      if (e.touches.length === 2) { pinch = { d: distance(e.touches), z: zoom }; start = null; }
      else if (e.touches.length === 1) { start = { x: e.touches[0].clientX, y: e.touches[0].clientY }; }
    }, { passive: true });
    viewport.addEventListener("touchmove", function (e) {
      if (pinch && e.touches.length === 2) {
        e.preventDefault();
        setZoom(pinch.z * distance(e.touches) / pinch.d);
      }
    }, { passive: false });
    viewport.addEventListener("touchend", function (e) {
      if (pinch) { if (e.touches.length < 2) pinch = null; return; }
      if (!start || zoom > 1 || !e.changedTouches.length) { start = null; return; }
      var dx = e.changedTouches[0].clientX - start.x, dy = e.changedTouches[0].clientY - start.y;
      start = null;
      if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) go(dx < 0 ? root.dataset.next : root.dataset.prev);
    });
  }

  document.addEventListener("keydown", function (e) {
    var t = e.target.tagName;
    if (e.altKey || e.ctrlKey || e.metaKey || t === "INPUT" || t === "TEXTAREA") return;
    if (e.key === "ArrowLeft") go(root.dataset.prev);
    if (e.key === "ArrowRight") go(root.dataset.next);
  });

  // Hovering or focusing a title lights its hotspot, and the other way round.
  function light(n, on) {
    Array.prototype.forEach.call(root.querySelectorAll('[data-n="' + n + '"]'), function (el) {
      el.classList.toggle("is-lit", on);
    });
  }
  Array.prototype.forEach.call(root.querySelectorAll("[data-n]"), function (el) {
    ["mouseenter", "focusin"].forEach(function (ev) { el.addEventListener(ev, function () { light(el.dataset.n, true); }); });
    ["mouseleave", "focusout"].forEach(function (ev) { el.addEventListener(ev, function () { light(el.dataset.n, false); }); });
  });
})();
