// Share bar: the WeChat button opens the server-drawn QR code; every share bumps the counter.
(function () {
  "use strict";
  document.querySelectorAll(".share-bar").forEach(function (bar) {
    var dialog = bar.querySelector(".qr-dialog");
    var counter = bar.querySelector(".share-count");
    var endpoint = bar.getAttribute("data-share-url");

    function record(channel) {
      if (!endpoint) return;
      var url = endpoint.replace("CHANNEL", channel);
      fetch(url, { method: "POST", keepalive: true, credentials: "omit" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && counter) counter.textContent = data.count; })
        .catch(function () {});
    }

    bar.querySelectorAll("[data-channel]").forEach(function (control) {
      control.addEventListener("click", function () {
        var channel = control.getAttribute("data-channel");
        if (channel === "wechat" && dialog) {
          var image = dialog.querySelector("img");
          if (image) image.loading = "eager";
          dialog.showModal();
        }
        record(channel);
      });
    });

    if (dialog) {
      dialog.addEventListener("click", function (event) {
        if (event.target === dialog) dialog.close(); // click on the backdrop
      });
    }
  });
})();
