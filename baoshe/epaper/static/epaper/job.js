/* Import job page: poll the job's status every second until it is finished (done or
   failed), showing the page progress and, at the end, the result or the failure. */
(function () {
  "use strict";
  var root = document.getElementById("ep-job");
  if (!root || root.dataset.finished) return;
  var failures = 0;

  function byId(id) { return document.getElementById(id); }

  function render(job) {
    byId("ep-job-status").textContent = job.status_display;
    byId("ep-job-pages").textContent = job.pages_done + "/" + job.pages_total;
    byId("ep-job-progress").value = job.progress;
    var summary = byId("ep-job-summary");
    summary.textContent = job.summary;
    summary.classList.toggle("ep-job-summary--done", job.finished && !job.failed);
    summary.classList.toggle("ep-job-summary--failed", !!job.failed);
    var list = byId("ep-job-messages");
    list.textContent = "";
    job.messages.forEach(function (m) {
      var li = document.createElement("li");
      li.textContent = m;
      list.appendChild(li);
    });
    if (job.issue_url) {
      byId("ep-job-issue").href = job.issue_url;
      byId("ep-job-done").hidden = false;
    }
    if (job.finished) root.dataset.finished = "1";
  }

  function poll() {
    fetch(root.dataset.statusUrl, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } })
      .then(function (r) {
        var type = r.headers.get("Content-Type") || "";
        if (!r.ok || type.indexOf("application/json") !== 0) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .then(function (job) {
        failures = 0;
        render(job);
        if (!job.finished) setTimeout(poll, 1000);
      })
      .catch(function () {
        // a logged-out session or a server error: retry a few times, then say so and stop
        failures += 1;
        if (failures < 5) { setTimeout(poll, 3000); return; }
        var summary = byId("ep-job-summary");
        summary.textContent = root.dataset.pollError;
        summary.classList.add("ep-job-summary--failed");
      });
  }
  poll();
})();
