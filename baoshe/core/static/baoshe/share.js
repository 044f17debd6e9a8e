// Share bar: the WeChat button opens the server-drawn QR code (not a share: the reader may
// never scan it); 微博, X and 复制链接 are shares, each reported once to the counter. The page
// carries no per-reader token (it may come from a page cache): the counter takes same-origin
// POSTs and decides what counts (engage/throttle.py). The count itself is fetched on load, so
// a cached page shows the current number.
(function () {
  "use strict";
  document.querySelectorAll(".share-bar").forEach(function (bar) {
    var dialog = bar.querySelector(".qr-dialog");
    var counter = bar.querySelector(".share-count");
    var endpoint = bar.getAttribute("data-share-url");
    var countUrl = bar.getAttribute("data-count-url");

    function show(data) { if (data && counter && data.count !== undefined) counter.textContent = data.count; }

    if (countUrl && counter) {
      fetch(countUrl, { credentials: "omit" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(show)
        .catch(function () {});
    }

    function record(channel) {
      if (!endpoint) return;
      var url = endpoint.replace("CHANNEL", channel);
      fetch(url, { method: "POST", keepalive: true, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(show)
        .catch(function () {});
    }

    // The copy button's labels come from the page, translated: its own text, and
    // data-copied-label for the two seconds after a copy.
    var copyButton = bar.querySelector(".share-btn--copy");
    var copyLabel = copyButton ? copyButton.textContent : "";

    function copy(button) {
      var text = button.getAttribute("data-url");
      var done = function () {
        button.textContent = button.getAttribute("data-copied-label") || copyLabel;
        setTimeout(function () { button.textContent = copyLabel; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () {});
        return;
      }
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "share-copy-field";
      document.body.appendChild(field);
      field.select();
      try { if (document.execCommand("copy")) done(); } catch (e) { /* nothing to copy with */ }
      document.body.removeChild(field);
    }

    var wechat = bar.querySelector(".share-btn--wechat");
    if (wechat && dialog) {
      wechat.addEventListener("click", function () {
        var image = dialog.querySelector("img");
        if (image) image.loading = "eager";
        dialog.showModal();
      });
      dialog.addEventListener("click", function (event) {
        if (event.target === dialog) dialog.close(); // click on the backdrop
      });
    }

    bar.querySelectorAll("[data-channel]").forEach(function (control) {
      control.addEventListener("click", function () {
        var channel = control.getAttribute("data-channel");
        if (channel === "copy") copy(control);
        record(channel);
      });
    });
  });
})();
